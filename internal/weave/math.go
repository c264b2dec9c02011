package weave

import (
	_ "embed"

	"github.com/go-fonts/latin-modern/lmmath"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"ctml/internal/lit"
	"ctml/internal/tex"
)

// The math font, written into the site when a page has a formula, and
// its licence. book.css uses it for every math element.
const (
	mathFontPath    = "fonts/latinmodern-math.otf"
	mathLicencePath = "fonts/latinmodern-math-LICENSE.txt"
)

//go:embed assets/GUST-FONT-LICENSE.txt
var gustLicence []byte

// mathFont returns the files of the math font.
func mathFont() []*File {
	return []*File{{Path: mathFontPath, Data: lmmath.TTF}, {Path: mathLicencePath, Data: gustLicence}}
}

// typeset parses every formula of the page and keeps its MathML for both
// renderings; it returns the errors, at their Markdown positions.
func (r *nodeRenderer) typeset() lit.ErrorList {
	var errs lit.ErrorList
	doc := r.p.Doc
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		src, display, offset, ok := lit.MathTeX(n, doc.Source)
		if !ok {
			return ast.WalkContinue, nil
		}
		style := tex.Text
		if display {
			style = tex.Display
		}
		l, err := tex.Parse(src, style)
		if err != nil {
			e := err.(*tex.Error)
			errs.Add(doc.Position(offset(e.Offset)), "%s", e.Msg)
			return ast.WalkSkipChildren, nil
		}
		if r.math == nil {
			r.math = map[ast.Node]string{}
		}
		r.math[n] = tex.MathML(l)
		return ast.WalkSkipChildren, nil
	})
	return errs
}

// formula writes the MathML of a formula.
func (r *nodeRenderer) formula(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(r.math[n])
		if n.Kind() == lit.KindMathBlock {
			w.WriteByte('\n')
		}
	}
	return ast.WalkSkipChildren, nil
}
