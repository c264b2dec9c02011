package weave

import (
	"fmt"
	"html"
	"io"
	"path"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"

	"ctml/internal/lit"
	"ctml/internal/tangle"
)

// woven is a code block rendered once and shown on both the page and
// print.html: its highlighted code and the outputs of its examples. All
// its links are fragments, whose ids are unique across the book.
type woven struct {
	pre     string // <pre>…</pre>
	outputs []exampleOutput
}

// weave highlights b, replacing each <<ref>> line by a link to the chunk
// and taking the // Output: comments of examples out of the code.
func (r *nodeRenderer) weave(b *lit.Block) *woven {
	if wv := r.code[b]; wv != nil {
		return wv
	}
	lines := make([]string, len(b.Lines))
	for i, ln := range b.Lines {
		if ln.Ref == "" {
			lines[i] = ln.Text // a reference is lexed as a blank line
		}
	}
	wv := &woven{}
	var keep []bool
	if b.IsGo() {
		keep, wv.outputs = exampleOutputs(lines)
	}
	var sb strings.Builder
	sb.WriteString(`<pre class="chroma"><code>`)
	first := true
	hl, ok := r.generatedHighlight(b)
	if !ok {
		hl = r.w.highlight(b.Lang, lines)
	}
	for i, h := range hl {
		if keep != nil && !keep[i] {
			continue
		}
		if !first {
			sb.WriteByte('\n')
		}
		first = false
		ln := b.Lines[i]
		if ln.Ref == "" {
			sb.WriteString(h)
			continue
		}
		sb.WriteString(escText(ln.Indent))
		name := html.EscapeString("⟨" + ln.Ref + "⟩")
		if ch := r.p.Doc.Index.Named(ln.Ref); ch != nil {
			sb.WriteString(`<a class="ref" href="#` + html.EscapeString(r.p.bids[ch.Pieces[0]]) + `">` + name + `</a>`)
		} else {
			sb.WriteString(`<span class="ref">` + name + `</span>`)
		}
	}
	sb.WriteString("</code></pre>")
	wv.pre = joinTokens(sb.String())
	r.code[b] = wv
	return wv
}

// tokenBreakRE finds a token element closed at the end of a line and
// opened again, for a token of the same kind, after the next line's
// indentation: the lines of a comment, most often.
var tokenBreakRE = regexp.MustCompile(`</([a-z][a-z0-9-]*)>\n([ \t]*)<([a-z][a-z0-9-]*)>`)

// joinTokens writes each run of lines whose tokens continue one kind of
// token from line to line, a comment of several lines, as one element:
// <i>// a</i>\n\t<i>// b</i> becomes <i>// a\n\t// b</i>, which looks the
// same (white space shows no colour) in fewer bytes.
func joinTokens(pre string) string {
	return tokenBreakRE.ReplaceAllStringFunc(pre, func(m string) string {
		sub := tokenBreakRE.FindStringSubmatch(m)
		if sub[1] != sub[3] {
			return m
		}
		return "\n" + sub[2]
	})
}

