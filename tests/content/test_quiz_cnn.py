"""Quiz of lesson 09 (cnn): structure, every answer key recomputed, generators over many seeds."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
import sympy
from scipy import signal

from content.generators import Generated, get_generator
from content.latex import to_unicode
from mathcore import conv
from mathcore.parse import parse_expression, parse_matrix, parse_number

ROOT = Path(__file__).resolve().parents[2]
QUIZ = tomllib.loads((ROOT / "content" / "quizzes" / "cnn.toml").read_text(encoding="utf-8"))["question"]
BY_ID = {q["id"]: q for q in QUIZ}
LESSON = "cnn"

# Example data of the static questions (written out again here, not read from the key).
X3 = np.array([[2, 0, 1], [1, 3, 0], [0, 1, 2]], float)
K3 = np.array([[1, -1], [0, 2]], float)


def _formulas(text: str) -> list[str]:
    return re.findall(r"(?<!\\)\$(.+?)(?<!\\)\$", text)


def _plain(expr):
    """The same expression over assumption-free symbols, so trees built here compare by name."""
    return expr.xreplace({s: sympy.Symbol(s.name) for s in expr.free_symbols})


def _as_matrix(value) -> np.ndarray:
    return np.asarray(value, dtype=float)


# ----------------------------------------------------------------------------- structure

def test_quiz_shape():
    assert len(QUIZ) >= 10
    ids = [q["id"] for q in QUIZ]
    assert ids == [f"cnn-{i:03d}" for i in range(1, len(QUIZ) + 1)]
    types = {q["type"] for q in QUIZ}
    assert len(types - {"generated"}) >= 3
    assert sum(q["type"] == "generated" for q in QUIZ) >= 2
    assert sum(bool(q.get("wrong_answers")) for q in QUIZ) >= 3


@pytest.mark.parametrize("q", QUIZ, ids=[q["id"] for q in QUIZ])
def test_question_fields(q):
    assert q["prompt"].strip() and q["explanation"].strip()
    if q["type"] in ("numeric", "expression"):
        assert q.get("hints"), "numeric and expression questions need hints"
    if q["type"] == "choice":
        assert 0 <= q["answer"] < len(q["choices"])
    if q["type"] == "generated":
        assert get_generator(q["generator"]) is not None
    for text in [q["prompt"], q["explanation"], *q.get("hints", [])]:
        for formula in _formulas(text):
            to_unicode(formula)  # raises on LaTeX outside the supported subset


# ----------------------------------------------------------------------------- keys

def test_key_cnn_002_output_height():
    out = conv.correlate2d(np.zeros((10, 4)), np.zeros((3, 2)))
    assert parse_number(str(BY_ID["cnn-002"]["answer"])) == np.asarray(out).shape[0] == 8


def test_key_cnn_003_cross_correlation():
    key = _as_matrix(BY_ID["cnn-003"]["answer"])
    np.testing.assert_allclose(key, conv.correlate2d(X3, K3))
    np.testing.assert_allclose(key, signal.correlate2d(X3, K3, mode="valid"))


def test_key_cnn_004_true_convolution():
    key = _as_matrix(BY_ID["cnn-004"]["answer"])
    np.testing.assert_allclose(key, conv.convolve2d(X3, K3))
    np.testing.assert_allclose(key, signal.convolve2d(X3, K3, mode="valid"))
    # The wrong answer offered for it is exactly the cross-correlation.
    wrong = parse_matrix(BY_ID["cnn-004"]["wrong_answers"][0]["answer"])
    np.testing.assert_allclose(wrong, signal.correlate2d(X3, K3, mode="valid"))


def test_key_cnn_005_first_output():
    x, k = np.array([1, 2, 3, 4.0]), np.array([1, -1, 2.0])
    ours = np.asarray(conv.correlate1d(x, k))
    assert BY_ID["cnn-005"]["answer"] == pytest.approx(ours[0])
    assert ours[0] == pytest.approx(signal.correlate(x, k, mode="valid")[0])
    flipped = np.asarray(conv.convolve1d(x, k))[0]
    assert parse_number(BY_ID["cnn-005"]["wrong_answers"][0]["answer"]) == pytest.approx(flipped)


def test_key_cnn_006_parameter_count():
    kernels = np.zeros((8, 3, 3, 3))
    bias = np.zeros(8)
    assert BY_ID["cnn-006"]["answer"] == kernels.size + bias.size
    # A 3-channel 5×5 input really needs 3-channel kernels of that shape.
    assert np.asarray(conv.conv2d(np.ones((3, 5, 5)), kernels, bias)).shape == (8, 3, 3)


def test_key_cnn_008_padding_and_stride():
    H, K, P, S = 9, 3, 1, 2
    padded = np.pad(np.arange(H, dtype=float), P)
    full = signal.correlate(padded, np.ones(K), mode="valid")
    assert BY_ID["cnn-008"]["answer"] == full[::S].size


def test_key_cnn_009_kernel_gradient():
    G = np.array([[1, 0], [2, -1]], float)
    key = _as_matrix(BY_ID["cnn-009"]["answer"])
    _, dK = conv.conv2d_backward(X3[None], K3[None, None], G[None])
    np.testing.assert_allclose(key, np.asarray(dK).reshape(2, 2))
    np.testing.assert_allclose(key, signal.correlate2d(X3, G, mode="valid"))

    def loss(kernel):
        return float(np.sum(signal.correlate2d(X3, kernel, mode="valid") * G))

    h = 1e-6
    for idx in np.ndindex(2, 2):
        bump = np.zeros((2, 2))
        bump[idx] = h
        assert (loss(K3 + bump) - loss(K3 - bump)) / (2 * h) == pytest.approx(key[idx], abs=1e-6)


def test_key_cnn_010_output_height_expression():
    q = BY_ID["cnn-010"]
    key = _plain(parse_expression(q["answer"], variables=tuple(q["variables"])))
    other = _plain(parse_expression("(h + 1) - k", variables=("h", "k")))
    assert sympy.simplify(key - other) == 0
    for H, K in [(4, 2), (7, 3), (5, 5)]:
        height = np.asarray(conv.correlate2d(np.zeros((H, H)), np.zeros((K, K)))).shape[0]
        assert key.subs({sympy.Symbol("h"): H, sympy.Symbol("k"): K}) == height
    wrong = _plain(parse_expression(q["wrong_answers"][0]["answer"], variables=("h", "k")))
    assert sympy.simplify(key - wrong) != 0


def test_key_cnn_011_sum_as_expression():
    q = BY_ID["cnn-011"]
    w = sympy.Symbol("w")
    x = [1, 2, 3]
    kernel = [w, 1]
    outputs = [sum(kernel[p] * x[i + p] for p in range(2)) for i in range(2)]
    key = _plain(parse_expression(q["answer"], variables=("w",)))
    assert sympy.simplify(key - sum(outputs)) == 0
    assert sympy.simplify(key - _plain(parse_expression("w + 2 + 2w + 3", variables=("w",)))) == 0
    # The same value numerically, at w = 0.5, from mathcore.
    assert float(np.sum(conv.correlate1d(np.array(x, float), np.array([0.5, 1.0])))) == pytest.approx(
        float(key.subs(sympy.Symbol("w"), 0.5)))


def test_wrong_answers_are_not_the_key():
    for q in QUIZ:
        for wrong in q.get("wrong_answers", []):
            if q["type"] == "numeric":
                assert parse_number(wrong["answer"]) != pytest.approx(float(q["answer"]))
            elif q["type"] == "matrix":
                got = parse_matrix(wrong["answer"])
                assert got.shape != _as_matrix(q["answer"]).shape or not np.allclose(got, q["answer"])


# ----------------------------------------------------------------------------- generators

def _groups(text: str) -> list[list[float]]:
    """Every '(a, b, ...)' group of numbers in a prompt, in order."""
    return [[float(v) for v in g.split(",")] for g in re.findall(r"\((-?[\d.]+(?:, -?[\d.]+)+)\)", text)]


def _check_generated(g: Generated) -> None:
    assert isinstance(g, Generated)
    assert g.type in {"choice", "numeric", "expression", "matrix"}
    assert g.prompt.strip() and g.explanation.strip()
    assert g.prompt.count("$") % 2 == 0 and g.explanation.count("$") % 2 == 0
    for text in (g.prompt, g.explanation):
        for formula in _formulas(text):
            to_unicode(formula)


SEEDS = range(50)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_correlate2d(seed):
    g = get_generator("cnn.correlate2d")(np.random.default_rng(seed), {})
    _check_generated(g)
    rows = _groups(g.prompt)
    X, K = np.array(rows[:3]), np.array(rows[3:5])
    assert X.shape == (3, 3) and K.shape == (2, 2)
    np.testing.assert_allclose(g.answer, signal.correlate2d(X, K, mode="valid"))
    for wrong in g.wrong_answers:
        assert not np.allclose(parse_matrix(wrong["answer"]), g.answer)
    again = get_generator("cnn.correlate2d")(np.random.default_rng(seed), {})
    assert again.prompt == g.prompt and again.answer == g.answer


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_output_shape(seed):
    g = get_generator("cnn.output_shape")(np.random.default_rng(seed), {})
    _check_generated(g)
    m = re.search(r"채널 (\d+)개, 크기 (\d+)×(\d+)인 입력에 (\d+)×(\d+) 커널 (\d+)개", g.prompt)
    C, H, W, k, k2, O = map(int, m.groups())
    assert k == k2 and 1 <= C and k <= min(H, W)
    one_map = signal.correlate2d(np.zeros((H, W)), np.zeros((k, k)), mode="valid")
    assert g.answer == O * one_map.size
    assert g.tolerance == 0
    for wrong in g.wrong_answers:
        assert parse_number(wrong["answer"]) != g.answer


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_kernel_gradient(seed):
    g = get_generator("cnn.kernel_gradient")(np.random.default_rng(seed), {})
    _check_generated(g)
    rows = _groups(g.prompt)
    X, G = np.array(rows[:3]), np.array(rows[3:5])
    expected = signal.correlate2d(X, G, mode="valid")
    np.testing.assert_allclose(g.answer, expected)
    # Independent check by central differences of L(K) = Σ (X ⋆ K) ⊙ G at a random kernel.
    K = np.random.default_rng(seed + 1000).normal(size=(2, 2))
    h = 1e-6
    for idx in np.ndindex(2, 2):
        bump = np.zeros((2, 2))
        bump[idx] = h
        diff = (np.sum(signal.correlate2d(X, K + bump, mode="valid") * G)
                - np.sum(signal.correlate2d(X, K - bump, mode="valid") * G)) / (2 * h)
        assert diff == pytest.approx(g.answer[idx[0]][idx[1]], abs=1e-5)


# ----------------------------------------------------------------------------- grading

def _key_text(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_key_text(v) for v in value) + "]"
    return repr(float(value)) if not isinstance(value, str) else value


def _perturbed(q) -> str:
    if q.type == "numeric":
        value = float(parse_number(str(q.answer)))
        return repr(value + max(1.0, abs(value)) * 0.5)
    if q.type == "matrix":
        arr = np.asarray(q.answer, dtype=float).copy()
        arr.flat[0] += 1.0 + abs(arr.flat[0])
        return _key_text(arr.tolist())
    raise AssertionError(q.type)


@pytest.fixture(scope="module")
def catalog_questions():
    from content import loader

    return loader.load_catalog().questions(LESSON)


def test_static_keys_grade_correct_and_wrong_answers_do_not(catalog_questions):
    from content.grading import check_answer

    for q in catalog_questions:
        if q.type == "generated":
            continue
        key = q.answer if q.type == "choice" else _key_text(q.answer)
        verdict = check_answer(q, key)
        assert verdict.correct, (q.id, verdict.message)
        for wrong in q.wrong_answers:
            verdict = check_answer(q, wrong["answer"])
            assert not verdict.correct and not verdict.retry, (q.id, wrong["answer"])


@pytest.mark.parametrize("seed", range(0, 200, 4))
def test_generated_questions_grade(catalog_questions, seed):
    from content.grading import check_answer

    for template in catalog_questions:
        if template.type != "generated":
            continue
        q = template.instantiate(seed)
        assert check_answer(q, _key_text(q.answer)).correct, (q.id, seed)
        assert not check_answer(q, _perturbed(q)).correct, (q.id, seed)
        for wrong in q.wrong_answers:
            assert not check_answer(q, wrong["answer"]).correct, (q.id, seed, wrong["answer"])
