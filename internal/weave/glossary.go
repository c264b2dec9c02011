package weave

import (
	"fmt"
	"html"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"ctml/internal/lit"
	"ctml/internal/spell"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// The glossary is the page glossary.md. Each of its terms is a heading of
// level 2 or 3 followed by a paragraph: the heading is the term as the
// prose writes it, and the first sentence of the paragraph its short
// definition. A heading followed by another heading (a letter, ## A) is
// not a term. The attribute also lists other forms of a term:
//
//	### Natural transformation {also="naturality"}
//
//	A family of morphisms, one for each object, such that ... [Chapter 7](07-natural.md).
//
// On every other page, the first use of each term in running text
// (paragraphs, lists, tables, emphasis; not headings, links, code or
// math) links to its entry, with the definition as the link's title.
// Matching is by words (letters, digits and hyphens), ignores case, knows
// plurals (term+s, +es, y→ies), and prefers the longer of two terms that
// start at the same word. A term of several words matches only where
// white space separates them, never across punctuation.
//
// A term's word can mean something else: the attribute not lists the
// phrases, separated by commas, in which it does not mean the term,
//
//	## Product {not="matrix product, dot product" not-on="05-training.md"}
//
// and a use inside one of them (or its plural) is not linked, nor counted
// as the first use; not-on lists the pages (as SUMMARY.md names them) on
// which the word always means something else, where the term is never
// linked. Nor are uses that are not prose: a word joined to code
// (domain.Vector, Arrow[domain, a_b), and the words of an emphasis of
// three words or more, which the book uses for the titles it cites
// (*Category Theory for Tiny ML in Rust*) and the messages it quotes. A
// link never takes in the line break after its term.

// glossaryPath is the manuscript path of the glossary page.
const glossaryPath = "glossary.md"

// term is an entry of the glossary.
type term struct {
	name  string          // as written in the heading
	id    string          // the heading's book-wide id
	title string          // the short definition
	notOn map[string]bool // the pages on which it is never linked, by manuscript.Page.Path
}

// glossary is the book's glossary and a matcher for its terms.
type glossary struct {
	page     *page
	terms    []*term
	forms    map[string]*term // lower-case form, words joined by single spaces -> term
	maxWords int              // the most words in a form
	nots     []exclusion      // the phrases in which a term's words mean something else
}

// exclusion is a phrase, one of a term's not="…", in which the term's
// words do not mean the term.
type exclusion struct {
	words []string // lower case
	t     *term
}

// kindGlossLink is the kind of glossLink nodes.
var kindGlossLink = ast.NewNodeKind("GlossLink")

// glossLink is a use of a glossary term in the text, which renders as a
// link to its entry; its children are the text of the use.
type glossLink struct {
	ast.BaseInline
	term *term
}

func (n *glossLink) Kind() ast.NodeKind { return kindGlossLink }
func (n *glossLink) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Term": n.term.name}, nil)
}

// readGlossary reads the terms of the glossary page, if the book has one
// with terms, and reports a not-on that names no page of the book.
func (w *weaver) readGlossary() (*glossary, lit.ErrorList) {
	var errs lit.ErrorList
	p := w.byPath[glossaryPath]
	if p == nil || p.Doc == nil {
		return nil, nil
	}
	g := &glossary{page: p, forms: map[string]*term{}}
	src := p.Doc.Source
	for n := p.Doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || (h.Level != 2 && h.Level != 3) {
			continue
		}
		para, ok := h.NextSibling().(*ast.Paragraph)
		if !ok {
			continue
		}
		t := &term{name: lit.PlainText(h, src), id: p.hids[h], title: firstSentence(lit.PlainText(para, src))}
		if t.name == "" {
			continue
		}
		g.terms = append(g.terms, t)
		forms := append([]string{t.name}, attrList(h, "also")...)
		for _, f := range forms {
			for _, v := range []string{f, plural(f)} {
				key := strings.ToLower(strings.Join(strings.Fields(v), " "))
				if _, dup := g.forms[key]; !dup {
					g.forms[key] = t
				}
			}
		}
		for _, name := range attrList(h, "not-on") {
			if w.byPath[name] == nil {
				pos := p.Doc.Position(0)
				if h.Lines().Len() > 0 {
					pos = p.Doc.Position(h.Lines().At(0).Start)
					pos.Col = 1 // the heading's line
				}
				msg := fmt.Sprintf("not-on names %s, which is not a page of the book", name)
				if sug := spell.Suggest(name, slices.Collect(maps.Keys(w.byPath))); sug != "" {
					msg += " (did you mean " + sug + "?)"
				}
				errs.Add(pos, "%s", msg)
				continue
			}
			if t.notOn == nil {
				t.notOn = map[string]bool{}
			}
			t.notOn[name] = true
		}
		for _, f := range attrList(h, "not") {
			for _, v := range []string{f, plural(f)} {
				var ws []string
				for _, w := range wordSpans(v) {
					ws = append(ws, strings.ToLower(v[w[0]:w[1]]))
				}
				if len(ws) > 0 {
					g.nots = append(g.nots, exclusion{ws, t})
				}
			}
		}
	}
	if len(g.terms) == 0 {
		return nil, errs
	}
	for k := range g.forms {
		g.maxWords = max(g.maxWords, strings.Count(k, " ")+1)
	}
	return g, errs
}

