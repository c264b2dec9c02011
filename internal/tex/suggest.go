package tex

import (
	"maps"
	"slices"
	"sync"

	"ctml/internal/spell"
)

// knownCommands is every command the parser knows, sorted: the candidates of
// the suggestion for an unknown command, built on the first.
var knownCommands = sync.OnceValue(commandNames)

// commandNames returns every command the parser knows, sorted: those of
// the tables of symbols.go and the macros.
func commandNames() []string {
	names := slices.Concat(
		slices.Collect(maps.Keys(symbols)), slices.Collect(maps.Keys(spaces)),
		slices.Collect(maps.Keys(fonts)), slices.Collect(maps.Keys(texts)),
		slices.Collect(maps.Keys(accents)), slices.Collect(maps.Keys(classes)),
		slices.Collect(maps.Keys(styles)), slices.Collect(maps.Keys(bigs)),
		slices.Collect(maps.Keys(macros)),
	)
	slices.Sort(names)
	return names
}

// suggest returns the known command closest to name, if it is close
// (spell.Suggest).
func suggest(name string) string { return spell.Suggest(name, knownCommands()) }
