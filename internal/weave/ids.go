package weave

import (
	"strconv"
	"strings"
)

// idSet hands out HTML ids that are unique across the whole book, so that
// the pages can be joined into print.html without clashes.
type idSet map[string]bool

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
