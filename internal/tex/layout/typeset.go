package layout

import (
	"fmt"
	"math"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"ctml/internal/report"
	"ctml/internal/tex"
)

// Error is a formula that parses but cannot be drawn: a character the
// font lacks. It is a report.Error whose Offset is the byte offset of the
// node in the formula's source.
type Error = report.Error

// TeX's subscript shift for a subscript without superscript (σ16, sub1 of
// cmsy10): the MATH table has only the larger one TeX uses when both
// scripts are present (σ17), and tikz-cd's figures are set by TeX.
const sub1 = 0.150

// Typeset lays out a parsed formula (from tex.Parse, in the style the
// formula was parsed for) following the rules of the TeXbook's Appendix G
// with the font's MATH constants: TeX's spacing between atoms, script
// sizes and shifts, italic corrections, fractions, radicals, limits,
// delimiters and accents. It fails with an *Error on a character the font
// has no glyph for.
func (f *Font) Typeset(l *tex.List) (b *Box, err error) {
	s := &setter{f: f}
	b = s.list(l, l.Style)
	if s.err != nil {
		return nil, s.err
	}
	return b, nil
}

type setter struct {
	f     *Font
	err   *Error
	depth int
}

func (s *setter) fail(off int, format string, args ...any) {
	if s.err == nil {
		s.err = &Error{Pos: report.Pos{Offset: off}, Msg: fmt.Sprintf(format, args...)}
	}
}

