package cd

import (
	"sort"
	"strconv"
	"strings"

	"ctml/internal/spell"
)

// option is one item of an option list: its text, trimmed, and where it
// starts in the source.
type option struct {
	text string
	off  int
}

// key splits an option into its key (inner spaces collapsed) and its
// value with one pair of braces around the whole value removed; hasValue
// reports whether there was an =.
func (o option) key() (key, value string, hasValue bool) {
	depth := 0
	for i := 0; i < len(o.text); i++ {
		switch o.text[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '=':
			if depth == 0 {
				return strings.Join(strings.Fields(o.text[:i]), " "), stripBraces(strings.TrimSpace(o.text[i+1:])), true
			}
		}
	}
	return strings.Join(strings.Fields(o.text), " "), "", false
}

// stripBraces removes one pair of braces that encloses all of s.
func stripBraces(s string) string {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return s
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i != len(s)-1 {
				return s
			}
		}
	}
	return s[1 : len(s)-1]
}

// splitOptions splits an option list at the commas outside braces, as
// pgfkeys does (quotes do not protect commas).
func splitOptions(s string, off int) []option {
	var out []option
	depth, start := 0, 0
	add := func(end int) {
		item := s[start:end]
		t := strings.TrimLeft(item, " \t\r\n")
		o := off + start + len(item) - len(t)
		t = strings.TrimRight(t, " \t\r\n")
		if t != "" {
			out = append(out, option{t, o})
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				add(i)
				start = i + 1
			}
		}
	}
	add(len(s))
	return out
}

// Lengths in em of a 10 pt font (TeX's units: 1 in = 72.27 pt).
var units = map[string]float64{
	"pt": 0.1, "bp": 0.1 * 72.27 / 72, "mm": 0.1 * 72.27 / 25.4, "cm": 0.1 * 72.27 / 2.54,
	"in": 0.1 * 72.27, "em": 1, "ex": 0.4306, "mu": 1.0 / 18, "px": 0.1 * 72.27 / 96,
}

// parseLength reads a length such as 2.5pt, -1em or 0.5ex, in em; a
// bare number is in points, as pgfmath takes it.
func parseLength(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if v, ok := parseNumber(s); ok {
		return v * units["pt"], true
	}
	for u, f := range units {
		if strings.HasSuffix(s, u) {
			v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, u)), 64)
			if err != nil || v != v || v > 1e4 || v < -1e4 {
				return 0, false
			}
			return v * f, true
		}
	}
	return 0, false
}

// parseNumber reads a plain number within ±1e4.
func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v != v || v > 1e4 || v < -1e4 {
		return 0, false
	}
	return v, true
}

// Named separations of tikz-cd, in em: column and row.
var seps = map[string][2]float64{
	"tiny": {0.6, 0.45}, "small": {1.2, 0.9}, "scriptsize": {1.8, 1.35},
	"normal": {2.4, 1.8}, "large": {3.6, 2.7}, "huge": {4.8, 3.6},
}

// sepValue reads the value of row sep, column sep or sep: a name or a
// length; which is 0 for columns and 1 for rows.
func (p *parser) sepValue(o option, key, v string, which int) (float64, bool) {
	if s, ok := seps[v]; ok {
		return s[which], true
	}
	if l, ok := parseLength(v); ok {
		return l, true
	}
	p.e.add(o.off, "%s=%s: want tiny, small, scriptsize, normal, large, huge or a length such as 2em", key, v)
	return 0, false
}

// diagramOptions applies the options of \begin{tikzcd}[…].
func (p *parser) diagramOptions(opts []option) {
	for _, o := range opts {
		key, v, has := o.key()
		set, ok := diagramKeys[key]
		if !ok {
			p.unsupported(o, "diagram option", key, sortedKeys(diagramKeys))
			continue
		}
		set(p, o, key, v, has)
	}
}

// diagramKey applies one diagram option.
type diagramKey func(p *parser, o option, key, v string, has bool)

