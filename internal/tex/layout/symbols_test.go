package layout

import (
	"math"
	"testing"

	"ctml/internal/tex"
)

// TestAmsSymbols checks that every amssymb symbol package tex knows for the
// diagrams (nLab's and quiver's, such as \\shortmid) has a glyph in Latin
// Modern Math.
func TestAmsSymbols(t *testing.T) {
	f, _ := LatinModern()
	for _, c := range []string{"shortmid", "shortparallel", "nshortmid", "nparallel", "leftarrowtail", "twoheadleftarrow", "looparrowleft", "looparrowright", "curvearrowleft", "curvearrowright", "circlearrowleft", "circlearrowright", "upharpoonright", "restriction", "upharpoonleft", "downharpoonright", "downharpoonleft", "rightharpoondown", "leftharpoondown", "leftrightharpoons", "nrightarrow", "nleftarrow", "nRightarrow", "nLeftarrow", "nleftrightarrow", "Lleftarrow", "leftsquigarrow", "leftrightsquigarrow", "upuparrows", "downdownarrows", "Updownarrow", "Lsh", "Rsh", "bowtie", "Join", "vDash", "Vdash", "nvdash", "nvDash", "Vvdash", "vartriangleleft", "vartriangleright", "trianglelefteq", "trianglerighteq", "ncong", "nsim", "eqsim", "backsim", "backsimeq", "thicksim", "thickapprox", "approxeq", "asymp", "bumpeq", "Bumpeq", "sqsubset", "sqsupset", "sqsupseteq", "supsetneq", "nsubseteq", "nsupseteq", "lessdot", "gtrdot", "leqslant", "geqslant", "lesssim", "gtrsim", "lhd", "rhd", "unlhd", "unrhd", "ltimes", "rtimes", "wr", "boxtimes", "boxplus", "boxminus", "boxdot", "circledast", "circledcirc", "circleddash", "centerdot", "intercal", "barwedge", "veebar", "curlywedge", "curlyvee", "ddagger", "bigtriangleup", "bigtriangledown", "smallsetminus", "dotplus", "divideontimes", "Cap", "Cup", "blacksquare", "lozenge", "triangle", "triangledown", "natural", "sharp", "flat", "mho", "wp", "Re", "Im", "complement", "backprime", "hslash", "eth", "surd", "measuredangle", "sphericalangle", "beth", "gimel", "daleth", "imath", "jmath", "ulcorner", "urcorner", "llcorner", "lrcorner"} {
		l, err := tex.Parse(`a\`+c+` b`, tex.Text)
		if err != nil {
			t.Errorf("%s: %v", c, err)
			continue
		}
		if _, err := f.Typeset(l); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
}

// TestTeXGlyphs checks the symbols set as TeX's fonts have them where
// Latin Modern Math differs (issue 15, item 8): \cdots spaced as three
// \cdotp, the corners and \circ at amssymb's and cmsy's size, \shortmid
// half as tall as \mid, \rightsquigarrow a zigzag 1 em wide.
func TestTeXGlyphs(t *testing.T) {
	f, _ := LatinModern()
	dot := advance(t, '⋅').Advance
	if got, want := set(t, `\cdots`, tex.Text).Width, 3*dot+2*3.0/18; math.Abs(got-want) > 1e-9 {
		t.Errorf(`\cdots is %.4f em wide, want %.4f (three dots a thin space apart)`, got, want)
	}
	if got, want := set(t, `\cdots`, tex.Script).Width, 0.7*3*dot; math.Abs(got-want) > 1e-9 {
		t.Errorf(`script \cdots is %.4f em wide, want %.4f`, got, want)
	}
	ink := func(src string) (w, h float64) {
		x0, y0, x1, y1, ok := set(t, src, tex.Text).Ink(f)
		if !ok {
			t.Fatalf("%s has no ink", src)
		}
		return x1 - x0, y1 - y0
	}
	if w, h := ink(`\lrcorner`); w < 0.38 || w > 0.41 || h < 0.36 || h > 0.40 {
		t.Errorf(`\lrcorner's ink is %.3f × %.3f em, want amssymb's 0.39 × 0.38`, w, h)
	}
	if w, _ := ink(`\circ`); w < 0.38 || w > 0.40 {
		t.Errorf(`\circ's ink is %.3f em across, want cmsy's 0.39`, w)
	}
	_, mid := ink(`\mid`)
	if _, h := ink(`\shortmid`); math.Abs(h-mid/2) > 1e-9 {
		t.Errorf(`\shortmid is %.3f em tall, want half of \mid's %.3f`, h, mid)
	}
	_, y0, _, y1, _ := set(t, `\simeq`, tex.Text).Ink(f)
	if mid := -(y0 + y1) / 2; math.Abs(mid-f.C.AxisHeight) > 1e-6 {
		t.Errorf(`\simeq's ink is centred %.3f em above the baseline, want on the axis (%.3f), as cmsy's`, mid, f.C.AxisHeight)
	}
	sq := set(t, `\rightsquigarrow`, tex.Text)
	if len(sq.Strokes) < 8 || len(sq.Glyphs) != 0 || sq.Width != 1 {
		t.Errorf(`\rightsquigarrow: %d strokes, %d glyphs, %.3f em wide; want a drawn zigzag 1 em wide`, len(sq.Strokes), len(sq.Glyphs), sq.Width)
	}
}
