package weave

import (
	"strings"

	"ctml/internal/lit"
	"ctml/internal/tangle"
)

// Highlighting is most of the cost of a build, and every tangled line is
// highlighted twice: in its block, and in the generated file on its
// source page. So each generated file is highlighted once, and a block
// takes its lines from there, through tangle's line map, whenever
// the file holds every line of the block as written (gofmt may have
// changed one; then the block is highlighted on its own).

// genFile is a generated file of a page, highlighted.
type genFile struct {
	lines []string // the file's lines
	hl    []string // their HTML
}

// genLine is where a Markdown line landed in a generated file.
type genLine struct {
	f *genFile
	i int // index into f.lines
}

// highlightGenerated highlights the generated files of page p and maps
// each Markdown line to the first generated line it became, through
// tangle's line map.
func highlightGenerated(p *page) (map[*tangle.File]*genFile, map[int]genLine) {
	files := map[*tangle.File]*genFile{}
	byMD := map[int]genLine{}
	for _, f := range p.gen {
		g := &genFile{lines: strings.Split(strings.TrimSuffix(string(f.Data), "\n"), "\n")}
		g.hl = highlight(lexerFor("go"), g.lines)
		files[f] = g
		for i, l := range f.Lines {
			if _, ok := byMD[l.MD]; l.MD > 0 && !ok {
				byMD[l.MD] = genLine{g, i}
			}
		}
	}
	return files, byMD
}

// generatedHighlight returns the HTML of the lines of go block b taken
// from the generated files, or false if some line of b is not there as
// written. Reference lines get "".
func (r *nodeRenderer) generatedHighlight(b *lit.Block) ([]string, bool) {
	if b.Chunk == nil || r.byMD == nil {
		return nil, false
	}
	out := make([]string, len(b.Lines))
	for i, ln := range b.Lines {
		if ln.Ref != "" || strings.TrimSpace(ln.Text) == "" {
			continue
		}
		g, ok := r.byMD[ln.Pos.Line]
		if !ok {
			return nil, false
		}
		raw, h := g.f.lines[g.i], g.f.hl[g.i]
		indent, ok := strings.CutSuffix(raw, ln.Text)
		if !ok || strings.Trim(indent, " \t") != "" || !strings.HasPrefix(h, indent) {
			return nil, false
		}
		out[i] = h[len(indent):]
	}
	return out, true
}
