package workshop

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"ctml/internal/lit"
)

// statement returns the text of the exercise whose solution is b: the
// Markdown from the paragraph that starts with **Exercise ID.** to the
// solution, code blocks left out, and its title, the italic text after
// the number.
func statement(b *lit.Block) (text, title string) {
	doc := b.Doc
	var start ast.Node
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if p, ok := n.(*ast.Paragraph); ok {
			if t, ok := exerciseTitle(p, doc.Source, b.Exercise); ok {
				start, title = n, t
			}
		}
		if n == b.Node {
			break
		}
	}
	if start == nil {
		return "", ""
	}
	var parts []string
	for n := start; n != nil && n != b.Node; n = n.NextSibling() {
		if fc, ok := n.(*ast.FencedCodeBlock); ok {
			// Code the text shows is part of it; boilerplate, hints and
			// code of other blocks' making are not.
			if blk := doc.Block(fc); blk != nil && !blk.Hide && blk.Lang != lit.HintLang && blk.Exercise == "" && blk.Tests == "" {
				parts = append(parts, codeText(blk))
			}
			continue
		}
		if n.Kind() == ast.KindHeading {
			break
		}
		s := nodeSource(n, doc.Source)
		if n == start {
			// The number and the title are in the header already.
			s = strings.TrimSpace(strings.TrimPrefix(s, "**Exercise "+b.Exercise+".**"))
			if title != "" {
				s = strings.TrimSpace(strings.TrimPrefix(s, "*"+title+".*"))
				s = strings.TrimSpace(strings.TrimPrefix(s, "*"+title+"*"))
			}
		}
		if n.Kind() == ast.KindParagraph {
			s = wrap(s, 72)
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	text = strings.Join(parts, "\n\n")
	return text, title
}

// exerciseTitle reports whether paragraph p starts with **Exercise id.**
// and returns the title that follows it in italics, without its period.
func exerciseTitle(p *ast.Paragraph, src []byte, id string) (string, bool) {
	strong, ok := p.FirstChild().(*ast.Emphasis)
	if !ok || strong.Level != 2 || lit.PlainText(strong, src) != "Exercise "+id+"." {
		return "", false
	}
	for n := strong.NextSibling(); n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0 {
			continue
		}
		if em, ok := n.(*ast.Emphasis); ok && em.Level == 1 {
			return strings.TrimSuffix(strings.TrimSpace(rawText(em, src)), "."), true
		}
		break
	}
	return "", true
}

// nodeSource returns the Markdown of a block node, from the start of its
// first line to the end of its last.
func nodeSource(n ast.Node, src []byte) string {
	from, to := -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if lines := c.Lines(); lines.Len() > 0 {
			if s := lines.At(0).Start; from < 0 || s < from {
				from = s
			}
			if e := lines.At(lines.Len() - 1).Stop; e > to {
				to = e
			}
		}
		return ast.WalkContinue, nil
	})
	if from < 0 {
		return ""
	}
	for from > 0 && src[from-1] != '\n' {
		from--
	}
	return strings.TrimRight(string(src[from:to]), "\n ")
}

// codeText returns the lines of a code block, each indented by a tab.
func codeText(b *lit.Block) string {
	var lines []string
	for _, ln := range b.Lines {
		if strings.TrimSpace(ln.Text) == "" {
			lines = append(lines, "")
		} else {
			lines = append(lines, "\t"+ln.Text)
		}
	}
	return strings.Join(lines, "\n")
}

// rawText returns the Markdown source of an inline node's content, as
// written: `code` and straight quotes as they are.
func rawText(n ast.Node, src []byte) string {
	from, to := -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			if from < 0 || t.Segment.Start < from {
				from = t.Segment.Start
			}
			to = max(to, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	if from < 0 {
		return lit.PlainText(n, src)
	}
	// A code span's backticks lie outside its text.
	for from > 0 && src[from-1] == '`' {
		from--
	}
	for to < len(src) && src[to] == '`' {
		to++
	}
	return string(src[from:to])
}
