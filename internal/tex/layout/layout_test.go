package layout

import (
	"math"
	"strings"
	"testing"

	"ctml/internal/tex"
)

func lmFont(t testing.TB) *Font {
	t.Helper()
	f, err := LatinModern()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func set(t *testing.T, src string, st tex.Style) *Box {
	t.Helper()
	l, err := tex.Parse(src, st)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	b, err := lmFont(t).Typeset(l)
	if err != nil {
		t.Fatalf("Typeset(%q): %v", src, err)
	}
	return b
}

func advance(t *testing.T, r rune) Metrics {
	t.Helper()
	f := lmFont(t)
	g, ok := f.Glyph(r)
	if !ok {
		t.Fatalf("no glyph for %q", r)
	}
	return f.Metrics(g)
}

// scriptForm returns the metrics of r's script form (ssty).
func scriptForm(t *testing.T, r rune) Metrics {
	t.Helper()
	f := lmFont(t)
	g, _ := f.Glyph(r)
	return f.Metrics(f.ScriptForm(g, 1))
}

// TestScriptForms: in script style letters take the font's script forms,
// wider than the text forms scaled down (as cmmi7 is wider than cmmi10
// scaled to 7 pt).
func TestScriptForms(t *testing.T) {
	f := lmFont(t)
	for _, r := range "𝑓𝐴𝜂" {
		g, _ := f.Glyph(r)
		text, script := f.Metrics(g), f.Metrics(f.ScriptForm(g, 1))
		if f.ScriptForm(g, 1) == g || script.Advance <= text.Advance {
			t.Errorf("%c: script form %d (advance %.3f), text form %d (%.3f): want a wider script form", r, f.ScriptForm(g, 1), script.Advance, g, text.Advance)
		}
		box := set(t, string(r), tex.Script)
		if box.Glyphs[0].ID != f.ScriptForm(g, 1) {
			t.Errorf("%c in script style is glyph %d, want its script form", r, box.Glyphs[0].ID)
		}
	}
}

const tol = 1e-9

// TestConstants checks the MATH table against TeX's values for Computer
// Modern (cmsy10 and cmex10 parameters, in em).
func TestConstants(t *testing.T) {
	c := lmFont(t).C
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"axis height (σ22)", c.AxisHeight, 0.25},
		{"superscript shift (σ13)", c.SuperscriptShiftUp, 0.363},
		{"cramped superscript shift (σ15)", c.SuperscriptShiftUpCramped, 0.289},
		{"subscript shift with superscript (σ17)", c.SubscriptShiftDown, 0.247},
		{"rule thickness (ξ8)", c.FractionRuleThickness, 0.04},
		{"script scale", c.ScriptScale, 0.7},
		{"scriptscript scale", c.ScriptScriptScale, 0.5},
	} {
		if math.Abs(tc.got-tc.want) > 1e-9 {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// TestSpacing checks TeX's spaces between atoms: a medium space around ∘
// in text style, none in script style (as in tikz-cd's labels).
func TestSpacing(t *testing.T) {
	g, circ, f := advance(t, '𝑔'), advance(t, '∘'), advance(t, '𝑓')
	circ.Advance *= texSizes["∘"].k // set at the size of cmsy's \circ
	bare := g.Advance + g.Italic + circ.Advance + f.Advance + f.Italic
	if got, want := set(t, `g \circ f`, tex.Text).Width, bare+2*4.0/18; math.Abs(got-want) > tol {
		t.Errorf("text style width %.4f, want %.4f (medium spaces)", got, want)
	}
	gs, fs := scriptForm(t, '𝑔'), scriptForm(t, '𝑓')
	scriptBare := gs.Advance + gs.Italic + circ.Advance + fs.Advance + fs.Italic
	if got, want := set(t, `g \circ f`, tex.Script).Width, 0.7*scriptBare; math.Abs(got-want) > tol {
		t.Errorf("script style width %.4f, want %.4f (script forms, no spaces)", got, want)
	}
	x, times, y := advance(t, '𝑋'), advance(t, '×'), advance(t, '𝑌')
	if got, want := set(t, `X \times Y`, tex.Text).Width, x.Advance+x.Italic+times.Advance+y.Advance+y.Italic+8.0/18; math.Abs(got-want) > tol {
		t.Errorf("X × Y width %.4f, want %.4f", got, want)
	}
}

// TestItalicCorrection: a letter's box includes its italic correction
// (TeX rule 17), except before a subscript.
func TestItalicCorrection(t *testing.T) {
	b := advance(t, '𝐵')
	if b.Italic <= 0 {
		t.Fatal("B has no italic correction in the MATH table")
	}
	if got := set(t, "B", tex.Text).Width; math.Abs(got-(b.Advance+b.Italic)) > tol {
		t.Errorf("width of B = %.4f, want advance + italic correction %.4f", got, b.Advance+b.Italic)
	}
	box := set(t, "B_i", tex.Text)
	if got := box.Glyphs[1].X; math.Abs(got-b.Advance) > tol {
		t.Errorf("subscript of B at x = %.4f, want the advance %.4f", got, b.Advance)
	}
}

// TestScripts checks the shifts of rule 18 for a label such as η_A set in
// script style, and a superscript in text style.
func TestScripts(t *testing.T) {
	box := set(t, `\eta_A`, tex.Script)
	a := box.Glyphs[1]
	if a.Size != 0.5 {
		t.Errorf("subscript size %v, want 0.5 (scriptscript)", a.Size)
	}
	// Subscript alone: shifted down max(σ16, h − 4/5 x-height), scaled.
	am := advance(t, '𝐴')
	want := max(0.15*0.7, am.Height*0.5-0.344*0.7)
	if math.Abs(a.Y-want) > tol {
		t.Errorf("subscript shift %.4f, want %.4f", a.Y, want)
	}
	sup := set(t, "T^2", tex.Text)
	if got := -sup.Glyphs[1].Y; math.Abs(got-0.363) > tol {
		t.Errorf("superscript raised %.4f, want 0.363", got)
	}
	cramped := set(t, "T^2", tex.Text.Cramped())
	if got := -cramped.Glyphs[1].Y; math.Abs(got-0.289) > tol {
		t.Errorf("cramped superscript raised %.4f, want 0.289", got)
	}
}

// TestConstructions sets one of each construction and checks it draws.
func TestConstructions(t *testing.T) {
	for _, src := range []string{
		`\frac{a}{b}`, `\binom{n}{k}`, `\sqrt{x}`, `\sqrt[3]{x}`, `\left(\frac{a}{b}\right)`,
		`\hat{x}`, `\overline{AB}`, `\underline{x}`, `\begin{pmatrix}1&0\\0&1\end{pmatrix}`,
		`\sum_{i=1}^n x_i`, `\text{if } x`, `\mathbb{R}^n`, `\operatorname{softmax}(x)`, `\big( x \big)`,
	} {
		for _, st := range []tex.Style{tex.Display, tex.Text, tex.Script} {
			b := set(t, src, st)
			if len(b.Glyphs) == 0 || b.Width <= 0 || b.Height <= 0 {
				t.Errorf("%s in %v: empty box %+v", src, st, b)
			}
		}
	}
}

// TestMissingGlyph: a character Latin Modern Math lacks is an error at
// its offset, never a silent gap.
func TestMissingGlyph(t *testing.T) {
	l, err := tex.Parse(`x + ☃`, tex.Text)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lmFont(t).Typeset(l)
	e, ok := err.(*Error)
	if !ok || e.Offset != 4 || !strings.Contains(e.Msg, "U+2603") {
		t.Errorf("Typeset(x + ☃) error = %v, want one at offset 4 naming U+2603", err)
	}
}

// TestDefs checks that each glyph is defined once and used by id.
func TestDefs(t *testing.T) {
	f := lmFont(t)
	b := set(t, "x + x", tex.Text)
	d := &Defs{Font: f, Prefix: "p"}
	var body, defs strings.Builder
	d.Box(&body, b, 0, 0, 10)
	d.Write(&defs)
	if n := strings.Count(body.String(), "<use "); n != 3 {
		t.Errorf("%d uses, want 3", n)
	}
	if n := strings.Count(defs.String(), "<path "); n != 2 {
		t.Errorf("%d paths, want 2 (x once, + once)", n)
	}
	if !strings.Contains(body.String(), `href="#p-g`) {
		t.Errorf("uses do not refer to the prefixed ids: %s", body.String())
	}
}
