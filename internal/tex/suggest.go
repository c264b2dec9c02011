package tex

import (
	"sort"
	"sync"

	"ctml/internal/spell"
)

// commands is every command the parser knows, sorted: the candidates of
// the suggestion for an unknown command, built on the first.
var commands = sync.OnceValue(commandNames)

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

// suggest returns the known command closest to name, if it is close
// (spell.Suggest).
func suggest(name string) string { return spell.Suggest(name, commands()) }
