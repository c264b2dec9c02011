package weave

import (
	"bytes"
	"strconv"
	"strings"
)

// idSet hands out HTML ids that are unique on a page.
type idSet map[string]bool

// layoutIDs returns the ids the page layout uses, taken.
func layoutIDs() idSet {
	return idSet{"content": true, "search": true, "search-results": true, "nav-toggle": true, "glyphs": true}
}

// unique returns base if no id so far is base, and otherwise base-1,
// base-2, … , the first that is free; the result is taken.
func (s idSet) unique(base string) string {
	id := base
	for n := 1; s[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s[id] = true
	return id
}

// idPart turns a chunk name, file name or page slug into a piece of an id:
// spaces and slashes become dashes.
func idPart(s string) string {
	return strings.NewReplacer(" ", "-", "/", "-").Replace(s)
}

// printLink marks a fragment that dest wrote for print.html already in
// its print form (#PAGE--ID), which printIDs does not prefix again.
const printLink = "@@"

// idAttrs are the attributes of a page's content that hold ids or
// references to them.
var idAttrs = []string{"id", "href", "for", "aria-labelledby", "aria-describedby", "aria-controls"}

// printIDs returns the content of page pageID for print.html: each id X
// becomes pageID--X, and so does each reference to it (#X, or a list of
// ids in an aria attribute), so that the pages' ids, unique on each page,
// are unique on print.html too. A fragment that dest wrote as
// #@@PAGE--ID loses its mark.
//
// An attribute is NAME="VALUE", NAME one of idAttrs not preceded by a
// letter, digit or underscore, as the regular expression
// \b(id|href|…)="([^"]*)" finds them (TestPrintIDs compares); it is
// found by hand, one pass over the page, because the regular expression
// was a fifth of a build's time.
func printIDs(content []byte, pageID string) []byte {
	pre := pageID + "--"
	var out []byte
	done := 0 // content[:done] is in out
	for i := 0; ; {
		k := bytes.Index(content[i:], []byte(`="`))
		if k < 0 {
			break
		}
		k += i
		i = k + 2
		attr := ""
		for _, a := range idAttrs {
			if s := k - len(a); s >= 0 && string(content[s:k]) == a && (s == 0 || !isASCIIWord(content[s-1])) {
				attr = a
				break
			}
		}
		if attr == "" {
			continue
		}
		e := bytes.IndexByte(content[k+2:], '"')
		if e < 0 {
			break
		}
		e += k + 2
		v := printValue(attr, string(content[k+2:e]), pre)
		if out == nil {
			out = make([]byte, 0, len(content)+len(content)/8)
		}
		out = append(out, content[done:k+2]...)
		out = append(out, v...)
		done = e
		i = e + 1
	}
	if out == nil {
		return content
	}
	return append(out, content[done:]...)
}

// printValue returns the value v of attribute attr as print.html has it,
// its ids prefixed by pre (see printIDs).
func printValue(attr, v, pre string) string {
	switch attr {
	case "id", "for":
		return pre + v
	case "href":
		switch {
		case strings.HasPrefix(v, "#"+printLink):
			return "#" + v[1+len(printLink):]
		case strings.HasPrefix(v, "#") && len(v) > 1:
			return "#" + pre + v[1:]
		}
		return v
	}
	f := strings.Fields(v)
	for i := range f {
		f[i] = pre + f[i]
	}
	return strings.Join(f, " ")
}

// isASCIIWord reports whether c is a letter, digit or underscore of
// ASCII: a word character of \b in Go's regular expressions.
func isASCIIWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
