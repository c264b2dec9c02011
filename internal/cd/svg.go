package cd

import (
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"strings"

	"ctml/internal/tex/layout"
)

// Options are the settings of one rendering.
type Options struct {
	// Name is the figure's file name in error messages.
	Name string
	// Title is the accessible name of the figure; a generic one when
	// empty.
	Title string
	// ID prefixes every id of the SVG; "cd-" and a hash of the source when
	// empty. Figures on one page need different prefixes.
	ID string
}

// unit is the SVG's user units per em: one user unit is a point of a
// 10 pt em, so that the numbers compare directly with TeX's.
const unit = 10

// Render parses, lays out and writes a figure as an SVG element for
// inline use in HTML.
func Render(src string, opt Options) ([]byte, error) {
	d, err := Parse(opt.Name, src)
	if err != nil {
		return nil, err
	}
	fig, err := Layout(opt.Name, src, d)
	if err != nil {
		return nil, err
	}
	if opt.ID == "" {
		h := fnv.New64a()
		h.Write([]byte(src))
		opt.ID = fmt.Sprintf("cd-%012x", h.Sum64()>>16)
	}
	return fig.SVG(opt), nil
}

func num(v float64) string { return layout.Num(v, 2) }

// xy writes a point in user units, y down.
func xy(p pt) string { return num(p.X*unit) + " " + num(-p.Y*unit) }

// pathData returns the SVG path of a curve, a line when it is straight.
func pathData(b bez) string {
	chord := b[3].sub(b[0])
	straight := true
	if l := chord.len(); l > 1e-9 {
		n := chord.mul(1 / l).left()
		for _, p := range []pt{b[1], b[2]} {
			if math.Abs(p.sub(b[0]).dot(n)) > 1e-4 {
				straight = false
			}
		}
	} else {
		straight = false
	}
	if straight {
		return "M" + xy(b[0]) + "L" + xy(b[3])
	}
	return "M" + xy(b[0]) + "C" + xy(b[1]) + " " + xy(b[2]) + " " + xy(b[3])
}

