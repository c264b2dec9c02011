package cd

import (
	"strings"
)

// Parse reads a tikz-cd figure: either a whole environment,
// \begin{tikzcd}[options] … \end{tikzcd} (as quiver exports it, with its
// % https://q.uiver.app/… comment and \[ \] around it), or only the body
// of one. name is used in error messages. Every problem is reported, as
// an ErrorList sorted by position; Parse does not panic on any input.
func Parse(name, src string) (*Diagram, error) {
	p := &parser{src: src, e: &errs{file: name, src: src}, blank: []byte(src)}
	p.d = &Diagram{grid: map[[2]int]*Cell{}}
	p.colSep, p.rowSep = 2.4, 1.8
	p.document()
	if err := p.e.err(); err != nil {
		return nil, err
	}
	return p.d, nil
}

type parser struct {
	src   string
	e     *errs
	d     *Diagram
	blank []byte // src with comments and \arrow commands blanked out: cells read from it
	amp   bool   // ampersand replacement=\&

	colSep, rowSep     float64
	colExtra, rowExtra map[int]float64
	arrowCells         [][2]int // the cell each arrow was written in
	relative           []bool   // whether the arrow's source is its cell (no from=)
	rowCount, colCount int
	cells              [][2]int // [start, end) of each cell, row by row
	cellRC             [][2]int

	// The options of every arrow, label and cell, from the diagram's
	// every …/.append style (and arrows=, labels=, cells=).
	everyArrow, everyLabel, everyCell []option
}

const beginEnv, endEnv = `\begin{tikzcd}`, `\end{tikzcd}`

// document finds the environment, or takes the whole source as a body.
func (p *parser) document() {
	i := p.outside(0)
	if strings.HasPrefix(p.src[i:], beginEnv) {
		begin := i
		i += len(beginEnv)
		j := p.skipSpace(i)
		if j < len(p.src) && p.src[j] == '[' {
			in, end, ok := p.bracket(j)
			if !ok {
				return
			}
			p.diagramOptions(splitOptions(p.src[in:end-1], in))
			i = end
		}
		end := p.body(i)
		if !strings.HasPrefix(p.src[end:], endEnv) {
			p.e.add(begin, `\begin{tikzcd} is never closed by \end{tikzcd}`)
			return
		}
		i = p.outside(end + len(endEnv))
		if i < len(p.src) {
			p.e.add(i, "text after \\end{tikzcd}: one figure holds one diagram")
		}
	} else {
		if i < len(p.src) && p.src[i] == '\\' && strings.HasPrefix(p.src[i:], `\begin{`) {
			p.e.add(i, "expected \\begin{tikzcd}, found %s", p.src[i:i+strings.IndexByte(p.src[i:], '}')+1])
			return
		}
		end := p.body(0)
		if end < len(p.src) {
			p.e.add(end, `\end{tikzcd} without \begin{tikzcd}`)
		}
	}
	p.finish()
}

// outside skips what may surround the environment: white space,
// comments (noting quiver's link) and \[ \].
func (p *parser) outside(i int) int {
	for i < len(p.src) {
		switch {
		case isSpace(p.src[i]):
			i++
		case p.src[i] == '%':
			end := lineEnd(p.src, i)
			c := strings.TrimSpace(p.src[i+1 : end])
			if strings.HasPrefix(c, "https://q.uiver.app/") && p.d.Quiver == "" {
				p.d.Quiver = c
			}
			i = end
		case strings.HasPrefix(p.src[i:], `\[`), strings.HasPrefix(p.src[i:], `\]`):
			i += 2
		default:
			return i
		}
	}
	return i
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func lineEnd(s string, i int) int {
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(s)
}

func (p *parser) skipSpace(i int) int {
	for i < len(p.src) && isSpace(p.src[i]) {
		i++
	}
	return i
}

// blankOut replaces src[i:j] by spaces in the copy cells are read from,
// keeping line breaks.
func (p *parser) blankOut(i, j int) {
	for k := i; k < j && k < len(p.blank); k++ {
		if p.blank[k] != '\n' {
			p.blank[k] = ' '
		}
	}
}

// group returns the index after the } that closes the { at i, or -1.
func (p *parser) group(i int) int {
	depth := 0
	for k := i; k < len(p.src); k++ {
		switch p.src[k] {
		case '\\':
			k++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k + 1
			}
		}
	}
	return -1
}

// bracket reads [ … ] starting at the [ at i, with braces balanced
// inside: it returns where the contents start, the index after the ] and
// whether there was one.
func (p *parser) bracket(i int) (in, end int, ok bool) {
	depth := 0
	for k := i + 1; k < len(p.src); k++ {
		switch p.src[k] {
		case '\\':
			k++
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				p.e.add(k, "unmatched } in options")
				return 0, 0, false
			}
		case ']':
			if depth == 0 {
				return i + 1, k + 1, true
			}
		}
	}
	p.e.add(i, "this [ is never closed by ]")
	return 0, 0, false
}

