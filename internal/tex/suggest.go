package tex

import (
	"sort"
	"sync"

	"ctml/internal/spell"
)

// knownCommands is every command the parser knows, sorted: the candidates of
// the suggestion for an unknown command, built on the first.
var knownCommands = sync.OnceValue(commandNames)

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
	for n := range macros {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// suggest returns the known command closest to name, if it is close
// (spell.Suggest).
func suggest(name string) string { return spell.Suggest(name, knownCommands()) }