// SVG writes the figure. The drawing uses currentColor for strokes and
// glyphs, and the CSS variable --cd-bg (white by default) for the boxes
// behind description labels, so that a page's theme reaches it; its
// width and height are in em, so it scales with the text.
func (fig *Figure) SVG(opt Options) []byte {
	f, _ := layout.LatinModern()
	id := opt.ID
	if id == "" {
		id = "cd"
	}
	defs := &layout.Defs{Font: f, Prefix: id}
	var body strings.Builder

	body.WriteString(`<g fill="currentColor">` + "\n")
	for _, n := range fig.Nodes {
		open := paint("fill", n.Color)
		if n.Rect.rot != 0 {
			open += fmt.Sprintf(` transform="rotate(%s %s)"`, num(-n.Rect.rot), xy(n.pivot()))
		}
		if open != "" {
			body.WriteString("<g" + open + ">\n")
		}
		defs.Box(&body, n.Math, n.Base.X, -n.Base.Y, unit)
		if open != "" {
			body.WriteString("</g>\n")
		}
	}
	body.WriteString("</g>\n")
	body.WriteString(fmt.Sprintf(`<g fill="none" stroke="currentColor" stroke-width="%s" stroke-linecap="round" stroke-linejoin="round">`, num(LineWidth*unit)) + "\n")
	for _, dr := range fig.Arrows {
		fig.writeArrow(&body, dr, defs)
	}
	body.WriteString("</g>\n")

	w := (fig.Max.X - fig.Min.X)
	h := (fig.Max.Y - fig.Min.Y)
	var b strings.Builder
	title := opt.Title
	if title == "" {
		title = defaultTitle(fig.Diagram)
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="cd" viewBox="%s %s %s %s" width="%sem" height="%sem" role="img" aria-labelledby="%s-title" aria-describedby="%s-desc">`+"\n",
		num(fig.Min.X*unit), num(-fig.Max.Y*unit), num(w*unit), num(h*unit), layout.Num(w, 3), layout.Num(h, 3), id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`+"\n", id, html.EscapeString(title))
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`+"\n", id, html.EscapeString(Describe(fig.Diagram)))
	b.WriteString("<defs>\n")
	defs.Write(&b)
	b.WriteString("</defs>\n")
	b.WriteString(body.String())
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// paint returns the attributes that give prop (fill or stroke) the
// colour c, or "" for nil (the inherited text colour). The light form is
// a presentation attribute, which every browser reads; the style holds
// light-dark() with both forms, which browsers that have it use, after
// the page's color-scheme (the book sets it for its dark theme).
func paint(prop string, c *Color) string {
	switch {
	case c == nil:
		return ""
	case c.Background:
		return fmt.Sprintf(` style="%s:var(--cd-bg,#fff)"`, prop)
	case c.Light == c.Dark:
		return fmt.Sprintf(` %s="%s"`, prop, c.Light)
	}
	return fmt.Sprintf(` %s="%s" style="%s:light-dark(%s,%s)"`, prop, c.Light, prop, c.Light, c.Dark)
}

func (fig *Figure) writeArrow(b *strings.Builder, dr *Drawn, defs *layout.Defs) {
	a := dr.Arrow
	open := paint("stroke", dr.Color)
	if a.Weight != 1 {
		open += fmt.Sprintf(` stroke-width="%s"`, num(a.width()*unit))
	}
	if open != "" && (dr.Shown || len(dr.Tips) > 0) {
		b.WriteString("<g" + open + ">\n")
		defer b.WriteString("</g>\n")
	}
	if dr.Shown {
		writeShaft(b, dr)
	}
	for _, t := range dr.Tips {
		var d strings.Builder
		for _, s := range t.strokes {
			d.WriteString(pathData(s))
		}
		fmt.Fprintf(b, `<path d="%s"/>`+"\n", d.String())
	}
	for _, p := range dr.Labels {
		writeLabel(b, p, defs)
	}
}

// writeShaft writes the body of an arrow: its crossing-over underlay,
// then its line, lines or zigzag.
func writeShaft(b *strings.Builder, dr *Drawn) {
	a := dr.Arrow
	if a.Crossing {
		fmt.Fprintf(b, `<path d="%s" style="stroke:var(--cd-bg,#fff)" stroke-width="%s" stroke-linecap="butt"/>`+"\n", pathData(dr.Shaft), num(crossWidth*unit))
	}
	attrs := ""
	switch a.Pattern {
	case Dashed:
		attrs = fmt.Sprintf(` stroke-dasharray="%s %s" stroke-linecap="butt"`, num(2.8*a.Weight), num(1.6*a.Weight))
	case Dotted:
		attrs = fmt.Sprintf(` stroke-dasharray="0 %s"`, num(2.2*a.Weight))
	}
	if dr.Zigzag != nil {
		var d strings.Builder
		for i, q := range dr.Zigzag {
			if i == 0 {
				d.WriteString("M" + xy(q))
			} else {
				d.WriteString("L" + xy(q))
			}
		}
		fmt.Fprintf(b, `<path d="%s"%s/>`+"\n", d.String(), attrs)
		return
	}
	n := a.lines()
	for i := 0; i < n; i++ {
		s := dr.Shaft
		if n > 1 {
			s = s.offset((float64(i) - float64(n-1)/2) * 2 * doubleGap)
		}
		fmt.Fprintf(b, `<path d="%s"%s/>`+"\n", pathData(s), attrs)
	}
}

// writeLabel writes a label: its description box, if any, and its text.
func writeLabel(b *strings.Builder, p *Placed, defs *layout.Defs) {
	if len(p.Math.Glyphs) == 0 && len(p.Math.Rules) == 0 && len(p.Math.Strokes) == 0 {
		return
	}
	open := `<g fill="currentColor" stroke="none"`
	if p.Color != nil {
		open = `<g` + paint("fill", p.Color) + ` stroke="none"`
	}
	if p.Rotate != 0 {
		open += fmt.Sprintf(` transform="rotate(%s %s)"`, num(-p.Rotate), xy(p.At))
	}
	b.WriteString(open + ">\n")
	if p.Label.Description {
		lo := p.Box[0].sub(pt{p.Pad, p.Pad})
		hi := p.Box[1].add(pt{p.Pad, p.Pad})
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" style="fill:var(--cd-bg,#fff)"/>`+"\n",
			num(lo.X*unit), num(-hi.Y*unit), num((hi.X-lo.X)*unit), num((hi.Y-lo.Y)*unit))
	}
	// The text's baseline is its box's top less its height.
	defs.Box(b, p.Math, p.Box[0].X, -(p.Box[1].Y - p.Math.Height), unit)
	b.WriteString("</g>\n")
}