// command returns the name of the control sequence at i (a backslash):
// letters, or one other character; and the index after it.
func (p *parser) command(i int) (string, int) {
	j := i + 1
	if j >= len(p.src) {
		return "", j
	}
	if !isLetter(p.src[j]) {
		return p.src[j : j+1], j + 1
	}
	for j < len(p.src) && isLetter(p.src[j]) {
		j++
	}
	return p.src[i+1 : j], j
}

// body reads rows and cells from i up to \end{tikzcd} or the end of the
// source, and returns where it stopped.
func (p *parser) body(i int) int {
	p.colExtra, p.rowExtra = map[int]float64{}, map[int]float64{}
	row, col := 0, 0
	start := i
	endCell := func(k int) {
		p.cells = append(p.cells, [2]int{start, k})
		p.cellRC = append(p.cellRC, [2]int{row, col})
		p.colCount = max(p.colCount, col+1)
	}
	for i < len(p.src) {
		c := p.src[i]
		switch {
		case c == '%':
			end := lineEnd(p.src, i)
			p.blankOut(i, end)
			i = end
		case c == '{':
			end := p.group(i)
			if end < 0 {
				p.e.add(i, "this { is never closed")
				p.blankOut(i, len(p.src))
				i = len(p.src)
				continue
			}
			i = end
		case c == '}':
			p.e.add(i, "unmatched }")
			p.blankOut(i, i+1)
			i++
		case c == '&':
			endCell(i)
			p.blankOut(i, i+1)
			i = p.sepExtra(i+1, p.colExtra, col)
			col++
			start = i
		case c == '\\':
			name, next := p.command(i)
			switch {
			case name == `\`:
				endCell(i)
				p.blankOut(i, next)
				i = p.sepExtra(next, p.rowExtra, row)
				row++
				col = 0
				start = i
			case name == "&" && p.amp:
				endCell(i)
				p.blankOut(i, next)
				i = p.sepExtra(next, p.colExtra, col)
				col++
				start = i
			case name == "end" && strings.HasPrefix(p.src[i:], endEnv):
				endCell(i)
				p.rowCount = row + 1
				return i
			case name == "arrow" || name == "ar":
				i = p.arrow(i, next, row, col, "")
			case oldArrows[name] != "":
				i = p.arrow(i, next, row, col, oldArrows[name])
			case name == "begin" && strings.HasPrefix(p.src[next:], "{tikzcd}"):
				p.e.add(i, "nested tikzcd environments are not supported")
				i = next
			default:
				i = next
			}
		default:
			i++
		}
	}
	endCell(len(p.src))
	p.rowCount = row + 1
	return len(p.src)
}

// oldArrows are tikz-cd's abbreviations \rar, \dar, … for \arrow[r] and
// its relatives.
var oldArrows = map[string]string{
	"rar": "r", "lar": "l", "dar": "d", "uar": "u",
	"drar": "dr", "dlar": "dl", "urar": "ur", "ular": "ul",
}

// sepExtra reads the optional [length] after & or \\ that widens one gap.
func (p *parser) sepExtra(i int, into map[int]float64, gap int) int {
	j := i
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	if j >= len(p.src) || p.src[j] != '[' {
		return i
	}
	in, end, ok := p.bracket(j)
	if !ok {
		p.blankOut(j, len(p.src))
		return len(p.src)
	}
	p.blankOut(j, end)
	if v, ok := parseLength(strings.TrimSpace(p.src[in : end-1])); ok {
		into[gap] = max(into[gap], v)
	} else {
		p.e.add(in, "extra separation %q is not a length (such as 1em or 6pt)", strings.TrimSpace(p.src[in:end-1]))
	}
	return end
}

// finish builds the grid from the cell spans and checks the arrows' ends.
func (p *parser) finish() {
	d := p.d
	rows := p.rowCount
	// A last row holding no object (the text after a trailing \\, or only
	// arrows) adds no row.
	lastEmpty := true
	for k, rc := range p.cellRC {
		if rc[0] == rows-1 && strings.TrimSpace(string(p.blank[p.cells[k][0]:p.cells[k][1]])) != "" {
			lastEmpty = false
		}
	}
	if lastEmpty && rows > 1 {
		rows--
	}
	d.Rows, d.Cols = rows, p.colCount
	for k, span := range p.cells {
		rc := p.cellRC[k]
		if rc[0] >= rows {
			continue
		}
		if c := p.cell(rc, span); c != nil {
			d.Cells = append(d.Cells, c)
			d.grid[rc] = c
		}
	}
	for j := 0; j+1 < d.Cols; j++ {
		d.ColSep = append(d.ColSep, p.colSep+p.colExtra[j])
	}
	for r := 0; r+1 < d.Rows; r++ {
		d.RowSep = append(d.RowSep, p.rowSep+p.rowExtra[r])
	}
	names := map[string]bool{}
	aliases := map[string]*Cell{}
	for _, c := range d.Cells {
		if c.Alias != "" {
			aliases[c.Alias] = c
		}
	}
	for k, a := range d.Arrows {
		rc := p.arrowCells[k]
		if p.relative[k] {
			a.From.Row, a.From.Col = rc[0], rc[1]
			a.From.Offset = a.Offset
		}
		for _, e := range []*End{&a.From, &a.To} {
			if c := aliases[e.Name]; c != nil && e.Name != "" && !names[e.Name] {
				e.Row, e.Col, e.Name = c.Row, c.Col, ""
			}
		}
		p.checkEnd(a, &a.From, "from", names)
		p.checkEnd(a, &a.To, "to", names)
		for _, l := range a.Labels {
			if l.Name != "" {
				names[l.Name] = true
			}
		}
	}
}

// cell makes the object of the cell at rc, whose text is src[span]: its
// cell options, |[…]| at its start, and its math; nil for an empty cell.
func (p *parser) cell(rc [2]int, span [2]int) *Cell {
	text := string(p.blank[span[0]:span[1]])
	trimmed := strings.TrimLeft(text, " \t\r\n")
	off := span[0] + len(text) - len(trimmed)
	trimmed = strings.TrimRight(trimmed, " \t\r\n")
	c := &Cell{Row: rc[0], Col: rc[1], Size: 1}
	var opts []option
	if strings.HasPrefix(trimmed, "|[") {
		in, end, ok := p.bracket(off + 1)
		if !ok {
			return nil
		}
		if end >= span[1] || p.src[end] != '|' {
			p.e.add(off, "cell options |[…]| are not closed by ]| in their cell")
			return nil
		}
		opts = splitOptions(p.src[in:end-1], in)
		rest := strings.TrimLeft(string(p.blank[end+1:span[1]]), " \t\r\n")
		off = span[1] - len(rest)
		trimmed = strings.TrimRight(rest, " \t\r\n")
		if trimmed == "" {
			trimmed = "{}" // options make a node, even with no math
			off = end
		}
	} else if trimmed == "" {
		return nil
	}
	for _, o := range append(append([]option{}, p.everyCell...), opts...) {
		p.cellOption(c, o)
	}
	c.Math, c.Offset = trimmed, off
	if m, moff, col := p.textColor(trimmed, off); col != nil {
		c.Math, c.Offset, c.Color = m, moff, col
	}
	return c
}

// textColor reads math that is all one \textcolor{colour}{math} (as
// quiver writes a coloured object), or starts with \color{colour}: it
// returns the math inside, where it starts, and the colour; a nil colour
// when there is none. A \textcolor that is only part of the math is left
// for package tex, which reports it.
func (p *parser) textColor(m string, off int) (string, int, *Color) {
	for _, cmd := range []string{`\textcolor`, `\color`} {
		if !strings.HasPrefix(m, cmd) || len(m) > len(cmd) && isLetter(m[len(cmd)]) {
			continue
		}
		i := len(cmd)
		for i < len(m) && isSpace(m[i]) {
			i++
		}
		if i >= len(m) || m[i] != '{' {
			return m, off, nil
		}
		e := groupEnd(m, i)
		if e < 0 {
			return m, off, nil
		}
		col, err := parseColor(m[i+1 : e-1])
		if err != nil {
			p.e.add(off+i+1, "%s{%s}: %v", cmd, m[i+1:e-1], err)
			return m, off, nil
		}
		rest := m[e:]
		if cmd == `\color` {
			t := strings.TrimLeft(rest, " \t\r\n")
			return t, off + len(m) - len(t), col
		}
		j := e
		for j < len(m) && isSpace(m[j]) {
			j++
		}
		if j >= len(m) || m[j] != '{' || groupEnd(m, j) != len(m) {
			return m, off, nil
		}
		return m[j+1 : len(m)-1], off + j + 1, col
	}
	return m, off, nil
}

// groupEnd returns the index after the } that closes the { at s[i], or -1.
func groupEnd(s string, i int) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k + 1
			}
		}
	}
	return -1
}

// checkEnd reports an end that names no object.
func (p *parser) checkEnd(a *Arrow, e *End, which string, names map[string]bool) {
	d := p.d
	if e.Name != "" {
		if !names[e.Name] {
			p.e.add(e.Offset, "%s=%s names no label of an earlier arrow (name a label with \"\"{name=%s})", which, e.Name, e.Name)
		}
		return
	}
	if e.Row < 0 || e.Col < 0 || e.Row >= d.Rows || e.Col >= d.Cols {
		p.e.add(e.Offset, "arrow %s row %d, column %d, outside the diagram (%d rows, %d columns)", map[string]string{"from": "from", "to": "to"}[which], e.Row+1, e.Col+1, d.Rows, d.Cols)
		return
	}
	if d.Cell(e.Row, e.Col) == nil {
		what := "to"
		if which == "from" {
			what = "from"
		}
		p.e.add(e.Offset, "arrow %s the empty cell at row %d, column %d: tikz-cd draws no node there (write {} for an invisible object)", what, e.Row+1, e.Col+1)
	}
}
