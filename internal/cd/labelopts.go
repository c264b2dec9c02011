package cd

import (
	"strings"

	"ctml/internal/tex"
)

// Label positions by name (TikZ's pos values).
var positions = map[string]float64{
	"at start": 0, "very near start": 0.125, "near start": 0.25, "midway": 0.5,
	"near end": 0.75, "very near end": 0.875, "at end": 1,
}

func isPosition(k string) bool {
	_, ok := positions[k]
	return ok
}

// labelKey applies one label option.
type labelKey func(p *parser, l *Label, o option, key, v string, has bool)

// labelKeys are the options of a label, written after it ("f"{…}) or
// among its arrow's options, for all its labels.
var labelKeys = map[string]labelKey{
	"swap":              func(p *parser, l *Label, o option, key, v string, has bool) { l.Swap = true },
	"'":                 func(p *parser, l *Label, o option, key, v string, has bool) { l.Swap = true },
	"description":       descriptionKey,
	"marking":           markingKey,
	"pos":               posKey,
	"above":             anchorFlag(Above),
	"below":             anchorFlag(Below),
	"left":              anchorFlag(Left),
	"right":             anchorFlag(Right),
	"anchor":            labelAnchorKey,
	"name":              nameKey,
	"rotate":            rotateKey,
	"inner sep":         innerSepKey,
	"sloped":            func(p *parser, l *Label, o option, key, v string, has bool) { l.Sloped = true },
	"allow upside down": func(p *parser, l *Label, o option, key, v string, has bool) { l.UpsideDown = true },
	"text":              textKey,
	"color":             textKey,
	"font":              fontKey,
	"xshift":            labelShiftKey,
	"yshift":            labelShiftKey,
	"auto":              func(p *parser, l *Label, o option, key, v string, has bool) { l.Anchor = Auto },
}

func descriptionKey(p *parser, l *Label, o option, key, v string, has bool) {
	l.Description, l.Marking, l.Anchor = true, false, Center
}

// markingKey: tikz-cd's marking is a label at text size, turned with
// the arrow and centred on it at the math axis, with no box behind it.
func markingKey(p *parser, l *Label, o option, key, v string, has bool) {
	l.Marking, l.Description, l.Anchor, l.Sloped = true, false, Center, true
	if !l.styleSet {
		l.Style, l.Size = tex.Text, 1
	}
}

func posKey(p *parser, l *Label, o option, key, v string, has bool) {
	x, ok := parseNumber(v)
	if !ok {
		p.e.add(o.off, "pos=%s: want a number from 0 to 1", v)
		return
	}
	l.Pos = x
}

func anchorFlag(a Anchor) labelKey {
	return func(p *parser, l *Label, o option, key, v string, has bool) { l.Anchor = a }
}

func labelAnchorKey(p *parser, l *Label, o option, key, v string, has bool) {
	a, ok := map[string]Anchor{"center": Center, "south": Above, "north": Below, "east": Left, "west": Right}[v]
	if !ok {
		p.e.add(o.off, "anchor=%s: want center, north, south, east or west", v)
		return
	}
	l.Anchor = a
}

func nameKey(p *parser, l *Label, o option, key, v string, has bool) {
	if v == "" {
		p.e.add(o.off, "name needs a value, as in name=U")
		return
	}
	l.Name = v
}

func rotateKey(p *parser, l *Label, o option, key, v string, has bool) {
	x, ok := parseNumber(v)
	if !ok {
		p.e.add(o.off, "rotate=%s: want an angle in degrees", v)
		return
	}
	l.Rotate = x
}

func innerSepKey(p *parser, l *Label, o option, key, v string, has bool) {
	x, ok := parseLength(v)
	if !ok {
		p.e.add(o.off, "inner sep=%s: want a length such as 0pt", v)
		return
	}
	l.InnerSep = x
	l.innerSet = true
}

func textKey(p *parser, l *Label, o option, key, v string, has bool) {
	if !has {
		p.e.add(o.off, "%s needs a value, as in %s=red", key, key)
		return
	}
	col, err := parseColor(v)
	if err != nil {
		p.e.add(o.off, "%s=%s: %v", key, v, err)
		return
	}
	l.Color = col
}

func fontKey(p *parser, l *Label, o option, key, v string, has bool) {
	st, size, ok := fontValue(v)
	if !ok {
		p.e.add(o.off, "font=%s: want a size such as \\small or \\scriptsize, or a math style such as \\textstyle", v)
		return
	}
	l.Style, l.Size, l.styleSet = st, size, true
}

