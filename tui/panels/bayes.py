"""Panel of lesson 08 (Bayes): posterior after repeated positive tests, confusion counts."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import Integer, Number
from .format import fmt_fixed, fmt_num


def compute_posterior(v: dict) -> PanelResult:
    from mathcore import bayes

    prior, sens, fpr, positives, people = (v[k] for k in ("prior", "sensitivity", "fpr", "positives", "people"))
    if sens == 0.0 and fpr == 0.0:
        raise InputError("민감도와 오탐률이 모두 0이면 양성이 나올 수 없습니다.", field="fpr")

    chain = [float(v) for v in bayes.sequential_posterior(prior, sens, fpr, positives)]
    counts = bayes.confusion_counts(people, prior, sens, fpr)
    evidence = (counts["TP"] + counts["FP"]) / people  # P(+) as the expected share of positives
    lines = [
        "P(D|+) = P(+|D)·P(D) / P(+),   P(+) = P(+|D)·P(D) + P(+|¬D)·(1 − P(D))",
        f"P(D) = {fmt_num(prior)},  P(+|D) = {fmt_num(sens)},  P(+|¬D) = {fmt_num(fpr)}  →  P(+) = {fmt_num(evidence, 6)}",
        "",
        "양성이 나올 때마다 사후확률을 새 사전확률로 써서 다시 갱신합니다:",
        *[f"  양성 {i + 1}번 뒤 P(D|+) = {fmt_fixed(p, 4)}" for i, p in enumerate(chain)],
        "",
        f"{people}명을 한 번 검사했을 때 기대 인원 (혼동 행렬):",
        "              실제 질병 있음     실제 질병 없음",
        f"  검사 양성   TP {fmt_num(counts['TP'], 8):<14} FP {fmt_num(counts['FP'], 8)}  (1종 오류)",
        f"  검사 음성   FN {fmt_num(counts['FN'], 8):<14} TN {fmt_num(counts['TN'], 8)}",
        f"  (FN은 2종 오류) 양성 중 실제 환자 비율 TP / (TP + FP) = "
        f"{fmt_fixed(counts['TP'] / (counts['TP'] + counts['FP']), 4) if counts['TP'] + counts['FP'] else '정의 안 됨'}",
    ]
    steps = list(range(positives + 1))
    plot = PlotSpec(kind="line", title="양성 검사 횟수에 따른 사후확률", xlabel="양성 검사 횟수", ylabel="P(D | 양성)",
                    xint=True,
                    series=[Series(steps, [prior] + chain, label="사후확률")], ylim=(0.0, 1.05))
    data = {"posteriors": chain, "counts": counts, "evidence": evidence}
    return PanelResult("\n".join(lines), [plot], data)


PANELS = [
    Panel(
        id="bayes.posterior",
        title="베이즈 정리: 검사 양성 뒤의 사후확률",
        lesson="bayes",
        description="유병률, 민감도, 오탐률로 양성 판정 뒤 실제로 병이 있을 확률을 구하고, 재검사로 갱신합니다.",
        fields=[
            Number("prior", "유병률 P(D)", "0.1", low=0.0, high=1.0, low_open=True, high_open=True,
                   help="0과 1 사이 (0 < P(D) < 1이어야 갱신이 의미가 있습니다)"),
            Number("sensitivity", "민감도 P(+|D)", "0.99", low=0.0, high=1.0),
            Number("fpr", "오탐률 P(+|¬D)", "0.01", low=0.0, high=1.0, help="0.1로 바꾸면 0.5238 → 0.9159"),
            Integer("positives", "양성 검사 횟수", "3", low=1, high=50),
            Integer("people", "인원 N", "1000", low=1, high=10**9),
        ],
        compute=compute_posterior,
    ),
]
