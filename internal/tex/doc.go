// Package tex parses the subset of TeX math that the book uses, for its
// formulas ($…$ and $$…$$) and for the labels of its commutative
// diagrams, and writes it as MathML Core.
//
// The package is split the way TeX itself is:
//
//   - [Parse] reads a formula into a tree of TeX's noads: a [List] of
//     [Atom] values, each with a [Class] (ord, op, bin, rel, open, close,
//     punct, inner), a nucleus ([Symbol], a sub-[List], [Frac], [Radical],
//     [TextBox], [Array], [Fenced] or [Accent]) and optional scripts. Parse
//     gives every list its [Style] (display, text, script, scriptscript,
//     cramped or not) and applies TeX's rules that turn a binary operation
//     with a missing operand into an ordinary atom (-x).
//   - [Spacing] and [List.Spacing] give the space TeX puts between atoms
//     (TeXbook, p. 170), in mu; [MathAlphabet] maps letters to the
//     Unicode math alphabets (𝒞, ℝ, 𝑥) in which a math font holds them.
//   - [MathML] writes a list as MathML Core, with TeX's spacing made
//     explicit, so that browsers lay it out with no script.
//
// A backend that draws formulas itself (the SVG of the diagrams) walks the
// same tree, with the styles and classes set, and measures the glyphs.
//
// # The subset
//
// Letters (italic), digits, and + - * = < > : , ; ( ) [ ] ! ? . / | as in
// TeX's math mode; Unicode letters and symbols typed as such (α, →).
// Spaces are ignored, as in TeX.
//
//   - Greek: \alpha … \omega, \varepsilon, \varphi, \vartheta, …; \Gamma …
//     \Omega (upright).
//   - Alphabets: \mathrm \mathit \mathbf \boldsymbol \bm \mathcal \mathscr
//     \mathbb \mathfrak \mathsf \mathtt; text: \text \textrm \textit
//     \textbf \texttt \mbox.
//   - Scripts: x_i, x^2, x_i^2, f', f”; \limits and \nolimits.
//   - Operators: \sum \prod \coprod \int \bigoplus \bigotimes \bigcup
//     \bigcap …; \lim \max \min \sup \inf \det \log \exp \sin …,
//     \colim \argmax \argmin; \operatorname{…} and \operatorname*{…}.
//   - Binary operations: \circ \times \otimes \oplus \cdot \pm \cup \cap
//     \sqcup \wedge \vee \setminus …
//   - Relations and arrows: \to \mapsto \Rightarrow \Leftarrow
//     \Leftrightarrow \cong \simeq \sim \approx \equiv \leq \geq \neq \in
//     \subseteq \dashv \vdash \hookrightarrow \twoheadrightarrow
//     \rightrightarrows \implies \iff …; \not before a relation;
//     \xrightarrow{…} and its relatives; \overset \underset \stackrel.
//   - Delimiters: \langle \rangle \{ \} \lfloor \rfloor \lceil \rceil
//     \lvert \rvert \| ; \left…\right; \big \Big \bigg \Bigg and their l,
//     r, m forms.
//   - Constructions: \frac \dfrac \tfrac \binom \sqrt \sqrt[n];
//     \hat \widehat \bar \overline \underline \tilde \vec \dot \ddot;
//     \mathord \mathop \mathbin \mathrel \mathopen \mathclose \mathpunct
//     \mathinner; \displaystyle \textstyle \scriptstyle.
//   - Environments: matrix pmatrix bmatrix Bmatrix vmatrix Vmatrix cases
//     aligned gathered, with & and \\.
//   - Space: \, \: \; \! \quad \qquad \  ~ \enspace.
//   - amssymb's symbols as diagrams use them: \shortmid (a short bar)
//     \shortparallel \restriction \ltimes \rtimes \boxtimes \lhd
//     \leqslant \lesssim \curvearrowright \lrcorner \ulcorner …
//   - Symbols: \infty \partial \nabla \ell \emptyset \forall \exists \neg
//     \top \bot \ldots \cdots \vdots \ddots \prime and \# \% \& \$ \_ .
//
// Anything else is an [Error] whose offset points at it; an unknown command
// comes with a suggestion when one is close (\lamda: did you mean
// \lambda?).
package tex
