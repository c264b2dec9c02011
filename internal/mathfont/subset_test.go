package mathfont

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"codeberg.org/go-fonts/latin-modern/lmmath"
	"github.com/google/go-cmp/cmp"
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

// mathRecords reads every per-glyph record of a MATH table, keyed by
// what it is and the glyph ("italic 42"), each as its bytes: the value of
// an italic correction or top accent attachment, "" for an extended
// shape, a MathKern table, the variant records and assembly of a
// construction. Offsets are followed, so two tables laid out differently
// with the same data give the same map.
func mathRecords(t *testing.T, math []byte) map[string]string {
	t.Helper()
	r := &reader{b: math}
	out := map[string]string{}
	raw := func(off, n int) string {
		if off+n > len(math) {
			t.Fatalf("record at %d+%d past the end of the table (%d bytes)", off, n, len(math))
		}
		return string(math[off : off+n])
	}
	gi := r.u16(6)
	for k, what := range []string{"italic", "accent"} {
		if off := r.u16(gi + 2*k); gi != 0 && off != 0 {
			sub := gi + off
			for i, g := range r.coverage(sub + r.u16(sub)) {
				out[fmt.Sprintf("%s %d", what, g)] = raw(sub+4+4*i, 4)
			}
		}
	}
	if off := r.u16(gi + 4); gi != 0 && off != 0 {
		for _, g := range r.coverage(gi + off) {
			out[fmt.Sprintf("extended %d", g)] = ""
		}
	}
	if off := r.u16(gi + 6); gi != 0 && off != 0 {
		ki := gi + off
		for i, g := range r.coverage(ki + r.u16(ki)) {
			for k := range 4 {
				if o := r.u16(ki + 4 + 8*i + 2*k); o != 0 {
					h := r.u16(ki + o)
					out[fmt.Sprintf("kern%d %d", k, g)] = raw(ki+o, 2+8*h+4)
				}
			}
		}
	}
	if v := r.u16(8); v != 0 {
		vcov, hcov := r.coverage(v+r.u16(v+2)), r.coverage(v+r.u16(v+4))
		nv := r.u16(v + 6)
		for dir, cov := range [][]uint16{vcov, hcov} {
			for i, g := range cov {
				c := v + r.u16(v+10+2*(i+dir*nv))
				s := raw(c+4, 4*r.u16(c+2))
				if a := r.u16(c); a != 0 {
					s += "|" + raw(c+a, 6+10*r.u16(c+a+4))
				}
				out[fmt.Sprintf("construction%d %d", dir, g)] = s
			}
		}
	}
	if r.bad {
		t.Fatal("a read out of bounds")
	}
	return out
}

// TestPruneMATH cuts the MATH table down to a book's glyphs and checks
// that every record of a glyph kept is there, unchanged, and no other,
// the constants too, and that it is much smaller.
func TestPruneMATH(t *testing.T) {
	tables, err := tableDirectory(lmmath.TTF)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Subset(lmmath.TTF, []rune("(x+𝑦)∑→⟨⟩√𝑓∘𝑔′"), []rune("()∑√⟨⟩"))
	if err != nil {
		t.Fatal(err)
	}
	orig, got := tables["MATH"], f.Tables["MATH"]
	t.Logf("MATH: %d bytes, %d after pruning", len(orig), len(got))
	if len(got) > len(orig)/5 {
		t.Errorf("the pruned MATH table has %d bytes of %d: the records of blanked glyphs are still there", len(got), len(orig))
	}
	r, rg := &reader{b: orig}, &reader{b: got}
	c, cg := r.u16(4), rg.u16(4)
	if !bytes.Equal(orig[c:c+mathConstantsSize], got[cg:cg+mathConstantsSize]) {
		t.Error("the MathConstants changed")
	}
	// The glyphs kept: those of the characters, and the variants and
	// parts that the stretchy ones reach.
	sfont, err := sfnt.Parse(lmmath.TTF)
	if err != nil {
		t.Fatal(err)
	}
	keep, grow := map[uint16]bool{}, map[uint16]bool{}
	var b sfnt.Buffer
	for _, ru := range f.Runes {
		g, _ := sfont.GlyphIndex(&b, ru)
		keep[uint16(g)] = true
		if strings.ContainsRune("()∑√⟨⟩", ru) {
			grow[uint16(g)] = true
		}
	}
	closure(keep, grow, orig)
	if !bytes.Equal(pruneMATH(orig, keep), got) {
		t.Fatal("Subset's MATH table is not pruneMATH's for the glyphs it keeps")
	}
	want := map[string]string{}
	all := mathRecords(t, orig)
	for k, v := range all {
		var what string
		var g uint16
		fmt.Sscanf(k, "%s %d", &what, &g)
		if keep[g] {
			want[k] = v
		}
	}
	if len(want) == 0 || len(want) == len(all) {
		t.Fatalf("%d of %d records to keep: the test checks nothing", len(want), len(all))
	}
	if diff := cmp.Diff(want, mathRecords(t, got)); diff != "" {
		t.Errorf("records of the pruned MATH table (-want +got):\n%s", diff)
	}
	if again := pruneMATH(got, keep); len(again) > len(got) {
		t.Errorf("pruning again grows the table from %d to %d bytes", len(got), len(again))
	}
	for _, bad := range [][]byte{orig[:8], append([]byte{0, 2}, orig[2:]...)} {
		if out := pruneMATH(bad, keep); !bytes.Equal(out, bad) {
			t.Errorf("a MATH table pruneMATH cannot read (%d bytes, version %d) was changed", len(bad), r.u16(0))
		}
	}
}