// goBlock writes go block b as a captioned figure.
func (r *nodeRenderer) goBlock(w io.StringWriter, b *lit.Block) {
	wv := r.weave(b)
	var sb strings.Builder
	id := html.EscapeString(r.p.bids[b])
	class := "chunk"
	if r.failed(b) {
		class += " chunk-failed"
	}
	sb.WriteString(`<figure class="` + class + `" id="` + id + `">` + "\n<figcaption>")
	r.caption(&sb, b)
	sb.WriteString("</figcaption>\n")
	sb.WriteString(wv.pre)
	for _, o := range wv.outputs {
		label := "Output"
		if o.Unordered {
			label = "Output, in any order"
		}
		sb.WriteString("\n<div class=\"output\"><div class=\"output-label\">" + label + ` of <code>` + html.EscapeString(o.Func) + `</code>, checked by <code>go test</code></div>`)
		sb.WriteString(`<pre><code>` + escText(o.Text) + "</code></pre></div>")
	}
	sb.WriteString(r.failureOutput(b))
	sb.WriteString("\n</figure>\n")
	fig := sb.String()
	if r.fold(w, b, wv, fig) {
		return
	}
	switch {
	case b.Exercise != "":
		fig = `<details class="exercise"><summary>Exercise ` + html.EscapeString(b.Exercise) + ": solution</summary>\n" + fig + "</details>\n"
		if b.Hint != "" {
			fig = `<details class="hint"><summary>Exercise ` + html.EscapeString(b.Exercise) + ": hint</summary>\n" + hintHTML(b.Hint) + "</details>\n" + fig
		}
	case b.Tests != "":
		fig = `<details class="exercise-tests"><summary>Tests for exercise ` + html.EscapeString(b.Tests) + "</summary>\n" + fig + "</details>\n"
	case b.Hide:
		fig = `<details class="boilerplate"><summary>Show boilerplate</summary>` + "\n" + fig + "</details>\n"
	}
	w.WriteString(fig)
}

// caption writes the caption of go block b: what it is, its neighbours,
// its uses, and where it is written and compiled.
func (r *nodeRenderer) caption(sb *strings.Builder, b *lit.Block) {
	esc := html.EscapeString
	frag := func(b *lit.Block) string { return `href="#` + esc(r.p.bids[b]) + `"` }
	switch ch := b.Chunk; {
	case ch != nil && ch.File:
		sb.WriteString(`<a class="chunk-file" ` + frag(ch.Pieces[0]) + `>` + esc(ch.Name) + `</a>`)
		if b.Piece > 0 {
			sb.WriteString(` <span class="chunk-op">+≡</span>`)
		}
	case ch != nil:
		sb.WriteString(`<a class="chunk-name" ` + frag(ch.Pieces[0]) + `>⟨` + esc(ch.Name) + `⟩</a> <span class="chunk-op">`)
		if b.Piece > 0 {
			sb.WriteString("+")
		}
		sb.WriteString("≡</span>")
	case b.Skip != "":
		sb.WriteString(`<span class="chunk-kind">not compiled:</span> <span class="chunk-note">` + esc(b.Skip) + `</span>`)
	case b.ExpectError != nil:
		what := "an error matching the regular expression <code>" + esc(b.ExpectError.String()) + "</code>"
		if text, ok := errorText(b.ExpectError.String()); ok {
			what = "an error that says <code>" + esc(text) + "</code>"
		}
		sb.WriteString(`<span class="chunk-kind">does not compile:</span> <span class="chunk-note">the compiler must report ` + what + `, as the test `)
		if f := r.p.genFile[tangle.ExpectErrorFile]; f != nil {
			sb.WriteString(`<a href="` + esc(href(r.from, sourcePath(r.p, f), "")) + `"><code>TestExpectError</code></a>`)
		} else {
			sb.WriteString("<code>TestExpectError</code>")
		}
		sb.WriteString(" checks</span>")
	}

	if ch := b.Chunk; ch != nil && len(ch.Pieces) > 1 {
		sb.WriteString(` <span class="chunk-nav">`)
		if b.Piece > 0 {
			sb.WriteString(`<a ` + frag(ch.Pieces[b.Piece-1]) + ` aria-label="previous piece">↑</a>`)
		}
		if b.Piece+1 < len(ch.Pieces) {
			sb.WriteString(`<a ` + frag(ch.Pieces[b.Piece+1]) + ` aria-label="next piece">↓</a>`)
		}
		sb.WriteString("</span>")
	}
	if ch := b.Chunk; ch != nil && !ch.File && b.Piece == 0 && len(ch.Uses) > 0 {
		sb.WriteString(` <span class="chunk-uses">used in `)
		r.uses(sb, ch)
		sb.WriteString("</span>")
	}

	r.testBadges(sb, b)
	sb.WriteString(` <span class="chunk-src">`)
	// The generated file's source page links each line back to the
	// Markdown (its //line directives); a block that generates nothing
	// links to the Markdown itself.
	if loc, ok := r.w.out.Loc(b); ok {
		n := strconv.Itoa(loc.Line)
		sb.WriteString(`<a href="` + esc(href(r.from, sourcePath(r.p, loc.File), "L"+n)) + `">` + esc(loc.File.Name+":"+n) + `</a>`)
	} else {
		line := strconv.Itoa(b.Pos.Line)
		sb.WriteString(`<a href="` + esc(href(r.from, markdownSourcePath(r.p), "L"+line)) + `">` + esc(path.Base(r.p.Path)+":"+line) + `</a>`)
	}
	sb.WriteString("</span>")
}

