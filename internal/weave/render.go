package weave

import (
	"bufio"
	"bytes"
	"html"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"ctml/internal/lit"
)

// nodeRenderer renders the Markdown of one page with goldmark: it gives
// headings their book-wide ids, weaves the code blocks and rewrites links.
// It renders the page twice, for its own file and for print.html; from is
// the output path being rendered, which relative links start from.
type nodeRenderer struct {
	w      *weaver
	p      *page
	links  map[ast.Node]target // resolved by checkLinks
	code   map[*lit.Block]*woven
	math   map[ast.Node]string   // MathML of each formula, set by typeset
	status *chapterStatus        // what the test results say; nil without results
	byMD   map[int]genLine       // where each Markdown line landed, highlighted
	figs   map[*lit.Block]string // tikzcd blocks, rendered by figures
	// figures drawn by the book's programs, in page order, found by checkLinks
	runFigs []runFigure
	from    string
	folds   []foldContent // the page's folded blocks, kept for its fold script
	// the page's glyph sprite (see shareGlyphs): its paths in order, and
	// the id of each path's data and the data of each id
	glyphs      []string
	glyphByData map[string]string
	glyphIDs    map[string]string

	// Where the bytes of the HTML being rendered come from: the page's
	// buffer and goldmark's writer over it give the offset of a write.
	buf   *bytes.Buffer
	bw    *bufio.Writer
	spans []span
}

func newNodeRenderer(w *weaver, p *page) *nodeRenderer {
	return &nodeRenderer{w: w, p: p, links: map[ast.Node]target{}, code: map[*lit.Block]*woven{}, figs: map[*lit.Block]string{}}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindFencedCodeBlock, r.fencedCode)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.image)
	reg.Register(lit.KindMath, r.formula)
	reg.Register(lit.KindMathBlock, r.formula)
	reg.Register(kindGlossLink, r.glossaryLink)
	reg.Register(kindNoWrap, r.noWrapHTML)
	reg.Register(ast.KindRawHTML, r.rawHTML)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
}

// render renders the page's Markdown, and its chunk index, as seen from
// output path from.
func (r *nodeRenderer) render(from string) []byte {
	r.from = from
	md := lit.Markdown(extension.WithFootnoteIDPrefix(r.p.id + "-"))
	md.Renderer().AddOptions(ghtml.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(r, 100)))
	var buf bytes.Buffer
	buf.Grow(2 * len(r.p.Doc.Source)) // the HTML of a page is about twice its Markdown
	r.buf, r.bw, r.spans = &buf, bufio.NewWriter(&buf), nil
	if err := md.Renderer().Render(r.bw, r.p.Doc.Source, r.p.Doc.Root); err != nil {
		// Rendering writes to memory; an error is a broken invariant.
		panic("weave: rendering " + r.p.Doc.Path + ": " + err.Error())
	}
	r.chunkIndex(&buf)
	return buf.Bytes()
}

// offset is where the next byte written through w will be in the HTML.
func (r *nodeRenderer) offset() int { return r.buf.Len() + r.bw.Buffered() }

// writeChecked writes s, the HTML of a link or image whose URL the weave
// checked in the Markdown, and records where it is.
func (r *nodeRenderer) writeChecked(w util.BufWriter, s string) {
	start := r.offset()
	w.WriteString(s)
	r.spans = append(r.spans, span{start: start, end: r.offset(), src: -1, group: -1})
}

// writeRaw writes raw HTML as it is, the bytes at Markdown offset src,
// and records where it came from; group is the node it belongs to. A NUL
// byte becomes U+FFFD, as goldmark writes it.
func (r *nodeRenderer) writeRaw(w util.BufWriter, b []byte, src, group int) {
	for len(b) > 0 {
		n := bytes.IndexByte(b, 0)
		piece, repl := b, ""
		if n >= 0 {
			piece = b[:n]
			repl = "\uFFFD"
		}
		start := r.offset()
		w.Write(piece)
		w.WriteString(repl)
		r.spans = append(r.spans, span{start: start, end: r.offset(), src: src, group: group})
		if n < 0 {
			return
		}
		b, src = b[n+1:], src+n+1
	}
}

// rawHTML writes an inline raw HTML tag as the author wrote it; the
// allow-list is checked on the page's HTML (checkPage).
func (r *nodeRenderer) rawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.RawHTML)
		group := n.Segments.At(0).Start
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			r.writeRaw(w, seg.Value(src), seg.Start, group)
		}
	}
	return ast.WalkSkipChildren, nil
}

// htmlBlock writes an HTML block as the author wrote it.
func (r *nodeRenderer) htmlBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	group := n.ClosureLine.Start
	if n.Lines().Len() > 0 {
		group = n.Lines().At(0).Start
	}
	if entering {
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			r.writeRaw(w, line.Value(src), line.Start, group)
		}
	} else if n.HasClosure() {
		r.writeRaw(w, n.ClosureLine.Value(src), n.ClosureLine.Start, group)
	}
	return ast.WalkContinue, nil
}

