package lit

import (
	"bytes"
	"strings"
	"testing"

	"ctml/internal/tex"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"
)

// formulas lists the formulas of a parsed page as "$tex$" or "$$tex$$".
func formulas(t *testing.T, d *Document) []string {
	t.Helper()
	var got []string
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if tex, display, offset, ok := MathTeX(n, d.Source); ok {
			if display {
				got = append(got, "$$"+tex+"$$")
			} else {
				got = append(got, "$"+tex+"$")
			}
			// Every byte of the TeX but the line breaks is where offset says.
			for i := 0; i < len(tex); i++ {
				if tex[i] != '\n' && d.Source[offset(i)] != tex[i] {
					t.Errorf("offset(%d) of %q is %d, which holds %q", i, tex, offset(i), d.Source[offset(i)])
					break
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return got
}

func TestMath(t *testing.T) {
	tests := []struct {
		name, md string
		want     []string
	}{
		{"inline", "a $x^2$ b $y$.\n", []string{"$x^2$", "$y$"}},
		{"adjacent", "$a$$b$\n", []string{"$a$", "$b$"}},
		{"prices", "It costs $5 and $10.\n", nil},
		{"space after opener", "a $ x$ b\n", nil},
		{"space before closer", "a $x $ b\n", nil},
		{"digit after closer", "$x$5\n", nil},
		{"escaped", `a \$x$ b` + "\n", nil},
		{"escaped inside", `$a\$b$` + "\n", []string{`$a\$b$`}},
		{"code span", "`$x$` and `a $b` c$\n", nil},
		{"code span after opener", "$5 for `x` and $6\n", nil},
		{"code block", "```text\n$x$\n```\n", nil},
		{"across lines", "where $f :\nA \\to B$ holds\n", []string{"$f :\nA \\to B$"}},
		{"display inline", "so $$x = y$$ and more\n", []string{"$$x = y$$"}},
		{"display paragraph", "$$x = y.$$\n", []string{"$$x = y.$$"}},
		{"display lines", "text\n\n$$\na = b \\\\\nc\n$$\n\nmore\n", []string{"$$\na = b \\\\\nc\n$$"}},
		{"display in a paragraph", "text\n$$x$$\n", []string{"$$x$$"}},
		{"display then text", "$$x$$ is y\n", []string{"$$x$$"}},
		{"in a list", "- item $x$\n- $$y$$\n", []string{"$x$", "$$y$$"}},
		{"in a quote", "> $$x$$\n", []string{"$$x$$"}},
		{"heading", "# The $f$ arrow\n", []string{"$f$"}},
		{"html", "<span title=\"$x$\">y</span>\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, errs := Parse("x.md", []byte(tc.md))
			if len(errs) > 0 {
				t.Fatalf("Parse: %v", errs)
			}
			if diff := cmp.Diff(tc.want, formulas(t, d)); diff != "" {
				t.Errorf("formulas of %q (-want +got):\n%s", tc.md, diff)
			}
		})
	}
}

func TestMathUnterminated(t *testing.T) {
	_, errs := Parse("x.md", []byte("Text.\n\n$$\na = b\n\nc\n"))
	want := "x.md:3:1: unterminated display math: end the formula with $$ (a formula cannot span a blank line)"
	if errs.Error() != want {
		t.Errorf("Parse errors:\n%v\nwant\n%s", errs, want)
	}
}

// TestMathRender checks that lit's own renderer shows formulas as their
// TeX, escaped, and leaves a dollar sign in code alone.
func TestMathRender(t *testing.T) {
	src := "a $x<y$ and `$z$`\n\n$$\\frac12$$\n"
	d, _ := Parse("x.md", []byte(src))
	var b bytes.Buffer
	if err := Markdown().Renderer().Render(&b, d.Source, d.Root); err != nil {
		t.Fatal(err)
	}
	want := "<p>a <span class=\"math\">x&lt;y</span> and <code>$z$</code></p>\n<div class=\"math\">\\frac12</div>\n"
	if got := b.String(); got != want {
		t.Errorf("rendered\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(b.String(), "$$") {
		t.Errorf("the dollar signs of a formula were rendered")
	}
}

// TestPlainText: a heading's text without markup, its formulas as text.
func TestPlainText(t *testing.T) {
	d, errs := Parse("a.md", []byte("# The $g \\circ f$ *law* of `code`\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	h := d.Root.FirstChild()
	if got, want := PlainText(h, d.Source), "The g ∘ f law of code"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
}

// TestParseMath: each formula is parsed once, in order; errors are at
// their Markdown positions.
func TestParseMath(t *testing.T) {
	d, errs := Parse("a.md", []byte("Let $x$ and\n$\\lamda$, then\n\n$$\ny \\oops\n$$\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	n := 0
	errs = d.ParseMath(func(ast.Node, *tex.List) { n++ })
	if n != 1 {
		t.Errorf("ParseMath parsed %d formulas, want 1", n)
	}
	want := "a.md:2:2: unsupported command \\lamda (did you mean \\lambda?)\na.md:5:3: unsupported command \\oops"
	if errs.Error() != want {
		t.Errorf("ParseMath errors:\n%s\nwant\n%s", errs, want)
	}
}
