package mathfont

import (
	"bytes"
	"testing"

	"codeberg.org/go-fonts/latin-modern/lmmath"
	"github.com/tdewolff/font"
	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// decode reads a WOFF2 file back with an independent decoder
// (github.com/tdewolff/font) and parses the font it rebuilds.
func decode(t *testing.T, woff2 []byte) *sfnt.Font {
	t.Helper()
	otf, err := font.ParseWOFF2(woff2)
	if err != nil {
		t.Fatalf("ParseWOFF2: %v", err)
	}
	f, err := sfnt.Parse(otf)
	if err != nil {
		t.Fatalf("sfnt.Parse of the decoded font: %v", err)
	}
	return f
}

// TestSubset cuts the font to a few characters and checks, on the font
// read back from WOFF2, that exactly those are mapped, each to the outline
// it had, and that the file is small.
func TestSubset(t *testing.T) {
	want := []rune("(x+𝑦)∑→⟨⟩√")
	f, err := Subset(lmmath.TTF, want, []rune("()∑"))
	if err != nil {
		t.Fatal(err)
	}
	w := f.WOFF2()
	t.Logf("%d characters: %d bytes of WOFF2", len(f.Runes), len(w))
	if len(w) > 60<<10 {
		t.Errorf("WOFF2 of %d characters is %d bytes, want at most 60 KB", len(f.Runes), len(w))
	}
	orig, err := sfnt.Parse(lmmath.TTF)
	if err != nil {
		t.Fatal(err)
	}
	got := decode(t, w)
	if got.NumGlyphs() != orig.NumGlyphs() {
		t.Errorf("NumGlyphs = %d, want %d (glyph ids kept)", got.NumGlyphs(), orig.NumGlyphs())
	}
	var b1, b2 sfnt.Buffer
	for _, r := range want {
		g0, _ := orig.GlyphIndex(&b1, r)
		g, err := got.GlyphIndex(&b2, r)
		if err != nil || g != g0 {
			t.Errorf("GlyphIndex(%q) = %d, %v, want %d", r, g, err, g0)
			continue
		}
		s0, err0 := orig.LoadGlyph(&b1, g0, fixed.I(1000), nil)
		s, err := got.LoadGlyph(&b2, g, fixed.I(1000), nil)
		if err0 != nil || err != nil || len(s) == 0 || len(s) != len(s0) {
			t.Errorf("outline of %q: %d segments (%v), want %d (%v)", r, len(s), err, len(s0), err0)
		}
		a0, _ := orig.GlyphAdvance(&b1, g0, fixed.I(1000), xfont.HintingNone)
		a, _ := got.GlyphAdvance(&b2, g, fixed.I(1000), xfont.HintingNone)
		if a != a0 {
			t.Errorf("advance of %q = %v, want %v", r, a, a0)
		}
	}
	for _, r := range "zQ∫" {
		if g, _ := got.GlyphIndex(&b2, r); g != 0 {
			t.Errorf("GlyphIndex(%q) = %d, want 0: a character not asked for is mapped", r, g)
		}
	}
	again, err := Subset(lmmath.TTF, []rune("⟩√(x+𝑦)∑→⟨"), []rune("∑()"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.WOFF2(), w) {
		t.Error("the same characters in another order give other bytes")
	}
}
