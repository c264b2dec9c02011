package cd

import (
	"math"

	"ctml/internal/tex"
	"ctml/internal/tex/layout"
)

// The constants of tikz-cd's layout, in em of the math size (the
// reference numbers of tikz-cd 1.0 and pgf 3.1.10 at 10 pt).
const (
	cellXSep   = 0.431 // inner xsep of a cell: 1 ex
	cellYSep   = 0.366 // inner ysep: 0.85 ex
	crampSep   = 0.3   // both, with cramped
	labelSep   = 0.215 // inner sep of a label: 0.5 ex
	shiftUnit  = 0.241 // shift left=1: 0.56 ex
	doubleGap  = 0.097 // half the distance between the lines of equal and ⇒
	labelGapLo = 0.3   // space left on each side of a label that has to fit
	descStub   = 0.6   // the shaft left visible on each side of a description label
)

// LineWidth is the width of the strokes, in em. TeX's is 0.04 em (0.4 pt);
// 0.05 em is a pixel at the book's figure size (20 px to the em) and
// looks as light next to the glyphs as tikz-cd's strokes do on paper,
// where 0.0625 em, used before, looked heavy beside real tikz-cd.
const LineWidth = 0.05

// Figure is a laid-out diagram: every box, curve and label placed, in em,
// y up.
type Figure struct {
	Diagram *Diagram
	Nodes   []*Node
	Arrows  []*Drawn
	Min     pt // the lower-left corner of the drawing, margin included
	Max     pt

	colExtra, rowExtra []float64 // the gaps widened beyond tikz-cd (see widen)
}

// Node is an object placed: its box and where its math is drawn.
type Node struct {
	Cell  *Cell
	Math  *layout.Box
	Base  pt // the left end of the math's baseline (before rotation)
	Rect  rect
	Color *Color
}

// Drawn is an arrow laid out.
type Drawn struct {
	Arrow  *Arrow
	Curve  bez  // the whole path, between the node borders (after shift)
	Shaft  bez  // the part drawn
	Shown  bool // whether there is a shaft to draw
	Zigzag []pt // a squiggly shaft, as a polyline
	Tips   []tipShape
	Labels []*Placed
	Color  *Color // of the strokes; nil for the text colour
}

// Placed is a label laid out.
type Placed struct {
	Label  *Label
	Math   *layout.Box
	At     pt      // the point of the path the label is attached to
	Box    [2]pt   // the label's text box (lower-left, upper-right), before rotation
	Pad    float64 // inner sep around the text box
	Rotate float64 // degrees, counter-clockwise, about At
	Color  *Color  // nil for the text colour
}

// typeset parses and lays out a formula; errors are reported at off.
func typeset(f *layout.Font, e *errs, src string, off int, st tex.Style) *layout.Box {
	l, err := tex.Parse(src, st)
	if err != nil {
		if te, ok := err.(*tex.Error); ok {
			e.add(off+te.Offset, "%s", te.Msg)
		} else {
			e.add(off, "%v", err)
		}
		return &layout.Box{}
	}
	b, err := f.Typeset(l)
	if err != nil {
		if le, ok := err.(*layout.Error); ok {
			e.add(off+le.Offset, "%s", le.Msg)
		} else {
			e.add(off, "%v", err)
		}
		return &layout.Box{}
	}
	return b
}

// Layout lays out d following tikz-cd's rules. It reports, as an
// ErrorList, the labels and cells whose math does not parse or has a
// character the font lacks.
func Layout(name, src string, d *Diagram) (*Figure, error) {
	f, err := layout.LatinModern()
	if err != nil {
		return nil, err
	}
	e := &errs{file: name, src: src}
	cells := map[*Cell]*layout.Box{}
	for _, c := range d.Cells {
		cells[c] = typeset(f, e, c.Math, c.Offset, tex.Text).Scaled(c.Size)
	}
	labels := map[*Label]*layout.Box{}
	for _, a := range d.Arrows {
		for _, l := range a.Labels {
			labels[l] = typeset(f, e, l.Math, l.Offset, l.Style).Scaled(l.Size)
		}
	}
	if err := e.err(); err != nil {
		return nil, err
	}
	colExtra := make([]float64, len(d.ColSep))
	rowExtra := make([]float64, len(d.RowSep))
	fig := place(d, cells, labels, colExtra, rowExtra, f.C.AxisHeight)
	// Beyond tikz-cd: widen a gap whose horizontal or vertical arrow is
	// too short for its label, then lay out again.
	if widen(fig, colExtra, rowExtra) {
		fig = place(d, cells, labels, colExtra, rowExtra, f.C.AxisHeight)
	}
	fig.colExtra, fig.rowExtra = colExtra, rowExtra
	fig.bounds()
	return fig, nil
}

