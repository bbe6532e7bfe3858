"""content.latex.to_unicode on the supported LaTeX subset."""

import pytest

from content.latex import FormulaError, cell_width, to_unicode

INLINE = [
    # scripts
    (r"x^2", "x²"),
    (r"x_i", "xᵢ"),
    (r"x_i^2", "xᵢ²"),
    (r"x^{(i)}", "x⁽ⁱ⁾"),
    (r"W_{xh}", "Wₓₕ"),
    (r"a_{ij}", "aᵢⱼ"),
    (r"x^{-1}", "x⁻¹"),
    (r"e^{-x^2}", "e^(−x²)"),
    (r"x_{\text{new}}", "x_(new)"),
    (r"x^q", "x^q"),
    (r"\theta_{t+1}", "θₜ₊₁"),
    (r"\beta^*", "β*"),
    (r"f'(x)", "f′(x)"),
    (r"f''(x)", "f′′(x)"),
    (r"X^\top", "Xᵀ"),
    (r"X^T X", "XᵀX"),
    (r"(X^\top X)^{-1} X^\top y", "(XᵀX)⁻¹Xᵀy"),
    (r"x \in \mathbb{R}^{n \times m}", "x ∈ ℝ^(n×m)"),
    # big operators keep their limits together
    (r"\sum_{i=1}^{n} x_i", "∑ᵢ₌₁ⁿ xᵢ"),
    (r"\prod_{i=1}^{n} p_i", "∏ᵢ₌₁ⁿ pᵢ"),
    (r"\int_0^1 f(x)\,dx", "∫₀¹ f(x) dx"),
    (r"\int_{-\infty}^{\infty} p(x)\,dx", "∫_(−∞)^∞ p(x) dx"),
    (r"\lim_{x \to 0} f(x)", "lim_(x→0) f(x)"),
    (r"\max_i |x_i|", "maxᵢ |xᵢ|"),
    (r"\arg\max_\theta L", "argmax_θ L"),
    (r"\argmax_{k} o_k", "argmaxₖ oₖ"),
    # fractions
    (r"\frac{a}{b}", "a/b"),
    (r"\frac{a+b}{c}", "(a + b)/c"),
    (r"\frac{1}{2n}", "1/(2n)"),
    (r"\frac{1}{n-1}", "1/(n − 1)"),
    (r"\frac{x-\mu}{\sigma}", "(x − μ)/σ"),
    (r"\frac{\partial L}{\partial w}", "∂L/∂w"),
    (r"\frac{dy}{dx}", "dy/dx"),
    (r"\dfrac{1}{2}", "½"),
    (r"\tfrac{3}{4}", "¾"),
    (r"\frac{3}{7}", "3/7"),
    (r"\frac{1}{n}\sum_{i=1}^{n} x_i", "(1/n)∑ᵢ₌₁ⁿ xᵢ"),
    (r"\frac{a}{b}\frac{c}{d}", "(a/b)(c/d)"),
    (r"-\frac{1}{m} \sum_k y_k", "−(1/m)∑ₖ yₖ"),
    (r"\sigma(x) = \frac{1}{1+e^{-x}}", "σ(x) = 1/(1 + e⁻ˣ)"),
    (r"\frac{x}{\sqrt{n}}", "x/√n"),
    (r"\frac{e^{o_i}}{\sum_j e^{o_j}}", "e^(oᵢ)/(∑ⱼ e^(oⱼ))"),
    # roots
    (r"\sqrt{x}", "√x"),
    (r"\sqrt{2}", "√2"),
    (r"\sqrt{54}", "√54"),
    (r"\sqrt{x+1}", "√(x + 1)"),
    (r"\sqrt{2\pi}", "√(2π)"),
    (r"\sqrt{\sigma^2}", "√σ²"),
    (r"\sqrt[3]{x}", "∛x"),
    (r"\sqrt[n]{x}", "ⁿ√x"),
    # norms, bars, sets
    (r"\|x\|_2", "‖x‖₂"),
    (r"\lVert x \rVert_1", "‖x‖₁"),
    (r"\|x\|_\infty", "‖x‖_∞"),
    (r"|x - y|", "|x − y|"),
    (r"P(A \mid B)", "P(A | B)"),
    (r"\{1, 2\}", "{1, 2}"),
    (r"A \cup B \cap C", "A ∪ B ∩ C"),
    (r"\emptyset \subset A", "∅ ⊂ A"),
    (r"x \notin S", "x ∉ S"),
    # relations and operators
    (r"a \le b \ge c \ne d", "a ≤ b ≥ c ≠ d"),
    (r"a \neq b", "a ≠ b"),
    (r"x \approx 0.5", "x ≈ 0.5"),
    (r"X \sim \mathcal{N}(\mu, \sigma^2)", "X ∼ 𝒩(μ, σ²)"),
    (r"p \propto q", "p ∝ q"),
    (r"a \to b \rightarrow c \leftarrow d", "a → b → c ← d"),
    (r"A \Rightarrow B \iff C", "A ⇒ B ⟺ C"),
    (r"\forall x \exists y", "∀x∃y"),
    (r"a \cdot b + c", "a·b + c"),
    (r"2 \times 3", "2 × 3"),
    (r"a \odot b", "a ⊙ b"),
    (r"f \circ g", "f ∘ g"),
    (r"a \ast b \star c", "a ∗ b ⋆ c"),
    (r"\pm 1 \mp 2", "±1 ∓ 2"),
    (r"x \perp y", "x ⊥ y"),
    (r"\angle A", "∠A"),
    (r"A^\dagger", "A†"),
    (r"a:=b", "a := b"),
    (r"−x + 1", "−x + 1"),
    (r"y = −2x", "y = −2x"),
    (r"x_1, x_2, \ldots, x_n", "x₁, x₂, …, xₙ"),
    (r"1 + \cdots + n", "1 + ⋯ + n"),
    # letters and fonts
    (r"\alpha \beta \gamma \delta \epsilon \eta \theta \lambda \mu \pi \rho \sigma \tau \phi \omega",
     "αβγδεηθλμπρστφω"),
    (r"\Sigma \Delta \Omega", "ΣΔΩ"),
    (r"\mathbf{x}", "𝐱"),
    (r"\boldsymbol{\theta}", "𝛉"),
    (r"\mathbb{R}^n", "ℝⁿ"),
    (r"\mathrm{d}x", "dx"),
    (r"\mathrm{ReLU}(x)", "ReLU(x)"),
    (r"\hat{y}", "ŷ"),
    (r"\bar{x}", "x̄"),
    (r"\tilde{x}", "x̃"),
    (r"\hat{\beta}", "β̂"),
    (r"\infty \partial \nabla", "∞∂∇"),
    # functions
    (r"\log x", "log x"),
    (r"\ln(x)", "ln(x)"),
    (r"\exp(-x)", "exp(−x)"),
    (r"\sin\theta + \cos\theta", "sin θ + cos θ"),
    (r"\tanh(z)", "tanh(z)"),
    (r"\det(A)", "det(A)"),
    (r"\min(a, b)", "min(a, b)"),
    (r"\operatorname{softmax}(o)_i", "softmax(o)ᵢ"),
    (r"y_k \log \hat{y}_k", "yₖ log ŷₖ"),
    (r"\operatorname{ReLU}'(z)", "ReLU′(z)"),
    (r"\sin^2\theta + \cos^2\theta = 1", "sin² θ + cos² θ = 1"),
    (r"\log_2 8 = 3", "log₂ 8 = 3"),
    (r"\frac{1}{\sqrt{2\pi\sigma^2}} \exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)",
     "(1/√(2πσ²)) exp(−(x − μ)²/(2σ²))"),
    # text and spacing
    (r"\text{정확도} = 0.9", "정확도 = 0.9"),
    (r"x \quad y", "x  y"),
    (r"x \qquad y", "x    y"),
    (r"a\,b\;c\!d", "a b cd"),
    (r"\left( \frac{1}{2} \right)^n", "(½)ⁿ"),
    (r"\left\{ x \mid x > 0 \right\}", "{x | x > 0}"),
    (r"\left\| x \right\|", "‖x‖"),
    (r"\left| x \right|", "|x|"),
    (r"\$5", "$5"),
]


