"""Quiz and lesson numbers of lesson 05 (deep_learning): every key recomputed independently
(numpy, scipy, finite differences), generators checked over many seeds."""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
import sympy
from scipy.special import logsumexp, softmax

from content.generators import get_generator
from content.grading import check_answer
from content.latex import to_unicode
from content.questions import parse_questions
from mathcore import nn
from mathcore.parse import parse_expression, parse_number

LESSON = "deep_learning"
ROOT = Path(__file__).resolve().parents[2]
QUIZ_TEXT = (ROOT / "content" / "quizzes" / f"{LESSON}.toml").read_text(encoding="utf-8")
QUIZ = tomllib.loads(QUIZ_TEXT)["question"]
BY_ID = {q["id"]: q for q in QUIZ}
SEEDS = range(50)


def _questions():
    problems: list = []
    questions = parse_questions(QUIZ_TEXT, LESSON, "quiz", problems)
    assert not problems, problems
    return {q.id: q for q in questions}


QUESTIONS = _questions()


def _sym(*names: str):
    """The parser's own symbols (mathcore.parse may attach assumptions such as real=True)."""
    found = [next(iter(parse_expression(n, [n]).free_symbols)) for n in names]
    return found[0] if len(found) == 1 else tuple(found)


def _formulas(text: str) -> list[str]:
    return re.findall(r"(?<!\\)\$(.+?)(?<!\\)\$", text)


def _typed(answer) -> str:
    if isinstance(answer, list):
        if answer and isinstance(answer[0], list):
            return "[" + ", ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in answer) + "]"
        return ", ".join(repr(float(v)) for v in answer)
    return str(answer)


def _perturbed(q) -> str:
    if q.type == "numeric":
        return repr(parse_number(str(q.answer)) + 1.0)
    if q.type == "matrix":
        return _typed((np.asarray(q.answer, dtype=float) + 1.0).tolist())
    raise AssertionError(q.type)


def _vector(text: str) -> np.ndarray:
    return np.array([float(v) for v in text.split(",")])


# ----------------------------------------------------------------------------- structure

def test_quiz_shape():
    assert len(QUIZ) >= 10
    assert [q["id"] for q in QUIZ] == [f"{LESSON}-{i:03d}" for i in range(1, len(QUIZ) + 1)]
    assert len({q["type"] for q in QUIZ} - {"generated"}) >= 3
    assert sum(q["type"] == "generated" for q in QUIZ) >= 2
    assert sum(bool(q.get("wrong_answers")) for q in QUIZ) >= 3


@pytest.mark.parametrize("q", QUIZ, ids=[q["id"] for q in QUIZ])
def test_question_fields(q):
    assert q["explanation"].strip()
    if q["type"] in ("numeric", "expression"):
        assert q.get("hints")
    if q["type"] == "generated":
        assert get_generator(q["generator"]) is not None
    for text in [q["prompt"], q["explanation"], *q.get("hints", []), *q.get("choices", [])]:
        for formula in _formulas(text):
            to_unicode(formula)


@pytest.mark.parametrize("qid", [q["id"] for q in QUIZ if q["type"] != "generated"])
def test_key_grades_correct_and_wrong_answers_do_not(qid):
    q = QUESTIONS[qid]
    key = str(q.answer + 1) if q.type == "choice" else _typed(q.answer)
    assert check_answer(q, key).correct
    for wrong in q.wrong_answers:
        typed = _typed(wrong["answer"]) if isinstance(wrong["answer"], list) else str(wrong["answer"])
        if q.type == "choice":
            typed = str(int(typed) + 1)
        verdict = check_answer(q, typed)
        assert not verdict.correct and not verdict.retry, (qid, typed)


# ----------------------------------------------------------------------------- static keys

O123 = np.array([1.0, 2.0, 3.0])


def test_key_001_softmax():
    assert parse_number(BY_ID["deep_learning-001"]["answer"]) == pytest.approx(softmax(O123)[2], abs=1e-12)
    np.testing.assert_allclose(softmax(O123), [0.0900, 0.2447, 0.6652], atol=5e-5)


def test_key_003_cross_entropy():
    expected = logsumexp(O123) - O123[0]
    assert parse_number(BY_ID["deep_learning-003"]["answer"]) == pytest.approx(expected, abs=1e-12)
    assert expected == pytest.approx(2.4076, abs=5e-5)
    assert logsumexp(O123) - O123[2] == pytest.approx(0.4076, abs=5e-5)


