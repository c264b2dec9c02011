package weave

import (
	"bytes"
	"testing"

	"github.com/tdewolff/font"
	"golang.org/x/image/font/sfnt"
)

// TestMathFontCoversFormulas builds a book whose formulas use ∘, → and ∑
// and reads the math font of the site back (an independent WOFF2
// decoder, github.com/tdewolff/font): each of them has a glyph, with a
// Memo too, in the process that filled it and in the next one.
func TestMathFontCoversFormulas(t *testing.T) {
	fsys := mapFS(
		"SUMMARY.md", "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
		"one.md", "# One\n\nThe composite $g \\circ f : A \\to C$.\n",
		"two.md", "# Two\n\nA sum $\\sum_i x_i$.\n",
	)
	fontOf := func(name string, m *Memo) *sfnt.Font {
		t.Helper()
		bk, out := load(t, fsys)
		site, errs := Build(bk, out, fsys, Options{Memo: m})
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		for _, f := range site.Files {
			if f.Path != mathFontPath {
				continue
			}
			otf, err := font.ParseWOFF2(f.Data)
			if err != nil {
				t.Fatalf("%s: ParseWOFF2: %v", name, err)
			}
			sf, err := sfnt.Parse(otf)
			if err != nil {
				t.Fatalf("%s: sfnt.Parse: %v", name, err)
			}
			return sf
		}
		t.Fatalf("%s: no %s in the site", name, mathFontPath)
		return nil
	}
	m := &Memo{}
	fontOf("to fill the memo", m)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]*Memo{"without a memo": nil, "with the memo": m, "with the memo read back": ReadMemo(buf.Bytes())} {
		f := fontOf(name, m)
		var b sfnt.Buffer
		for _, r := range "∘→∑" {
			if g, err := f.GlyphIndex(&b, r); err != nil || g == 0 {
				t.Errorf("%s: the math font has no glyph for %q (%d, %v)", name, r, g, err)
			}
		}
	}
}
