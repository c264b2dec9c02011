package layout

import "golang.org/x/image/font/sfnt"

// Box is a typeset formula. Lengths are in em of the text size the
// formula is set in (the size of text style). The origin is the left end
// of the baseline; x grows to the right and y downwards, as in SVG, so a
// glyph above the baseline has a negative y.
type Box struct {
	Width  float64 // advance width, italic correction included where TeX includes it
	Height float64 // extent above the baseline
	Depth  float64 // extent below the baseline
	// Italic is the italic correction of a box made of one glyph, which
	// a superscript is moved right by; 0 otherwise.
	Italic float64
	Glyphs []Glyph
	Rules  []Rule
	// Strokes are straight strokes, for the few symbols drawn rather
	// than taken from the font (amssymb's \rightsquigarrow).
	Strokes []Stroke
}

// Stroke is a straight stroke from (X0, Y0) to (X1, Y1), W wide, with
// square ends, filled like a rule.
type Stroke struct {
	X0, Y0, X1, Y1, W float64
}

// Glyph is one glyph of a box: its origin (left end of its baseline) and
// its size in em.
type Glyph struct {
	ID   sfnt.GlyphIndex
	X, Y float64
	Size float64
}

// Rule is a filled rectangle: a fraction bar, an overline, the top of a
// radical. X, Y is its top-left corner.
type Rule struct {
	X, Y, W, H float64
}

// add appends the contents of c, moved by (dx, dy), to b; it does not
// change b's dimensions.
func (b *Box) add(c *Box, dx, dy float64) {
	for _, g := range c.Glyphs {
		g.X += dx
		g.Y += dy
		b.Glyphs = append(b.Glyphs, g)
	}
	for _, r := range c.Rules {
		r.X += dx
		r.Y += dy
		b.Rules = append(b.Rules, r)
	}
	for _, st := range c.Strokes {
		st.X0, st.X1, st.Y0, st.Y1 = st.X0+dx, st.X1+dx, st.Y0+dy, st.Y1+dy
		b.Strokes = append(b.Strokes, st)
	}
}

// Ink returns the box's ink bounds, the union of its glyphs' outlines and
// its rules, as left, top, right and bottom in the box's coordinates; ok
// is false for a box with nothing to draw.
func (b *Box) Ink(f *Font) (x0, y0, x1, y1 float64, ok bool) {
	grow := func(a0, b0, a1, b1 float64) {
		if !ok {
			x0, y0, x1, y1, ok = a0, b0, a1, b1, true
			return
		}
		x0, y0, x1, y1 = min(x0, a0), min(y0, b0), max(x1, a1), max(y1, b1)
	}
	for _, g := range b.Glyphs {
		m := f.Metrics(g.ID)
		if m.Right > m.Left {
			grow(g.X+m.Left*g.Size, g.Y-m.Height*g.Size, g.X+m.Right*g.Size, g.Y+m.Depth*g.Size)
		}
	}
	for _, r := range b.Rules {
		grow(r.X, r.Y, r.X+r.W, r.Y+r.H)
	}
	for _, st := range b.Strokes {
		grow(min(st.X0, st.X1)-st.W/2, min(st.Y0, st.Y1)-st.W/2, max(st.X0, st.X1)+st.W/2, max(st.Y0, st.Y1)+st.W/2)
	}
	return
}

// Scaled returns a copy of b with every length multiplied by k: b set at
// k times its size.
func (b *Box) Scaled(k float64) *Box {
	if k == 1 {
		return b
	}
	out := &Box{Width: b.Width * k, Height: b.Height * k, Depth: b.Depth * k, Italic: b.Italic * k}
	for _, g := range b.Glyphs {
		out.Glyphs = append(out.Glyphs, Glyph{ID: g.ID, X: g.X * k, Y: g.Y * k, Size: g.Size * k})
	}
	for _, r := range b.Rules {
		out.Rules = append(out.Rules, Rule{X: r.X * k, Y: r.Y * k, W: r.W * k, H: r.H * k})
	}
	for _, st := range b.Strokes {
		out.Strokes = append(out.Strokes, Stroke{st.X0 * k, st.Y0 * k, st.X1 * k, st.Y1 * k, st.W * k})
	}
	return out
}
