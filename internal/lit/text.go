package lit

import (
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"

	"ctml/internal/tex"
)

// PlainText returns the text of a heading, link or other inline container
// without markup, trimmed, with its formulas as plain Unicode text
// (tex.PlainText: g ∘ f): the text of titles, alt text and the search
// index.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.WriteString(NodeText(c, src))
	}
	return strings.TrimSpace(b.String())
}

// NodeText returns the text of one inline node and its children, as
// PlainText does, untrimmed: a line break is a space.
func NodeText(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Text:
		s := string(n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			s += " "
		}
		return s
	case *ast.String:
		return html.UnescapeString(string(n.Value))
	case *Math:
		src, _, _, _ := MathTeX(n, src)
		return tex.PlainText(src)
	}
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.WriteString(NodeText(c, src))
	}
	return b.String()
}

// ParseMath parses every formula of d ($…$ and $$…$$) with package tex,
// in document order, and calls each, if not nil, with the node and its
// parsed list. It returns the errors of the formulas that do not parse, at
// their positions in d.
func (d *Document) ParseMath(each func(n ast.Node, l *tex.List)) ErrorList {
	var errs ErrorList
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		src, display, offset, ok := MathTeX(n, d.Source)
		if !ok {
			return ast.WalkContinue, nil
		}
		style := tex.Text
		if display {
			style = tex.Display
		}
		l, err := tex.Parse(src, style)
		switch e, isTeX := err.(*tex.Error); {
		case isTeX:
			errs.Add(d.Position(offset(e.Offset)), "%s", e.Msg)
		case err != nil:
			errs.Add(d.Position(offset(0)), "%v", err)
		case each != nil:
			each(n, l)
		}
		return ast.WalkSkipChildren, nil
	})
	return errs
}