@pytest.mark.parametrize("tex,expected", INLINE)
def test_inline(tex, expected):
    assert to_unicode(tex) == expected


def test_bmatrix_display():
    out = to_unicode(r"A = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", display=True)
    assert out.split("\n") == [
        "A = ⎡ 1  2 ⎤",
        "    ⎣ 3  4 ⎦",
    ]


def test_pmatrix_columns_aligned_and_transposed():
    out = to_unicode(r"\begin{pmatrix} 1 & -22 \\ 3 & 4 \\ 5 & 6 \end{pmatrix}^\top", display=True)
    assert out.split("\n") == [
        "⎛ 1  −22 ⎞ᵀ",
        "⎜ 3    4 ⎟",
        "⎝ 5    6 ⎠",
    ]


def test_matrix_product_on_one_baseline():
    out = to_unicode(r"\begin{bmatrix} 1 & 2 \end{bmatrix} \begin{bmatrix} 3 \\ 4 \\ 5 \end{bmatrix}"
                     r" = 11", display=True)
    lines = out.split("\n")
    assert len(lines) == 3
    assert lines[1] == "[ 1  2 ] ⎢ 4 ⎥ = 11"


def test_cases_display():
    out = to_unicode(r"\mathrm{ReLU}(x) = \begin{cases} x & (x > 0) \\ 0 & \text{그 외} \end{cases}",
                     display=True)
    assert out.split("\n") == [
        "ReLU(x) = ⎧ x   (x > 0)",
        "          ⎩ 0   그 외",
    ]


