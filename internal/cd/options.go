package cd

import (
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

// parseLength reads a length such as 2.5pt, -1em or 0.5ex, in em.
func parseLength(s string) (float64, bool) {
	s = strings.TrimSpace(s)
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
		switch key {
		case "row sep", "column sep", "sep":
			if !has {
				p.e.add(o.off, "%s needs a value, as in %s=large", key, key)
				continue
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
		case "ampersand replacement":
			if v != `\&` {
				p.e.add(o.off, `ampersand replacement=%s: only \& is supported`, v)
			}
			p.amp = true
		case "cramped":
			p.d.Cramped = true
		default:
			p.unsupported(o, "diagram option", key, diagramKeys)
		}
	}
}

var diagramKeys = []string{"row sep", "column sep", "sep", "ampersand replacement", "cramped"}

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

// Label positions by name (TikZ's pos values).
var positions = map[string]float64{
	"at start": 0, "very near start": 0.125, "near start": 0.25, "midway": 0.5,
	"near end": 0.75, "very near end": 0.875, "at end": 1,
}

// arrow parses \arrow (or \ar, or with dir an abbreviation such as \rar)
// whose name ends at i; the arrow was written in cell (row, col). It
// returns where the arrow command ends.
func (p *parser) arrow(start, i, row, col int, dir string) int {
	a := &Arrow{Offset: start, Draw: true, HeadTip: Head, Looseness: 1, Between: [2]float64{0, 1}}
	a.To = End{Row: -1, Col: -1, Offset: -1} // Offset -1: no target yet
	relative := true
	var defaults []option
	setTarget := func(s string, off int) {
		dr, dc := step(s)
		a.To = End{Row: row + dr, Col: col + dc, Offset: off}
	}
	if dir != "" {
		setTarget(dir, start)
	}
	end := i
	j := p.skipSpace(i)
	var opts []option
	if j < len(p.src) && p.src[j] == '[' {
		in, e, ok := p.bracket(j)
		if !ok {
			p.blankOut(start, len(p.src))
			return len(p.src)
		}
		opts = splitOptions(p.src[in:e-1], in)
		end = e
	}
	// The old syntax: \arrow[options]{target}{label}…, and \rar{label}.
	var oldLabels []*Label
	old := dir != ""
	if k := p.skipSpace(end); !old && k < len(p.src) && p.src[k] == '{' {
		e := p.group(k)
		if e < 0 {
			p.e.add(k, "this { is never closed")
			p.blankOut(start, len(p.src))
			return len(p.src)
		}
		t := strings.TrimSpace(p.src[k+1 : e-1])
		switch {
		case isDirection(t):
			setTarget(t, k+1)
		case p.absolute(t, k+1, &a.To):
		default:
			p.e.add(k+1, "arrow target %q: want a direction such as dr, or row-column such as 2-3", t)
		}
		end, old = e, true
	}
	for old {
		k := p.skipSpace(end)
		var lopts []option
		if k < len(p.src) && p.src[k] == '[' {
			in, e, ok := p.bracket(k)
			if !ok {
				break
			}
			m := p.skipSpace(e)
			if m >= len(p.src) || p.src[m] != '{' {
				break
			}
			lopts = splitOptions(p.src[in:e-1], in)
			k = m
		}
		if k >= len(p.src) || p.src[k] != '{' {
			break
		}
		e := p.group(k)
		if e < 0 {
			p.e.add(k, "this { is never closed")
			end = len(p.src)
			break
		}
		oldLabels = append(oldLabels, &Label{Math: p.src[k+1 : e-1], Offset: k + 1, Pos: -1, opts: lopts})
		end = e
	}
	p.blankOut(start, end)

	for _, o := range opts {
		if o.text[0] == '"' {
			if l := p.label(o); l != nil {
				a.Labels = append(a.Labels, l)
			}
			continue
		}
		key, v, has := o.key()
		if isDirection(key) && !has {
			setTarget(key, o.off)
			continue
		}
		if p.arrowOption(a, o, key, v, has, &relative, row, col) {
			continue
		}
		if isLabelKey(key) {
			defaults = append(defaults, o)
			continue
		}
		p.unsupported(o, "arrow option", key, append(append([]string{}, arrowKeys...), labelKeys...))
	}
	a.Labels = append(a.Labels, oldLabels...)
	for _, l := range a.Labels {
		for _, o := range defaults {
			p.labelOption(l, o)
		}
		for _, o := range l.opts {
			p.labelOption(l, o)
		}
		if l.Pos < 0 {
			l.Pos = 0.5
		}
		l.opts = nil
	}
	targetSet := a.To.Offset >= 0
	switch {
	case a.Loop && !targetSet:
		a.To = a.From
		if relative {
			a.To = End{Row: row, Col: col, Offset: start}
		}
	case !targetSet:
		p.e.add(start, "arrow without a target: give a direction such as r or dr, or to=row-column")
		a.To = End{Row: row, Col: col, Offset: start}
	}
	p.d.Arrows = append(p.d.Arrows, a)
	p.arrowCells = append(p.arrowCells, [2]int{row, col})
	p.relative = append(p.relative, relative)
	return end
}

// absolute reads row-column, 1-based as quiver writes it, into e.
func (p *parser) absolute(s string, off int, e *End) bool {
	r, c, ok := strings.Cut(s, "-")
	if !ok {
		return false
	}
	ri, err1 := strconv.Atoi(strings.TrimSpace(r))
	ci, err2 := strconv.Atoi(strings.TrimSpace(c))
	if err1 != nil || err2 != nil || ri < 1 || ci < 1 || ri > 1000 || ci > 1000 {
		return false
	}
	*e = End{Row: ri - 1, Col: ci - 1, Offset: off}
	return true
}

var arrowKeys = []string{
	"from", "to", "rightarrow", "leftarrow", "leftrightarrow", "to head", "hook", "hook'",
	"hookrightarrow", "tail", "rightarrowtail", "two heads", "twoheadrightarrow", "maps to",
	"mapsto", "no head", "no tail", "dash", "harpoon", "harpoon'", "dashed", "dashrightarrow",
	"dotted", "equal", "equals", "Rightarrow", "Leftarrow", "Leftrightarrow", "phantom",
	"draw", "bend left", "bend right", "shift left", "shift right", "shorten", "shorten <",
	"shorten >", "loop", "loop right", "loop left", "loop above", "loop below", "in", "out",
	"looseness", "distance", "min distance", "curve", "between", "crossing over",
	"start anchor", "end anchor",
}

// arrowFlags are the options that take no value and set an arrow's tips,
// body or visibility, as tikz-cd's arrow styles do.
var arrowFlags = map[string]func(a *Arrow){
	"rightarrow":        func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, Head },
	"to head":           func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, Head },
	"leftarrow":         func(a *Arrow) { a.TailTip, a.HeadTip = Head, NoTip },
	"leftrightarrow":    func(a *Arrow) { a.TailTip, a.HeadTip = Head, Head },
	"hook":              func(a *Arrow) { a.TailTip = Hook },
	"hook'":             func(a *Arrow) { a.TailTip = HookSwap },
	"hookrightarrow":    func(a *Arrow) { a.TailTip, a.HeadTip = Hook, Head },
	"tail":              func(a *Arrow) { a.TailTip = Tail },
	"rightarrowtail":    func(a *Arrow) { a.TailTip, a.HeadTip = Tail, Head },
	"two heads":         func(a *Arrow) { a.HeadTip = TwoHeads },
	"twoheadrightarrow": func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, TwoHeads },
	"maps to":           func(a *Arrow) { a.TailTip = Bar },
	"mapsto":            func(a *Arrow) { a.TailTip = Bar },
	"no head":           func(a *Arrow) { a.HeadTip = NoTip },
	"no tail":           func(a *Arrow) { a.TailTip = NoTip },
	"dash":              func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, NoTip },
	"harpoon":           func(a *Arrow) { a.HeadTip = Harpoon },
	"harpoon'":          func(a *Arrow) { a.HeadTip = HarpoonSwap },
	"dashed":            func(a *Arrow) { a.Pattern = Dashed },
	"dashrightarrow":    func(a *Arrow) { a.Pattern = Dashed },
	"dotted":            func(a *Arrow) { a.Pattern = Dotted },
	"equal":             func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, NoTip, NoTip },
	"equals":            func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, NoTip, NoTip },
	"Rightarrow":        func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, NoTip, Implies },
	"Leftarrow":         func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, Implies, NoTip },
	"Leftrightarrow":    func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, Implies, Implies },
	"phantom":           func(a *Arrow) { a.Draw, a.Phantom = false, true },
	"crossing over":     func(a *Arrow) { a.Crossing = true },
}

