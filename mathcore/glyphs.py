"""The Unicode glyphs of written math, shared by every printer of formulas.

One table each: the minus sign, Greek letters by name, superscript and subscript characters, and
the pieces of tall delimiters. ``mathcore.pretty`` prints SymPy results with them and the lessons'
LaTeX converter (``content.latex``) prints formulas with them, so both write ``x²``, ``θ`` and
``⎡ ⎤`` alike. Plain data: no import beyond the standard library.
"""

from __future__ import annotations

#: The typographic minus sign (U+2212), never the hyphen.
MINUS = "\u2212"

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "omicron": "ο", "pi": "π", "varpi": "ϖ",
    "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}

SUPERSCRIPT = dict(zip(
    "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθιφχ",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᶥᵠᵡ",
))
# Characters that already read as superscripts.
SUPERSCRIPT.update({"⊤": "ᵀ", "*": "*", "∗": "*", "′": "′", "″": "″", "†": "†", "∘": "°",
                    MINUS: "⁻", "⋆": "⋆"})

SUBSCRIPT = dict(zip(
    "0123456789+-=()aehijklmnoprstuvxβγρφχ",
    "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ",
))
SUBSCRIPT[MINUS] = "₋"

#: Pieces of a delimiter drawn over several lines: (top, middle, bottom, centre).
TALL_DELIMITERS = {
    "[": ("⎡", "⎢", "⎣", "⎢"), "]": ("⎤", "⎥", "⎦", "⎥"),
    "(": ("⎛", "⎜", "⎝", "⎜"), ")": ("⎞", "⎟", "⎠", "⎟"),
    "{": ("⎧", "⎪", "⎩", "⎨"), "}": ("⎫", "⎪", "⎭", "⎬"),
    "|": ("│", "│", "│", "│"), "‖": ("‖", "‖", "‖", "‖"),
    "⌈": ("⌈", "│", "│", "│"), "⌉": ("⌉", "│", "│", "│"),
    "⌊": ("│", "│", "⌊", "│"), "⌋": ("│", "│", "⌋", "│"),
    "⟨": ("╱", "⟨", "╲", "⟨"), "⟩": ("╲", "⟩", "╱", "⟩"),
}