// diagramKeys are the options of \begin{tikzcd}[…]. every arrow,
// every label and every cell take only /.append style: tikz-cd's own
// defaults stay and the options are applied before each arrow's, label's
// or cell's own; arrows=, labels= and cells= are tikz-cd's short forms.
var diagramKeys = map[string]diagramKey{
	"row sep":                   sepKey,
	"column sep":                sepKey,
	"sep":                       sepKey,
	"ampersand replacement":     ampKey,
	"cramped":                   func(p *parser, o option, key, v string, has bool) { p.flag(o, key, has, func() { p.d.Cramped = true }) },
	"every arrow/.append style": styleKey(func(p *parser) *[]option { return &p.everyArrow }),
	"arrows":                    styleKey(func(p *parser) *[]option { return &p.everyArrow }),
	"every label/.append style": styleKey(func(p *parser) *[]option { return &p.everyLabel }),
	"labels":                    styleKey(func(p *parser) *[]option { return &p.everyLabel }),
	"every cell/.append style":  styleKey(func(p *parser) *[]option { return &p.everyCell }),
	"cells":                     styleKey(func(p *parser) *[]option { return &p.everyCell }),
}

func sepKey(p *parser, o option, key, v string, has bool) {
	if !has {
		p.e.add(o.off, "%s needs a value, as in %s=large", key, key)
		return
	}
	if key != "row sep" {
		if s, ok := p.sepValue(o, key, v, 0); ok {
			p.colSep = s
		}
	}
	if key != "column sep" {
		if s, ok := p.sepValue(o, key, v, 1); ok {
			p.rowSep = s
		}
	}
}

func ampKey(p *parser, o option, key, v string, has bool) {
	if v != `\&` {
		p.e.add(o.off, `ampersand replacement=%s: only \& is supported`, v)
	}
	p.amp = true
}

// styleKey appends the braced options of every …/.append style={…} to
// the list that into returns.
func styleKey(into func(p *parser) *[]option) diagramKey {
	return func(p *parser, o option, key, v string, has bool) {
		if !has {
			p.e.add(o.off, "%s needs a value, as in %s={thick}", key, key)
			return
		}
		list := into(p)
		*list = append(*list, valueOptions(o)...)
	}
}

// valueOptions splits the value of o, key={a, b}, into its options, with
// their positions in the source.
func valueOptions(o option) []option {
	i := valueStart(o.text)
	if i < 0 {
		return nil
	}
	v := o.text[i:]
	t := strings.TrimLeft(v, " \t\r\n")
	off := o.off + i + len(v) - len(t)
	t = strings.TrimRight(t, " \t\r\n")
	if stripBraces(t) != t || t == "{}" {
		return splitOptions(t[1:len(t)-1], off+1)
	}
	return splitOptions(t, off)
}

// valueStart returns the index after the = of key=value at brace depth 0,
// or -1.
func valueStart(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '=':
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// flag applies a key that takes no value.
func (p *parser) flag(o option, key string, has bool, set func()) {
	if has {
		p.e.add(o.off, "%s takes no value", key)
		return
	}
	set()
}

// sortedKeys returns the keys of a table, sorted, for suggestions.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortStrings(s []string) { sort.Strings(s) }

// unsupported reports an unknown key, with a suggestion when one is close.
func (p *parser) unsupported(o option, what, key string, known []string) {
	if key == "" {
		p.e.add(o.off, "empty %s", what)
		return
	}
	msg := "unsupported " + what + " " + strconv.Quote(key)
	if s := suggest(key, known); s != "" {
		msg += " (did you mean " + strconv.Quote(s) + "?)"
	}
	p.e.add(o.off, "%s", msg)
}

// suggest returns the known word closest to w, if it is close.
func suggest(w string, known []string) string {
	best, bestD := "", 3
	if len(w) <= 4 {
		bestD = 2
	}
	for _, k := range known {
		if d := distance(w, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the edit distance of a and b, or a large number for words
// too long to be a misspelt key, so that odd input stays cheap.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	return spell.Distance(a, b)
}

// isDirection reports whether s is a direction such as r, dr or urr.
func isDirection(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("rlud", rune(s[i])) {
			return false
		}
	}
	return true
}

// step returns the row and column offsets of a direction.
func step(s string) (dr, dc int) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'r':
			dc++
		case 'l':
			dc--
		case 'd':
			dr++
		case 'u':
			dr--
		}
	}
	return
}
