package tex

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

func TestMathML(t *testing.T) {
	tests := []struct {
		src   string
		style Style
		want  string
	}{
		{`f : A \to B`, Text,
			`<math><mi>f</mi><mo lspace="0.2778em" rspace="0.2778em">:</mo><mi>A</mi><mo>→</mo><mi>B</mi></math>`},
		{`g \circ f`, Display,
			`<math display="block"><mi>g</mi><mo lspace="0.2222em" rspace="0.2222em">∘</mo><mi>f</mi></math>`},
		// In a script, TeX drops the space around ∘.
		{`\eta_{g \circ f}`, Text,
			`<math><msub><mi>η</mi><mrow><mi>g</mi><mo lspace="0" rspace="0">∘</mo><mi>f</mi></mrow></msub></math>`},
		// Upright letters say so; words need not.
		{`\mathrm{id}_A \mathrm{d}x \Gamma`, Text,
			`<math><msub><mi>id</mi><mi>A</mi></msub><mi mathvariant="normal">d</mi><mi>x</mi><mi mathvariant="normal">Γ</mi></math>`},
		{`\mathcal{C} \to \mathbb{R}^n`, Text,
			`<math><mi>𝒞</mi><mo>→</mo><msup><mi>ℝ</mi><mi>n</mi></msup></math>`},
		// Between two atoms that are not operators, an mspace: Op–Ord.
		{`\log x`, Text,
			`<math><mi>log</mi><mspace width="0.1667em"></mspace><mi>x</mi></math>`},
		{`\operatorname{softmax}(z)_i`, Text,
			`<math><mi>softmax</mi><mo stretchy="false">(</mo><mi>z</mi><msub><mo stretchy="false">)</mo><mi>i</mi></msub></math>`},
		{`\sum_{i=1}^{n} x_i`, Display,
			`<math display="block"><munderover><mo largeop="true" lspace="0" rspace="0.1667em">∑</mo><mrow><mi>i</mi><mo lspace="0" rspace="0">=</mo><mn>1</mn></mrow><mi>n</mi></munderover><msub><mi>x</mi><mi>i</mi></msub></math>`},
		{`\sum_{i=1}^{n} x_i`, Text,
			`<math><msubsup><mo largeop="true" lspace="0" rspace="0.1667em">∑</mo><mrow><mi>i</mi><mo lspace="0" rspace="0">=</mo><mn>1</mn></mrow><mi>n</mi></msubsup><msub><mi>x</mi><mi>i</mi></msub></math>`},
		{`\frac{1}{2}\sqrt{x}\sqrt[3]{y}`, Display,
			`<math display="block"><mfrac><mn>1</mn><mn>2</mn></mfrac><mspace width="0.1667em"></mspace><msqrt><mi>x</mi></msqrt><mroot><mi>y</mi><mn>3</mn></mroot></math>`},
		{`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`, Display,
			`<math display="block"><mrow><mo>(</mo><mtable displaystyle="false"><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable><mo>)</mo></mrow></math>`},
		{`\text{if } x<0`, Text,
			`<math><mtext>if&#xa0;</mtext><mi>x</mi><mo>&lt;</mo><mn>0</mn></math>`},
		{`\langle x \rangle \left( y \right)`, Text,
			`<math><mo stretchy="false">⟨</mo><mi>x</mi><mo stretchy="false" lspace="0" rspace="0.1667em">⟩</mo><mrow><mo>(</mo><mi>y</mi><mo>)</mo></mrow></math>`},
		{`a\!b`, Text, `<math><mi>a</mi><mspace style="margin-left:-0.1667em"></mspace><mi>b</mi></math>`},
		{`\hat{x}\overline{AB}`, Text,
			`<math><mover accent="true"><mi>x</mi><mo stretchy="false" lspace="0" rspace="0">^</mo></mover><mover accent="true"><mrow><mi>A</mi><mi>B</mi></mrow><mo stretchy="true" lspace="0" rspace="0">‾</mo></mover></math>`},
		{`A \xrightarrow{f} B`, Text,
			`<math><mi>A</mi><mover><mo movablelimits="false" stretchy="true">→</mo><mi>f</mi></mover><mi>B</mi></math>`},
		{`-x`, Text, `<math><mo lspace="0" rspace="0">−</mo><mi>x</mi></math>`},
		// A browser would stretch a bare ( even here, to a wider glyph.
		{`\exp(c)`, Text, `<math><mi>exp</mi><mo stretchy="false">(</mo><mi>c</mi><mo stretchy="false">)</mo></math>`},
		// Primes are full size after the base; f'_i keeps its subscript.
		{`f'(x) g''_i`, Text,
			`<math><mrow><mi>f</mi><mo>′</mo></mrow><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo><msub><mrow><mi>g</mi><mo lspace="0" rspace="0">″</mo></mrow><mi>i</mi></msub></math>`},
		{`f\colon A`, Text,
			`<math><mi>f</mi><mspace width="0.1111em"></mspace><mo lspace="0" rspace="0.1667em">:</mo><mspace width="0.1667em"></mspace><mi>A</mi></math>`},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			l, err := Parse(tc.src, tc.style)
			if err != nil {
				t.Fatal(err)
			}
			got := MathML(l)
			want := strings.ReplaceAll(tc.want, "&#xa0;", "\u00a0")
			if got != want {
				t.Errorf("MathML(%q) =\n%s\nwant\n%s", tc.src, got, want)
			}
		})
	}
}

// TestMathMLWellFormed parses the MathML of every construction as XML.
func TestMathMLWellFormed(t *testing.T) {
	srcs := []string{
		`\begin{cases} 0 & x < 0 \\ x & \text{otherwise} \end{cases}`,
		`\begin{aligned} f &= g \\ &= h \end{aligned}`,
		`\binom{n}{k} \big( \Big] \dfrac{a}{b} \tfrac12`,
		`\displaystyle \sum \scriptstyle x`,
		`\underline{x} \vec{v} \overset{!}{=} \underset{x}{\arg\max}`,
		`\text{a & b < c}`,
		`f''(x) {}^2 \left. x \right|`,
	}
	for _, src := range srcs {
		l, err := Parse(src, Display)
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		d := xml.NewDecoder(strings.NewReader(MathML(l)))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("MathML(%q) is not well formed: %v\n%s", src, err, MathML(l))
				break
			}
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ src, want string }{
		{`g \circ f : A \to B`, "g ∘ f : A → B"},
		{`h \circ (g \circ f) = (h \circ g) \circ f`, "h ∘ (g ∘ f) = (h ∘ g) ∘ f"},
		{`\mathrm{id}_A`, "id_A"},
		{`x_1^2 + x_n`, "x₁² + xₙ"},
		{`10^{-9}`, "10⁻⁹"},
		{`-\ln p`, "−ln p"},
		{`\frac{a}{b+c}`, "a/(b+c)"},
		{`\mathbb{R}^n \times \mathcal{C}`, "ℝⁿ × 𝒞"},
		{`f(x, y)`, "f(x, y)"},
		{`e^{z_i}`, "e^(zᵢ)"},
		{`\operatorname{softmax}(z)`, "softmax(z)"},
		{`\lamda`, `\lamda`},
	}
	for _, tc := range tests {
		if got := PlainText(tc.src); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}