def test_three_row_cases_has_middle_brace():
    out = to_unicode(r"\begin{cases} a & 1 \\ b & 2 \\ c & 3 \end{cases}", display=True)
    assert [line[0] for line in out.split("\n")] == ["⎧", "⎨", "⎩"]


def test_wide_korean_cells_align():
    out = to_unicode(r"\begin{bmatrix} \text{가나} & 1 \\ x & 22 \end{bmatrix}", display=True)
    widths = {cell_width(line) for line in out.split("\n")}
    assert len(widths) == 1


def test_left_right_grow_around_matrix():
    out = to_unicode(r"\left( \begin{matrix} a \\ b \\ c \end{matrix} \right)", display=True)
    assert out.split("\n") == ["⎛a⎞", "⎜b⎟", "⎝c⎠"]


def test_multiline_display_source():
    out = to_unicode("x = 1\n+ 2", display=True)
    assert out == "x = 1 + 2"


@pytest.mark.parametrize("tex,fragment", [
    (r"\foo", r"지원하지 않는 명령 '\foo'입니다"),
    (r"\frac{1}{2", "닫는 중괄호 '}'가 없습니다"),
    (r"x^", "'^' 뒤에 인수가 없습니다"),
    (r"x}", "여는 '{' 없이 닫는 중괄호 '}'가 있습니다"),
    (r"x^2^3", "위첨자(^)가 두 번 붙었습니다"),
    (r"\left( x", r"\left와 짝이 되는 \right가 없습니다"),
    (r"x \right)", r"\right와 짝이 되는 \left가 없습니다"),
    (r"\begin{bmatrix} 1 \end{bmatrix}", "'bmatrix' 환경은 별행 수식($$...$$)에서만 쓸 수 있습니다"),
    (r"\begin{tabular} 1 \end{tabular}", "지원하지 않는 환경(environment) 'tabular'입니다"),
    (r"a & b", "예상하지 못한 기호 '&'가 있습니다"),
    (r"50\%", None),
    (r"\text{\foo}", r"\text 안에서는 명령 '\foo'를 지원하지 않습니다"),
    (r"$x$", "예상하지 못한 기호 '$'가 있습니다"),
    (r"\sqrt{}", r"\sqrt의 내용이 비어 있습니다"),
    (r"\frac{}{2}", r"\frac의 분자나 분모가 비어 있습니다"),
    (r"\left( x \right\foo", r"\right 뒤에 지원하지 않는 괄호(delimiter) '\foo'가 있습니다"),
])
def test_errors_name_the_formula(tex, fragment):
    if fragment is None:
        assert to_unicode(tex) == "50%"
        return
    with pytest.raises(FormulaError) as info:
        to_unicode(tex)
    assert fragment in str(info.value)
    assert f"(수식 ${tex}$)" in str(info.value)  # the formula is named
    assert info.value.message == fragment or info.value.message.startswith(fragment)
    assert info.value.formula == tex
    assert isinstance(info.value, ValueError)


def test_display_only_errors_are_korean():
    with pytest.raises(FormulaError) as info:
        to_unicode(r"\begin{bmatrix} 1 \end{pmatrix}", display=True)
    assert info.value.message == r"\begin{bmatrix}을 \end{pmatrix}로 닫았습니다 (\end{bmatrix}여야 합니다)"
    with pytest.raises(FormulaError) as info:
        to_unicode(r"\frac{\begin{bmatrix}1\end{bmatrix}}{2}", display=True)
    assert info.value.message == "분수 안에는 행렬이나 cases 블록을 쓸 수 없습니다"


def test_matrix_inside_fraction_is_an_error():
    with pytest.raises(FormulaError):
        to_unicode(r"\frac{\begin{bmatrix}1\end{bmatrix}}{2}", display=True)


@pytest.mark.parametrize("tex", [t for t, _ in INLINE])
def test_no_latex_syntax_survives(tex):
    out = to_unicode(tex)
    assert "\\" not in out
    if "\\{" not in tex:
        assert "{" not in out and "}" not in out