// place lays out the grid and the arrows.
func place(d *Diagram, cells map[*Cell]*layout.Box, labels map[*Label]*layout.Box, colExtra, rowExtra []float64, axis float64) *Figure {
	xsep, ysep := cellXSep, cellYSep
	if d.Cramped {
		xsep, ysep = crampSep, crampSep
	}
	// Column widths and row extents above and below the baseline.
	width := make([]float64, d.Cols)
	above := make([]float64, d.Rows)
	below := make([]float64, d.Rows)
	for _, c := range d.Cells {
		b := cells[c]
		width[c.Col] = max(width[c.Col], b.Width+2*xsep)
		above[c.Row] = max(above[c.Row], b.Height+ysep)
		below[c.Row] = max(below[c.Row], b.Depth+ysep)
	}
	colX := make([]float64, d.Cols)
	for j := 1; j < d.Cols; j++ {
		colX[j] = colX[j-1] + width[j-1]/2 + d.ColSep[j-1] + colExtra[j-1] + width[j]/2
	}
	baseY := make([]float64, d.Rows) // y up: rows go down
	for i := 1; i < d.Rows; i++ {
		baseY[i] = baseY[i-1] - below[i-1] - d.RowSep[i-1] - rowExtra[i-1] - above[i]
	}
	fig := &Figure{Diagram: d}
	byCell := map[*Cell]*Node{}
	for _, c := range d.Cells {
		b := cells[c]
		n := &Node{Cell: c, Math: b, Color: c.Color}
		n.Base = pt{colX[c.Col] - b.Width/2, baseY[c.Row]}
		n.Rect = rect{c: pt{colX[c.Col], baseY[c.Row] + axis}, hw: b.Width/2 + xsep, up: b.Height + ysep - axis, down: b.Depth + ysep + axis, axis: axis, rot: c.Rotate}
		// A matrix places its cells by their base: a turned cell turns
		// about the middle of its baseline.
		n.Rect.c = rotate(n.Rect.c, n.pivot(), c.Rotate)
		fig.Nodes = append(fig.Nodes, n)
		byCell[c] = n
	}
	named := map[string]rect{}
	for _, a := range d.Arrows {
		dr := fig.arrow(a, byCell, named, labels, axis)
		fig.Arrows = append(fig.Arrows, dr)
		for _, p := range dr.Labels {
			if p.Label.Name != "" {
				w := p.Box[1].X - p.Box[0].X
				h := p.Box[1].Y - p.Box[0].Y
				c := p.Box[0].add(p.Box[1]).mul(0.5)
				r := rect{c: c, hw: w/2 + p.Pad, up: h/2 + p.Pad, down: h/2 + p.Pad, rot: p.Rotate}
				if p.Pad == 0 && w == 0 && h == 0 {
					r.point = true
				}
				named[p.Label.Name] = r
			}
		}
	}
	return fig
}

// pivot is the point a turned node turns about: the middle of its
// baseline.
func (n *Node) pivot() pt { return pt{n.Base.X + n.Math.Width/2, n.Base.Y} }

// end returns the box an arrow end attaches to.
func (fig *Figure) end(e End, byCell map[*Cell]*Node, named map[string]rect) rect {
	var r rect
	if e.Name != "" {
		r = named[e.Name]
	} else if c := fig.Diagram.Cell(e.Row, e.Col); c != nil {
		r = byCell[c].Rect
	} else {
		r.point = true
	}
	if e.Anchor != "" {
		r = rect{c: r.anchor(e.Anchor), point: true}
	}
	return r
}

// arrow lays out one arrow and its labels.
func (fig *Figure) arrow(a *Arrow, byCell map[*Cell]*Node, named map[string]rect, labels map[*Label]*layout.Box, axis float64) *Drawn {
	src := fig.end(a.From, byCell, named)
	dst := fig.end(a.To, byCell, named)
	c := path(a, src, dst)
	if a.XShift != 0 || a.YShift != 0 {
		for i := range c {
			c[i] = c[i].add(pt{a.XShift, a.YShift})
		}
	}
	dr := &Drawn{Arrow: a, Curve: c, Color: a.Stroke}
	if dr.Color == nil {
		dr.Color = a.Color
	}
	for _, l := range a.Labels {
		p := placeLabel(l, labels[l], c, axis)
		if p.Color == nil {
			p.Color = a.Color
		}
		dr.Labels = append(dr.Labels, p)
	}
	if a.Draw {
		dr.shaft()
	}
	return dr
}

