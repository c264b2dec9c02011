package layout

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/image/font/sfnt"
)

// Defs collects the glyphs that an SVG drawing uses, so that each outline
// is written once, as a <path> in <defs>, and drawn with a <use> for
// every occurrence. Ids are Prefix-gN, N the glyph's index in the font:
// give every drawing on a page its own prefix.
type Defs struct {
	Font   *Font
	Prefix string
	used   map[sfnt.GlyphIndex]bool
}

// Use writes a <use> of glyph g at (x, y) and size em, in user units of
// unit per em (10 makes one user unit a point of a 10 pt em).
func (d *Defs) Use(w *strings.Builder, g Glyph, x, y, unit float64) {
	if d.used == nil {
		d.used = map[sfnt.GlyphIndex]bool{}
	}
	d.used[g.ID] = true
	s := g.Size * unit / 1000
	w.WriteString(`<use href="#`)
	w.WriteString(d.Prefix)
	w.WriteString("-g")
	w.WriteString(strconv.Itoa(int(g.ID)))
	w.WriteString(`" transform="matrix(`)
	w.WriteString(Num(s, 5))
	w.WriteString(" 0 0 ")
	w.WriteString(Num(s, 5))
	w.WriteByte(' ')
	w.WriteString(Num((x+g.X)*unit, 2))
	w.WriteByte(' ')
	w.WriteString(Num((y+g.Y)*unit, 2))
	w.WriteString(`)"/>`)
}

// Box writes the glyphs and rules of b with its origin at (x, y) em, in
// user units of unit per em. Rules are filled with the current fill.
func (d *Defs) Box(w *strings.Builder, b *Box, x, y, unit float64) {
	for _, g := range b.Glyphs {
		d.Use(w, g, x, y, unit)
		w.WriteByte('\n')
	}
	for _, r := range b.Rules {
		w.WriteString(`<rect x="` + Num((x+r.X)*unit, 2) + `" y="` + Num((y+r.Y)*unit, 2) +
			`" width="` + Num(r.W*unit, 2) + `" height="` + Num(r.H*unit, 2) + `"/>` + "\n")
	}
	for _, st := range b.Strokes {
		// The stroke's outline, filled with the current fill like a rule.
		dx, dy := st.X1-st.X0, st.Y1-st.Y0
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		ux, uy := dx/l*st.W/2, dy/l*st.W/2 // along, half the width
		px, py := -uy, ux                  // across
		pts := [][2]float64{
			{st.X0 - ux + px, st.Y0 - uy + py}, {st.X1 + ux + px, st.Y1 + uy + py},
			{st.X1 + ux - px, st.Y1 + uy - py}, {st.X0 - ux - px, st.Y0 - uy - py},
		}
		w.WriteString(`<path d="`)
		for i, q := range pts {
			w.WriteString(map[bool]string{true: "M", false: "L"}[i == 0])
			w.WriteString(Num((x+q[0])*unit, 2) + " " + Num((y+q[1])*unit, 2))
		}
		w.WriteString(`Z"/>` + "\n")
	}
}

// Len reports how many distinct glyphs have been used.
func (d *Defs) Len() int { return len(d.used) }

// Write writes the <path> of every glyph used so far, in glyph order,
// one per line (without the enclosing <defs>).
func (d *Defs) Write(w *strings.Builder) {
	ids := make([]int, 0, len(d.used))
	for g := range d.used {
		ids = append(ids, int(g))
	}
	sort.Ints(ids)
	for _, g := range ids {
		w.WriteString(`<path id="` + d.Prefix + "-g" + strconv.Itoa(g) + `" d="`)
		w.WriteString(d.Font.Path(sfnt.GlyphIndex(g)))
		w.WriteString("\"/>\n")
	}
}

// Num formats v with at most prec decimals and no trailing zeros: the
// same value always gives the same bytes ("-0" is written "0").
func Num(v float64, prec int) string {
	p := math.Pow(10, float64(prec))
	v = math.Round(v*p) / p
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
