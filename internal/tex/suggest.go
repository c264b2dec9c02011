package tex

import (
	"sort"

	"ctml/internal/spell"
)

// commandNames returns every command the parser knows, sorted.
func commandNames() []string {
	var names []string
	for n := range symbols {
		names = append(names, n)
	}
	for n := range spaces {
		names = append(names, n)
	}
	for n := range fonts {
		names = append(names, n)
	}
	for n := range texts {
		names = append(names, n)
	}
	for n := range accents {
		names = append(names, n)
	}
	for n := range classes {
		names = append(names, n)
	}
	for n := range styles {
		names = append(names, n)
	}
	for n := range bigs {
		names = append(names, n)
	}
	names = append(names, "frac", "dfrac", "tfrac", "binom", "dbinom", "tbinom", "sqrt",
		"operatorname", "limits", "nolimits", "displaylimits", "left", "right", "begin", "end",
		"not", "overset", "underset", "stackrel", "xrightarrow", "xleftarrow", "xmapsto",
		"xRightarrow", "xLeftarrow", "xleftrightarrow", "xhookrightarrow")
	sort.Strings(names)
	return names
}

// suggest returns the known command closest to name, if it is close: at
// most two edits away, and fewer than half of name's letters.
func suggest(name string) string {
	best, bestD := "", 3
	for _, n := range commandNames() {
		if d := spell.Distance(name, n); d < bestD && 2*d < len(name) {
			best, bestD = n, d
		}
	}
	return best
}