// errorText returns the text that the regular expression expr of an
// expect-error block matches, for the block's caption, if expr is that
// text written as a regular expression: literal characters, escaped
// metacharacters (\( for "(") and dots, which match themselves among the
// rest (kleisli.Arrow). A regular expression with anything else (a class,
// a repetition, an alternative, a flag) is not a text.
func errorText(expr string) (string, bool) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	var text func(re *syntax.Regexp) bool
	text = func(re *syntax.Regexp) bool {
		switch re.Op {
		case syntax.OpLiteral:
			if re.Flags&syntax.FoldCase != 0 {
				return false
			}
			b.WriteString(string(re.Rune))
		case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
			b.WriteByte('.')
		case syntax.OpConcat:
			for _, sub := range re.Sub {
				if !text(sub) {
					return false
				}
			}
		default:
			return false
		}
		return true
	}
	if !text(re) || b.Len() == 0 {
		return "", false
	}
	return b.String(), true
}

// uses writes links to the blocks that use chunk ch, each once.
func (r *nodeRenderer) uses(sb *strings.Builder, ch *lit.Chunk) {
	seen := map[*lit.Block]bool{}
	for _, u := range ch.Uses {
		if seen[u.Block] {
			continue
		}
		if len(seen) > 0 {
			sb.WriteString(", ")
		}
		seen[u.Block] = true
		sb.WriteString(`<a href="#` + html.EscapeString(r.p.bids[u.Block]) + `">` + html.EscapeString(blockLabel(u.Block)) + "</a>")
	}
}

// blockLabel names a go block in captions and the chunk index.
func blockLabel(b *lit.Block) string {
	switch {
	case b.Chunk == nil:
		return fmt.Sprintf("the block at line %d", b.Pos.Line)
	case b.Chunk.File:
		return b.Chunk.Name
	}
	return "⟨" + b.Chunk.Name + "⟩"
}

// chunkIndex writes the index of the page's chunks and files, for the
// end of the page.
func (r *nodeRenderer) chunkIndex(w io.StringWriter) {
	x := r.p.Doc.Index
	if len(x.Chunks) == 0 && len(x.Expect) == 0 {
		return
	}
	esc := html.EscapeString
	var sb strings.Builder
	sb.WriteString("<section class=\"chunk-index\">\n<h2>Code in this chapter</h2>\n<dl>\n")
	pieces := func(bs []*lit.Block) {
		for i, b := range bs {
			sb.WriteString(` <a href="#` + esc(r.p.bids[b]) + `">` + strconv.Itoa(i+1) + "</a>")
		}
	}
	for _, file := range []bool{true, false} {
		for _, ch := range x.Chunks {
			if ch.File != file {
				continue
			}
			sb.WriteString(`<dt><a href="#` + esc(r.p.bids[ch.Pieces[0]]) + `">` + esc(blockLabel(ch.Pieces[0])) + "</a></dt>\n<dd>")
			if len(ch.Pieces) > 1 {
				sb.WriteString("pieces")
			} else {
				sb.WriteString("piece")
			}
			pieces(ch.Pieces)
			if f := r.p.genFile[ch.Name]; file && f != nil {
				sb.WriteString(`; generated: <a href="` + esc(href(r.from, sourcePath(r.p, f), "")) + `">` + esc(r.w.shownFile(f)) + "</a>")
			}
			if !file && len(ch.Uses) > 0 {
				sb.WriteString("; used in ")
				r.uses(&sb, ch)
			}
			sb.WriteString("</dd>\n")
		}
	}
	if len(x.Expect) > 0 {
		sb.WriteString("<dt>does not compile</dt>\n<dd>")
		if len(x.Expect) > 1 {
			sb.WriteString("blocks")
		} else {
			sb.WriteString("block")
		}
		pieces(x.Expect)
		if f := r.p.genFile[tangle.ExpectErrorFile]; f != nil {
			sb.WriteString(`; checked by <a href="` + esc(href(r.from, sourcePath(r.p, f), "")) + `">` + esc(r.w.shownFile(f)) + "</a>")
		}
		sb.WriteString("</dd>\n")
	}
	sb.WriteString("</dl>\n</section>\n")
	w.WriteString(sb.String())
}

