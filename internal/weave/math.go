package weave

import (
	_ "embed"

	"codeberg.org/go-fonts/latin-modern/lmmath"
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
	return r.p.Doc.ParseMath(func(n ast.Node, l *tex.List) {
		if r.math == nil {
			r.math = map[ast.Node]string{}
		}
		r.math[n] = tex.MathML(l)
	})
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
