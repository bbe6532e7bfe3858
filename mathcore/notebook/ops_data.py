"""Notebook operations on data: activations, statistics, information, convolution, and
the table of every operation with its Korean help."""
from __future__ import annotations

import numpy as np

from mathcore import InputError
from mathcore.notebook import ops as la
from mathcore.notebook import ops_calculus as calc
from mathcore.notebook.library import Op
from mathcore.notebook.values import check_array, check_expr, is_expr


def _vector(v, what: str) -> np.ndarray:
    return la._array(v, what, (1,))


def op_softmax(args, budget):
    from mathcore import nn

    v = la._array(args[0], "softmax")
    return check_array(nn.softmax(v, axis=-1))


def _activation(name: str):
    def run(args, budget):
        from mathcore import nn

        v = args[0]
        if is_expr(v):
            import sympy

            expr = 1 / (1 + sympy.exp(-v)) if name == "sigmoid" else sympy.Max(0, v)
            return check_expr(expr, budget)
        if isinstance(v, float):
            return float(getattr(nn, name)(np.array([v]))[0])
        return check_array(getattr(nn, name)(la._array(v, name)))

    return run


def op_mean(args, budget):
    return float(np.mean(la._array(args[0], "mean")))


def op_var(args, budget):
    x = la._array(args[0], "var")
    return float(np.mean((x - x.mean()) ** 2))


def op_sum(args, budget):
    return float(np.sum(la._array(args[0], "sum")))


def op_entropy(args, budget):
    from mathcore import statistics

    return statistics.entropy(_vector(args[0], "entropy의 분포"))


def op_kl(args, budget):
    from mathcore import statistics

    value = statistics.kl_divergence(_vector(args[0], "kl의 p"), _vector(args[1], "kl의 q"))
    if not np.isfinite(value):
        raise InputError("p > 0인데 q = 0인 칸이 있어 KL 발산이 무한대입니다.")
    return value


MAX_CONV_WORK = 20_000_000  # multiply-adds of one corr/conv line (about half a second)


def _convolution(kind: str):
    def run(args, budget):
        from mathcore import conv

        x, k = la._array(args[0], f"{kind}의 입력"), la._array(args[1], f"{kind}의 커널")
        if x.ndim != k.ndim:
            raise InputError(f"{kind}: 입력과 커널의 차원이 같아야 합니다(1차원끼리 또는 2차원끼리).")
        outputs = np.prod([max(n - m + 1, 1) for n, m in zip(x.shape, k.shape)])
        if outputs * k.size > MAX_CONV_WORK:
            raise InputError(f"{kind}: 계산량이 너무 큽니다(출력 {int(outputs):,}칸 × 커널 {k.size:,}칸). "
                             "입력이나 커널을 더 작게 잘라 계산하세요.")
        name = {("corr", 1): "correlate1d", ("conv", 1): "convolve1d",
                ("corr", 2): "correlate2d", ("conv", 2): "convolve2d"}[(kind, x.ndim)]
        return check_array(np.asarray(getattr(conv, name)(x, k)))

    return run


def _op(name, lo, hi, usage, help_text, fn, group):
    return Op(name, lo, hi, usage, help_text, fn, group)