// exampleOutput is the output an Example function promises in its
// // Output: comment, which go test checks.
type exampleOutput struct {
	Func      string // the example's name
	Unordered bool   // "// Unordered output:"
	Text      string
}

var (
	exampleRE = regexp.MustCompile(`^func (Example\w*)\(\)`)
	outputRE  = regexp.MustCompile(`(?i)^\s*//\s*(unordered )?output:(.*)$`)
)

// exampleOutputs finds the // Output: comments of the Example functions
// in lines, as go test reads them: the comment starting with "Output:" or
// "Unordered output:" and the comment lines after it. It returns which
// lines to keep showing as code, and the outputs in order.
func exampleOutputs(lines []string) (keep []bool, outs []exampleOutput) {
	keep = make([]bool, len(lines))
	fn := ""
	for i := 0; i < len(lines); i++ {
		keep[i] = true
		if m := exampleRE.FindStringSubmatch(lines[i]); m != nil {
			fn = m[1]
			continue
		}
		if strings.HasPrefix(lines[i], "}") {
			fn = ""
			continue
		}
		m := outputRE.FindStringSubmatch(lines[i])
		if fn == "" || m == nil {
			continue
		}
		o := exampleOutput{Func: fn, Unordered: m[1] != ""}
		var text []string
		if s := strings.TrimSpace(m[2]); s != "" {
			text = append(text, s)
		}
		keep[i] = false
		for i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "//") {
			i++
			keep[i] = false
			s := strings.TrimPrefix(strings.TrimSpace(lines[i]), "//")
			text = append(text, strings.TrimPrefix(s, " "))
		}
		o.Text = strings.Join(text, "\n")
		outs = append(outs, o)
		fn = ""
	}
	return keep, outs
}

// hintHTML writes an exercise's hint as paragraphs (separated by blank
// lines), escaped, with `code spans` set as code.
func hintHTML(hint string) string {
	var sb strings.Builder
	for _, para := range strings.Split(hint, "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			sb.WriteString("<p>" + hintPara(para) + "</p>")
		}
	}
	return sb.String()
}

func hintPara(para string) string {
	parts := strings.Split(para, "`")
	var sb strings.Builder
	for i, p := range parts {
		switch {
		case i%2 == 0:
			sb.WriteString(html.EscapeString(p))
		case i == len(parts)-1: // an unmatched backtick stays one
			sb.WriteString("`" + html.EscapeString(p))
		default:
			sb.WriteString("<code>" + html.EscapeString(p) + "</code>")
		}
	}
	return sb.String()
}

// foldLines is the length from which a test block that shows no output is
// folded: a long table test is read by few and scrolled past by the rest.
const foldLines = 10

// testFuncRE finds the test functions a block defines, for its summary.
var testFuncRE = regexp.MustCompile(`(?m)^func ((?:Test|Benchmark|Fuzz|Example)\w*)\(`)

