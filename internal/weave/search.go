package weave

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	mdast "github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"ctml/internal/lit"
	"ctml/internal/tangle"
)

// The search index, search-index.js, is built with the site and loaded by
// book.js the first time a reader focuses the search box: a script, not
// JSON, so that it loads from file:// too. It holds
//
//   - p: the pages, [href, number, title, id];
//   - s: the sections, [page, id, heading, teaser], one per heading (and
//     one for the text before the first);
//   - n: the names, [name, kind, section, id]: the Go identifiers the book
//     defines and its chunks and files. The kind is one letter: f func,
//     m method, t type, c const, v var, k chunk, F file. The id is that of
//     the block, less its page's id and a dash, with which it starts;
//   - w: the words of the prose, sorted, each with the sections it occurs
//     in as base-36 gaps between section numbers, in one string that
//     shares prefixes: "0compose:0,1;6ition:0,3,1" is compose in sections
//     0 and 1, composition in 0, 3 and 4.
//
// Words are lower case, split at anything but letters and digits; numbers,
// one-letter words and the commonest English words are left out. The
// teaser is the start of the section's first paragraph.
const searchIndexPath = "search-index.js"

// teaserLen is the length of a section's teaser, in runes.
const teaserLen = 64

// maxSearchIndex is the size above which the index leaves the teasers
// out, to stay within the budget of 150 KB for the whole book.
const maxSearchIndex = 140 << 10

// searchSection is a section of a page, as the index lists it.
type searchSection struct {
	id      string
	heading string
	teaser  string
	words   []string
}

// searchName is a Go identifier or a chunk.
type searchName struct {
	name, kind string
	section    int // index into the page's sections, then into the book's
	id         string
}

// pageSearch is what one page contributes to the index; it is collected
// while the page renders.
type pageSearch struct {
	sections []*searchSection
	names    []searchName
}

