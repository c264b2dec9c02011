package weave

import (
	"os"
	"testing"

	"ctml/internal/booktest"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
)

// TestGeneratedHighlight checks that a block highlighted from its
// generated file reads exactly as the block highlighted on its own, and
// that most blocks are.
func TestGeneratedHighlight(t *testing.T) {
	books := map[string]func(t *testing.T) (*manuscript.Book, *tangle.Output){
		"generated": func(t *testing.T) (*manuscript.Book, *tangle.Output) { return load(t, booktest.Generate(3)) },
		"repository": func(t *testing.T) (*manuscript.Book, *tangle.Output) {
			if _, err := os.Stat("../../book/SUMMARY.md"); err != nil {
				t.Skip("no book")
			}
			bk, errs := manuscript.Load(os.DirFS("../../book"), "../../book")
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			out, errs := tangle.Render(bk, tangle.Options{Book: "../../book", Out: "../../chapters"})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			return bk, out
		},
	}
	for name, get := range books {
		t.Run(name, func(t *testing.T) {
			bk, out := get(t)
			w := &weaver{bk: bk, out: out, byPath: map[string]*page{}}
			w.assignIDs()
			reused, tangled := 0, 0
			for _, p := range w.pages {
				if p.Doc == nil {
					continue
				}
				nr := newNodeRenderer(w, p)
				_, nr.byMD = highlightGenerated(p)
				for _, b := range p.Doc.Blocks {
					if !b.IsGo() || b.Chunk == nil {
						continue
					}
					tangled++
					got, ok := nr.generatedHighlight(b)
					if !ok {
						continue
					}
					reused++
					lines := make([]string, len(b.Lines))
					for i, ln := range b.Lines {
						if ln.Ref == "" {
							lines[i] = ln.Text
						}
					}
					want := highlight(lexerFor("go"), lines)
					for i, ln := range b.Lines {
						if ln.Ref == "" && got[i] != want[i] {
							t.Errorf("%s: from the generated file\n%s\non its own\n%s", ln.Pos, got[i], want[i])
						}
					}
				}
			}
			t.Logf("%d of %d tangled blocks highlighted from their generated files", reused, tangled)
			if reused*10 < tangled*8 {
				t.Errorf("only %d of %d tangled blocks were highlighted from their generated files", reused, tangled)
			}
		})
	}
}
