"""Quiz and lesson numbers of lesson 12 (eigen_svd): keys recomputed with numpy.linalg and
scikit-learn, generators checked over many seeds."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA

from quiz_checks import SEEDS, QuizWithReferences, check_lesson_page, make, tuples, vector_after

LESSON = "eigen_svd"


def _ratio_from_data():
    """A data set whose centred singular values are 4, 2, 1: scikit-learn's ratio for it."""
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(10, 3)))
    Q = Q - Q.mean(axis=0)  # centred columns, then re-orthonormalised
    Q, _ = np.linalg.qr(Q)
    V, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    X = Q @ np.diag([4.0, 2.0, 1.0]) @ V.T + 5.0
    np.testing.assert_allclose(np.linalg.svd(X - X.mean(0), compute_uv=False), [4, 2, 1], atol=1e-9)
    return PCA(n_components=1).fit(X).explained_variance_ratio_[0]


class TestQuiz(QuizWithReferences):
    lesson = LESSON
    keys = {
        "eigen_svd-001": lambda: np.max(np.linalg.eigvals([[4.0, 1.0], [2.0, 3.0]]).real),
        "eigen_svd-003": lambda: np.linalg.det(np.diag([2.0, -3.0, 0.5])),
        "eigen_svd-005": lambda: (np.linalg.matrix_power(np.diag([0.5, 0.9]), 20) @ [0.0, 1.0])[1],
        "eigen_svd-006": lambda: 2 / np.max(np.linalg.eigvalsh(np.diag([1.0, 10.0]))),
        "eigen_svd-008": lambda: np.linalg.svd(np.diag([3.0, -2.0]), compute_uv=False),
        "eigen_svd-009": lambda: np.linalg.matrix_rank([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]),
        "eigen_svd-010": lambda: np.linalg.pinv(np.diag([2.0, 0.0])),
        "eigen_svd-011": lambda: np.linalg.cond(np.diag([10.0, 0.1])),
        "eigen_svd-012": lambda: 2.0,  # checked against a real matrix in test_rank_one_error
        "eigen_svd-013": _ratio_from_data,
    }
    key_atol = 1e-6


def test_rank_one_error():
    rng = np.random.default_rng(1)
    U, _ = np.linalg.qr(rng.normal(size=(4, 3)))
    V, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    A = U @ np.diag([5.0, 2.0, 1.0]) @ V.T
    u, s, vt = np.linalg.svd(A)
    A1 = s[0] * np.outer(u[:, 0], vt[0])
    assert np.linalg.norm(A - A1, 2) == pytest.approx(2.0)
    assert np.linalg.norm(A - A1) == pytest.approx(np.sqrt(5.0))


def test_choice_002_eigenvector():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    for v, is_eigen in (([1, 0], False), ([1, 1], True), ([1, 2], False), ([2, 1], False)):
        w = A @ np.array(v, float)
        assert (abs(w[0] * v[1] - w[1] * v[0]) < 1e-12) == is_eigen


def test_choice_007_positive_definite():
    mats = [[[1, 2], [2, 1]], [[2, 1], [1, 2]], [[1, 0], [0, 0]], [[-1, 0], [0, 3]]]
    assert [bool(np.all(np.linalg.eigvalsh(np.array(m, float)) > 0)) for m in mats] == [False, True, False, False]


def test_lesson_page():
    check_lesson_page(LESSON, 12, ["eigen_svd.transform", "eigen_svd.decompose", "eigen_svd.pca"],
                      needles=["자주 하는 실수", "2.6762432", "6.7166178"])


def test_lesson_numbers():
    Y = np.array([[0.0, 1.0], [1.0, -1.0], [-2.0, 1.0]])
    np.testing.assert_allclose(np.linalg.svd(Y, compute_uv=False), [2.6762432, 0.91527173], atol=5e-8)
    np.testing.assert_allclose(np.linalg.pinv(Y), [[0.5, 0, -0.5], [0.83333333, -0.33333333, -0.16666667]], atol=5e-9)
    X = np.array([[1.0, -2.0, 3.0], [7.0, 5.0, 0.0], [-2.0, -1.0, 2.0]])
    np.testing.assert_allclose(np.linalg.svd(X, compute_uv=False), [8.91360915, 3.97320818, 1.32709786], atol=5e-9)
    assert np.linalg.cond(X) == pytest.approx(6.7166178, abs=5e-8)
    np.testing.assert_allclose(np.linalg.eigvalsh([[2.0, 1.0], [1.0, 2.0]]), [1.0, 3.0])
    np.testing.assert_allclose(np.sort(np.abs(np.linalg.eigvals([[0.0, -1.0], [1.0, 0.0]]).imag)), [1.0, 1.0])
    assert np.linalg.det(0.1 * np.eye(10)) == pytest.approx(1e-10) and np.linalg.cond(0.1 * np.eye(10)) == 1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_symmetric_eigenvalue(seed):
    made = make("eigen_svd.symmetric_eigenvalue", seed)
    A = np.array(tuples(made.prompt)[:2])
    assert made.answer == pytest.approx(np.linalg.eigvalsh(A)[-1], abs=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_condition_number(seed):
    made = make("eigen_svd.condition_number", seed)
    A = np.array(tuples(made.prompt)[:2])
    assert made.answer == pytest.approx(np.linalg.cond(A), rel=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_generator_explained_ratio(seed):
    made = make("eigen_svd.explained_ratio", seed)
    s = vector_after(r"특잇값이 \$\(([^)]*)\)\$", made.prompt)
    assert made.answer == pytest.approx(s[0] ** 2 / np.sum(s**2), abs=1e-12)
