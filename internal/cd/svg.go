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
		defs.Box(&body, n.Math, n.Base.X, -n.Base.Y, unit)
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

func (fig *Figure) writeArrow(b *strings.Builder, dr *Drawn, defs *layout.Defs) {
	a := dr.Arrow
	if dr.Shown {
		if a.Crossing {
			fmt.Fprintf(b, `<path d="%s" style="stroke:var(--cd-bg,#fff)" stroke-width="%s" stroke-linecap="butt"/>`+"\n", pathData(dr.Shaft), num(crossWidth*unit))
		}
		attrs := ""
		switch a.Pattern {
		case Dashed:
			attrs = ` stroke-dasharray="2.8 1.6" stroke-linecap="butt"`
		case Dotted:
			attrs = ` stroke-dasharray="0 2.2"`
		}
		if a.Double {
			for _, s := range []float64{doubleGap, -doubleGap} {
				fmt.Fprintf(b, `<path d="%s"%s/>`+"\n", pathData(dr.Shaft.offset(s)), attrs)
			}
		} else {
			fmt.Fprintf(b, `<path d="%s"%s/>`+"\n", pathData(dr.Shaft), attrs)
		}
	}
	for _, t := range dr.Tips {
		var d strings.Builder
		for _, s := range t.strokes {
			d.WriteString(pathData(s))
		}
		fmt.Fprintf(b, `<path d="%s"/>`+"\n", d.String())
	}
	for _, p := range dr.Labels {
		if len(p.Math.Glyphs) == 0 && len(p.Math.Rules) == 0 {
			continue
		}
		open := `<g fill="currentColor" stroke="none">`
		if p.Rotate != 0 {
			open = fmt.Sprintf(`<g fill="currentColor" stroke="none" transform="rotate(%s %s)">`, num(-p.Rotate), xy(p.At))
		}
		b.WriteString(open + "\n")
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
}
