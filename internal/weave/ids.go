package weave

import (
	"regexp"
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

// idRefRE finds the attributes of a page's content that hold ids or
// references to them.
var idRefRE = regexp.MustCompile(`\b(id|href|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"`)

// printIDs returns the content of page pageID for print.html: each id X
// becomes pageID--X, and so does each reference to it (#X, or a list of
// ids in an aria attribute), so that the pages' ids, unique on each page,
// are unique on print.html too. A fragment that dest wrote as
// #@@PAGE--ID loses its mark.
func printIDs(content []byte, pageID string) []byte {
	pre := pageID + "--"
	return idRefRE.ReplaceAllFunc(content, func(m []byte) []byte {
		sub := idRefRE.FindSubmatch(m)
		attr, v := string(sub[1]), string(sub[2])
		switch attr {
		case "id", "for":
			v = pre + v
		case "href":
			switch {
			case strings.HasPrefix(v, "#"+printLink):
				v = "#" + v[1+len(printLink):]
			case strings.HasPrefix(v, "#") && len(v) > 1:
				v = "#" + pre + v[1:]
			}
		default:
			f := strings.Fields(v)
			for i := range f {
				f[i] = pre + f[i]
			}
			v = strings.Join(f, " ")
		}
		return []byte(attr + `="` + v + `"`)
	})
}
