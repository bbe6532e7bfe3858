"""Eigen-decomposition, SVD, pseudo-inverse via the SVD, low-rank approximation and PCA (lesson 12)
against numpy.linalg, scikit-learn and the curriculum's reference numbers."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA

from mathcore import InputError, linalg

SEED_Y = [[0.0, 1.0], [1.0, -1.0], [-2.0, 1.0]]
SEED_X = [[1.0, -2.0, 3.0], [7.0, 5.0, 0.0], [-2.0, -1.0, 2.0]]


def test_reference_numbers():
    values, vectors = linalg.eig([[2.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(values, [1.0, 3.0], atol=1e-12)
    np.testing.assert_allclose(vectors.T @ vectors, np.eye(2), atol=1e-12)
    _, s, _ = linalg.svd(SEED_Y)
    np.testing.assert_allclose(s, [2.6762432, 0.91527173], atol=5e-8)
    np.testing.assert_allclose(linalg.pinv_svd(SEED_Y), [[0.5, 0.0, -0.5], [0.83333333, -0.33333333, -0.16666667]],
                               atol=5e-9)
    _, s, _ = linalg.svd(SEED_X)
    np.testing.assert_allclose(s, [8.91360915, 3.97320818, 1.32709786], atol=5e-9)
    assert s[0] / s[-1] == pytest.approx(6.7166178, abs=5e-8)
    assert linalg.condition_number(SEED_X) == pytest.approx(6.7166178, abs=5e-8)


@pytest.mark.parametrize("seed", range(12))
def test_eig_against_numpy(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 6))
    B = rng.normal(size=(n, n))
    S = B + B.T
    values, vectors = linalg.eig(S)
    np.testing.assert_allclose(values, np.linalg.eigvalsh(S), atol=1e-10)
    assert np.all(np.diff(values) >= 0)
    np.testing.assert_allclose(S @ vectors, vectors * values, atol=1e-10)
    np.testing.assert_allclose(vectors @ np.diag(values) @ vectors.T, S, atol=1e-10)  # A = QΛQᵀ
    assert np.prod(values) == pytest.approx(np.linalg.det(S), rel=1e-8, abs=1e-10)
    assert np.sum(values) == pytest.approx(np.trace(S), abs=1e-10)
    # A general matrix: the same multiset of values as numpy, and A v = λ v for every column.
    gv, gvec = linalg.eig(B)
    np.testing.assert_allclose(np.sort_complex(gv), np.sort_complex(np.linalg.eigvals(B)), atol=1e-9)
    np.testing.assert_allclose(B @ gvec, gvec * gv, atol=1e-9)


def test_eig_of_a_rotation_is_complex_and_non_square_is_rejected():
    values, _ = linalg.eig([[0.0, -1.0], [1.0, 0.0]])
    np.testing.assert_allclose(values, [-1j, 1j])
    with pytest.raises(InputError):
        linalg.eig([[1.0, 2.0, 3.0]])
    with pytest.raises(InputError):
        linalg.eig([[1.0, float("inf")], [0.0, 1.0]])


@pytest.mark.parametrize("shape", [(3, 2), (2, 3), (4, 4), (1, 3), (5, 1)])
def test_svd_pinv_and_low_rank_against_numpy(shape):
    rng = np.random.default_rng(sum(shape))
    A = rng.normal(size=shape)
    U, S, Vt = linalg.svd(A)
    r = min(shape)
    assert U.shape == (shape[0], r) and S.shape == (r,) and Vt.shape == (r, shape[1])
    np.testing.assert_allclose(S, np.linalg.svd(A, compute_uv=False), atol=1e-12)
    np.testing.assert_allclose(U @ np.diag(S) @ Vt, A, atol=1e-12)
    np.testing.assert_allclose(U.T @ U, np.eye(r), atol=1e-12)
    P = linalg.pinv_svd(A)
    np.testing.assert_allclose(P, np.linalg.pinv(A), atol=1e-12)
    np.testing.assert_allclose(P, linalg.pinv(A), atol=1e-12)
    for k in range(1, r + 1):
        Ak = linalg.low_rank(A, k)
        assert np.linalg.matrix_rank(Ak) == k
        # Eckart–Young: the 2-norm error is the next singular value.
        err = np.linalg.norm(A - Ak, 2)
        assert err == pytest.approx(S[k] if k < r else 0.0, abs=1e-10)
        assert np.linalg.norm(A - Ak) == pytest.approx(np.sqrt(np.sum(S[k:] ** 2)), abs=1e-10)


def test_rank_deficient_matrix_and_pinv_cut_off():
    A = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])
    assert linalg.rank(A) == np.linalg.matrix_rank(A) == 2
    np.testing.assert_allclose(linalg.pinv_svd(A), np.linalg.pinv(A), atol=1e-12)
    P = linalg.pinv_svd(A)
    np.testing.assert_allclose(A @ P @ A, A, atol=1e-12)
    np.testing.assert_allclose(P @ A @ P, P, atol=1e-12)
    assert linalg.rank([[0.0, 0.0]]) == 0
    with pytest.raises(InputError):
        linalg.low_rank(A, 4)
    with pytest.raises(InputError):
        linalg.low_rank(A, 0)


@pytest.mark.parametrize("seed", range(8))
def test_pca_against_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n, d = int(rng.integers(5, 40)), int(rng.integers(2, 6))
    X = rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d) * 5
    k = int(rng.integers(1, d + 1))
    ours = linalg.pca(X, k)
    theirs = PCA(n_components=k).fit(X)
    np.testing.assert_allclose(ours.mean, theirs.mean_, atol=1e-12)
    np.testing.assert_allclose(ours.explained_variance, theirs.explained_variance_, rtol=1e-9)
    np.testing.assert_allclose(ours.explained_variance_ratio, theirs.explained_variance_ratio_, rtol=1e-9)
    # Axes agree up to sign.
    signs = np.sign(np.sum(ours.components * theirs.components_, axis=1))
    np.testing.assert_allclose(ours.components, theirs.components_ * signs[:, None], atol=1e-9)
    np.testing.assert_allclose(ours.scores, theirs.transform(X) * signs, atol=1e-9)
    # PCA = eigen-decomposition of the covariance matrix.
    values, _ = linalg.eig(np.cov(X, rowvar=False))
    np.testing.assert_allclose(ours.explained_variance, values[::-1][:k], rtol=1e-9)
    full = linalg.pca(X, d)
    np.testing.assert_allclose(full.reconstruct(), X, atol=1e-10)


def test_pca_rejects_bad_input():
    with pytest.raises(InputError):
        linalg.pca([[1.0, 2.0]], 1)
    with pytest.raises(InputError):
        linalg.pca([[1.0, 2.0], [3.0, 4.0]], 3)