// arrowOption applies one option of an arrow; it reports false for a key
// that is not an arrow option.
func (p *parser) arrowOption(a *Arrow, o option, key, v string, has bool, relative *bool, row, col int) bool {
	bad := func(want string) {
		p.e.add(o.off, "%s=%s: want %s", key, v, want)
	}
	num := func() (float64, bool) {
		x, ok := parseNumber(v)
		if !ok {
			bad("a number")
		}
		return x, ok
	}
	length := func() (float64, bool) {
		x, ok := parseLength(v)
		if !ok {
			bad("a length such as 2pt or 0.3em")
		}
		return x, ok
	}
	flag := func() bool {
		if has {
			p.e.add(o.off, "%s takes no value", key)
		}
		return !has
	}
	if set, ok := arrowFlags[key]; ok {
		if flag() {
			set(a)
		}
		return true
	}
	switch key {
	case "from", "to":
		if !has {
			p.e.add(o.off, "%s needs a value: row-column such as 1-2, a direction or a label name", key)
			return true
		}
		var e End
		switch {
		case p.absolute(v, o.off, &e):
		case isDirection(v):
			dr, dc := step(v)
			e = End{Row: row + dr, Col: col + dc, Offset: o.off}
		default:
			e = End{Name: v, Offset: o.off}
		}
		if key == "from" {
			a.From = e
			*relative = false
		} else {
			a.To = e
		}
		return true
	case "draw":
		if v != "none" {
			p.e.add(o.off, "draw=%s: only draw=none is supported (figures are drawn in the text colour)", v)
			return true
		}
		a.Draw = false
	case "bend left", "bend right":
		theta := 30.0
		if has {
			x, ok := num()
			if !ok {
				return true
			}
			theta = x
		}
		if key == "bend right" {
			theta = -theta
		}
		a.Bend, a.In, a.Out, a.Loop = theta, nil, nil, false
	case "shift left", "shift right":
		s := 0.241
		if has {
			if x, ok := parseNumber(v); ok {
				s *= x
			} else if x, ok := parseLength(v); ok {
				s = x
			} else {
				bad("a number of shift units or a length")
				return true
			}
		}
		if key == "shift right" {
			s = -s
		}
		a.Shift = s
	case "shorten", "shorten <", "shorten >":
		x, ok := length()
		if !ok {
			return true
		}
		if key != "shorten >" {
			a.ShortStart = x
		}
		if key != "shorten <" {
			a.ShortEnd = x
		}
	case "loop", "loop right", "loop left", "loop above", "loop below":
		if !flag() {
			return true
		}
		a.Loop = true
		a.Bend = 0
		out, in := map[string][2]float64{
			"loop": {105, 75}, "loop above": {105, 75}, "loop right": {15, -15},
			"loop left": {195, 165}, "loop below": {285, 255},
		}[key][0], map[string][2]float64{
			"loop": {105, 75}, "loop above": {105, 75}, "loop right": {15, -15},
			"loop left": {195, 165}, "loop below": {285, 255},
		}[key][1]
		a.Out, a.In = &out, &in
		a.Looseness = 8
		a.MinDist = 1.42
		a.ShortEnd = 0.1
	case "in", "out":
		x, ok := num()
		if !ok {
			return true
		}
		if key == "in" {
			a.In = &x
		} else {
			a.Out = &x
		}
		a.Bend = 0
	case "looseness":
		if x, ok := num(); ok {
			a.Looseness = x
		}
	case "distance":
		if x, ok := length(); ok {
			a.Distance = &x
		}
	case "min distance":
		if x, ok := length(); ok {
			a.MinDist = x
		}
	case "curve":
		inner := option{v, o.off}
		k, hv, _ := inner.key()
		x, ok := parseLength(hv)
		if k != "height" || !ok {
			p.e.add(o.off, "curve=%s: want curve={height=L} with a length L such as 12pt", v)
			return true
		}
		a.Curve = &x
	case "between":
		// between={a}{b}: the value keeps both groups.
		s := strings.TrimSpace(o.text[strings.IndexByte(o.text, '=')+1:])
		var vals []float64
		for len(s) > 0 && s[0] == '{' {
			e := strings.IndexByte(s, '}')
			if e < 0 {
				break
			}
			x, ok := parseNumber(s[1:e])
			if !ok {
				break
			}
			vals = append(vals, x)
			s = strings.TrimSpace(s[e+1:])
		}
		if len(vals) != 2 || s != "" || vals[0] < 0 || vals[1] > 1 || vals[0] >= vals[1] {
			p.e.add(o.off, "between=%s: want between={a}{b} with 0 ≤ a < b ≤ 1", v)
			return true
		}
		a.Between = [2]float64{vals[0], vals[1]}
	case "start anchor", "end anchor":
		if v != "center" {
			p.e.add(o.off, "%s=%s: only center is supported", key, v)
			return true
		}
		if key == "start anchor" {
			a.From.Center = true
		} else {
			a.To.Center = true
		}
	default:
		return false
	}
	return true
}

