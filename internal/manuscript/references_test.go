package manuscript

import (
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// TestReferencesFindable checks that every entry of the book's references
// (an item of a list of references.md) links to the work, by a URL or a
// DOI, so that a reader can find it from the book (issue 14, item 10).
func TestReferencesFindable(t *testing.T) {
	src, err := os.ReadFile("../../book/references.md")
	if err != nil {
		t.Skip("no book/references.md:", err)
	}
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	entries := 0
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.List); !ok {
			continue
		}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			entries++
			linked := false
			_ = ast.Walk(item, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				var dest string
				switch n := n.(type) {
				case *ast.Link:
					dest = string(n.Destination)
				case *ast.AutoLink:
					dest = string(n.URL(src))
				}
				if strings.HasPrefix(dest, "https://") || strings.HasPrefix(dest, "http://") {
					linked = true
					return ast.WalkStop, nil
				}
				return ast.WalkContinue, nil
			})
			if !linked {
				lines := item.FirstChild().Lines()
				first := ""
				if lines.Len() > 0 {
					seg := lines.At(0)
					first = string(seg.Value(src))
				}
				t.Errorf("references.md: the entry %q has no URL or DOI link", first)
			}
		}
	}
	if entries < 10 {
		t.Errorf("references.md: %d entries found, want the book's list", entries)
	}
	t.Logf("%d entries, each with a URL or DOI", entries)
}
