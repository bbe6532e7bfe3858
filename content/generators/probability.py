"""Generated questions for lesson 06 (probability): sample variance and covariance."""

from __future__ import annotations

from content.generators import Generated, generator


def _fmt(value: float, digits: int = 4) -> str:
    """A number with at most ``digits`` decimals and no trailing zeros (``2.5``, ``-0.75``, ``4``)."""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text

def _ro(number: int) -> str:
    """Korean particle 로/으로 after an integer read aloud (영, 삼, 육, 십… take 으로)."""
    return "으로" if str(number)[-1] in "036" else "로"


def _size(params: dict, default: int, low: int, high: int) -> int:
    n = int(params.get("n", default))
    if not low <= n <= high:
        raise ValueError(f"params.n must be between {low} and {high}, got {n}")
    return n


def _non_constant(rng, n: int, low: int, high: int):
    """Integer sample of size n in [low, high] with at least two distinct values."""
    while True:
        x = rng.integers(low, high + 1, size=n)
        if x.min() != x.max():
            return x


@generator("probability.sample_variance")
def sample_variance(rng, params: dict) -> Generated:
    """Variance with 1/n (the distribution's variance of the sample) of a small integer sample."""
    from mathcore import probability

    n = _size(params, 5, 3, 8)
    x = _non_constant(rng, n, 0, 9)
    stats = probability.moments(x.astype(float))
    mean, var = float(stats["mean"]), float(stats["variance"])
    deviations = x - mean
    squares = deviations**2
    unbiased = float(squares.sum()) / (n - 1)
    shown = ", ".join(str(int(v)) for v in x)
    prompt = (
        f"표본 ({shown})을 하나의 분포로 보고 분산을 $1/n$로 나누어 구하세요 "
        "(`np.var`의 기본값과 같은 방식)."
    )
    explanation = (
        f"평균은 {int(x.sum())} / {n} = {_fmt(mean)}입니다. "
        f"편차 ({', '.join(_fmt(d) for d in deviations)})의 제곱 "
        f"({', '.join(_fmt(s) for s in squares)})을 더하면 {_fmt(float(squares.sum()))}이고, "
        f"n = {n}{_ro(n)} 나누면 분산은 {_fmt(var)}입니다."
    )
    return Generated(
        type="numeric",
        prompt=prompt,
        answer=var,
        explanation=explanation,
        tolerance=1e-6,
        hints=[
            "먼저 평균을 구하고, 각 값에서 평균을 뺀 편차를 구하세요.",
            f"편차의 제곱을 모두 더한 뒤 n = {n}{_ro(n)} 나눕니다.",
        ],
        wrong_answers=[
            {
                "answer": repr(unbiased),
                "message": f"n − 1 = {n - 1}{_ro(n - 1)} 나눈 불편 표본분산입니다. 이 문제는 1/n 기준입니다.",
            }
        ],
    )


@generator("probability.covariance")
def covariance(rng, params: dict) -> Generated:
    """Covariance with 1/n of two short paired integer samples."""
    from mathcore import probability

    n = _size(params, 4, 3, 6)
    a = _non_constant(rng, n, 0, 9)
    b = _non_constant(rng, n, 0, 9)
    cov = float(probability.covariance(a.astype(float), b.astype(float)))
    da, db = a - a.mean(), b - b.mean()
    products = da * db
    prompt = (
        f"짝지은 표본 $a = ({', '.join(str(int(v)) for v in a)})$, "
        f"$b = ({', '.join(str(int(v)) for v in b)})$의 공분산을 $1/n$로 나누어 구하세요."
    )
    explanation = (
        f"평균은 a: {_fmt(a.mean())}, b: {_fmt(b.mean())}입니다. "
        f"편차의 곱 ({', '.join(_fmt(p) for p in products)})을 더하면 {_fmt(float(products.sum()))}이고, "
        f"n = {n}{_ro(n)} 나누면 공분산은 {_fmt(cov)}입니다."
    )
    wrong = []
    sample_cov = float(products.sum()) / (n - 1)
    if abs(sample_cov - cov) > 1e-6:
        wrong.append(
            {
                "answer": repr(sample_cov),
                "message": f"n − 1 = {n - 1}{_ro(n - 1)} 나눈 표본 공분산입니다. 이 문제는 1/n 기준입니다.",
            }
        )
    return Generated(
        type="numeric",
        prompt=prompt,
        answer=cov,
        explanation=explanation,
        tolerance=1e-6,
        hints=[
            "두 표본의 평균을 각각 구하고 편차를 만드세요.",
            f"같은 자리의 편차끼리 곱해 더한 뒤 n = {n}{_ro(n)} 나눕니다.",
        ],
        wrong_answers=wrong,
    )
