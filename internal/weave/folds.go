package weave

import (
	"bytes"
	"encoding/json"
	"strings"
)

// foldContent is the HTML of a folded block, kept out of its page.
type foldContent struct {
	ID   string // the id of the fold on the page
	HTML string
}

// foldScriptPath returns the path of the fold script of the page written
// to out: folds/NN-slug.js.
func foldScriptPath(out string) string {
	return "folds/" + strings.TrimSuffix(out, ".html") + ".js"
}

// foldScript returns the fold script of a page: one call,
// bookFolds({id: html, …}), with the content of each of its folds, in page
// order. book.js loads it with a script element, which works from the
// file system as well as from a server, when the reader first opens a
// fold, and fills every fold of the page.
func foldScript(folds []foldContent) []byte {
	var b bytes.Buffer
	b.WriteString("bookFolds({")
	for i, f := range folds {
		if i > 0 {
			b.WriteString(",\n")
		}
		k, _ := json.Marshal(f.ID)
		b.Write(k)
		b.WriteByte(':')
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(f.HTML)      // a string always encodes
		b.Truncate(b.Len() - 1) // the encoder's newline
	}
	b.WriteString("});\n")
	return b.Bytes()
}
