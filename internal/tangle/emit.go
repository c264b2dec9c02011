package tangle

import (
	"bytes"
	"strconv"
	"strings"

	"ctml/internal/lit"
)

// emitter writes the lines of one generated file, inserting a //line
// directive wherever the Markdown position of the next line is not the one
// the Go scanner would assume.
type emitter struct {
	buf       bytes.Buffer
	directive string       // the Markdown path as written in directives
	dense     bool         // a directive before every code line
	noDir     map[int]bool // Markdown lines that continue a multi-line token: no directive there
	src       []srcLine    // one per line of buf
	next      int          // the Markdown line the scanner assigns to the next line; -1 unknown
	blank     bool         // a blank line is pending
}

// srcLine says where a generated line comes from; pos.Line == 0 for
// directives and blank lines.
type srcLine struct {
	pos    lit.Pos // of the first byte of the block line
	indent int     // bytes of indentation added by references
}

func newEmitter(directive string) *emitter {
	return &emitter{directive: directive, next: -1}
}

// line emits one code line coming from ln, prefixed by indent.
func (e *emitter) line(ln lit.Line, indent string) {
	if strings.TrimSpace(ln.Text) == "" {
		if e.buf.Len() > 0 {
			e.blank = true
		}
		return
	}
	if e.blank {
		e.buf.WriteByte('\n')
		e.src = append(e.src, srcLine{})
		e.blank = false
		if e.next >= 0 {
			e.next++
		}
	}
	if e.next != ln.Pos.Line || (e.dense && !e.noDir[ln.Pos.Line]) {
		if isComment(ln.Text) {
			// A directive right before a comment would join it; gofmt
			// then moves directives to the end of a doc comment. Keep
			// them apart with a blank line, counted by the directive.
			e.directiveFor(ln.Pos.Line - 1)
			e.buf.WriteByte('\n')
			e.src = append(e.src, srcLine{})
			e.next = ln.Pos.Line
		} else {
			e.directiveFor(ln.Pos.Line)
		}
	}
	e.buf.WriteString(indent)
	e.buf.WriteString(strings.TrimRight(ln.Text, " \t"))
	e.buf.WriteByte('\n')
	e.src = append(e.src, srcLine{pos: ln.Pos, indent: len(indent)})
	e.next++
}

func (e *emitter) directiveFor(line int) {
	e.buf.WriteString("//line ")
	e.buf.WriteString(e.directive)
	e.buf.WriteByte(':')
	e.buf.WriteString(strconv.Itoa(line))
	e.buf.WriteByte('\n')
	e.src = append(e.src, srcLine{})
	e.next = line
}

// isComment reports whether a line starts with a comment.
func isComment(line string) bool {
	t := strings.TrimLeft(line, " \t")
	return strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*")
}

// gap separates two pieces of a file by a blank line.
func (e *emitter) gap() {
	if e.buf.Len() > 0 {
		e.blank = true
	}
}

// isDirective reports whether line is a //line directive we wrote.
func isDirective(line []byte) bool { return bytes.HasPrefix(line, []byte("//line ")) }

// Line says where one line of a generated file comes from.
type Line struct {
	// MD is the Markdown line the Go compiler takes the line for, through
	// the //line directive above it; 0 for the header, the directives
	// themselves and the lines before the first directive (every line of
	// a file tangled with Options.NoLines).
	MD int

	// Directive is, for a //line directive, the Markdown line it names,
	// that of the line after it; 0 for every other line.
	Directive int
}

// lineMap reads the //line directives of generated text, after
// go/format has placed them: one Line per line of src. It is the one
// reader of the directives tangle writes; File.Lines hands its result
// to the tools that show generated code.
func lineMap(src []byte) []Line {
	lines := bytes.Split(bytes.TrimSuffix(src, []byte("\n")), []byte("\n"))
	m := make([]Line, len(lines))
	md := 0 // the Markdown line of the next line; 0 before any directive
	for i, line := range lines {
		if isDirective(line) {
			j := bytes.LastIndexByte(line, ':')
			n, err := strconv.Atoi(string(line[j+1:]))
			if err != nil || n < 1 {
				n = 0
			}
			m[i].Directive, md = n, n
			continue
		}
		if md > 0 {
			m[i].MD = md
			md++
		}
	}
	return m
}

// stripDirectives returns src without directive lines, and the source map
// of the remaining lines.
func stripDirectives(src []byte, m []srcLine) ([]byte, []srcLine) {
	var out bytes.Buffer
	var om []srcLine
	for i, line := range bytes.SplitAfter(src, []byte("\n")) {
		if len(line) == 0 || isDirective(line) {
			continue
		}
		out.Write(line)
		if i < len(m) {
			om = append(om, m[i])
		} else {
			om = append(om, srcLine{})
		}
	}
	return out.Bytes(), om
}

// mdPos maps a line and column of generated text to the Markdown, using
// the source map m of that text.
func mdPos(m []srcLine, line, col int) (lit.Pos, bool) {
	// Errors at a blank line or at the end belong to the nearest code line
	// before them.
	for i := min(line, len(m)) - 1; i >= 0; i-- {
		s := m[i]
		if s.pos.Line == 0 {
			col = 1
			continue
		}
		p := s.pos
		if i == line-1 {
			p.Col += max(col-1-s.indent, 0)
		}
		return p, true
	}
	return lit.Pos{}, false
}