func labelShiftKey(p *parser, l *Label, o option, key, v string, has bool) {
	x, ok := parseLength(v)
	if !ok {
		p.e.add(o.off, "%s=%s: want a length such as 2pt", key, v)
		return
	}
	if key == "xshift" {
		l.Shift.X += x
	} else {
		l.Shift.Y += x
	}
}

// fontValue reads the value of font=: a LaTeX size (the math at text
// style, at that size of a 10 pt document), a math style, or nothing
// (text style at the normal size, as tikz-cd's marking and phantom have).
func fontValue(v string) (tex.Style, float64, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return tex.Text, 1, true
	}
	sizes := map[string]float64{
		`\tiny`: 0.5, `\scriptsize`: 0.7, `\footnotesize`: 0.8, `\small`: 0.9, `\normalsize`: 1,
		`\large`: 1.2, `\Large`: 1.44, `\LARGE`: 1.728, `\huge`: 2.074, `\Huge`: 2.488,
	}
	if s, ok := sizes[v]; ok {
		return tex.Text, s, true
	}
	styles := map[string]tex.Style{
		`\displaystyle`: tex.Display, `\textstyle`: tex.Text, `\scriptstyle`: tex.Script, `\scriptscriptstyle`: tex.ScriptScript,
	}
	if st, ok := styles[v]; ok {
		return st, 1, true
	}
	return 0, 0, false
}

// label parses "text"'options, where options is {a, b} or a single
// option (as in "f" description).
func (p *parser) label(o option) *Label {
	s := o.text
	close := labelEnd(s)
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
	l := newLabel(text, off, nil)
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

// labelEnd returns the index of the " that closes the label opened by
// the " at s[0], outside braces, or -1.
func labelEnd(s string) int {
	depth := 0
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
				return i
			}
		}
	}
	return -1
}

// labelOption applies one option to a label.
func (p *parser) labelOption(l *Label, o option) {
	key, v, has := o.key()
	if pos, ok := positions[key]; ok && !has {
		l.Pos = pos
		return
	}
	if set, ok := labelKeys[key]; ok {
		set(p, l, o, key, v, has)
		return
	}
	if !has {
		if col, err := parseColor(key); err == nil {
			l.Color = col
			return
		} else if strings.Contains(key, "!") {
			p.e.add(o.off, "%v", err)
			return
		}
	}
	p.unsupported(o, "label option", key, append(sortedKeys(labelKeys), sortedKeys(positions)...))
}

// cellKey applies one option of a cell, |[…]|.
type cellKey func(p *parser, c *Cell, o option, key, v string, has bool)

// cellKeys are the options of a cell: alias=Z names it for from= and
// to=, a colour (red, text=red, color=red) colours its math, rotate=θ
// turns it, font= sizes it, and nodes={…} holds more of the same (as in
// cells={nodes={…}}).
var cellKeys = map[string]cellKey{
	"alias":  cellAliasKey,
	"text":   cellColorKey,
	"color":  cellColorKey,
	"rotate": cellRotateKey,
	"font":   cellFontKey,
}

func cellAliasKey(p *parser, c *Cell, o option, key, v string, has bool) {
	if v == "" || strings.ContainsAny(v, `\{}`) {
		p.e.add(o.off, "alias=%s: want a name such as alias=Z", v)
		return
	}
	c.Alias = v
}

func cellColorKey(p *parser, c *Cell, o option, key, v string, has bool) {
	col, err := parseColor(v)
	if err != nil {
		p.e.add(o.off, "%s=%s: %v", key, v, err)
		return
	}
	c.Color = col
}

func cellRotateKey(p *parser, c *Cell, o option, key, v string, has bool) {
	x, ok := parseNumber(v)
	if !ok {
		p.e.add(o.off, "rotate=%s: want an angle in degrees", v)
		return
	}
	c.Rotate = x
}

func cellFontKey(p *parser, c *Cell, o option, key, v string, has bool) {
	st, size, ok := fontValue(v)
	if !ok || st != tex.Text {
		p.e.add(o.off, "font=%s: want a size such as \\small or \\large", v)
		return
	}
	c.Size = size
}

// cellOption applies one option to a cell.
func (p *parser) cellOption(c *Cell, o option) {
	key, v, has := o.key()
	if key == "nodes" && has {
		for _, in := range valueOptions(o) {
			p.cellOption(c, in)
		}
		return
	}
	if set, ok := cellKeys[key]; ok {
		if !has {
			p.e.add(o.off, "%s needs a value", key)
			return
		}
		set(p, c, o, key, v, has)
		return
	}
	if !has {
		if col, err := parseColor(key); err == nil {
			c.Color = col
			return
		} else if strings.Contains(key, "!") {
			p.e.add(o.off, "%v", err)
			return
		}
	}
	p.unsupported(o, "cell option", key, sortedKeys(cellKeys))
}
