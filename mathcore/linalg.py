r"""Vectors and matrices: norms, angles, projections, products, inverse, pseudo-inverse, least squares.

All routines compute in float64 and raise :class:`mathcore.InputError` (Korean message) for
wrong shapes, empty or non-finite input, and for inverses that do not exist.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mathcore import InputError
from mathcore._util import as_array, as_int, as_matrix, as_vector
from mathcore.korean import with_particle

COND_LIMIT = 1e12


def _scaled(x: np.ndarray) -> tuple[float, np.ndarray]:
    scale = float(np.max(np.abs(x))) if x.size else 0.0
    return scale, (x / scale if scale > 0 else x)


def l1_norm(x) -> float:
    r"""L1 (Manhattan) norm ‖x‖₁ = Σᵢ |xᵢ|.  x: (n,)."""
    return float(np.sum(np.abs(as_vector(x, "x"))))


def l2_norm(x) -> float:
    r"""L2 (Euclidean) norm ‖x‖₂ = √(Σᵢ xᵢ²).  x: (n,).

    Computed as s·√(Σ (xᵢ/s)²) with s = maxᵢ|xᵢ| so that huge or tiny entries do not
    overflow or underflow.
    """
    scale, xs = _scaled(as_vector(x, "x"))
    return float(scale * np.sqrt(np.dot(xs, xs))) if scale > 0 else 0.0


def linf_norm(x) -> float:
    r"""L∞ (maximum) norm ‖x‖∞ = maxᵢ |xᵢ|.  x: (n,)."""
    return float(np.max(np.abs(as_vector(x, "x"))))


def _finite(result, what: str):
    if not np.all(np.isfinite(result)):
        raise InputError(f"{what}: 결과가 float64 범위(약 1.8e308)를 넘었습니다. 더 작은 값을 쓰세요.")
    return result


def _same_shape(a: np.ndarray, b: np.ndarray, what: str) -> None:
    if a.shape != b.shape:
        raise InputError(f"{what}: 두 입력의 모양이 같아야 합니다 ({a.shape}와 {b.shape}).")


def hadamard(x, y) -> np.ndarray:
    r"""Hadamard (element-wise) product (x ⊙ y)ᵢⱼ = xᵢⱼ·yᵢⱼ.  x, y: the same shape (no broadcasting)."""
    a = as_array(x, "x")
    b = as_array(y, "y")
    _same_shape(a, b, "성분곱(Hadamard product)")
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(a * b, "성분곱")


def _pair(x, y) -> tuple[np.ndarray, np.ndarray]:
    a = as_vector(x, "x")
    b = as_vector(y, "y")
    if a.shape != b.shape:
        raise InputError(f"두 벡터의 길이가 같아야 합니다 ({a.size}와 {b.size}).")
    return a, b


def angle(x, y) -> float:
    r"""Angle θ ∈ [0, π] (radians) between x and y: cos θ = ⟨x, y⟩ / (‖x‖₂‖y‖₂).  x, y: (n,).

    Both vectors are scaled by their largest entry first, and the cosine is clipped to
    [−1, 1], so parallel vectors give exactly 0 or π, never NaN.  A zero vector has no
    direction: InputError.
    """
    a, b = _pair(x, y)
    sa, a = _scaled(a)
    sb, b = _scaled(b)
    if sa == 0 or sb == 0:
        raise InputError("영벡터는 방향이 없어서 각도를 정의할 수 없습니다.")
    with np.errstate(over="ignore", under="ignore"):
        cos = np.dot(a, b) / (np.sqrt(np.dot(a, a)) * np.sqrt(np.dot(b, b)))
    return float(np.arccos(np.clip(cos, -1.0, 1.0)))


def projection(x, y) -> np.ndarray:
    r"""Orthogonal projection of x onto y: proj_y(x) = (⟨x, y⟩ / ⟨y, y⟩) y.  x, y: (n,) → (n,).

    Its length is ‖x‖₂|cos θ|.  y = 0 → InputError.
    """
    a, b = _pair(x, y)
    sb, bs = _scaled(b)
    if sb == 0:
        raise InputError("영벡터 위로는 정사영할 수 없습니다 (y ≠ 0 이어야 합니다).")
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite((np.dot(a, bs) / np.dot(bs, bs)) * bs, "정사영")


def _mat_or_vec(a, name: str) -> np.ndarray:
    return as_array(a, name, ndim=(1, 2), parse_text="matrix", field=name)


def matmul(A, B) -> np.ndarray:
    r"""Matrix product (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ.  A: (m, n), B: (n, p) → (m, p); 1-D operands follow ``@``."""
    a = _mat_or_vec(A, "A")
    b = _mat_or_vec(B, "B")
    n_a = a.shape[-1]
    n_b = b.shape[0]
    if n_a != n_b:
        raise InputError(
            f"행렬곱 A@B는 A의 열 수와 B의 행 수가 같아야 합니다: A {a.shape}, B {b.shape} "
            f"({n_a} ≠ {n_b}).", field="B"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(a @ b, "행렬곱")


def inner(A, B) -> np.ndarray:
    r"""``np.inner``: (A Bᵀ)ᵢⱼ = Σₖ AᵢₖBⱼₖ — rows of A against rows of B.  A: (m, n), B: (p, n) → (m, p).

    For vectors, the scalar ⟨a, b⟩ (as a 0-d array).
    """
    a = _mat_or_vec(A, "A")
    b = _mat_or_vec(B, "B")
    if a.shape[-1] != b.shape[-1]:
        raise InputError(
            f"np.inner는 두 입력의 마지막 차원(행의 길이)이 같아야 합니다: A {a.shape}, B {b.shape}.", field="B"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(np.inner(a, b), "np.inner")


def transpose(A) -> np.ndarray:
    r"""Transpose (Aᵀ)ᵢⱼ = Aⱼᵢ.  A: (m, n) → (n, m); a vector (n,) is read as a row (1, n) → (n, 1)."""
    a = _mat_or_vec(A, "A")
    if a.ndim == 1:
        a = a[None, :]
    return a.T.copy()


def _square(A, what: str) -> np.ndarray:
    a = as_matrix(A, "A")
    if a.shape[0] != a.shape[1]:
        raise InputError(f"{with_particle(what, '은/는')} 정사각행렬에서만 정의됩니다 (입력 모양 {a.shape}).")
    return a


def determinant(A) -> float:
    r"""Determinant det(A) (LU factorisation).  A: (n, n)."""
    a = _square(A, "행렬식")
    with np.errstate(over="ignore", invalid="ignore"):
        return float(_finite(np.linalg.det(a), "행렬식"))


def condition_number(A) -> float:
    r"""2-norm condition number κ(A) = σ_max / σ_min from the singular values.  A: (m, n).

    Returns ``inf`` for a rank-deficient matrix.
    """
    a = as_matrix(A, "A")
    scale, a = _scaled(a)  # κ is scale-free; scaling keeps the SVD away from overflow
    s = np.linalg.svd(a, compute_uv=False)
    if s[-1] == 0 or s[0] == 0 or min(a.shape) == 0:
        return float("inf")
    return float(s[0] / s[-1])


def inverse(A) -> np.ndarray:
    r"""Inverse A⁻¹ with A A⁻¹ = A⁻¹ A = I.  A: (n, n), well-conditioned.

    A singular matrix (det = 0) or an ill-conditioned one (κ(A) > 10¹²) raises InputError
    that points to the pseudo-inverse :func:`pinv`.
    """
    a = _square(A, "역행렬")
    cond = condition_number(a)
    if not np.isfinite(cond):
        raise InputError("특이행렬(det = 0)이라 역행렬이 없습니다. 유사역행렬(pinv)을 쓰세요.")
    if cond > COND_LIMIT:
        raise InputError(
            f"조건수가 {cond:.2e}로 너무 커서(> 1e12) 역행렬을 믿을 수 없습니다. 유사역행렬(pinv)을 쓰세요."
        )
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(np.linalg.inv(a), "역행렬")


def pinv(A, rcond: float | None = None) -> np.ndarray:
    r"""Moore–Penrose pseudo-inverse A⁺ = V Σ⁺ Uᵀ from the thin SVD A = U Σ Vᵀ.  A: (m, n) → (n, m).

    Singular values below rcond·σ_max are treated as zero (default rcond = max(m, n)·ε).
    A⁺ satisfies A A⁺ A = A, A⁺ A A⁺ = A⁺, (A A⁺)ᵀ = A A⁺, (A⁺ A)ᵀ = A⁺ A.  When A has full
    column rank, A⁺ = (AᵀA)⁻¹Aᵀ and A⁺A = I; with full row rank, A⁺ = Aᵀ(AAᵀ)⁻¹ and AA⁺ = I.
    """
    a = _mat_or_vec(A, "A")
    if a.ndim == 1:
        a = a[None, :]
    scale, a = _scaled(a)  # pinv(cA) = pinv(A)/c; scaling keeps the SVD away from overflow
    if scale == 0.0:
        return np.zeros((a.shape[1], a.shape[0]))
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    if rcond is None:
        rcond = max(a.shape) * np.finfo(float).eps
    cutoff = rcond * (s[0] if s.size else 0.0)
    s_inv = np.zeros_like(s)
    keep = s > cutoff
    s_inv[keep] = 1.0 / s[keep]
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(((vt.T * s_inv) @ u.T) / scale, "유사역행렬")


def design_matrix(X, intercept: bool = True) -> np.ndarray:
    r"""The design matrix [X | 1] (ones column appended last when ``intercept``).  X: (n,) or (n, d)."""
    x = as_array(X, "X", ndim=(1, 2), parse_text="matrix")
    if x.ndim == 1:
        x = x[:, None]
    if intercept:
        x = np.hstack([x, np.ones((x.shape[0], 1))])
    return x


def least_squares(X, y, intercept: bool = True) -> np.ndarray:
    r"""Least-squares coefficients β = X⁺y minimising ‖y − Xβ‖₂.

    X: (n,) or (n, d); y: (n,).  With ``intercept`` a column of ones is appended, so the result
    has d + 1 entries and the intercept is the **last** one.  Solved with the SVD
    pseudo-inverse of X (never the normal equations XᵀX, which square the condition number);
    for a rank-deficient X this is the minimum-norm solution, like ``np.linalg.lstsq``.
    """
    design = design_matrix(X, intercept)
    target = as_array(y, "y", ndim=(1, 2))
    if target.shape[0] != design.shape[0]:
        raise InputError(f"X의 행 수({design.shape[0]})와 y의 길이({target.shape[0]})가 같아야 합니다.")
    return pinv(design) @ target


def solve_min_norm(A, b) -> np.ndarray:
    r"""x = A⁺b: for an under-determined system (n ≤ m unknowns) a solution of Ax = b with the
    smallest ‖x‖₂; in general the least-squares solution.  A: (n, m), b: (n,) → (m,)."""
    a = as_matrix(A, "A")
    rhs = as_array(b, "b", ndim=(1, 2))
    if rhs.shape[0] != a.shape[0]:
        raise InputError(f"A의 행 수({a.shape[0]})와 b의 길이({rhs.shape[0]})가 같아야 합니다.")
    return pinv(a) @ rhs


def _sign_fixed(vectors: np.ndarray) -> np.ndarray:
    """Columns scaled by ±1 so that each column's largest-magnitude entry is positive."""
    idx = np.argmax(np.abs(vectors), axis=0)
    signs = np.sign(vectors[idx, np.arange(vectors.shape[1])])
    signs[signs == 0] = 1.0
    return vectors * signs


def eig(A) -> tuple[np.ndarray, np.ndarray]:
    r"""Eigen-decomposition A v = λ v.  A: (n, n) → (values (n,), vectors (n, n)), column j of
    ``vectors`` belonging to values[j], each of unit length with its largest entry positive.

    A symmetric A (within 1e-12 relative) uses ``eigh``: real values in ascending order and
    orthonormal vectors, so A = QΛQᵀ.  Otherwise the values may be complex (a rotation has none
    on the real line); they are sorted by real part, then imaginary part, and returned as real
    arrays when every imaginary part is zero.
    """
    a = _square(A, "고윳값 분해")
    scale, a = _scaled(a)
    if scale == 0.0:
        return np.zeros(a.shape[0]), np.eye(a.shape[0])
    if np.allclose(a, a.T, rtol=0, atol=1e-12):
        values, vectors = np.linalg.eigh((a + a.T) / 2)
        return values * scale, _sign_fixed(vectors)
    values, vectors = np.linalg.eig(a)
    order = np.lexsort((values.imag, values.real))
    values, vectors = values[order] * scale, vectors[:, order]
    if np.all(values.imag == 0):
        values, vectors = values.real, _sign_fixed(vectors.real)
    return values, vectors


def svd(A) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Thin singular value decomposition A = U Σ Vᵀ.  A: (m, n), r = min(m, n) →
    U (m, r) with orthonormal columns, S (r,) with σ₁ ≥ … ≥ σ_r ≥ 0, Vt (r, n) with orthonormal rows.

    Geometrically: Vᵀ rotates, Σ stretches along the axes, U rotates; the unit circle becomes an
    ellipse with semi-axes σᵢ along the columns of U.
    """
    a = _mat_or_vec(A, "A")
    if a.ndim == 1:
        a = a[None, :]
    scale, a = _scaled(a)
    u, s, vt = np.linalg.svd(a, full_matrices=False)
    return u, _finite(s * scale, "특잇값"), vt


def pinv_svd(A, rcond: float | None = None) -> np.ndarray:
    r"""Pseudo-inverse written out from the SVD: A⁺ = V Σ⁺ Uᵀ, where Σ⁺ inverts the singular values
    above rcond·σ_max (default rcond = max(m, n)·ε, the cut-off of :func:`pinv`) and zeroes the rest.
    A: (m, n) → (n, m).  Equal to :func:`pinv` and ``numpy.linalg.pinv``.
    """
    u, s, vt = svd(A)
    if rcond is None:
        rcond = max(u.shape[0], vt.shape[1]) * np.finfo(float).eps
    s_plus = np.zeros_like(s)
    keep = s > rcond * (s[0] if s.size else 0.0)
    s_plus[keep] = 1.0 / s[keep]
    with np.errstate(over="ignore", invalid="ignore"):
        return _finite(vt.T @ np.diag(s_plus) @ u.T, "유사역행렬")


def rank(A, rcond: float | None = None) -> int:
    r"""Numerical rank: the number of singular values above rcond·σ_max (default max(m, n)·ε)."""
    u, s, vt = svd(A)
    if rcond is None:
        rcond = max(u.shape[0], vt.shape[1]) * np.finfo(float).eps
    return int(np.sum(s > rcond * s[0])) if s.size and s[0] > 0 else 0


def low_rank(A, k: int) -> np.ndarray:
    r"""Best rank-k approximation A_k = Σ_{i ≤ k} σᵢ uᵢ vᵢᵀ (Eckart–Young: it minimises ‖A − B‖₂ and
    ‖A − B‖_F over rank-k B; the errors are σ_{k+1} and √(Σ_{i>k} σᵢ²)).  A: (m, n), 1 ≤ k ≤ min(m, n)."""
    u, s, vt = svd(A)
    k = as_int(k, "k", 1, s.size)
    return (u[:, :k] * s[:k]) @ vt[:k]


@dataclass
class PCAResult:
    r"""Principal component analysis of n samples in d dimensions.

    components (k, d): the principal axes (unit rows, largest entry positive);
    explained_variance (k,): variance of the data along each axis, σᵢ²/(n − 1);
    explained_variance_ratio (k,): that variance over the total variance;
    mean (d,): the centre subtracted first; scores (n, k): the centred data projected on the axes;
    singular_values (min(n, d),): all singular values of the centred data.
    """

    components: np.ndarray
    explained_variance: np.ndarray
    explained_variance_ratio: np.ndarray
    mean: np.ndarray
    scores: np.ndarray
    singular_values: np.ndarray

    def reconstruct(self) -> np.ndarray:
        """The data rebuilt from k components: mean + scores · components, (n, d)."""
        return self.mean + self.scores @ self.components


def pca(X, k: int) -> PCAResult:
    r"""PCA of X (n, d) with k components: centre Xc = X − mean, thin SVD Xc = U Σ Vᵀ; the axes are
    the first k rows of Vᵀ, i.e. the eigenvectors of the covariance Xcᵀ Xc / (n − 1) with eigenvalues
    σᵢ²/(n − 1).  Same conventions as ``sklearn.decomposition.PCA`` (up to the sign of each axis).
    n ≥ 2, 1 ≤ k ≤ min(n, d)."""
    x = as_matrix(X, "X")
    n, d = x.shape
    if n < 2:
        raise InputError("주성분 분석에는 데이터가 2개 이상 필요합니다.")
    k = as_int(k, "주성분 개수 k", 1, min(n, d))
    mean = x.mean(axis=0)
    u, s, vt = svd(x - mean)
    signs = np.sign(vt[np.arange(vt.shape[0]), np.argmax(np.abs(vt), axis=1)])
    signs[signs == 0] = 1.0
    vt = vt * signs[:, None]
    variance = s * s / (n - 1)
    total = float(variance.sum())
    ratio = variance / total if total > 0 else np.zeros_like(variance)
    components = vt[:k]
    return PCAResult(components=components, explained_variance=variance[:k], explained_variance_ratio=ratio[:k],
                     mean=mean, scores=(x - mean) @ components.T, singular_values=s)


__all__ = [
    "l1_norm", "l2_norm", "linf_norm", "hadamard", "angle", "projection", "matmul", "inner",
    "transpose", "determinant", "condition_number", "inverse", "pinv", "least_squares",
    "design_matrix", "solve_min_norm", "COND_LIMIT", "eig", "svd", "pinv_svd", "rank", "low_rank",
    "pca", "PCAResult",
]