var labelKeys = []string{
	"swap", "'", "description", "marking", "pos", "at start", "very near start", "near start",
	"midway", "near end", "very near end", "at end", "above", "below", "left", "right",
	"anchor", "name", "rotate", "inner sep", "allow upside down",
}

func isLabelKey(k string) bool {
	for _, l := range labelKeys {
		if k == l {
			return true
		}
	}
	return false
}

// label parses "text"'options, where options is {a, b} or a single
// option (as in "f" description).
func (p *parser) label(o option) *Label {
	s := o.text
	depth := 0
	close := -1
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
		case '"':
			if depth == 0 {
				close = i
			}
		}
		if close >= 0 {
			break
		}
	}
	if close < 0 {
		p.e.add(o.off, "label %s has no closing \": put braces around label text that holds a comma, as in \"{\\langle x,y\\rangle}\"", s)
		return nil
	}
	text := s[1:close]
	off := o.off + 1
	if t := strings.TrimSpace(text); len(t) >= 2 && stripBraces(t) != t {
		lead := len(text) - len(strings.TrimLeft(text, " \t"))
		off += lead + 1
		text = stripBraces(t)
	}
	l := &Label{Math: text, Offset: off, Pos: -1}
	rest := s[close+1:]
	roff := o.off + close + 1
	if strings.HasPrefix(rest, "'") {
		l.Swap = true
		rest = rest[1:]
		roff++
	}
	t := strings.TrimLeft(rest, " \t\r\n")
	roff += len(rest) - len(t)
	t = strings.TrimRight(t, " \t\r\n")
	switch {
	case t == "":
	case stripBraces(t) != t || t == "{}":
		l.opts = splitOptions(t[1:len(t)-1], roff+1)
	default:
		l.opts = []option{{t, roff}}
	}
	return l
}