// stopWords are left out of the index: they occur everywhere.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an and are as at be been but by can do does for from had has have
		he her his how if in into is it its it's of on or our she so than that the their them then there
		these they this those to was we were what when where which while who why will with would you your
		not no yes all any each one two also just more most only other same such very own us`) {
		m[w] = true
	}
	return m
}()

// words appends the index words of text to ws.
func words(ws []string, text string) []string {
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len([]rune(f)) < 2 || stopWords[f] || strings.IndexFunc(f, unicode.IsLetter) < 0 {
			continue
		}
		ws = append(ws, f)
	}
	return ws
}

// collectSearch splits page p into sections and gathers their words, and
// the page's chunks and Go identifiers.
func (w *weaver) collectSearch(p *page) *pageSearch {
	ps := &pageSearch{}
	doc := p.Doc
	sectionOf := map[*lit.Block]int{}
	cur := &searchSection{id: p.id, heading: p.Title}
	ps.sections = append(ps.sections, cur)
	_ = mdast.Walk(doc.Root, func(n mdast.Node, entering bool) (mdast.WalkStatus, error) {
		if !entering {
			return mdast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *mdast.Heading:
			title := lit.PlainText(n, doc.Source)
			if n == p.title {
				cur.id = p.hids[n]
				cur.words = words(cur.words, title)
				return mdast.WalkSkipChildren, nil
			}
			cur = &searchSection{id: p.hids[n], heading: title, words: words(nil, title)}
			ps.sections = append(ps.sections, cur)
			return mdast.WalkSkipChildren, nil
		case *mdast.FencedCodeBlock:
			if b := doc.Block(n); b != nil {
				sectionOf[b] = len(ps.sections) - 1
			}
			return mdast.WalkSkipChildren, nil
		case *mdast.Paragraph, *mdast.TextBlock, *east.TableCell:
			if _, isPara := n.(*mdast.Paragraph); isPara && cur.teaser == "" {
				cur.teaser = teaser(lit.PlainText(n, doc.Source))
			}
			cur.words = words(cur.words, proseText(n, doc.Source))
			return mdast.WalkSkipChildren, nil
		case *mdast.CodeBlock, *mdast.HTMLBlock, *lit.MathBlock:
			return mdast.WalkSkipChildren, nil
		}
		return mdast.WalkContinue, nil
	})
	for _, ch := range doc.Index.Chunks {
		b := ch.Pieces[0]
		kind := "k"
		if ch.File {
			kind = "F"
		}
		ps.names = append(ps.names, searchName{name: ch.Name, kind: kind, section: sectionOf[b], id: p.bids[b]})
	}
	for _, f := range p.gen {
		ps.names = append(ps.names, w.goNames(p, f, sectionOf)...)
	}
	// A section is listed once under each of its words.
	for _, sec := range ps.sections {
		slices.Sort(sec.words)
		sec.words = slices.Clip(slices.Compact(sec.words))
	}
	return ps
}

// proseText returns the words of an inline container, for the index:
// its text without markup, code spans included, formulas left out.
func proseText(n mdast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n mdast.Node)
	walk = func(n mdast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *mdast.Text:
				b.Write(c.Segment.Value(src))
				b.WriteByte(' ')
			case *mdast.String:
				b.Write(c.Value)
			case *lit.Math:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// teaser shortens the text of a paragraph to teaserLen runes, at a word.
func teaser(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	r := []rune(t)
	if len(r) <= teaserLen {
		return t
	}
	cut := string(r[:teaserLen])
	if i := strings.LastIndexByte(cut, ' '); i > teaserLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;:.") + "…"
}

// goNames lists the top-level declarations of generated file f, each with
// the block of p that defines it, found through tangle's line map: funcs,
// methods as Type.Method (the receiver's type without its type
// parameters: Pair.First for func (p Pair[A, B]) First()), types, vars
// and consts, in file order. It reads the file with go/parser.
func (w *weaver) goNames(p *page, f *tangle.File, sectionOf map[*lit.Block]int) []searchName {
	if f.Name == tangle.ExpectErrorFile {
		return nil
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, f.Name, f.Data, parser.SkipObjectResolution)
	if err != nil {
		return nil // tangle wrote it through go/format: not reached
	}
	var names []searchName
	add := func(id *ast.Ident, prefix, kind string) {
		if id == nil || id.Name == "_" || id.Name == "init" || id.Name == "main" {
			return
		}
		if b := w.blockAtGenLine(p, f, fset.PositionFor(id.Pos(), false).Line); b != nil {
			names = append(names, searchName{name: prefix + id.Name, kind: kind, section: sectionOf[b], id: p.bids[b]})
		}
	}
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				add(d.Name, "", "f")
			} else if typ := receiverType(d.Recv); typ != "" {
				add(d.Name, typ+".", "m")
			}
		case *ast.GenDecl:
			kind := map[token.Token]string{token.TYPE: "t", token.VAR: "v", token.CONST: "c"}[d.Tok]
			if kind == "" {
				continue // imports
			}
			for _, spec := range d.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					add(spec.Name, "", kind)
				case *ast.ValueSpec:
					for _, id := range spec.Names {
						add(id, "", kind)
					}
				}
			}
		}
	}
	return names
}

// receiverType returns the name of the type of a method's receiver,
// without pointer or type parameters, or "".
func receiverType(recv *ast.FieldList) string {
	if len(recv.List) == 0 {
		return ""
	}
	t := recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.ParenExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// sharedPrefix returns the length, in bytes and in UTF-16 code units, of
// the longest common prefix of a and b, at most 35 units long.
func sharedPrefix(a, b string) (bytes, units int) {
	for bytes < len(a) && bytes < len(b) {
		ra, n := utf8.DecodeRuneInString(a[bytes:])
		rb, _ := utf8.DecodeRuneInString(b[bytes:])
		u := utf16.RuneLen(ra)
		if ra != rb || units+u > 35 {
			break
		}
		bytes += n
		units += u
	}
	return bytes, units
}

// searchIndex writes search-index.js from what the pages collected, in
// manifest order; without the teasers if the index would be too big
// with them.
func (w *weaver) searchIndex(pages []*pageSearch) []byte {
	var (
		ps       [][]string
		sections []*searchSection
		secPage  []int
		names    [][]any
		postings = map[string][]int{}
	)
	for i, p := range w.pages {
		ps = append(ps, []string{p.out, strings.TrimSuffix(p.Number, "."), p.Title, p.id})
		sp := pages[i]
		if sp == nil {
			continue
		}
		base := len(sections)
		for _, s := range sp.sections {
			n := len(sections)
			sections = append(sections, s)
			secPage = append(secPage, i)
			for _, wd := range s.words {
				postings[wd] = append(postings[wd], n)
			}
		}
		for _, nm := range sp.names {
			names = append(names, []any{nm.name, nm.kind, base + nm.section, nm.id})
		}
	}
	keys := make([]string, 0, len(postings))
	for k := range postings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// The words, sorted, each written as the length of the prefix it
	// shares with the one before (one base-36 digit, counting UTF-16 code
	// units as JavaScript does), the rest of it, a
	// colon and its sections: "0compose:0,1;6ition:0,3".
	var wb strings.Builder
	prevWord := ""
	for i, k := range keys {
		if i > 0 {
			wb.WriteByte(';')
		}
		shared, units := sharedPrefix(prevWord, k)
		wb.WriteString(strconv.FormatInt(int64(units), 36) + k[shared:] + ":")
		prevWord = k
		prev := 0
		for j, n := range postings[k] {
			if j > 0 {
				wb.WriteByte(',')
			}
			wb.WriteString(strconv.FormatInt(int64(n-prev), 36))
			prev = n
		}
	}
	enc := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			panic("weave: search index: " + err.Error()) // plain values
		}
		return string(data)
	}
	encSections := func(teasers bool) string {
		rows := make([][]any, len(sections))
		for n, s := range sections {
			t := s.teaser
			if !teasers {
				t = ""
			}
			rows[n] = []any{secPage[n], s.id, s.heading, t}
		}
		return enc(rows)
	}
	head := "// The search index of the book, written by buildbook; book.js loads it.\n" +
		"window.bookSearchIndex={\"p\":" + enc(ps) + ",\n\"s\":"
	tail := ",\n\"n\":" + enc(names) + ",\n\"w\":" + enc(wb.String()) + "};\n"
	ix := head + encSections(true) + tail
	if len(ix) > maxSearchIndex {
		ix = head + encSections(false) + tail
	}
	return []byte(ix)
}
