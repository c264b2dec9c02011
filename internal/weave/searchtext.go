package weave

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"strings"
	"sync"

	mdast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"ctml/internal/lit"
)

// The search itself, search.js, is loaded by book.js when the reader
// first uses the search box, so that a page's first visit does not carry
// it. It loads the index (search.go) and, for the snippets of its results
// (the words that matched, in their sentence), the text of each page a
// result comes from: the script search/SLUG.js, one call
//
//	bookSearchText("SLUG.html", {"section-id": "text", …})
//
// holding the plain text of each section of the page (paragraphs, list
// items, table cells; formulas as text, code blocks left out), under the
// id of the section in the index: that of its heading, or of the page's
// title for the text before the first section heading.

//go:embed assets/search.js
var searchJS []byte

// searchScript returns search.js, without its comments and indentation.
var searchScript = sync.OnceValue(func() []byte { return minifyJS(searchJS) })

// searchScriptPath is the path of search.js in the site.
const searchScriptPath = "search.js"

// searchTextPath returns the path of the search text of the page written
// to out: search/NN-slug.js.
func searchTextPath(out string) string {
	return "search/" + strings.TrimSuffix(out, ".html") + ".js"
}

// searchText returns the search text script of page p, or nil for a page
// without a document.
func (w *weaver) searchText(p *page) *File {
	if p.Doc == nil {
		return nil
	}
	src := p.Doc.Source
	type section struct {
		id   string
		text []string
	}
	cur := &section{id: p.id}
	secs := []*section{cur}
	_ = mdast.Walk(p.Doc.Root, func(n mdast.Node, entering bool) (mdast.WalkStatus, error) {
		if !entering {
			return mdast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *mdast.Heading:
			if n == p.title {
				cur.id = p.hids[n]
			} else {
				cur = &section{id: p.hids[n]}
				secs = append(secs, cur)
			}
			return mdast.WalkSkipChildren, nil
		case *mdast.Paragraph, *mdast.TextBlock, *east.TableCell:
			if t := lit.PlainText(n, src); t != "" {
				cur.text = append(cur.text, strings.Join(strings.Fields(t), " "))
			}
			return mdast.WalkSkipChildren, nil
		case *mdast.FencedCodeBlock, *mdast.CodeBlock, *mdast.HTMLBlock, *lit.MathBlock:
			return mdast.WalkSkipChildren, nil
		}
		return mdast.WalkContinue, nil
	})
	var b bytes.Buffer
	enc := func(v string) {
		e := json.NewEncoder(&b)
		e.SetEscapeHTML(false)
		e.Encode(v)             // a string always encodes
		b.Truncate(b.Len() - 1) // the encoder's newline
	}
	b.WriteString("bookSearchText(")
	enc(p.out)
	b.WriteString(",{")
	first := true
	for _, s := range secs {
		if len(s.text) == 0 {
			continue
		}
		if !first {
			b.WriteString(",\n")
		}
		first = false
		enc(s.id)
		b.WriteByte(':')
		enc(strings.Join(s.text, " "))
	}
	b.WriteString("});\n")
	return &File{Path: searchTextPath(p.out), Data: b.Bytes()}
}