// fold writes go block b, rendered as fig, as a lazy fold if it is one,
// and reports whether it did. A block is folded when it is collapsed
// anyway (boilerplate, an exercise's solution or tests) or is a test
// block of more than foldLines lines that shows no output. On a chapter's
// page a fold holds only its summary and a link to the block's lines in
// the generated file; book.js loads its content from the page's fold
// script (see folds.go) when the reader opens it, so that what most
// readers never open is not part of the page's weight. print.html shows
// every fold in full.
func (r *nodeRenderer) fold(w io.StringWriter, b *lit.Block, wv *woven, fig string) bool {
	if r.from == "print.html" {
		if summary, _, ok := r.foldSummary(b, wv); ok && b.Exercise == "" && b.Tests == "" && !b.Hide {
			w.WriteString(`<details class="boilerplate"><summary>` + summary + "</summary>\n" + fig + "</details>\n")
			return true
		}
		return false
	}
	summary, class, ok := r.foldSummary(b, wv)
	if !ok {
		return false
	}
	id := r.p.bids[b]
	// The figure loses its id to the fold, which stands in for it.
	inner := strings.Replace(fig, ` id="`+html.EscapeString(id)+`"`, "", 1)
	hint := ""
	if b.Exercise != "" && b.Hint != "" {
		hint = `<details class="hint"><summary>Exercise ` + html.EscapeString(b.Exercise) + ": hint</summary>\n" + hintHTML(b.Hint) + "</details>\n"
	}
	r.folds = append(r.folds, foldContent{ID: id, HTML: inner})
	link := ""
	if loc, ok := r.w.out.Loc(b); ok {
		n := loc.Line
		last := n + len(b.Lines) - 1
		link = `<a href="` + html.EscapeString(href(r.from, sourcePath(r.p, loc.File), "L"+strconv.Itoa(n))) + `">` +
			html.EscapeString(loc.File.Name) + ", lines " + strconv.Itoa(n) + "–" + strconv.Itoa(last) + "</a>"
	} else {
		line := strconv.Itoa(b.Pos.Line)
		link = `<a href="` + html.EscapeString(href(r.from, markdownSourcePath(r.p), "L"+line)) + `">` + html.EscapeString(path.Base(r.p.Path)+", line "+line) + "</a>"
	}
	w.WriteString(hint + `<details class="` + class + ` fold" id="` + html.EscapeString(id) + `"><summary>` + summary +
		"</summary>\n" + `<p class="fold-link">` + link + "</p></details>\n")
	return true
}

// foldSummary returns the summary and class of go block b's fold, or
// false if b is not folded.
func (r *nodeRenderer) foldSummary(b *lit.Block, wv *woven) (summary, class string, ok bool) {
	esc := html.EscapeString
	switch {
	case b.Exercise != "":
		return "Exercise " + esc(b.Exercise) + ": solution", "exercise", true
	case b.Tests != "":
		return "Tests for exercise " + esc(b.Tests), "exercise-tests", true
	case b.Hide:
		return "Show boilerplate", "boilerplate", true
	}
	ch := b.Chunk
	if ch == nil || !ch.File || !strings.HasSuffix(ch.Name, "_test.go") || len(b.Lines) <= foldLines || len(wv.outputs) > 0 || r.failed(b) {
		return "", "", false
	}
	var text strings.Builder
	for _, ln := range b.Lines {
		text.WriteString(ln.Text + "\n")
	}
	var names []string
	for _, m := range testFuncRE.FindAllStringSubmatch(text.String(), -1) {
		names = append(names, "<code>"+esc(m[1])+"</code>")
	}
	what := "Show the test code"
	if len(names) > 0 {
		what = "Show " + strings.Join(names, ", ")
	}
	// The tests' results stay in sight, in the summary.
	var badges strings.Builder
	r.testBadges(&badges, b)
	return what + " (" + strconv.Itoa(len(b.Lines)) + " lines)" + badges.String(), "tests", true
}
