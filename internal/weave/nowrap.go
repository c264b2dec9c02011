package weave

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"ctml/internal/lit"
)

// A browser may break a line between an inline formula and the
// punctuation that follows it, as it may around any element, and a line
// that starts with ", with" or "), and" reads badly. So a formula in the
// text and the punctuation written against it, after it (a comma, a full
// stop, a closing bracket or quote) or before it (an opening bracket or
// quote), are joined in an element that does not break:
//
//	<span class="nw">(<math>…</math>),</span>
//
// A word joiner (U+2060) does not do it: Chromium breaks after the
// formula even so.

// kindNoWrap is the kind of noWrap nodes.
var kindNoWrap = ast.NewNodeKind("NoWrap")

// noWrap holds a formula and the punctuation against it, on one line.
type noWrap struct{ ast.BaseInline }

func (n *noWrap) Kind() ast.NodeKind { return kindNoWrap }
func (n *noWrap) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, nil, nil)
}

// closers and openers are the punctuation kept with a formula, after and
// before it.
const closers, openers = ",.;:!?)]}’”…%–—'\"", "([{‘“'\""

// joinPunctuation wraps every inline formula of doc that has punctuation
// written against it in a noWrap with that punctuation. A line break
// after the punctuation stays outside, as a break. A second call on the
// same document changes nothing.
func joinPunctuation(doc *lit.Document) {
	var maths []*lit.Math
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*lit.Math); ok && entering && !m.Display {
			maths = append(maths, m)
		}
		return ast.WalkContinue, nil
	})
	src := doc.Source
	for _, m := range maths {
		parent := m.Parent()
		if _, done := parent.(*noWrap); parent == nil || done {
			continue // joined by an earlier Build of the same book
		}
		var before, after ast.Node
		switch t := m.PreviousSibling().(type) {
		case *ast.Text:
			v := t.Segment.Value(src)
			if n := trailingRun(string(v), openers); n > 0 && !t.SoftLineBreak() && !t.HardLineBreak() {
				if n < len(v) {
					before = splitText(t, len(v)-n)
				} else {
					before = t
				}
			}
		case *ast.String:
			if trailingRun(string(t.Value), openers) == len(t.Value) && len(t.Value) > 0 {
				before = t
			}
		}
		switch t := m.NextSibling().(type) {
		case *ast.Text:
			v := t.Segment.Value(src)
			if n := leadingRun(string(v), closers); n > 0 {
				if n < len(v) {
					splitText(t, n)
				}
				after = t
			}
		case *ast.String:
			if leadingRun(string(t.Value), closers) == len(t.Value) && len(t.Value) > 0 {
				after = t
			}
		}
		if before == nil && after == nil {
			continue
		}
		nw := &noWrap{}
		parent.InsertBefore(parent, m, nw)
		for _, n := range []ast.Node{before, m, after} {
			if n != nil {
				parent.RemoveChild(parent, n)
				nw.AppendChild(nw, n)
			}
		}
		// A line break after the punctuation is a place to break: it
		// goes after the span, in an empty text node of its own.
		if t, ok := after.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			brk := ast.NewTextSegment(t.Segment.WithStart(t.Segment.Stop))
			brk.SetSoftLineBreak(t.SoftLineBreak())
			brk.SetHardLineBreak(t.HardLineBreak())
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
			parent.InsertAfter(parent, nw, brk)
		}
	}
}

// leadingRun returns the length in bytes of the run of characters of set
// that s starts with.
func leadingRun(s, set string) int {
	n := 0
	for _, r := range s {
		if !strings.ContainsRune(set, r) {
			break
		}
		n += utf8.RuneLen(r)
	}
	return n
}

// trailingRun returns the length in bytes of the run of characters of set
// that s ends with.
func trailingRun(s, set string) int {
	n := 0
	for len(s) > n {
		r, size := utf8.DecodeLastRuneInString(s[:len(s)-n])
		if !strings.ContainsRune(set, r) {
			break
		}
		n += size
	}
	return n
}

// noWrapHTML renders a noWrap.
func (r *nodeRenderer) noWrapHTML(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<span class="nw">`)
	} else {
		w.WriteString("</span>")
	}
	return ast.WalkContinue, nil
}