// list sets a math list in style st (the style of its first item).
func (s *setter) list(l *tex.List, st tex.Style) *Box {
	b := &Box{}
	if l == nil {
		return b
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.depth > 200 {
		s.fail(l.Offset, "formula nested too deeply")
		return b
	}
	sp := l.Spacing()
	x := 0.0
	atoms := 0
	var only *Box
	for i, it := range l.Items {
		switch it := it.(type) {
		case *tex.StyleChange:
			st = it.Style
		case *tex.Space:
			x += float64(it.Mu) / 18 * st.Scale()
		case *tex.Atom:
			x += float64(sp[i]) / 18 * st.Scale()
			a := s.atom(it, st)
			b.add(a, x, 0)
			x += a.Width
			b.Height = max(b.Height, a.Height)
			b.Depth = max(b.Depth, a.Depth)
			atoms++
			only = a
		}
	}
	b.Width = x
	if atoms == 1 {
		b.Italic = only.Italic
	}
	return b
}

// atom sets an atom: its nucleus, then its scripts.
func (s *setter) atom(a *tex.Atom, st tex.Style) *Box {
	scale := st.Scale()
	var n *Box
	char := false
	switch nu := a.Nucleus.(type) {
	case *tex.Symbol:
		n = s.symbol(nu, st)
		char = utf8.RuneCountInString(nu.Glyphs()) == 1 && !nu.Large
	case *tex.List:
		n = s.list(nu, nu.Style)
	case *tex.Frac:
		n = s.frac(nu, st)
	case *tex.Radical:
		n = s.radical(nu, st)
	case *tex.TextBox:
		n = s.text(nu, st)
	case *tex.Array:
		n = s.array(nu, st)
	case *tex.Fenced:
		n = s.fenced(nu, st)
	case *tex.Accent:
		n = s.accent(nu, st)
	default:
		n = &Box{}
	}
	if a.Sup == nil && a.Sub == nil {
		if char {
			// TeX rule 17: a character's italic correction is part of its
			// width unless a subscript follows.
			n.Width += n.Italic
		}
		return n
	}
	if a.LimitsIn(st) {
		return s.limits(n, a, st)
	}
	c := s.f.C
	delta := 0.0
	u, v := 0.0, 0.0
	if char {
		delta = n.Italic
	} else {
		// Rule 18a: scripts of a box hang from its height and depth.
		u = n.Height - c.SuperscriptBaselineDropMax*st.Sup().Scale()
		v = n.Depth + c.SubscriptBaselineDropMin*st.Sub().Scale()
	}
	out := &Box{}
	out.add(n, 0, 0)
	out.Height, out.Depth = n.Height, n.Depth
	var sup, sub *Box
	if a.Sup != nil {
		sup = s.list(a.Sup, a.Sup.Style)
	}
	if a.Sub != nil {
		sub = s.list(a.Sub, a.Sub.Style)
	}
	switch {
	case sup == nil: // rule 18b
		v = max(v, sub1*scale, sub.Height-c.SubscriptTopMax*scale)
	default: // rule 18c
		p := c.SuperscriptShiftUp
		if st.IsCramped() {
			p = c.SuperscriptShiftUpCramped
		} else if st.Base() == tex.Display {
			p = 0.413 // σ13, TeX's sup1 for display style
		}
		u = max(u, p*scale, sup.Depth+c.SuperscriptBottomMin*scale)
		if sub != nil { // rule 18e
			v = max(v, c.SubscriptShiftDown*scale)
			gap := (u - sup.Depth) - (sub.Height - v)
			if minGap := c.SubSuperscriptGapMin * scale; gap < minGap {
				v += minGap - gap
				if psi := c.SuperscriptBottomMaxWithSubscript*scale - (u - sup.Depth); psi > 0 {
					u += psi
					v -= psi
				}
			}
		}
	}
	w := n.Width
	after := c.SpaceAfterScript * scale
	if sup != nil {
		out.add(sup, n.Width+delta, -u)
		out.Height = max(out.Height, u+sup.Height)
		out.Depth = max(out.Depth, sup.Depth-u)
		w = max(w, n.Width+delta+sup.Width)
	}
	if sub != nil {
		out.add(sub, n.Width, v)
		out.Height = max(out.Height, sub.Height-v)
		out.Depth = max(out.Depth, v+sub.Depth)
		w = max(w, n.Width+sub.Width)
	}
	out.Width = w + after
	return out
}

// limits puts the scripts of a large operator above and below it (rule
// 13a), centred on the operator.
func (s *setter) limits(n *Box, a *tex.Atom, st tex.Style) *Box {
	c := s.f.C
	scale := st.Scale()
	var sup, sub *Box
	w := n.Width
	if a.Sup != nil {
		sup = s.list(a.Sup, a.Sup.Style)
		w = max(w, sup.Width)
	}
	if a.Sub != nil {
		sub = s.list(a.Sub, a.Sub.Style)
		w = max(w, sub.Width)
	}
	out := &Box{Width: w, Height: n.Height, Depth: n.Depth}
	out.add(n, (w-n.Width)/2, 0)
	if sup != nil {
		shift := n.Height + max(c.UpperLimitGapMin*scale, c.UpperLimitBaselineRiseMin*scale-sup.Depth) + sup.Depth
		out.add(sup, (w-sup.Width)/2+n.Italic/2, -shift)
		out.Height = shift + sup.Height
	}
	if sub != nil {
		shift := n.Depth + max(c.LowerLimitGapMin*scale, c.LowerLimitBaselineDropMin*scale-sub.Height) + sub.Height
		out.add(sub, (w-sub.Width)/2-n.Italic/2, shift)
		out.Depth = shift + sub.Depth
	}
	return out
}

// glyph returns the glyph of r, or records an error at off.
func (s *setter) glyph(r rune, off int) (sfnt.GlyphIndex, bool) {
	g, ok := s.f.Glyph(r)
	if !ok {
		s.fail(off, "Latin Modern Math has no glyph for %q (U+%04X)", r, r)
	}
	return g, ok
}

// run sets a string of characters in style st: scaled to its size, in
// the font's script forms in script styles.
func (s *setter) run(text string, st tex.Style, off int) *Box {
	scale := st.Scale()
	level := 0
	switch st.Base() {
	case tex.Script:
		level = 1
	case tex.ScriptScript:
		level = 2
	}
	b := &Box{}
	x := 0.0
	for _, r := range text {
		g, ok := s.glyph(r, off)
		if !ok {
			continue
		}
		g = s.f.ScriptForm(g, level)
		m := s.f.Metrics(g)
		b.Glyphs = append(b.Glyphs, Glyph{ID: g, X: x, Size: scale})
		x += m.Advance * scale
		b.Height = max(b.Height, m.Height*scale)
		b.Depth = max(b.Depth, m.Depth*scale)
		b.Italic = m.Italic * scale
	}
	b.Width = x
	return b
}

// symbol sets a symbol: a large operator at display size and centred on
// the axis, a \big delimiter at its size, anything else as it is.
func (s *setter) symbol(sym *tex.Symbol, st tex.Style) *Box {
	scale := st.Scale()
	switch sym.Text {
	case "⋯", "…":
		return s.dots(sym, st)
	case "⇝":
		return s.squiggle(st)
	}
	b := s.run(sym.Glyphs(), st, sym.Offset)
	if len(b.Glyphs) != 1 {
		return b
	}
	if sym.Short {
		return s.shortBar(b, sym.Text, st)
	}
	if z, ok := texSizes[sym.Text]; ok && sym.Size == 0 && !(sym.Large && st.Base() == tex.Display) {
		return s.resized(b, z, st)
	}
	g := b.Glyphs[0].ID
	switch {
	case sym.Large && st.Base() == tex.Display:
		g = s.f.NextVariant(g)
	case sym.Size > 0:
		g = s.f.VerticalVariant(g, sym.Size)
	default:
		return b
	}
	m := s.f.Metrics(g)
	b = &Box{Width: m.Advance * scale, Italic: m.Italic * scale}
	// Centre on the axis (rule 13 for operators, and \big delimiters).
	shift := ((m.Height-m.Depth)/2 - s.f.C.AxisHeight) * scale
	b.Glyphs = []Glyph{{ID: g, Y: shift, Size: scale}}
	b.Height = m.Height*scale - shift
	b.Depth = m.Depth*scale + shift
	return b
}

// texSizes are the symbols Latin Modern Math draws otherwise than the
// TeX fonts tikz-cd figures are set in (measured against latex and
// dvisvgm, as make compare-diagrams shows them): cmsy's \circ is a ring
// 0.39 em across, Latin Modern's 0.30; amssymb's corners (msam) reach
// 0.39 em, Latin Modern's 0.28; cmsy's \simeq is centred on the math
// axis, Latin Modern's 0.044 em above it, so that a ≃ label sat high
// over its arrow.
var texSizes = map[string]texSize{
	"∘": {1.3, true},
	"⌜": {1.4, false}, "⌝": {1.4, false}, "⌞": {1.4, false}, "⌟": {1.4, false},
	"≃": {1, true},
}

// texSize is how a symbol is changed: scaled by k about the centre of
// its ink, which axis puts on the math axis.
type texSize struct {
	k    float64
	axis bool
}

// resized sets the one-glyph box b at z.k times its size, keeping the
// centre of its ink where it was, or putting it on the axis.
func (s *setter) resized(b *Box, z texSize, st tex.Style) *Box {
	scale := st.Scale()
	g := b.Glyphs[0]
	m := s.f.Metrics(g.ID)
	k := z.k
	mid := (m.Height - m.Depth) / 2 * scale // the ink's centre above the baseline
	dy := mid * (k - 1)                     // down, to keep the centre
	if z.axis {
		dy = mid*k - s.f.C.AxisHeight*scale
	}
	out := &Box{Width: m.Advance * scale * k, Italic: b.Italic * k}
	out.Glyphs = []Glyph{{ID: g.ID, Y: dy, Size: g.Size * k}}
	out.Height = m.Height*scale*k - dy
	out.Depth = max(0, m.Depth*scale*k+dy)
	return out
}

// shortBar sets amssymb's \shortmid and \shortparallel: the bars of ∣
// and ∥ as rules of their weight, half as tall, on the same centre.
func (s *setter) shortBar(b *Box, text string, st tex.Style) *Box {
	scale := st.Scale()
	g := b.Glyphs[0]
	m := s.f.Metrics(g.ID)
	t := s.f.C.FractionRuleThickness * scale
	h := (m.Height + m.Depth) * scale / 2
	mid := (m.Height - m.Depth) / 2 * scale
	out := &Box{Width: b.Width, Height: mid + h/2, Depth: max(0, h/2-mid)}
	xs := []float64{m.Left * scale}
	if text == "∥" {
		xs = append(xs, m.Right*scale-t)
	}
	for _, x := range xs {
		out.Rules = append(out.Rules, Rule{X: x, Y: -(mid + h/2), W: t, H: h})
	}
	return out
}

// squiggle draws amssymb's \rightsquigarrow (⇝): a zigzag on the math
// axis ending in an arrowhead, 1 em wide as msam's is, where Latin Modern
// Math has a smaller wavy arrow.
func (s *setter) squiggle(st tex.Style) *Box {
	k := st.Scale()
	w := s.f.C.FractionRuleThickness * k
	axis := s.f.C.AxisHeight * k
	const amp, tooth = 0.11, 0.24 // em: the zigzag's half height and period
	b := &Box{Width: 1.0 * k, Height: axis + (amp+0.02)*k + w, Depth: 0}
	x := 0.06
	y := func(v float64) float64 { return -axis - v*k }
	prev := [2]float64{x, 0}
	for x+tooth <= 0.80 {
		for _, q := range [][2]float64{{x + tooth/4, amp}, {x + 3*tooth/4, -amp}, {x + tooth, 0}} {
			b.Strokes = append(b.Strokes, Stroke{prev[0] * k, y(prev[1]), q[0] * k, y(q[1]), w})
			prev = q
		}
		x += tooth
	}
	tip := 0.94
	b.Strokes = append(b.Strokes, Stroke{prev[0] * k, y(0), tip * k, y(0), w})
	for _, side := range []float64{1, -1} {
		b.Strokes = append(b.Strokes, Stroke{(tip - 0.19) * k, y(side * 0.17), tip * k, y(0), w})
	}
	return b
}

// dots sets \cdots and \ldots as TeX does: three dots (\cdotp or
// \ldotp, each 0.278 em wide), punctuation, so a thin space apart in
// text and display styles and touching in script styles.
func (s *setter) dots(sym *tex.Symbol, st tex.Style) *Box {
	dot := "⋅"
	if sym.Text == "…" {
		dot = "."
	}
	one := s.run(dot, st, sym.Offset)
	gap := 0.0
	if st.Base() == tex.Display || st.Base() == tex.Text {
		gap = 3.0 / 18 * st.Scale()
	}
	out := &Box{Height: one.Height, Depth: one.Depth}
	x := 0.0
	for i := 0; i < 3; i++ {
		if i > 0 {
			x += gap
		}
		out.add(one, x, 0)
		x += one.Width
	}
	out.Width = x
	return out
}

// text sets \text{…} and its relatives.
func (s *setter) text(t *tex.TextBox, st tex.Style) *Box {
	v := t.Variant
	if v == tex.Normal {
		return s.run(t.Text, st, t.Offset)
	}
	return s.run(tex.MathAlphabet(t.Text, v), st, t.Offset)
}

// frac sets a fraction (rule 15).
func (s *setter) frac(fr *tex.Frac, st tex.Style) *Box {
	c := s.f.C
	scale := st.Scale()
	num := s.list(fr.Num, fr.Num.Style)
	den := s.list(fr.Den, fr.Den.Style)
	display := st.Base() == tex.Display
	w := max(num.Width, den.Width)
	axis := c.AxisHeight * scale
	var up, down float64
	if fr.NoRule {
		up, down = c.StackTopShiftUp, c.StackBottomShiftDown
		gapMin := c.StackGapMin
		if display {
			up, down, gapMin = c.StackTopDisplayStyleShiftUp, c.StackBottomDisplayStyleShiftDown, c.StackDisplayStyleGapMin
		}
		up, down = up*scale, down*scale
		if gap := (up - num.Depth) - (den.Height - down); gap < gapMin*scale {
			up += (gapMin*scale - gap) / 2
			down += (gapMin*scale - gap) / 2
		}
	} else {
		up, down = c.FractionNumeratorShiftUp, c.FractionDenominatorShiftDown
		numGap, denGap := c.FractionNumeratorGapMin, c.FractionDenominatorGapMin
		if display {
			up, down = c.FractionNumeratorDisplayStyleShiftUp, c.FractionDenominatorDisplayStyleShiftDown
			numGap, denGap = c.FractionNumDisplayStyleGapMin, c.FractionDenomDisplayStyleGapMin
		}
		t := c.FractionRuleThickness * scale
		up = max(up*scale, axis+t/2+numGap*scale+num.Depth)
		down = max(down*scale, den.Height+denGap*scale+t/2-axis)
	}
	b := &Box{Width: w + 0.24*scale}
	pad := 0.12 * scale // \nulldelimiterspace on each side
	b.add(num, pad+(w-num.Width)/2, -up)
	b.add(den, pad+(w-den.Width)/2, down)
	b.Height = up + num.Height
	b.Depth = down + den.Depth
	if !fr.NoRule {
		t := c.FractionRuleThickness * scale
		b.Rules = append(b.Rules, Rule{X: pad, Y: -axis - t/2, W: w, H: t})
	}
	if fr.Open != "" || fr.Close != "" {
		return s.delimited(b, fr.Open, fr.Close, st, fr.Offset)
	}
	return b
}

// delimited puts delimiters, grown to its size, around b.
func (s *setter) delimited(b *Box, open, close string, st tex.Style, off int) *Box {
	scale := st.Scale()
	axis := s.f.C.AxisHeight * scale
	need := 2 * max(b.Height-axis, b.Depth+axis) / scale
	out := &Box{}
	x := 0.0
	put := func(d string) {
		if d == "" {
			x += 0.12 * scale
			return
		}
		r, _ := utf8.DecodeRuneInString(d)
		g, ok := s.glyph(r, off)
		if !ok {
			return
		}
		g = s.f.VerticalVariant(g, need*0.9)
		m := s.f.Metrics(g)
		shift := ((m.Height-m.Depth)/2)*scale - axis
		out.Glyphs = append(out.Glyphs, Glyph{ID: g, X: x, Y: shift, Size: scale})
		out.Height = max(out.Height, m.Height*scale-shift)
		out.Depth = max(out.Depth, m.Depth*scale+shift)
		x += m.Advance * scale
	}
	put(open)
	out.add(b, x, 0)
	x += b.Width
	put(close)
	out.Width = x
	out.Height = max(out.Height, b.Height)
	out.Depth = max(out.Depth, b.Depth)
	return out
}

// fenced sets \left…\right.
func (s *setter) fenced(fe *tex.Fenced, st tex.Style) *Box {
	return s.delimited(s.list(fe.Body, fe.Body.Style), fe.Open, fe.Close, st, fe.Offset)
}

// radical sets \sqrt (rule 11).
func (s *setter) radical(r *tex.Radical, st tex.Style) *Box {
	c := s.f.C
	scale := st.Scale()
	body := s.list(r.Body, r.Body.Style)
	gap := c.RadicalVerticalGap
	if st.Base() == tex.Display {
		gap = c.RadicalDisplayStyleVerticalGap
	}
	gap *= scale
	t := c.RadicalRuleThickness * scale
	g, ok := s.glyph('√', r.Offset)
	if !ok {
		return body
	}
	need := (body.Height + body.Depth + gap + t) / scale
	g = s.f.VerticalVariant(g, need)
	m := s.f.Metrics(g)
	// The radical sign's top is the rule's top.
	top := body.Height + gap + t
	shift := -top + m.Height*scale // glyph y so that its ink top is at -top
	b := &Box{}
	x := 0.0
	if r.Index != nil {
		idx := s.list(r.Index, r.Index.Style)
		x = c.RadicalKernBeforeDegree * scale
		raise := c.RadicalDegreeBottomRaisePercent * (m.Height + m.Depth) * scale
		b.add(idx, x, shift+m.Depth*scale-raise)
		x += idx.Width + c.RadicalKernAfterDegree*scale
		x = max(x, 0)
		b.Height = max(b.Height, raise-shift-m.Depth*scale+idx.Height)
	}
	b.Glyphs = append(b.Glyphs, Glyph{ID: g, X: x, Y: shift, Size: scale})
	x += m.Advance * scale
	b.add(body, x, 0)
	b.Rules = append(b.Rules, Rule{X: x, Y: -top, W: body.Width, H: t})
	b.Width = x + body.Width
	b.Height = max(b.Height, top+c.RadicalExtraAscender*scale)
	b.Depth = max(body.Depth, m.Depth*scale+shift)
	return b
}

// accentMarks maps the parser's accent marks to the combining characters
// a math font positions over a base.
var accentMarks = map[string]rune{
	"^": '\u0302', "~": '\u0303', "¯": '\u0304', "→": '\u20D7', "←": '\u20D6',
	"˙": '\u0307', "¨": '\u0308', "ˇ": '\u030C', "˘": '\u0306', "´": '\u0301', "`": '\u0300',
}

// accent sets \hat, \bar, \overline and their relatives (rules 9, 10, 12).
func (s *setter) accent(a *tex.Accent, st tex.Style) *Box {
	c := s.f.C
	scale := st.Scale()
	body := s.list(a.Body, a.Body.Style)
	if a.Mark == "‾" || a.Mark == "_" {
		t := c.OverbarRuleThickness * scale
		b := &Box{Width: body.Width, Height: body.Height, Depth: body.Depth}
		b.add(body, 0, 0)
		if a.Under {
			y := body.Depth + c.UnderbarVerticalGap*scale
			b.Rules = append(b.Rules, Rule{Y: y, W: body.Width, H: t})
			b.Depth = y + t + c.UnderbarExtraDescender*scale
		} else {
			y := body.Height + c.OverbarVerticalGap*scale + t
			b.Rules = append(b.Rules, Rule{Y: -y, W: body.Width, H: t})
			b.Height = y + c.OverbarExtraAscender*scale
		}
		return b
	}
	r, ok := accentMarks[a.Mark]
	if !ok {
		r, _ = utf8.DecodeRuneInString(a.Mark)
	}
	g, ok := s.glyph(r, a.Offset)
	if !ok {
		return body
	}
	m := s.f.Metrics(g)
	b := &Box{Width: body.Width, Height: body.Height, Depth: body.Depth}
	b.add(body, 0, 0)
	// Centre the mark's ink over the body (skewed by half the italic
	// correction of a single letter), and raise it by the height of the
	// body above the accent base height.
	cx := (body.Width-body.Italic)/2 + body.Italic/2
	x := cx - (m.Left+m.Right)/2*scale
	dy := math.Max(0, body.Height-c.AccentBaseHeight*scale)
	b.Glyphs = append(b.Glyphs, Glyph{ID: g, X: x, Y: -dy, Size: scale})
	b.Height = max(body.Height, m.Height*scale+dy)
	return b
}

// array sets a matrix or alignment: columns 1 em apart, rows a baseline
// skip of 1.2 em apart (TeX's \arraycolsep and \baselineskip with
// \arraystretch 1), centred on the axis.
func (s *setter) array(a *tex.Array, st tex.Style) *Box {
	scale := st.Scale()
	var cells [][]*Box
	var widths []float64
	for _, row := range a.Rows {
		var r []*Box
		for j, c := range row {
			b := s.list(c, c.Style)
			r = append(r, b)
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], b.Width)
		}
		cells = append(cells, r)
	}
	colSep := 1.0 * scale
	if a.Env == "aligned" {
		colSep = 0
	}
	skip := 1.2 * scale
	strutH, strutD := 0.7*skip, 0.3*skip
	out := &Box{}
	y := 0.0
	for i, r := range cells {
		h, d := strutH, strutD
		for _, b := range r {
			h, d = max(h, b.Height), max(d, b.Depth)
		}
		if i > 0 {
			y += h
		} else {
			y = h
		}
		x := 0.0
		for j, b := range r {
			dx := (widths[j] - b.Width) / 2
			switch a.ColumnAlign(j) {
			case 'l':
				dx = 0
			case 'r':
				dx = widths[j] - b.Width
			}
			out.add(b, x+dx, y)
			x += widths[j] + colSep
		}
		y += d
	}
	total := y
	w := 0.0
	for j, cw := range widths {
		if j > 0 {
			w += colSep
		}
		w += cw
	}
	// Move the rows so that the block is centred on the axis.
	shift := -total/2 - s.f.C.AxisHeight*scale
	moved := &Box{Width: w}
	moved.add(out, 0, shift)
	moved.Height = -shift
	moved.Depth = total + shift
	if a.Open != "" || a.Close != "" {
		return s.delimited(moved, a.Open, a.Close, st, a.Offset)
	}
	return moved
}
