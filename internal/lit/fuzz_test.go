package lit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// FuzzParse feeds arbitrary bytes to the parser, which must never panic
// and must report positions inside the input. The seeds are the committed
// corpus in testdata/fuzz/FuzzParse and the book's own chapters.
func FuzzParse(f *testing.F) {
	pages, _ := filepath.Glob("../../book/*.md")
	for _, p := range pages {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, errs := Parse("f.md", src)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, e := range errs {
			if e.Pos.Line < 1 || e.Pos.Line > lines {
				t.Errorf("error %q is outside the input's %d lines", e, lines)
			}
		}
		for _, b := range d.Blocks {
			for _, l := range b.Lines {
				if l.Pos.Line < 1 || l.Pos.Line > lines {
					t.Errorf("line %q at %v is outside the input's %d lines", l.Text, l.Pos, lines)
				}
			}
		}
		// Every byte of a formula maps back into the input.
		_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if tex, _, offset, ok := MathTeX(n, src); ok && entering {
				for i := range len(tex) {
					if o := offset(i); o < 0 || o >= len(src) {
						t.Errorf("byte %d of formula %q maps to %d, outside the input", i, tex, o)
						break
					}
				}
			}
			return ast.WalkContinue, nil
		})
	})
}