// path returns the curve of an arrow from box src to box dst: straight,
// bent, a loop, or quiver's curve, shifted to the left by shift left.
func path(a *Arrow, src, dst rect) bez {
	chord := dst.c.sub(src.c)
	alpha := chord.angle()
	var c bez
	curved := func(out, in float64) {
		p0 := src.border(dir(out))
		p1 := dst.border(dir(in))
		k := 0.3915 * p1.sub(p0).len() * a.Looseness
		if a.Distance != nil {
			k = *a.Distance
		}
		k = max(k, a.MinDist)
		c = bez{p0, p0.add(dir(out).mul(k)), p1.add(dir(in).mul(k)), p1}
	}
	switch {
	case a.Loop || a.In != nil || a.Out != nil:
		out, in := alpha, alpha+180
		if a.Out != nil {
			out = *a.Out
		}
		if a.In != nil {
			in = *a.In
		}
		curved(out, in)
	case a.Bend != 0:
		curved(alpha+a.Bend, alpha+180-a.Bend)
	case a.Curve != nil && chord.len() > 1e-9:
		n := chord.unit().left().mul(-*a.Curve)
		c1 := src.c.add(chord.mul(0.35)).add(n)
		c2 := src.c.add(chord.mul(0.65)).add(n)
		c = bez{src.border(c1.sub(src.c)), c1, c2, dst.border(c2.sub(dst.c))}
	default:
		c = line(src.border(chord), dst.border(chord.mul(-1)))
	}
	if a.Shift != 0 {
		n := chord.unit().left().mul(a.Shift)
		if chord.len() < 1e-9 {
			n = c.tangent(0).left().mul(a.Shift)
		}
		for i := range c {
			c[i] = c[i].add(n)
		}
	}
	return c
}

// placeLabel puts a label on curve c; axis is the math axis height.
func placeLabel(l *Label, b *layout.Box, c bez, axis float64) *Placed {
	pad := l.InnerSep
	t := math.Max(0, math.Min(1, l.Pos))
	at := c.at(t)
	tan := c.tangent(t)
	w, h := b.Width, b.Height+b.Depth
	rot := l.Rotate
	if l.Sloped {
		// TikZ's sloped: turned with the tangent, and turned back by
		// 180° where it would read upside down.
		theta := tan.angle()
		if !l.UpsideDown && math.Abs(angleNorm(theta)) > 90+1e-9 {
			theta += 180
		}
		rot += angleNorm(theta)
	}
	// ax, ay: the anchor as a fraction of the outer box from its centre
	// (-1 west or south, +1 east or north), in the label's own frame.
	var ax, ay float64
	switch l.Anchor {
	case Auto:
		if l.Sloped {
			ay = -1 // in the turned frame the path runs along x
			if l.Swap {
				ay = 1
			}
		} else {
			ax, ay = autoAnchor(tan, l.Swap)
		}
	case Above:
		ay = -1
	case Below:
		ay = 1
	case Left:
		ax = 1
	case Right:
		ax = -1
	}
	outer := pad + outerSep
	if l.Anchor == Center {
		outer = 0 // centred: the box is centred whatever its padding
	}
	hw, hh := w/2+outer, h/2+outer
	centre := pt{-ax * hw, -ay * hh}
	if l.Marking {
		// tikz-cd's marking is an asymmetrical rectangle: its centre is
		// on the math axis, not in the middle of the box.
		centre.Y = (b.Height-b.Depth)/2 - axis*l.Size
	}
	at = at.add(l.Shift)
	centre = at.add(centre)
	return &Placed{
		Label:  l,
		Math:   b,
		At:     at,
		Box:    [2]pt{{centre.X - w/2, centre.Y - h/2}, {centre.X + w/2, centre.Y + h/2}},
		Pad:    pad,
		Rotate: rot,
		Color:  l.Color,
	}
}

// angleNorm returns deg in (-180, 180].
func angleNorm(deg float64) float64 {
	d := math.Mod(deg, 360)
	if d > 180 {
		d -= 360
	}
	if d <= -180 {
		d += 360
	}
	return d
}

// autoAnchor returns TikZ's auto anchor for a label on a path with unit
// tangent d: the label goes on the left of the direction of travel, and
// on the right when swapped. The anchor is given as (ax, ay), each -1, 0
// or 1: the side of the label's box that touches the path.
func autoAnchor(d pt, swap bool) (ax, ay float64) {
	const eps = 0.05
	switch {
	case d.X > eps:
		ay = -1 // south
		if d.Y > eps {
			ax = 1 // south-east
		} else if d.Y < -eps {
			ax = -1 // south-west
		}
	case d.X < -eps:
		ay = 1 // north
		if d.Y > eps {
			ax = 1
		} else if d.Y < -eps {
			ax = -1
		}
	default:
		if d.Y > 0 {
			ax = 1 // east
		} else {
			ax = -1 // west
		}
	}
	if swap {
		ax, ay = -ax, -ay
	}
	return
}