def test_key_004_linear_model():
    X = np.array([[1.0, 2.0], [0.0, 1.0]])
    W = np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
    b = np.array([0.0, 1.0, 2.0])
    np.testing.assert_allclose(BY_ID["deep_learning-004"]["answer"], np.einsum("nd,dp->np", X, W) + b)


def test_key_006_sigmoid_derivative():
    key = parse_expression(BY_ID["deep_learning-006"]["answer"])
    other = parse_expression("1/(1 + exp(-x)) * (1 - 1/(1 + exp(-x)))")
    assert sympy.simplify(key - other) == 0
    f = sympy.lambdify(_sym("x"), key, "numpy")
    xs = np.linspace(-6, 6, 25)
    h = 1e-6
    fd = (1 / (1 + np.exp(-(xs + h))) - 1 / (1 + np.exp(-(xs - h)))) / (2 * h)
    np.testing.assert_allclose(f(xs), fd, atol=1e-8)


def test_key_007_collapsed_weights():
    W1 = np.array([[1.0, 2.0], [0.0, -1.0]])
    W2 = np.array([[3.0], [1.0]])
    np.testing.assert_allclose(BY_ID["deep_learning-007"]["answer"], np.dot(W1, W2))
    # Two linear layers without activation agree with the collapsed model on random inputs.
    rng = np.random.default_rng(5)
    X = rng.normal(size=(10, 2))
    b1, b2 = np.array([1.0, 1.0]), np.array([0.5])
    np.testing.assert_allclose((X @ W1 + b1) @ W2 + b2,
                               X @ np.asarray(BY_ID["deep_learning-007"]["answer"]) + (b1 @ W2 + b2))


def test_key_009_parameter_count():
    mlp = nn.MLP([4, 8, 3], seed=0)
    count = sum(np.size(w) for w in mlp.weights) + sum(np.size(b) for b in mlp.biases)
    assert BY_ID["deep_learning-009"]["answer"] == count == 4 * 8 + 8 + 8 * 3 + 3


def test_key_010_backprop_by_finite_difference():
    def loss(w, x=3.0, b=-1.0):
        return 0.5 * (max(w * x + b, 0.0) - 0.5) ** 2

    h = 1e-6
    fd = (loss(1.0 + h) - loss(1.0 - h)) / (2 * h)
    assert BY_ID["deep_learning-010"]["answer"] == pytest.approx(fd, abs=1e-6)


def test_key_012_one_hot():
    logits = np.array([[0.5, 2.0, -1.0], [3.0, 1.0, 2.9]])
    expected = np.eye(3)[np.argmax(softmax(logits, axis=1), axis=1)]
    np.testing.assert_array_equal(BY_ID["deep_learning-012"]["answer"], expected)


# ----------------------------------------------------------------------------- lesson numbers

def test_lesson_stable_softmax_and_linear_model():
    with np.errstate(over="ignore", invalid="ignore"):
        big = np.array([1000.0, 1001.0, 1002.0])
        assert np.isnan(np.exp(big) / np.exp(big).sum()).all()
    np.testing.assert_allclose(nn.softmax(big), softmax(O123), rtol=1e-12)
    X = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]])
    W = np.array([[1.0, -1.0], [0.0, 2.0], [1.0, 0.0]])
    np.testing.assert_allclose(X @ W + np.array([0.5, -0.5]), [[3.5, -1.5], [-0.5, 1.5]])
    np.testing.assert_allclose(softmax(O123) - np.eye(3)[2], [0.0900, 0.2447, -0.3348], atol=5e-5)


def test_lesson_activation_table():
    z = np.array([-2.0, 0.0, 2.0])
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(s, [0.1192, 0.5, 0.8808], atol=5e-5)
    np.testing.assert_allclose(s * (1 - s), [0.1050, 0.25, 0.1050], atol=5e-5)
    np.testing.assert_allclose(1 - np.tanh(z) ** 2, [0.0707, 1.0, 0.0707], atol=5e-5)
    np.testing.assert_allclose(np.tanh(z), 2 / (1 + np.exp(-2 * z)) - 1, atol=1e-15)


