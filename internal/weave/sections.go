package weave

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"

	"ctml/internal/lit"
)

// sectionList returns the list of page p's sections, its level-2
// headings linked to their ids, which the sidebar shows under the page's
// own entry (book.js marks the one the reader is in), or "" for a page
// with fewer than two.
func sectionList(p *page) string {
	if p.Doc == nil {
		return ""
	}
	var items []string
	for n := p.Doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level != 2 || p.hids[h] == "" {
			continue
		}
		title := lit.PlainText(h, p.Doc.Source)
		items = append(items, `<li><a href="#`+html.EscapeString(p.hids[h])+`">`+html.EscapeString(title)+"</a></li>")
	}
	if len(items) < 2 {
		return ""
	}
	return "\n" + `<ol class="toc-sections" aria-label="Sections of this page">` + "\n" + strings.Join(items, "\n") + "\n</ol>"
}
