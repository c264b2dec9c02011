package cd

import (
	"strconv"
	"strings"

	"ctml/internal/tex"
)

// arrowCtx is one \arrow while its options apply: the arrow, the cell
// it was written in, whether its source is still that cell, and the
// label options written among the arrow's, which apply to all its labels.
type arrowCtx struct {
	p        *parser
	a        *Arrow
	row, col int
	relative bool
	defaults []option
}

// arrow parses \arrow (or \ar, or with dir an abbreviation such as \rar)
// whose name ends at i; the arrow was written in cell (row, col). It
// returns where the arrow command ends.
func (p *parser) arrow(start, i, row, col int, dir string) int {
	a := &Arrow{Offset: start, Draw: true, HeadTip: Head, Looseness: 1, Between: [2]float64{0, 1}, Weight: 1}
	a.To = End{Row: -1, Col: -1, Offset: -1} // Offset -1: no target yet
	c := &arrowCtx{p: p, a: a, row: row, col: col, relative: true}
	if dir != "" {
		c.target(dir, start)
	}
	opts, oldLabels, end := p.arrowSyntax(c, start, i, dir != "")
	p.blankOut(start, end)
	for _, o := range append(append([]option{}, p.everyArrow...), opts...) {
		c.option(o)
	}
	a.Labels = append(a.Labels, oldLabels...)
	for _, l := range a.Labels {
		c.labelDefaults(l)
	}
	if a.Negated {
		a.Labels = append(a.Labels, &Label{Math: "/", Offset: start, Pos: 0.5, Marking: true, Sloped: true,
			Anchor: Center, Style: tex.Text, Size: 1, InnerSep: labelSep, synthetic: true})
	}
	targetSet := a.To.Offset >= 0
	switch {
	case !targetSet && (a.Loop || !c.relative):
		// A loop, or from= alone: the arrow ends in its own cell.
		a.To = End{Row: row, Col: col, Offset: start, Anchor: a.To.Anchor}
	case !targetSet:
		p.e.add(start, "arrow without a target: give a direction such as r or dr, or to=row-column")
		a.To = End{Row: row, Col: col, Offset: start}
	}
	p.d.Arrows = append(p.d.Arrows, a)
	p.arrowCells = append(p.arrowCells, [2]int{row, col})
	p.relative = append(p.relative, c.relative)
	return end
}

// arrowSyntax reads what follows an arrow command's name at i: the new
// syntax's [options], or the old one's [options]{target}{label}[label
// options]{label}…; old is true for \rar and its relatives, whose target
// is given. It returns the options, the labels of the old syntax and
// where the command ends.
func (p *parser) arrowSyntax(c *arrowCtx, start, i int, old bool) ([]option, []*Label, int) {
	end := i
	j := p.skipSpace(i)
	var opts []option
	if j < len(p.src) && p.src[j] == '[' {
		in, e, ok := p.bracket(j)
		if !ok {
			return nil, nil, len(p.src)
		}
		opts = splitOptions(p.src[in:e-1], in)
		end = e
	}
	if k := p.skipSpace(end); !old && k < len(p.src) && p.src[k] == '{' {
		e := p.group(k)
		if e < 0 {
			p.e.add(k, "this { is never closed")
			return opts, nil, len(p.src)
		}
		t := strings.TrimSpace(p.src[k+1 : e-1])
		switch {
		case isDirection(t):
			c.target(t, k+1)
		case p.absolute(t, k+1, &c.a.To):
		default:
			p.e.add(k+1, "arrow target %q: want a direction such as dr, or row-column such as 2-3", t)
		}
		end, old = e, true
	}
	if !old {
		return opts, nil, end
	}
	labels, end := p.oldLabels(end)
	return opts, labels, end
}

// oldLabels reads the old syntax's labels from i: {label} or [label
// options]{label}, any number of times.
func (p *parser) oldLabels(end int) ([]*Label, int) {
	var labels []*Label
	for {
		k := p.skipSpace(end)
		var lopts []option
		if k < len(p.src) && p.src[k] == '[' {
			in, e, ok := p.bracket(k)
			if !ok {
				return labels, end
			}
			m := p.skipSpace(e)
			if m >= len(p.src) || p.src[m] != '{' {
				return labels, end
			}
			lopts = splitOptions(p.src[in:e-1], in)
			k = m
		}
		if k >= len(p.src) || p.src[k] != '{' {
			return labels, end
		}
		e := p.group(k)
		if e < 0 {
			p.e.add(k, "this { is never closed")
			return labels, len(p.src)
		}
		labels = append(labels, newLabel(p.src[k+1:e-1], k+1, lopts))
		end = e
	}
}

// newLabel returns a label with tikz-cd's defaults.
func newLabel(math string, off int, opts []option) *Label {
	return &Label{Math: math, Offset: off, Pos: -1, Style: tex.Script, Size: 1, InnerSep: labelSep, opts: opts}
}

// target sets the arrow's target from a direction such as dr.
func (c *arrowCtx) target(s string, off int) {
	dr, dc := step(s)
	c.a.To = End{Row: c.row + dr, Col: c.col + dc, Offset: off, Anchor: c.a.To.Anchor}
}

// option applies one option of the arrow, left to right.
func (c *arrowCtx) option(o option) {
	p, a := c.p, c.a
	if o.text[0] == '"' {
		if l := p.label(o); l != nil {
			a.Labels = append(a.Labels, l)
		}
		return
	}
	key, v, has := o.key()
	switch {
	case isDirection(key) && !has:
		c.target(key, o.off)
		return
	case arrowFlags[key] != nil:
		p.flag(o, key, has, func() { arrowFlags[key](a) })
		return
	case arrowKeys[key] != nil:
		arrowKeys[key](c, o, key, v, has)
		return
	case labelKeys[key] != nil || isPosition(key):
		c.defaults = append(c.defaults, o)
		return
	case !has:
		if col, err := parseColor(key); err == nil {
			a.Color = col
			return
		} else if strings.Contains(key, "!") {
			p.e.add(o.off, "%v", err)
			return
		}
	}
	known := append(sortedKeys(arrowFlags), sortedKeys(arrowKeys)...)
	p.unsupported(o, "arrow option", key, append(known, sortedKeys(labelKeys)...))
}

// labelDefaults applies to l, in order, the label options written among
// the arrow's, every label's and its own, and fills in what they left.
func (c *arrowCtx) labelDefaults(l *Label) {
	p := c.p
	if c.a.Phantom {
		// tikz-cd's phantom: labels at text size, centred.
		l.Style, l.Anchor = tex.Text, Center
	}
	for _, list := range [][]option{c.defaults, p.everyLabel, l.opts} {
		for _, o := range list {
			p.labelOption(l, o)
		}
	}
	if l.Pos < 0 {
		l.Pos = 0.5
	}
	l.opts = nil
	if m, off, col := p.textColor(l.Math, l.Offset); col != nil {
		l.Math, l.Offset, l.Color = m, off, col
	}
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
	*e = End{Row: ri - 1, Col: ci - 1, Offset: off, Anchor: e.Anchor}
	return true
}