LINALG, CALC, DATA = "선형대수", "미적분", "확률·통계·신경망"
OPS: dict[str, Op] = {op.name: op for op in [
    _op("matmul", 2, 2, "matmul(A, B) 또는 A @ B", "행렬곱 AB (A의 열 수 = B의 행 수)", la.op_matmul, LINALG),
    _op("transpose", 1, 1, "transpose(A) 또는 A'", "전치행렬 Aᵀ (벡터는 열벡터가 됩니다)", la.op_transpose, LINALG),
    _op("inv", 1, 1, "inv(A)", "역행렬 A⁻¹ (정사각·가역 행렬만; 아니면 pinv)", la.op_inv, LINALG),
    _op("pinv", 1, 1, "pinv(A)", "무어-펜로즈 유사역행렬 A⁺ (SVD로 계산)", la.op_pinv, LINALG),
    _op("det", 1, 1, "det(A)", "행렬식 det(A)", la.op_det, LINALG),
    _op("rank", 1, 1, "rank(A)", "랭크: 일차독립인 열의 개수", la.op_rank, LINALG),
    _op("cond", 1, 1, "cond(A)", "조건수 κ(A) = σ_max/σ_min", la.op_cond, LINALG),
    _op("eig", 1, 1, "eig(A)", "고윳값과 고유벡터 (대칭행렬은 오름차순 실수)", la.op_eig, LINALG),
    _op("svd", 1, 1, "U, S, Vt = svd(A)", "특잇값 분해 A = UΣVᵀ (얇은 SVD)", la.op_svd, LINALG),
    _op("lowrank", 2, 2, "lowrank(A, k)", "특잇값 k개로 만든 가장 가까운 랭크 k 행렬", la.op_lowrank, LINALG),
    _op("norm", 1, 2, "norm(x) 또는 norm(x, 1|2|inf)", "노름: L1, L2(기본), L∞", la.op_norm, LINALG),
    _op("hadamard", 2, 2, "hadamard(x, y)", "성분곱 x ⊙ y (모양이 같아야 합니다)", la.op_hadamard, LINALG),
    _op("inner", 2, 2, "inner(x, y)", "내적 ⟨x, y⟩ (행렬이면 A Bᵀ)", la.op_inner, LINALG),
    _op("trace", 1, 1, "trace(A)", "대각합 tr(A)", la.op_trace, LINALG),
    _op("solve", 2, 2, "solve(A, b)", "연립방정식 Ax = b의 해", la.op_solve, LINALG),
    _op("eye", 1, 1, "eye(n)", "n×n 단위행렬", la.op_eye, LINALG),
    _op("zeros", 1, 2, "zeros(n) 또는 zeros(m, n)", "0으로 채운 벡터/행렬", la.op_zeros, LINALG),
    _op("ones", 1, 2, "ones(n) 또는 ones(m, n)", "1로 채운 벡터/행렬", la.op_ones, LINALG),
    _op("shape", 1, 1, "shape(A)", "모양 (행 수, 열 수)", la.op_shape, LINALG),
    _op("diff", 1, 3, "diff(f, x) 또는 diff(f, x, 2)", "도함수 df/dx (n계 미분)", calc.op_diff, CALC),
    _op("grad", 1, 2, "grad(f, [x, y])", "그래디언트 ∇f (편미분들의 벡터)", calc.op_grad, CALC),
    _op("jacobian", 1, 2, "jacobian([f, g], [x, y])", "야코비안 행렬 ∂fᵢ/∂xⱼ", calc.op_jacobian, CALC),
    _op("hessian", 1, 2, "hessian(f, [x, y])", "헤세 행렬 ∂²f/∂xᵢ∂xⱼ", calc.op_hessian, CALC),
    _op("integrate", 2, 4, "integrate(f, x, a, b)", "정적분 ∫ₐᵇ f dx (수치 적분)", calc.op_integrate, CALC),
    _op("subs", 3, 3, "subs(f, x, 2) 또는 subs(f, [x, y], [1, 2])", "변수에 값이나 식을 대입 (f(1)도 됩니다)", calc.op_subs, CALC),
    _op("plot", 1, 4, "plot(f, x, -3, 3) 또는 plot(v)", "식의 그래프, 또는 벡터 값의 그래프", calc.op_plot, CALC),
    _op("softmax", 1, 1, "softmax(v)", "소프트맥스 exp(vᵢ)/Σexp(vⱼ) (행렬은 행마다)", op_softmax, DATA),
    _op("sigmoid", 1, 1, "sigmoid(x)", "시그모이드 1/(1 + e⁻ˣ)", _activation("sigmoid"), DATA),
    _op("relu", 1, 1, "relu(x)", "ReLU max(0, x)", _activation("relu"), DATA),
    _op("mean", 1, 1, "mean(v)", "평균", op_mean, DATA),
    _op("var", 1, 1, "var(v)", "분산 (1/n로 나눈 표본분산, 최대가능도 추정)", op_var, DATA),
    _op("sum", 1, 1, "sum(v)", "모든 원소의 합", op_sum, DATA),
    _op("entropy", 1, 1, "entropy(p)", "엔트로피 −Σ pᵢ log pᵢ (자연로그, 단위 nat)", op_entropy, DATA),
    _op("kl", 2, 2, "kl(p, q)", "KL 발산 Σ pᵢ log(pᵢ/qᵢ) (자연로그)", op_kl, DATA),
    _op("corr", 2, 2, "corr(x, k)", "교차상관 (CNN의 '합성곱', 커널을 뒤집지 않음)", _convolution("corr"), DATA),
    _op("conv", 2, 2, "conv(x, k)", "수학의 합성곱 (커널을 뒤집어 교차상관)", _convolution("conv"), DATA),
]}