// labelOption applies one option to a label.
func (p *parser) labelOption(l *Label, o option) {
	key, v, has := o.key()
	if pos, ok := positions[key]; ok && !has {
		l.Pos = pos
		return
	}
	switch key {
	case "swap", "'":
		l.Swap = true
	case "description":
		l.Description, l.Marking, l.Anchor = true, false, Center
	case "marking":
		l.Marking, l.Description, l.Anchor = true, false, Center
	case "pos":
		x, ok := parseNumber(v)
		if !ok {
			p.e.add(o.off, "pos=%s: want a number from 0 to 1", v)
			return
		}
		l.Pos = x
	case "above":
		l.Anchor = Above
	case "below":
		l.Anchor = Below
	case "left":
		l.Anchor = Left
	case "right":
		l.Anchor = Right
	case "anchor":
		a, ok := map[string]Anchor{"center": Center, "south": Above, "north": Below, "east": Left, "west": Right}[v]
		if !ok {
			p.e.add(o.off, "anchor=%s: want center, north, south, east or west", v)
			return
		}
		l.Anchor = a
	case "name":
		if v == "" {
			p.e.add(o.off, "name needs a value, as in name=U")
			return
		}
		l.Name = v
	case "rotate":
		x, ok := parseNumber(v)
		if !ok {
			p.e.add(o.off, "rotate=%s: want an angle in degrees", v)
			return
		}
		l.Rotate = x
	case "inner sep":
		x, ok := parseLength(v)
		if !ok {
			if n, ok2 := parseNumber(v); ok2 && n == 0 {
				x, ok = 0, true
			}
		}
		if !ok {
			p.e.add(o.off, "inner sep=%s: want a length such as 0pt", v)
			return
		}
		l.InnerSep = x
		l.innerSet = true
	case "allow upside down":
		// quiver's marking option: meaningless for unrotated labels.
	default:
		p.unsupported(o, "label option", key, labelKeys)
	}
}
