package tex

import (
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		src   string
		style Style
		want  string
	}{
		{`f : A \to B`, Text, `[T ord:mi"f" rel:mo":" ord:mi"A" rel:mo"→" ord:mi"B"]`},
		{`g \circ f`, Text, `[T ord:mi"g" bin:mo"∘" ord:mi"f"]`},
		{`\mathrm{id}_A`, Text, `[T ord:mi"id"_[S' ord:mi"A"]]`},
		{`\mathrm{Tokenize}`, Text, `[T ord:mi"Tokenize"]`},
		{`\mathrm{[]string}`, Text, `[T ord:[T open:mo"[" close:mo"]" ord:mi"string"]]`},
		{`x_1^2`, Text, `[T ord:mi"x"^[S ord:mn"2"]_[S' ord:mn"1"]]`},
		{`x^{12}`, Text, `[T ord:mi"x"^[S ord:mn"12"]]`},
		{`x^12`, Text, `[T ord:mi"x"^[S ord:mn"1"] ord:mn"2"]`},
		{`3.14 + 2`, Text, `[T ord:mn"3.14" bin:mo"+" ord:mn"2"]`},
		// Rule 5: a Bin with no operand before it becomes an Ord.
		{`-x`, Text, `[T ord:mo"−" ord:mi"x"]`},
		{`a = -b`, Text, `[T ord:mi"a" rel:mo"=" ord:mo"−" ord:mi"b"]`},
		// Rule 6: and so does one followed by a relation or the end.
		{`a + = b +`, Text, `[T ord:mi"a" ord:mo"+" rel:mo"=" ord:mi"b" ord:mo"+"]`},
		{`\alpha\Gamma\phi\varphi\epsilon\varepsilon`, Text, `[T ord:mi"α" ord:mi"Γ" ord:mi"ϕ" ord:mi"φ" ord:mi"ϵ" ord:mi"ε"]`},
		{`\mathcal{C} \mathbb{R} \mathbf{x}`, Text, `[T ord:mi"C"/script ord:mi"R"/double-struck ord:mi"x"/bold]`},
		{`\operatorname{softmax}(x)`, Text, `[T op:mi"softmax" open:mo"(" ord:mi"x" close:mo")"]`},
		{`\sum_{i=1}^n x_i`, Display, `[D op:mo"∑"/large/limits-auto^[S ord:mi"n"]_[S' ord:mi"i" rel:mo"=" ord:mn"1"] ord:mi"x"_[S' ord:mi"i"]]`},
		{`\lim_{n\to\infty}`, Text, `[T op:mi"lim"/limits-auto_[S' ord:mi"n" rel:mo"→" ord:mi"∞"/normal]]`},
		{`\frac{a}{b}`, Display, `[D inner:frac([T ord:mi"a"],[T' ord:mi"b"])]`},
		{`\frac12`, Text, `[T inner:frac([S ord:mn"1"],[S' ord:mn"2"])]`},
		{`\sqrt{x}\sqrt[3]{y}`, Text, `[T ord:sqrt([T' ord:mi"x"]) ord:sqrt([SS ord:mn"3"],[T' ord:mi"y"])]`},
		{`\langle x, y \rangle`, Text, `[T open:mo"⟨" ord:mi"x" punct:mo"," ord:mi"y" close:mo"⟩"]`},
		{`X \times Y \otimes Z \cong W`, Text, `[T ord:mi"X" bin:mo"×" ord:mi"Y" bin:mo"⊗" ord:mi"Z" rel:mo"≅" ord:mi"W"]`},
		{`x \mapsto a x + b`, Text, `[T ord:mi"x" rel:mo"↦" ord:mi"a" ord:mi"x" bin:mo"+" ord:mi"b"]`},
		{`F \Rightarrow G`, Text, `[T ord:mi"F" rel:mo"⇒" ord:mi"G"]`},
		{`\text{if } x > 0`, Text, `[T ord:text"if " ord:mi"x" rel:mo">" ord:mn"0"]`},
		{`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`, Text, `[T inner:pmatrix([T ord:mi"a"]&[T ord:mi"b"];[T ord:mi"c"]&[T ord:mi"d"])]`},
		{`\begin{pmatrix} 1 \\ 2 \\ \end{pmatrix}`, Text, `[T inner:pmatrix([T ord:mn"1"];[T ord:mn"2"])]`},
		{`\begin{aligned} a &= b \end{aligned}`, Display, `[D inner:aligned([D ord:mi"a"]&[D ord:[D] rel:mo"=" ord:mi"b"])]`},
		{`\left( \frac{a}{b} \right)`, Text, `[T inner:left"("[T inner:frac([S ord:mi"a"],[S' ord:mi"b"])]right")"]`},
		{`f'(x)`, Text, `[T ord:mi"f"^[S ord:mo"′"] open:mo"(" ord:mi"x" close:mo")"]`},
		{`f''^2`, Text, `[T ord:mi"f"^[S ord:mo"′" ord:mo"′" ord:mn"2"]]`},
		{`a\,b\quad c\!d`, Text, `[T ord:mi"a" space(3) ord:mi"b" space(18) ord:mi"c" space(-3) ord:mi"d"]`},
		{`\hat{x} \overline{AB}`, Text, `[T ord:accent"^"([T' ord:mi"x"]) ord:accent"‾"([T' ord:mi"A" ord:mi"B"])]`},
		{`a \not= b \not\in C`, Text, `[T ord:mi"a" rel:mo"≠" ord:mi"b" rel:mo"∉" ord:mi"C"]`},
		{`A \xrightarrow{f} B`, Text, `[T ord:mi"A" rel:mo"→"/stretchy/limits^[S ord:mi"f"] ord:mi"B"]`},
		{`\mathbin{\circ}`, Text, `[T ord:mo"∘"]`},
		{`{}^2`, Text, `[T ord:[T]^[S ord:mn"2"]]`},
		{`\big( x \big)`, Text, `[T open:mo"("/1.2em ord:mi"x" close:mo")"/1.2em]`},
		{`\binom{n}{k}`, Text, `[T inner:binom([S ord:mi"n"],[S' ord:mi"k"])]`},
		{`\operatorname*{arg\,max}_x`, Display, `[D op:[D ord:mi"arg" space(3) ord:mi"max"]/limits-auto_[S' ord:mi"x"]]`},
		{`\displaystyle x`, Text, `[T style(D) ord:mi"x"]`},
		{"α → β", Text, `[T ord:mi"α" rel:mo"→" ord:mi"β"]`},
		{`\{ x \}`, Text, `[T open:mo"{" ord:mi"x" close:mo"}"]`},
		{`\sum\limits_i`, Text, `[T op:mo"∑"/large/limits_[S' ord:mi"i"]]`},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			l, err := Parse(tc.src, tc.style)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tc.src, err)
			}
			if got := Dump(l); got != tc.want {
				t.Errorf("Parse(%q) =\n%s\nwant\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
		msg    string
	}{
		{`x \lamda`, 2, `unsupported command \lamda (did you mean \lambda?)`},
		{`\foo`, 0, `unsupported command \foo`},
		{`{x`, 0, `this { is never closed`},
		{`x}`, 1, `unmatched }`},
		{`x^2^3`, 3, `double superscript: group them, as in x^{ab}`},
		{`x_1_2`, 3, `double subscript: group them, as in x_{ab}`},
		{`x^`, 2, `missing argument for ^`},
		{`\frac{a}`, 8, `missing argument for \frac`},
		{`a & b`, 2, `& separates the cells of a matrix: it is allowed only between \begin and \end`},
		{`a \\ b`, 2, `\\ starts a new row: it is allowed only between \begin and \end`},
		{`\begin{foo} x \end{foo}`, 7, `unsupported environment {foo}: the supported ones are Bmatrix, Vmatrix, aligned, bmatrix, cases, gathered, matrix, pmatrix, vmatrix`},
		{`\begin{pmatrix} x \end{bmatrix}`, 23, `\begin{pmatrix} ended by \end{bmatrix}`},
		{`\begin{pmatrix} x`, 0, `\begin{pmatrix} has no matching \end{pmatrix}`},
		{`\left( x`, 0, `\left has no matching \right`},
		{`x \right)`, 2, `\right without \left`},
		{`\left x \right)`, 6, `\left needs a delimiter, such as ( [ \{ | \langle or . for none`},
		{`50%`, 2, `% starts a comment in TeX: write \% for a percent sign`},
		{`a $ b`, 2, `$ inside math: close the formula first`},
		{`\text{a $x$}`, 8, `math inside \text is not supported`},
		{`\text{\alpha}`, 6, `commands inside \text are not supported`},
		{`\text x`, 6, `\text needs an argument in braces`},
		{`\not x`, 0, `\not needs a relation after it, as in \not\in`},
		{`x \limits`, 2, `\limits is allowed only after a large operator such as \sum`},
		{`x \`, 2, `\ at the end of the formula`},
		{`x @ y`, 2, `unsupported character "@" in math`},
		{`\sqrt[3{x}`, 5, `this [ is never closed`},
		{`\end{x}`, 0, `\end without \begin`},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			_, err := Parse(tc.src, Text)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Parse(%q) error = %v, want an *Error", tc.src, err)
			}
			if e.Offset != tc.offset || e.Msg != tc.msg {
				t.Errorf("Parse(%q) error at %d: %s\nwant at %d: %s", tc.src, e.Offset, e.Msg, tc.offset, tc.msg)
			}
		})
	}
}

// TestParseErrorPos: an error is a report.Error positioned in the formula:
// its line and column as well as its offset, for a formula over lines.
func TestParseErrorPos(t *testing.T) {
	_, err := Parse("a +\n  \\lamda", Display)
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("Parse error = %v, want an *Error", err)
	}
	if want := "2:3: unsupported command \\lamda (did you mean \\lambda?)"; e.Error() != want || e.Offset != 6 {
		t.Errorf("Parse error = %q at offset %d, want %q at offset 6", e.Error(), e.Offset, want)
	}
}

func TestParseDeep(t *testing.T) {
	src := ""
	for range 1000 {
		src += "{"
	}
	if _, err := Parse(src, Text); err == nil || err.Error() != "1:65: formula nested too deeply" {
		t.Errorf("Parse(1000 braces) error = %v, want 1:65: formula nested too deeply", err)
	}
}

func TestSpacing(t *testing.T) {
	tests := []struct {
		src   string
		style Style
		want  []int
	}{
		{`f : A \to B`, Text, []int{0, 5, 5, 5, 5}},
		{`g \circ f`, Text, []int{0, 4, 4}},
		{`g \circ f`, Script, []int{0, 0, 0}},      // no Bin space in scripts
		{`f(x, y)`, Text, []int{0, 0, 0, 0, 3, 0}}, // thin space after punctuation
		{`\sin x`, Script, []int{0, 3}},            // Op–Ord is thin in every style
		{`a \, b`, Text, []int{0, 0, 0}},           // explicit space adds, not replaces
		{`-x`, Text, []int{0, 0}},
		{`\frac12 x`, Text, []int{0, 3}}, // Inner–Ord
	}
	for _, tc := range tests {
		l, err := Parse(tc.src, tc.style)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.src, err)
		}
		got := l.Spacing()
		if len(got) != len(tc.want) {
			t.Errorf("Spacing(%q) = %v, want %v", tc.src, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("Spacing(%q) = %v, want %v", tc.src, got, tc.want)
				break
			}
		}
	}
}

func TestMathAlphabet(t *testing.T) {
	tests := []struct {
		in   string
		v    Variant
		want string
	}{
		{"R", DoubleStruck, "ℝ"},
		{"NZ1", DoubleStruck, "ℕℤ𝟙"},
		{"CD", Calligraphic, "𝒞𝒟"},
		{"F", Calligraphic, "ℱ"},
		{"Ah", Italic, "𝐴ℎ"},
		{"α∂ϕ", Italic, "𝛼𝜕𝜙"},
		{"Γ", Italic, "𝛤"},
		{"x1", Bold, "𝐱𝟏"},
		{"g", Fraktur, "𝔤"},
		{"id", Normal, "id"},
		{"a+b", SansSerif, "𝖺+𝖻"},
	}
	for _, tc := range tests {
		if got := MathAlphabet(tc.in, tc.v); got != tc.want {
			t.Errorf("MathAlphabet(%q, %v) = %q, want %q", tc.in, tc.v, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`f : A \to B`, `\frac{a}{b}^2_{\sqrt[3]{x}}`, `\begin{pmatrix}a&b\\c&d\end{pmatrix}`,
		`\left(\text{x}\right.`, `x'''^{\hat{y}}`, `\operatorname*{a}\limits`, `\not\in`, `{{{`, `\big`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		l, err := Parse(src, Display)
		if err != nil {
			e := err.(*Error)
			if e.Offset < 0 || e.Offset > len(src) {
				t.Fatalf("Parse(%q): error offset %d outside the source", src, e.Offset)
			}
			return
		}
		_ = Dump(l)
		_ = l.Spacing()
	})
}