// attrList returns the comma-separated values of heading attribute key.
func attrList(h *ast.Heading, key string) []string {
	var out []string
	if v, ok := h.AttributeString(key); ok {
		if b, ok := v.([]byte); ok {
			for _, f := range strings.Split(string(b), ",") {
				if f = strings.TrimSpace(f); f != "" {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// firstSentence returns the first sentence of a paragraph's text: up to
// the first full stop followed by white space and a capital letter, or
// the whole text.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i := 0; i+2 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && (s[i+2] >= 'A' && s[i+2] <= 'Z' || s[i+2] == '[') {
			return shortTitle(s[:i+1])
		}
	}
	return shortTitle(s)
}

// titleMax is the longest title of a glossary link, in characters: the
// title is a reminder, the glossary has the definition.
const titleMax = 100

// shortTitle cuts s at a word boundary to at most titleMax characters,
// ending with an ellipsis if it cut.
func shortTitle(s string) string {
	r := []rune(s)
	if len(r) <= titleMax {
		return s
	}
	cut := string(r[:titleMax-1])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;:") + "…"
}

// plural returns the plural of an English noun phrase, by its last word.
func plural(s string) string {
	switch {
	case strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x") || strings.HasSuffix(s, "ch") || strings.HasSuffix(s, "sh"):
		return s + "es"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// linkTerms marks the first use of each glossary term on page p with a
// glossLink node around its text. The page must not be the glossary.
func (g *glossary) linkTerms(p *page) {
	used := map[string]bool{} // by term id
	for _, t := range g.terms {
		if t.notOn[p.Path] {
			used[t.id] = true // as if linked already
		}
	}
	src := p.Doc.Source
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		switch n := n.(type) {
		case *glossLink: // linked by an earlier Build of the same book
			used[n.term.id] = true
			return
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock,
			*ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return
		case *ast.Emphasis:
			if n.Level == 1 && len(wordSpans(lit.PlainText(n, src))) >= 3 {
				return // a title or a quotation
			}
		}
		var run []*ast.Text
		flush := func() {
			if len(run) > 0 {
				g.linkRun(run, src, used)
				run = nil
			}
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*ast.Text); ok && !t.IsRaw() && textParent(n) {
				run = append(run, t)
			} else {
				flush()
				visit(c)
			}
			c = next
		}
		flush()
	}
	visit(p.Doc.Root)
}

// textParent reports whether the text directly inside n is running text.
func textParent(n ast.Node) bool {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Emphasis, *east.TableCell, *east.Strikethrough:
		return true
	}
	return false
}

// linkRun links the first uses in a run of consecutive text nodes, which a
// term may span (at a line break).
func (g *glossary) linkRun(run []*ast.Text, src []byte, used map[string]bool) {
	var b strings.Builder
	starts := make([]int, len(run))
	for i, t := range run {
		if i > 0 {
			b.WriteByte('\n')
		}
		starts[i] = b.Len()
		b.Write(t.Segment.Value(src))
	}
	ms := g.firstUses(b.String(), used)
	// Wrap from the last match back, so that the offsets of the earlier
	// ones stay valid.
	locate := func(off int) (int, int) {
		i := len(starts) - 1
		for i > 0 && starts[i] > off {
			i--
		}
		return i, off - starts[i]
	}
	for _, m := range slices.Backward(ms) {
		i, oi := locate(m.start)
		j, oj := locate(m.end - 1)
		wrapTerm(run, i, oi, j, oj+1, m.t)
	}
}

// A termUse is a term's use at text[start:end].
type termUse struct {
	start, end int
	t          *term
}

// firstUses finds, in text, the first use of each term not yet in used,
// leaving out a term's exclusions and code written in the prose, and
// marks them used.
func (g *glossary) firstUses(text string, used map[string]bool) []termUse {
	var ms []termUse
	ws := wordSpans(text)
	lower := make([]string, len(ws))
	for i, w := range ws {
		lower[i] = strings.ToLower(text[w[0]:w[1]])
	}
	// spaced reports whether only white space separates words i to j.
	spaced := func(i, j int) bool {
		for k := i; k < j; k++ {
			if strings.TrimSpace(text[ws[k][1]:ws[k+1][0]]) != "" {
				return false
			}
		}
		return true
	}
	// The words of a term's exclusions, for that term; made only when an
	// exclusion is found (most runs of text have none).
	type wordTerm struct {
		word int
		t    *term
	}
	var excluded map[wordTerm]bool
	for i := range ws {
		for _, ex := range g.nots {
			n := len(ex.words)
			if i+n <= len(ws) && slices.Equal(lower[i:i+n], ex.words) && spaced(i, i+n-1) {
				if excluded == nil {
					excluded = map[wordTerm]bool{}
				}
				for k := i; k < i+n; k++ {
					excluded[wordTerm{k, ex.t}] = true
				}
			}
		}
	}
	for i := 0; i < len(ws); i++ {
		for n := min(g.maxWords, len(ws)-i); n > 0; n-- {
			t := g.forms[strings.Join(lower[i:i+n], " ")]
			if t == nil || !spaced(i, i+n-1) {
				continue
			}
			skip := codeLike(text, ws[i][0], ws[i+n-1][1])
			for k := i; k < i+n && !skip; k++ {
				skip = excluded[wordTerm{k, t}]
			}
			if skip {
				continue
			}
			if !used[t.id] {
				used[t.id] = true
				ms = append(ms, termUse{ws[i][0], ws[i+n-1][1], t})
			}
			i += n - 1
			break
		}
	}
	return ms
}

// wrapTerm puts the text from offset oi of run[i] to offset oj of run[j]
// into a link to t, splitting the first and last text nodes where the
// term starts and ends.
func wrapTerm(run []*ast.Text, i, oi, j, oj int, t *term) {
	last := run[j]
	if oj < last.Segment.Len() {
		splitText(last, oj)
	}
	first := run[i]
	if oi > 0 {
		first = splitText(run[i], oi)
		if i == j {
			last = first
		}
	}
	parent := first.Parent()
	link := &glossLink{term: t}
	parent.InsertBefore(parent, first, link)
	for n := ast.Node(first); ; {
		next := n.NextSibling()
		parent.RemoveChild(parent, n)
		link.AppendChild(link, n)
		if n == last {
			break
		}
		n = next
	}
	// The line break after the term stays outside the link, in an empty
	// text node of its own.
	if last.SoftLineBreak() || last.HardLineBreak() {
		brk := ast.NewTextSegment(last.Segment.WithStart(last.Segment.Stop))
		brk.SetSoftLineBreak(last.SoftLineBreak())
		brk.SetHardLineBreak(last.HardLineBreak())
		last.SetSoftLineBreak(false)
		last.SetHardLineBreak(false)
		parent.InsertAfter(parent, link, brk)
	}
}

// codeLike reports whether the word or words at text[start:end] are part
// of code written in the prose, not prose: joined, with no space, to a
// dot that joins words (domain.Vector), a bracket, an underscore or
// another character of code.
func codeLike(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	const code = "[]{}<>_=/\\`*#@$|~^"
	switch {
	case start > 0 && strings.ContainsRune(code, before), end < len(text) && strings.ContainsRune(code, after):
		return true
	case before == '.' && start > 1:
		r, _ := utf8.DecodeLastRuneInString(text[:start-1])
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	case after == '.' && end+1 < len(text):
		r, _ := utf8.DecodeRuneInString(text[end+1:])
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// wordSpans returns the byte spans of the words of s: runs of letters,
// digits and hyphens.
func wordSpans(s string) [][2]int {
	var ws [][2]int
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' && start >= 0
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			ws = append(ws, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, [2]int{start, len(s)})
	}
	return ws
}

// splitText splits text node t at byte off of its segment: t keeps the
// part before, and a new node after it holds the rest and t's line break.
func splitText(t *ast.Text, off int) *ast.Text {
	rest := ast.NewTextSegment(t.Segment.WithStart(t.Segment.Start + off))
	t.Segment = t.Segment.WithStop(t.Segment.Start + off)
	rest.SetSoftLineBreak(t.SoftLineBreak())
	rest.SetHardLineBreak(t.HardLineBreak())
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	t.Parent().InsertAfter(t.Parent(), t, rest)
	return rest
}

// glossaryLink renders a glossLink as a link to the term's entry.
func (r *nodeRenderer) glossaryLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*glossLink)
	u := href(r.from, r.w.gloss.page.out, n.term.id)
	if r.from == "print.html" {
		u = "#" + printLink + r.w.gloss.page.id + "--" + n.term.id
	}
	w.WriteString(`<a class="gloss" href="` + html.EscapeString(u) + `" title="` + html.EscapeString(n.term.title) + `">`)
	return ast.WalkContinue, nil
}
