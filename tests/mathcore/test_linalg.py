"""mathcore.linalg against numpy.linalg, scikit-learn and curriculum.md's numbers."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.linear_model import LinearRegression

from mathcore import InputError
from mathcore import linalg as la

X3 = [[1, -2, 3], [7, 5, 0], [-2, -1, 2]]
Y32 = [[0, 1], [1, -1], [-2, 1]]


def test_curriculum_vectors():
    np.testing.assert_array_equal(la.hadamard([1, 7, 2], [5, 2, 1]), [5, 14, 2])
    assert la.l1_norm([1, 7, 2]) == 10.0
    assert la.l2_norm([1, 7, 2]) == pytest.approx(np.sqrt(54), rel=1e-15)
    assert la.linf_norm([1, -7, 2]) == 7.0


def test_curriculum_matrices():
    np.testing.assert_array_equal(la.matmul(X3, Y32), [[-8, 6], [5, 2], [-5, 1]])
    np.testing.assert_array_equal(la.inner(X3, [[0, 1, -1], [1, -1, 0]]), [[-5, 3], [5, 2], [-3, -1]])
    np.testing.assert_allclose(
        la.inverse(X3),
        [[0.21276596, 0.0212766, -0.31914894], [-0.29787234, 0.17021277, 0.44680851],
         [0.06382979, 0.10638298, 0.40425532]], atol=5e-9)
    np.testing.assert_allclose(la.pinv(Y32), [[0.5, 0, -0.5], [0.83333333, -0.33333333, -0.16666667]], atol=5e-9)
    np.testing.assert_allclose(la.pinv(Y32) @ np.array(Y32), np.eye(2), atol=1e-12)


def test_inner_is_A_times_B_transpose():
    rng = np.random.default_rng(1)
    A, B = rng.standard_normal((3, 4)), rng.standard_normal((5, 4))
    np.testing.assert_allclose(la.inner(A, B), A @ B.T, rtol=1e-13)
    with pytest.raises(InputError, match="마지막 차원"):
        la.inner(A, rng.standard_normal((4, 3)))


def test_shape_errors_are_explained():
    with pytest.raises(InputError, match="열 수와 B의 행 수"):
        la.matmul([[1, 2, 3]], [[1, 2]])
    with pytest.raises(InputError, match="모양이 같아야"):
        la.hadamard([1, 2], [1, 2, 3])
    with pytest.raises(InputError, match="정사각"):
        la.determinant([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(InputError):
        la.l2_norm([])
    with pytest.raises(InputError):
        la.l2_norm([1, np.nan])
    with pytest.raises(InputError):
        la.matmul([[1, 2], [3]], [[1]])


def test_transpose():
    np.testing.assert_array_equal(la.transpose([[1, 2, 3], [4, 5, 6]]), [[1, 4], [2, 5], [3, 6]])
    assert la.transpose([1, 2, 3]).shape == (3, 1)


def test_angle_and_projection():
    assert la.angle([1, 0], [0, 2]) == pytest.approx(np.pi / 2, rel=1e-15)
    assert la.angle([1, 0], [-3, 0]) == pytest.approx(np.pi, rel=1e-15)
    # parallel vectors whose cosine rounds to slightly above 1 must give 0, not NaN
    for v in ([0.1, 0.2, 0.3], [1e-200, 3e-200], [1e200, 7e199], [3.0, 3.0, 3.0]):
        for k in (1.0, 3.0, 1e10, 7.1):
            a = la.angle(v, np.array(v) * k)
            assert np.isfinite(a) and 0.0 <= a < 1e-7
        assert np.isfinite(la.angle(v, -np.array(v)))
    with pytest.raises(InputError, match="영벡터"):
        la.angle([0, 0], [1, 2])
    p = la.projection([2, 3], [1, 0])
    np.testing.assert_allclose(p, [2, 0])
    x, y = np.array([1.0, 7.0, 2.0]), np.array([5.0, 2.0, 1.0])
    p = la.projection(x, y)
    np.testing.assert_allclose(np.dot(x - p, y), 0, atol=1e-12)
    # the projection length is ‖x‖ cos θ
    assert np.linalg.norm(p) == pytest.approx(np.linalg.norm(x) * np.cos(la.angle(x, y)), rel=1e-12)
    with pytest.raises(InputError, match="영벡터"):
        la.projection([1, 2], [0, 0])


def test_determinant_and_condition_number():
    rng = np.random.default_rng(2)
    A = rng.standard_normal((4, 4))
    assert la.determinant(A) == pytest.approx(np.linalg.det(A), rel=1e-12)
    assert la.condition_number(A) == pytest.approx(np.linalg.cond(A), rel=1e-10)
    assert la.condition_number([[1, 2], [2, 4]]) > 1e15


def test_inverse_refuses_singular_and_ill_conditioned():
    with pytest.raises(InputError, match="pinv"):
        la.inverse([[1, 2], [2, 4]])
    with pytest.raises(InputError, match="pinv"):
        la.inverse([[1, 1], [1, 1 + 1e-14]])
    with pytest.raises(InputError, match="pinv"):
        la.inverse([[0.0, 0.0], [0.0, 0.0]])
    rng = np.random.default_rng(3)
    A = rng.standard_normal((5, 5))
    np.testing.assert_allclose(la.inverse(A) @ A, np.eye(5), atol=1e-12)


def _penrose(A, P, tol):
    np.testing.assert_allclose(A @ P @ A, A, atol=tol)
    np.testing.assert_allclose(P @ A @ P, P, atol=tol)
    np.testing.assert_allclose((A @ P).T, A @ P, atol=tol)
    np.testing.assert_allclose((P @ A).T, P @ A, atol=tol)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**31 - 1), st.booleans())
def test_pinv_penrose_identities_and_numpy(m, n, seed, deficient):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((m, n))
    if deficient and min(m, n) > 1:
        A[:, -1] = A[:, 0]  # rank-deficient
    P = la.pinv(A)
    assert P.shape == (n, m)
    _penrose(A, P, 1e-10)
    np.testing.assert_allclose(P, np.linalg.pinv(A, rtol=None), atol=1e-10)


def test_pinv_full_rank_formulas():
    rng = np.random.default_rng(4)
    tall = rng.standard_normal((6, 3))
    np.testing.assert_allclose(la.pinv(tall), np.linalg.inv(tall.T @ tall) @ tall.T, atol=1e-12)
    np.testing.assert_allclose(la.pinv(tall) @ tall, np.eye(3), atol=1e-12)
    wide = rng.standard_normal((3, 6))
    np.testing.assert_allclose(la.pinv(wide), wide.T @ np.linalg.inv(wide @ wide.T), atol=1e-12)
    np.testing.assert_allclose(wide @ la.pinv(wide), np.eye(3), atol=1e-12)


def test_least_squares_against_lstsq_and_sklearn():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((40, 3))
    y = X @ [1.5, -2.0, 0.5] + 4.0 + 0.1 * rng.standard_normal(40)
    beta = la.least_squares(X, y)
    design = np.hstack([X, np.ones((40, 1))])
    np.testing.assert_allclose(beta, np.linalg.lstsq(design, y, rcond=None)[0], rtol=1e-10)
    model = LinearRegression().fit(X, y)
    np.testing.assert_allclose(beta[:-1], model.coef_, rtol=1e-10)
    assert beta[-1] == pytest.approx(model.intercept_, rel=1e-10)
    # without the ones column the fit goes through the origin and differs from the library
    no_int = la.least_squares(X, y, intercept=False)
    np.testing.assert_allclose(no_int, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-10)
    assert np.abs(no_int - model.coef_).max() > 1e-3
    no_int_model = LinearRegression(fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(no_int, no_int_model.coef_, rtol=1e-10)


def test_least_squares_rank_deficient_is_minimum_norm():
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    y = np.array([2.0, 4.0, 6.0])
    beta = la.least_squares(X, y, intercept=False)
    np.testing.assert_allclose(beta, [1.0, 1.0], atol=1e-12)
    np.testing.assert_allclose(beta, np.linalg.lstsq(X, y, rcond=None)[0], atol=1e-12)
    with pytest.raises(InputError, match="행 수"):
        la.least_squares(X, [1, 2])


def test_least_squares_does_not_square_the_condition_number():
    # Vandermonde design with cond(X) ~ 1e7: the normal equations (cond ~ 1e14) lose ~7 more digits
    t = np.linspace(0, 1, 30)
    X = np.vander(t, 7, increasing=True)[:, 1:]
    true = np.arange(1.0, 8.0)  # six slopes, then the intercept (last)
    y = np.hstack([X, np.ones((30, 1))]) @ true
    beta = la.least_squares(X, y)
    np.testing.assert_allclose(beta, true, rtol=1e-6)


def test_solve_min_norm_underdetermined():
    A = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 1.0]])
    b = np.array([6.0, 2.0])
    x = la.solve_min_norm(A, b)
    np.testing.assert_allclose(A @ x, b, atol=1e-12)
    np.testing.assert_allclose(x, np.linalg.lstsq(A, b, rcond=None)[0], atol=1e-12)


finite_vec = arrays(np.float64, st.integers(1, 20),
                    elements=st.floats(-1e150, 1e150, allow_nan=False, allow_infinity=False))


@settings(max_examples=80, deadline=None)
@given(finite_vec)
def test_norms_match_numpy(v):
    assert la.l1_norm(v) == pytest.approx(np.linalg.norm(v, 1), rel=1e-12)
    assert la.l2_norm(v) == pytest.approx(np.linalg.norm(v), rel=1e-12)
    assert la.linf_norm(v) == np.linalg.norm(v, np.inf)


@settings(max_examples=80, deadline=None)
@given(finite_vec, finite_vec)
def test_angle_never_nan_and_in_range(a, b):
    try:
        theta = la.angle(a, b)
    except InputError:
        return
    assert 0.0 <= theta <= np.pi


any_shape = arrays(np.float64, st.tuples(st.integers(0, 4), st.integers(0, 4)),
                   elements=st.floats(allow_nan=True, allow_infinity=True, width=64))


@settings(max_examples=60, deadline=None)
@given(any_shape, any_shape)
def test_routines_only_raise_input_error(A, B):
    for fn in (la.matmul, la.inner, la.hadamard, la.angle, la.projection):
        try:
            fn(A, B)
        except InputError:
            pass
    for fn in (la.inverse, la.pinv, la.determinant, la.condition_number, la.transpose):
        try:
            fn(A)
        except InputError:
            pass