// checkHTML checks the HTML of the page's content, rendered last, and
// returns what is wrong at the Markdown positions of what wrote it: raw
// HTML outside the allow-list, URLs that would leave the book.
func (r *nodeRenderer) checkHTML(content []byte) lit.ErrorList {
	var errs lit.ErrorList
	spans := r.spans
	local := func(ref string) string {
		_, _, msg := r.w.resolve(r.p, ref, true)
		return msg
	}
	for _, pr := range checkPage(content, spans, local) {
		pos := lit.Pos{File: r.p.Doc.Path}
		if i, ok := slices.BinarySearchFunc(spans, pr.off, func(s span, off int) int {
			switch {
			case s.end <= off:
				return -1
			case s.start > off:
				return 1
			}
			return 0
		}); ok && spans[i].src >= 0 {
			pos = r.p.Doc.Position(spans[i].src + pr.off - spans[i].start)
		} else {
			pr.msg = "the book's own HTML: " + pr.msg + " (a bug in buildbook)"
		}
		errs.Add(pos, "%s", pr.msg)
	}
	return errs
}

// rootOf returns the relative path from output file name to the site's
// root.
func rootOf(name string) string { return strings.Repeat("../", strings.Count(name, "/")) }

// href returns the URL of fragment frag of name, a path relative to the
// site's root, as seen from output file from.
func href(from, name, frag string) string {
	if name != "" {
		dir, to := strings.Split(from, "/"), strings.Split(name, "/")
		dir = dir[:len(dir)-1]
		for len(dir) > 0 && len(to) > 1 && dir[0] == to[0] {
			dir, to = dir[1:], to[1:]
		}
		name = strings.Repeat("../", len(dir)) + strings.Join(to, "/")
	}
	u := url.URL{Path: name, Fragment: frag}
	return u.String()
}

func (r *nodeRenderer) heading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	id := html.EscapeString(r.p.hids[n])
	level := strconv.Itoa(n.Level)
	if entering {
		w.WriteString("<h" + level + ` id="` + id + `">`)
		if n == r.p.title && r.p.Number != "" {
			w.WriteString(`<span class="secnum">` + html.EscapeString(strings.TrimSuffix(r.p.Number, ".")) + "</span> ")
		}
		return ast.WalkContinue, nil
	}
	w.WriteString(` <a class="anchor" href="#` + id + `" aria-label="Link to this section">#</a></h` + level + ">\n")
	if n == r.p.title {
		w.WriteString(r.statusLine())
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) link(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	tag := `<a href="` + html.EscapeString(r.dest(n, n.Destination)) + `"`
	if n.Title != nil {
		tag += ` title="` + html.EscapeString(string(n.Title)) + `"`
	}
	r.writeChecked(w, tag+">")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	if t, ok := r.links[n]; ok && t.run != "" {
		if msg, failed := r.w.figFailed[t.file]; failed {
			w.WriteString(figureFailure(path.Base(t.run), lit.PlainText(n, src), msg))
			return ast.WalkSkipChildren, nil
		}
	}
	tag := `<img src="` + html.EscapeString(r.dest(n, n.Destination)) + `" alt="` + html.EscapeString(lit.PlainText(n, src)) + `"`
	if n.Title != nil {
		tag += ` title="` + html.EscapeString(string(n.Title)) + `"`
	}
	if t, ok := r.links[n]; ok && t.run != "" && r.w.figThemed[t.file] {
		tag += ` class="themed"`
	}
	r.writeChecked(w, tag+">")
	return ast.WalkSkipChildren, nil
}

// dest returns the URL a link or image points to from the file being
// rendered.
func (r *nodeRenderer) dest(n ast.Node, raw []byte) string {
	t, ok := r.links[n]
	switch {
	case !ok:
		return string(util.URLEscape(raw, true))
	case t.page == nil:
		return href(r.from, t.file, t.frag)
	case r.from == "print.html":
		if t.frag == "" {
			return "#" + printLink + t.page.id
		}
		return "#" + printLink + t.page.id + "--" + t.frag
	case t.page == r.p && t.frag != "":
		return "#" + t.frag
	}
	return href(r.from, t.page.out, t.frag)
}

func (r *nodeRenderer) fencedCode(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	b := r.p.Doc.Block(node)
	if b == nil {
		return ast.WalkSkipChildren, nil
	}
	if b.IsGo() && b.HasKind() {
		r.goBlock(w, b)
		return ast.WalkSkipChildren, nil
	}
	if b.Lang == "tikzcd" {
		w.WriteString(r.figs[b])
		return ast.WalkSkipChildren, nil
	}
	if b.Lang == lit.HintLang {
		return ast.WalkSkipChildren, nil // shown with its exercise
	}
	w.WriteString(r.weave(b).pre)
	w.WriteByte('\n')
	return ast.WalkSkipChildren, nil
}