// widen enlarges the column and row gaps whose straight horizontal or
// vertical arrows are shorter than the text of their labels plus
// labelGapLo at each end; it reports whether it changed anything.
func widen(fig *Figure, colExtra, rowExtra []float64) bool {
	changed := false
	for _, dr := range fig.Arrows {
		a := dr.Arrow
		if a.Bend != 0 || a.Curve != nil || a.Loop || a.In != nil || a.Out != nil || a.From.Name != "" || a.To.Name != "" || a.Phantom {
			continue
		}
		horizontal := a.From.Row == a.To.Row && a.From.Col != a.To.Col
		vertical := a.From.Col == a.To.Col && a.From.Row != a.To.Row
		if !horizontal && !vertical {
			continue
		}
		need := 0.0
		for _, p := range dr.Labels {
			ext := p.Box[1].Y - p.Box[0].Y
			if horizontal {
				ext = p.Box[1].X - p.Box[0].X
			}
			if p.Label.Description {
				// The label covers the arrow: leave some of it visible
				// on both sides, or only a stub shows (⟨f, g⟩ on a short
				// vertical arrow).
				need = max(need, ext+2*p.Pad+2*descStub)
				continue
			}
			need = max(need, ext+2*labelGapLo)
		}
		have := dr.Curve[3].sub(dr.Curve[0]).len()
		if need <= have+1e-9 {
			continue
		}
		lo, hi, gaps := a.From.Col, a.To.Col, colExtra
		if vertical {
			lo, hi, gaps = a.From.Row, a.To.Row, rowExtra
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		per := (need - have) / float64(hi-lo)
		for g := lo; g < hi && g < len(gaps); g++ {
			if per > gaps[g] {
				gaps[g] = per
				changed = true
			}
		}
	}
	return changed
}

// bounds sets the drawing's extent: node boxes, label boxes, curves and
// tips, and a margin of 0.1 em.
func (fig *Figure) bounds() {
	first := true
	grow := func(p pt) {
		if first {
			fig.Min, fig.Max, first = p, p, false
			return
		}
		fig.Min = pt{min(fig.Min.X, p.X), min(fig.Min.Y, p.Y)}
		fig.Max = pt{max(fig.Max.X, p.X), max(fig.Max.Y, p.Y)}
	}
	for _, n := range fig.Nodes {
		for _, q := range n.Rect.corners() {
			grow(q)
		}
	}
	for _, dr := range fig.Arrows {
		h := dr.Arrow.width() / 2
		if dr.Shown {
			lo, hi := dr.Shaft.bounds()
			extra := h + float64(dr.Arrow.lines()-1)*doubleGap
			if dr.Arrow.Squiggly {
				extra += zigAmplitude * dr.Arrow.Weight
			}
			if dr.Arrow.Crossing {
				extra = max(extra, crossWidth/2)
			}
			grow(lo.sub(pt{extra, extra}))
			grow(hi.add(pt{extra, extra}))
		}
		for _, t := range dr.Tips {
			for _, p := range t.points() {
				grow(p.sub(pt{h, h}))
				grow(p.add(pt{h, h}))
			}
		}
		for _, p := range dr.Labels {
			for _, q := range p.corners() {
				grow(q)
			}
		}
	}
	if first {
		fig.Min, fig.Max = pt{}, pt{}
	}
	const margin = 0.1
	fig.Min = fig.Min.sub(pt{margin, margin})
	fig.Max = fig.Max.add(pt{margin, margin})
}

// corners returns the corners of the label's padded box, rotated.
func (p *Placed) corners() [4]pt {
	pad := p.Pad
	lo, hi := p.Box[0].sub(pt{pad, pad}), p.Box[1].add(pt{pad, pad})
	cs := [4]pt{lo, {hi.X, lo.Y}, hi, {lo.X, hi.Y}}
	if p.Rotate != 0 {
		for i, c := range cs {
			cs[i] = rotate(c, p.At, p.Rotate)
		}
	}
	return cs
}

// rotate turns q about o by deg, counter-clockwise.
func rotate(q, o pt, deg float64) pt {
	d := q.sub(o)
	s, c := math.Sincos(deg * math.Pi / 180)
	return o.add(pt{d.X*c - d.Y*s, d.X*s + d.Y*c})
}
