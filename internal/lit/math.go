package lit

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Formulas. Inline math is $…$: the opening $ is followed by a character
// other than white space, and the closing $ follows one and is not
// followed by a digit, so that "$5 and $10" stays text (pandoc's rule). A
// formula runs over line breaks but not over a code span: a backtick
// before the closing $ leaves the $ as text. $$…$$ in running text is a
// displayed formula; so is a paragraph that starts with $$ and ends with
// $$, possibly lines later (a blank line ends it, and an unclosed one is an
// error). \$ is a dollar sign. Code spans and code blocks are never math.

// MathExtension is the goldmark extension of the book's formulas: it
// parses $…$ and $$…$$ into Math and MathBlock nodes, and renders them as
// their TeX, escaped, unless a renderer of higher priority does better
// (weave writes MathML). Markdown includes it.
var MathExtension goldmark.Extender = mathExtension{}

type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(mathBlock{}, 702)),
		parser.WithInlineParsers(util.Prioritized(mathInline{}, 150)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathHTML{}, 500)))
}

// KindMath is the kind of Math nodes; KindMathBlock of MathBlock nodes.
var (
	KindMath      = ast.NewNodeKind("Math")
	KindMathBlock = ast.NewNodeKind("MathBlock")
)

// Math is a formula in running text: $…$, or $$…$$ inside a paragraph.
type Math struct {
	ast.BaseInline
	Display  bool
	Segments *text.Segments // the TeX between the dollar signs, line by line
}

// Kind implements ast.Node.
func (n *Math) Kind() ast.NodeKind { return KindMath }

// Dump implements ast.Node.
func (n *Math) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Display": boolString(n.Display)}, nil)
}

// MathBlock is a displayed formula standing as a paragraph of its own:
// $$ on the first line, $$ at the end of the last. Its Lines are the TeX.
type MathBlock struct {
	ast.BaseBlock
	Closed bool // whether the closing $$ was found
}

// Kind implements ast.Node.
func (n *MathBlock) Kind() ast.NodeKind { return KindMathBlock }

// IsRaw implements ast.Node: the lines are not Markdown.
func (n *MathBlock) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *MathBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Closed": boolString(n.Closed)}, nil)
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// MathTeX returns the TeX of a Math or MathBlock node, its lines joined
// by newlines, whether it is displayed, and a function that maps a byte
// offset in the TeX to a byte offset in source, for messages. ok is false
// for other nodes.
func MathTeX(n ast.Node, source []byte) (tex string, display bool, offset func(int) int, ok bool) {
	var segs *text.Segments
	switch n := n.(type) {
	case *Math:
		segs, display = n.Segments, n.Display
	case *MathBlock:
		segs, display = n.Lines(), true
	default:
		return "", false, nil, false
	}
	var b strings.Builder
	starts := make([]int, segs.Len()) // offset in tex of each segment
	for i := 0; i < segs.Len(); i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		starts[i] = b.Len()
		seg := segs.At(i)
		v := seg.Value(source)
		b.Write(bytes.TrimRight(v, "\r\n"))
	}
	offset = func(off int) int {
		i := segs.Len() - 1
		for i > 0 && starts[i] > off {
			i--
		}
		if i < 0 {
			return 0
		}
		return segs.At(i).Start + off - starts[i]
	}
	return b.String(), display, offset, true
}

// mathInline parses $…$ and $$…$$ in running text.
type mathInline struct{}

func (mathInline) Trigger() []byte { return []byte{'$'} }

func (mathInline) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	opener := 1
	if len(line) > 1 && line[1] == '$' {
		opener = 2
	}
	if opener == 1 && (len(line) < 2 || util.IsSpace(line[1])) {
		return nil
	}
	l, pos := block.Position()
	block.Advance(opener)
	segs := text.NewSegments()
	for {
		line, seg := block.PeekLine()
		if line == nil {
			break
		}
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == '\\':
				i++
			case c == '`':
				block.SetPosition(l, pos)
				return nil
			case c == '$' && opener == 2:
				if i+1 < len(line) && line[i+1] == '$' && (i > 0 || segs.Len() > 0) {
					segs.Append(seg.WithStop(seg.Start + i))
					block.Advance(i + 2)
					return &Math{Display: true, Segments: segs}
				}
			case c == '$':
				nextDigit := i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9'
				if i > 0 && !util.IsSpace(line[i-1]) && !nextDigit {
					segs.Append(seg.WithStop(seg.Start + i))
					block.Advance(i + 1)
					return &Math{Segments: segs}
				}
			}
		}
		segs.Append(seg)
		block.AdvanceLine()
	}
	block.SetPosition(l, pos)
	return nil
}

// mathBlock parses a displayed formula that is a paragraph of its own.
type mathBlock struct{}

func (mathBlock) Trigger() []byte { return []byte{'$'} }

func (mathBlock) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	body := bytes.TrimRight(line[pos+2:], " \t\r\n")
	start := seg.Start + pos + 2
	node := &MathBlock{}
	if i := bytes.Index(body, []byte("$$")); i >= 0 {
		if i != len(body)-2 {
			return nil, parser.NoChildren // $$x$$ and more text: a paragraph
		}
		node.Lines().Append(text.NewSegment(start, start+i))
		node.Closed = true
		reader.AdvanceToEOL()
		return node, parser.Close
	}
	node.Lines().Append(text.NewSegment(start, start+len(body)))
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

func (mathBlock) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	body := bytes.TrimRight(line, " \t\r\n")
	n := node.(*MathBlock)
	if bytes.HasSuffix(body, []byte("$$")) {
		n.Lines().Append(text.NewSegment(seg.Start, seg.Start+len(body)-2))
		n.Closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	n.Lines().Append(text.NewSegment(seg.Start, seg.Start+len(body)))
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mathBlock) Close(node ast.Node, reader text.Reader, pc parser.Context) {}
func (mathBlock) CanInterruptParagraph() bool                                { return false }
func (mathBlock) CanAcceptIndentedLine() bool                                { return false }

// mathHTML renders formulas as their TeX, for a goldmark that has no
// better renderer; the book's weave writes MathML instead.
type mathHTML struct{}

func (mathHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMath, renderMathSource)
	reg.Register(KindMathBlock, renderMathSource)
}

func renderMathSource(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	tex, display, _, _ := MathTeX(n, source)
	if display {
		w.WriteString(`<div class="math">` + html.EscapeString(tex) + "</div>\n")
	} else {
		w.WriteString(`<span class="math">` + html.EscapeString(tex) + "</span>")
	}
	return ast.WalkSkipChildren, nil
}