def test_lesson_xor_network_and_collapse():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    W1, b1 = np.ones((2, 2)), np.array([0.0, -1.0])
    W2 = np.array([[1.0], [-2.0]])
    out = np.maximum(X @ W1 + b1, 0) @ W2
    np.testing.assert_array_equal(out.ravel(), np.logical_xor(X[:, 0], X[:, 1]).astype(float))
    x = np.array([1.0, 3.0])
    V1, c1, V2, c2 = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([1.0, 0.0]), np.array([[1.0], [3.0]]), -2.0
    assert ((x @ V1 + c1) @ V2 + c2)[0] == -3 == (x @ (V1 @ V2) + (c1 @ V2 + c2))[0]
    assert (np.maximum(x @ V1 + c1, 0) @ V2 + c2)[0] == 0


def test_lesson_sawtooth_pieces():
    """Composing the two-unit tent k times gives 2^k linear pieces on [0, 1]."""
    def tent(x):
        return 2 * np.maximum(x, 0) - 4 * np.maximum(x - 0.5, 0)

    xs = np.linspace(0, 1, 2**12 + 1)
    y = xs.copy()
    for k in range(1, 6):
        y = tent(y)
        slopes = np.round(np.diff(y) / np.diff(xs), 6)
        pieces = 1 + int(np.count_nonzero(np.diff(slopes)))
        assert pieces == 2**k


def test_lesson_single_neuron_backprop():
    def loss(w, b, x=2.0):
        return 0.5 * (1 / (1 + math.exp(-(w * x + b))) - 1) ** 2

    h = 1e-5
    assert loss(0.5, -1.0) == pytest.approx(0.125)
    assert (loss(0.5 + h, -1.0) - loss(0.5 - h, -1.0)) / (2 * h) == pytest.approx(-0.25, abs=1e-8)
    assert (loss(0.5, -1.0 + h) - loss(0.5, -1.0 - h)) / (2 * h) == pytest.approx(-0.125, abs=1e-8)
    assert 784 * 128 + 128 + 128 * 10 + 10 == 101_770


# ----------------------------------------------------------------------------- generators

@pytest.mark.parametrize("seed", SEEDS)
def test_generator_softmax_prob(seed):
    made = get_generator("deep_learning.softmax_prob")(np.random.default_rng(seed), {})
    o = _vector(re.search(r"\\mathbf\{o\} = \(([^)]*)\)\$", made.prompt).group(1))
    k = int(re.search(r"(\d)번째 성분", made.prompt).group(1)) - 1
    assert made.answer == pytest.approx(softmax(o)[k], abs=1e-12)
    _check_instantiated("deep_learning-014", seed)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_cross_entropy(seed):
    made = get_generator("deep_learning.cross_entropy")(np.random.default_rng(seed), {})
    o = _vector(re.search(r"\\mathbf\{o\} = \(([^)]*)\)\$", made.prompt).group(1))
    y = int(re.search(r"정답이 (\d)번째", made.prompt).group(1)) - 1
    assert made.answer == pytest.approx(logsumexp(o) - o[y], abs=1e-12)
    _check_instantiated("deep_learning-015", seed)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_relu_layer(seed):
    made = get_generator("deep_learning.relu_layer")(np.random.default_rng(seed), {})
    x = _vector(re.search(r"\\mathbf\{x\} = \(([^)]*)\)\$", made.prompt).group(1))
    rows = re.search(r"행이 (.+?), 편향", made.prompt).group(1)
    W = np.array([_vector(r) for r in re.findall(r"\(([^)]*)\)", rows)])
    b = _vector(re.search(r"\\mathbf\{b\} = \(([^)]*)\)\$", made.prompt).group(1))
    assert W.shape == (2, 2)
    z = np.einsum("i,ij->j", x, W) + b
    np.testing.assert_allclose(made.answer, np.where(z > 0, z, 0.0))
    assert (z < 0).any() and (z > 0).any()
    _check_instantiated("deep_learning-016", seed)


def _check_instantiated(qid: str, seed: int):
    q = QUESTIONS[qid].instantiate(seed)
    assert q.prompt and q.explanation and q.hints
    assert check_answer(q, _typed(q.answer)).correct
    assert not check_answer(q, _perturbed(q)).correct
    for wrong in q.wrong_answers:
        verdict = check_answer(q, _typed(wrong["answer"]))
        assert not verdict.correct and not verdict.retry, (qid, seed, wrong)


def test_generators_are_deterministic():
    for name in ("softmax_prob", "cross_entropy", "relu_layer"):
        fn = get_generator(f"deep_learning.{name}")
        a = fn(np.random.default_rng(13), {})
        b = fn(np.random.default_rng(13), {})
        assert (a.prompt, a.answer) == (b.prompt, b.answer)
