package lit

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Answers. A line holding ::: answer, optionally followed by a summary,
// opens an answer: the Markdown up to a line holding only ::: is its
// content (paragraphs, lists, math, code blocks), which the book shows
// folded under the summary ("Answer" by default) until the reader opens
// it. Self-check answers and the answers printed after exercises are
// written so:
//
//	::: answer Answers
//	1. `f` runs first.
//	:::
//
// The fences may be indented by up to three spaces. A line holding only
// ::: closes the innermost open answer wherever it is, even inside a code
// block of the answer; an answer that is never closed is an error.

// KindAnswer is the kind of Answer nodes.
var KindAnswer = ast.NewNodeKind("Answer")

// Answer is a block of Markdown shown folded: ::: answer … :::.
type Answer struct {
	ast.BaseBlock
	Summary string // the text after "::: answer", or "Answer"
	Closed  bool   // whether the closing ::: was found
	Start   int    // byte offset of the opening fence
}

// Kind implements ast.Node.
func (n *Answer) Kind() ast.NodeKind { return KindAnswer }

// Dump implements ast.Node.
func (n *Answer) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Summary": n.Summary, "Closed": boolString(n.Closed)}, nil)
}

// AnswerSummary is the summary of an answer that names none.
const AnswerSummary = "Answer"

// answerBlock parses ::: answer … :::.
type answerBlock struct{}

func (answerBlock) Trigger() []byte { return []byte{':'} }

// fenceLine returns what follows ::: on line, and whether the line is a
// fence: at most three spaces, then three colons.
func fenceLine(line []byte, offset int) (rest []byte, ok bool) {
	w, pos := util.IndentWidth(line, offset)
	if w > 3 || !bytes.HasPrefix(line[pos:], []byte(":::")) {
		return nil, false
	}
	return bytes.TrimSpace(line[pos+3:]), true
}

func (answerBlock) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	rest, ok := fenceLine(line, reader.LineOffset())
	if !ok {
		return nil, parser.NoChildren
	}
	word, summary, _ := bytes.Cut(rest, []byte(" "))
	if string(word) != "answer" {
		return nil, parser.NoChildren
	}
	n := &Answer{Summary: string(bytes.TrimSpace(summary)), Start: seg.Start}
	if n.Summary == "" {
		n.Summary = AnswerSummary
	}
	reader.AdvanceToEOL()
	return n, parser.HasChildren
}

func (answerBlock) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if rest, ok := fenceLine(line, reader.LineOffset()); ok && len(rest) == 0 {
		node.(*Answer).Closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (answerBlock) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (answerBlock) CanInterruptParagraph() bool                                { return true }
func (answerBlock) CanAcceptIndentedLine() bool                                { return false }

// answerHTML renders an answer as a closed <details> element.
type answerHTML struct{}

func (answerHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAnswer, renderAnswer)
}

func renderAnswer(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<details class="answer"><summary>` + html.EscapeString(n.(*Answer).Summary) + "</summary>\n")
	} else {
		w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}
