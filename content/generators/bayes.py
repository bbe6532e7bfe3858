"""Generated questions for lesson 08 (bayes): posterior, second test, confusion counts."""

from __future__ import annotations

from content.generators import Generated, generator
from content.generators._common import equals, fixed, matrix, nested, numeric

_PREVALENCES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3)
_SENSITIVITIES = (0.8, 0.9, 0.95, 0.99)
_FALSE_POSITIVE_RATES = (0.01, 0.02, 0.05, 0.1, 0.2)


def _pick(rng, options, params: dict, name: str) -> float:
    """``params[name]`` if given (must lie in (0, 1)), else a random friendly value."""
    if name in params:
        value = float(params[name])
        if not 0.0 < value < 1.0:
            raise ValueError(f"params.{name} must lie strictly between 0 and 1, got {value}")
        return value
    return float(options[int(rng.integers(0, len(options)))])


def _test(rng, params: dict) -> tuple[float, float, float]:
    return (
        _pick(rng, _PREVALENCES, params, "prevalence"),
        _pick(rng, _SENSITIVITIES, params, "sensitivity"),
        _pick(rng, _FALSE_POSITIVE_RATES, params, "false_positive_rate"),
    )


@generator("bayes.posterior")
def posterior(rng, params: dict) -> Generated:
    """P(D | +) after one positive test."""
    from mathcore import bayes

    prior, sens, fpr = _test(rng, params)
    answer = float(bayes.posterior(prior, sens, fpr))
    hit, alarm = sens * prior, fpr * (1.0 - prior)
    prompt = (
        f"유병률 {fixed(prior)}, 민감도 $P(+ \\mid D) = {fixed(sens)}$, "
        f"오탐률 $P(+ \\mid D^c) = {fixed(fpr)}$인 검사에서 양성이 나왔습니다. "
        "실제로 병이 있을 확률 $P(D \\mid +)$는? (소수 넷째 자리까지)"
    )
    explanation = (
        f"분자 P(+|D)·P(D) = {fixed(sens)} × {fixed(prior)} = {fixed(hit, 6)}, "
        f"거짓양성 P(+|Dᶜ)·P(Dᶜ) = {fixed(fpr)} × {fixed(1 - prior)} = {fixed(alarm, 6)}. "
        f"증거 P(+) = {fixed(hit + alarm, 6)}이므로 P(D|+) = {fixed(hit, 6)} / {fixed(hit + alarm, 6)} {equals(answer, latex=False)}입니다."
    )
    wrong = []
    if abs(sens - answer) > 1e-3:
        wrong.append({"answer": fixed(sens), "message": "민감도 P(+|D)를 그대로 썼습니다. 구할 것은 조건이 바뀐 P(D|+)입니다."})
    return numeric(prompt, answer, explanation, tolerance=5e-4, wrong_answers=wrong,
                   hints=["베이즈 정리: P(D|+) = P(+|D)·P(D) / P(+).",
                          "증거 P(+)는 참양성 P(+|D)·P(D)와 거짓양성 P(+|Dᶜ)·(1 − P(D))의 합입니다."])


@generator("bayes.second_test")
def second_test(rng, params: dict) -> Generated:
    """P(D | +, +) after two conditionally independent positive tests."""
    from mathcore import bayes

    prior, sens, fpr = _test(rng, params)
    first, second = (float(v) for v in bayes.sequential_posterior(prior, sens, fpr, 2))
    prompt = (
        f"유병률 {fixed(prior)}, 민감도 {fixed(sens)}, 오탐률 {fixed(fpr)}인 검사를 서로 독립적으로 두 번 했더니 "
        "두 번 모두 양성이었습니다. 병이 있을 확률은? (소수 넷째 자리까지)"
    )
    explanation = (
        f"첫 양성 뒤 P(D|+) = {fixed(sens)}×{fixed(prior)} / ({fixed(sens)}×{fixed(prior)} + "
        f"{fixed(fpr)}×{fixed(1 - prior)}) {equals(first, latex=False)}. 이 값을 새 사전확률로 다시 쓰면 "
        f"{fixed(sens)}×{fixed(first)} / ({fixed(sens)}×{fixed(first)} + {fixed(fpr)}×{fixed(1 - first)}) {equals(second, latex=False)}입니다. "
        "첫 검사 뒤의 사후확률이 두 번째 검사 전의 믿음이므로 그것을 사전확률로 다시 씁니다(병의 유무가 주어지면 "
        "두 검사가 독립이라는 가정 아래)."
    )
    wrong = []
    if abs(first - second) > 1e-3:
        wrong.append({"answer": fixed(first), "message": "첫 검사 뒤의 값입니다. 이것을 사전확률로 넣어 한 번 더 갱신하세요."})
    return numeric(prompt, second, explanation, tolerance=5e-4, wrong_answers=wrong,
                   hints=["먼저 한 번 양성일 때의 사후확률을 구하세요.",
                          "그 사후확률을 두 번째 검사의 사전확률로 써서 베이즈 정리를 한 번 더 적용합니다."])


@generator("bayes.confusion")
def confusion(rng, params: dict) -> Generated:
    """Expected confusion counts [[TP, FN], [FP, TN]] for N people (integers by construction)."""
    from mathcore import bayes

    people = int(params.get("people", 10_000))
    if people % 10_000 != 0 or not 10_000 <= people <= 1_000_000:
        raise ValueError(f"params.people must be a multiple of 10000 up to 1e6, got {people}")
    prior, sens, fpr = _test(rng, params)
    counts = bayes.confusion_counts(people, prior, sens, fpr)
    # Two-decimal rates times a multiple of 10000 people are whole numbers; drop float dust.
    tp, fn, fp, tn = (float(round(float(counts[key]), 6)) for key in ("TP", "FN", "FP", "TN"))
    sick, healthy = people * prior, people * (1 - prior)
    prompt = (
        f"{people}명을 검사합니다. 유병률 {fixed(prior)}, 민감도 {fixed(sens)}, 오탐률 {fixed(fpr)}일 때 "
        "기대 인원수로 혼동행렬을 `[[TP, FN], [FP, TN]]` 꼴로 입력하세요 (첫 행: 실제 환자, 둘째 행: 실제 건강)."
    )
    explanation = (
        f"환자는 {fixed(sick)}명: TP = {fixed(sick)} × {fixed(sens)} = {fixed(tp)}, FN = {fixed(fn)}. "
        f"건강한 사람은 {fixed(healthy)}명: FP = {fixed(healthy)} × {fixed(fpr)} = {fixed(fp)}, TN = {fixed(tn)}. "
        f"양성 중 실제 환자 비율은 TP / (TP + FP) {equals(tp / (tp + fp), latex=False)}입니다. "
        "기대 인원수는 각 집단의 인원에 그 집단에서의 확률을 곱한 것이므로, 먼저 환자와 건강한 사람으로 나눈 뒤 "
        "민감도와 오탐률을 곱합니다."
    )
    swapped = []
    if fn != fp:
        swapped.append({"answer": nested([[tp, fp], [fn, tn]]),
                        "message": "FN과 FP의 자리가 바뀌었습니다. 행은 실제 상태(환자, 건강), "
                                   "열은 검사 결과(양성, 음성)입니다."})
    return matrix(prompt, [[tp, fn], [fp, tn]], explanation, tolerance=1e-6, wrong_answers=swapped,
                  hints=["환자 수 = 인원 × 유병률, 건강한 사람 수 = 인원 × (1 − 유병률)입니다.",
                         "TP는 환자 × 민감도, FP는 건강한 사람 × 오탐률입니다. 나머지는 빼서 구하세요."])
