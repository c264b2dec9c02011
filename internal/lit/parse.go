package lit

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Document is one parsed Markdown page.
type Document struct {
	Path   string   // as shown in messages, e.g. "book/01-objects.md"
	Source []byte   // the Markdown, as read
	Root   ast.Node // goldmark's syntax tree
	Blocks []*Block // every fenced code block, in document order
	Index  *Index   // the chunks defined and used by the go blocks

	byNode     map[ast.Node]*Block
	lineStarts []int    // byte offset of the start of each line
	code       []string // by line number: the text of a line of a code block
	isCode     []bool   // by line number: whether it is one
}

// Block is one fenced code block. The attribute fields are set only for
// go blocks.
type Block struct {
	Doc  *Document
	Node *ast.FencedCodeBlock
	Lang string // the first word of the info string
	Info string // the whole info string
	Pos  Pos    // of the opening fence
	End  Pos    // of the closing fence; End.Line == 0 if there is none

	File        string         // file=, cleaned; "" if absent
	Name        string         // name=
	Hide        bool           // hide
	Skip        string         // skip="reason"
	ExpectError *regexp.Regexp // expect-error="regexp"
	Exercise    string         // exercise=ID; on an expect-error block, a compile-fail exercise
	Hint        string         // hint="…", on an exercise's solution
	Level       string         // level=core or level=stretch, on an exercise's solution
	Tests       string         // tests=ID: the block holds exercise ID's tests

	Lines []Line

	// Attrs are the attributes of a block other than a go block, as
	// written, for the tool that handles its kind (tikzcd figures), which
	// checks them with CheckAttrs; a go block's attributes are checked and
	// kept in the fields above.
	Attrs []Attr

	// Set by the index for tangled blocks: the chunk the block belongs to
	// and its 0-based place among that chunk's pieces.
	Chunk *Chunk
	Piece int

	attrPos map[string]Pos
}

// Line is one line of a code block.
type Line struct {
	Text   string // without the line ending
	Pos    Pos    // of the first byte of Text
	Ref    string // if the line is a reference <<Ref>>, the chunk name
	Indent string // for a reference, the white space before "<<"
}

// IsGo reports whether b is a go block.
func (b *Block) IsGo() bool { return b.Lang == "go" }

// Tangled reports whether b contributes code that is compiled: a file,
// a named chunk or an expected compile error.
func (b *Block) Tangled() bool {
	return b.IsGo() && (b.File != "" || b.Name != "" || b.ExpectError != nil)
}

// HasKind reports whether go block b says what it is: a file, a named
// chunk, a skipped sketch or an expected compile error. Tangle requires
// it of every go block; a book that is not tangled may have plain ones.
func (b *Block) HasKind() bool { return b.Tangled() || b.Skip != "" }

// AttrPos returns the position of attribute key, or the block's position if
// the block does not have that attribute.
func (b *Block) AttrPos(key string) Pos {
	if p, ok := b.attrPos[key]; ok {
		return p
	}
	return b.Pos
}

// Block returns the Block of a fenced code block node of d, or nil.
func (d *Document) Block(n ast.Node) *Block { return d.byNode[n] }

// Position converts a byte offset in d.Source into a Pos.
func (d *Document) Position(offset int) Pos {
	i := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{File: d.Path, Line: i + 1, Col: offset - d.lineStarts[i] + 1}
}

// CodeLine returns the text of source line n if it is a line of a code
// block.
func (d *Document) CodeLine(n int) (string, bool) {
	if n < 0 || n >= len(d.code) || !d.isCode[n] {
		return "", false
	}
	return d.code[n], true
}

// Markdown returns a goldmark configured with the book's dialect: GitHub
// Flavored Markdown, footnotes, typographic punctuation, heading IDs,
// heading attributes, and formulas in dollar signs (see Math and
// MathBlock, added by MathExtension; they render as their TeX unless a
// renderer does better), and answers folded in ::: answer … ::: (see
// Answer, rendered as a <details> element). The parser of every returned
// value is the one Parse uses, so callers may add renderers and render
// Parse's trees with it.
func Markdown(footnote ...extension.FootnoteOption) goldmark.Markdown {
	return markdown([]goldmark.Extender{extension.GFM}, footnote...)
}

// markdown is Markdown with gfm in place of GitHub Flavored Markdown.
func markdown(gfm []goldmark.Extender, footnote ...extension.FootnoteOption) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(append(gfm,
			extension.NewFootnote(footnote...),
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography)),
			MathExtension,
		)...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithBlockParsers(
				util.Prioritized(fence{parser.NewFencedCodeBlockParser()}, 699),
				util.Prioritized(answerBlock{}, 698),
			),
		),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(answerHTML{}, 500))),
	)
}

// typography is what the typographer writes for each punctuation: the
// characters themselves, not goldmark's entities (&rsquo; and the like),
// which are twice to three times their size in UTF-8 and in a book's
// prose add up.
var typography = map[extension.TypographicPunctuation]string{
	extension.LeftSingleQuote:  "‘",
	extension.RightSingleQuote: "’",
	extension.LeftDoubleQuote:  "“",
	extension.RightDoubleQuote: "”",
	extension.EnDash:           "–",
	extension.EmDash:           "—",
	extension.Ellipsis:         "…",
	extension.LeftAngleQuote:   "«",
	extension.RightAngleQuote:  "»",
	extension.Apostrophe:       "’",
}

var mdParser = Markdown().Parser()

// manifestParser is mdParser without GitHub's task lists, for tables of
// contents, where "- [x](page.md)" is a link titled x.
var manifestParser = markdown([]goldmark.Extender{extension.Linkify, extension.Table, extension.Strikethrough}).Parser()

// fence wraps goldmark's fenced code block parser to record which fences
// were closed: CommonMark lets an unclosed fence run to the end of its
// container, silently swallowing the rest of a chapter, and we report it.
type fence struct{ parser.BlockParser }

var closedKey = parser.NewContextKey()

func (f fence) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	_, seg := reader.PeekLine()
	st := f.BlockParser.Continue(node, reader, pc)
	if st == parser.Close {
		pc.Get(closedKey).(map[ast.Node]int)[node] = seg.Start
	}
	return st
}

// Parse parses one Markdown page. It returns the document even when there
// are errors, so that callers can report everything at once.
//
// The page is UTF-8 text: a byte order mark at its start is dropped (as
// Go's compiler and Hugo do; Document.Source and the columns of line 1
// start after it), and the first byte that is not UTF-8 is an error.
func Parse(path string, src []byte) (*Document, ErrorList) {
	return parse(mdParser, path, src)
}

// ParseManifest parses a table of contents (SUMMARY.md) as Parse does,
// except that a list item starting with [x], [X] or [ ] is a link, not a
// GitHub task-list box: "- [x](page.md)" is the page titled x.
func ParseManifest(path string, src []byte) (*Document, ErrorList) {
	return parse(manifestParser, path, src)
}

// bom is the UTF-8 encoding of U+FEFF, the byte order mark.
const bom = "\ufeff"

func parse(mp parser.Parser, path string, src []byte) (*Document, ErrorList) {
	src = bytes.TrimPrefix(src, []byte(bom))
	d := &Document{Path: path, Source: src, byNode: map[ast.Node]*Block{}}
	d.lineStarts = append(d.lineStarts, 0)
	for i, c := range src {
		if c == '\n' {
			d.lineStarts = append(d.lineStarts, i+1)
		}
	}
	d.code, d.isCode = make([]string, len(d.lineStarts)+1), make([]bool, len(d.lineStarts)+1)
	var errs ErrorList
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n == 1 {
				errs.Add(d.Position(i), "invalid UTF-8 (byte 0x%02x): the book's files are UTF-8 text", src[i])
				break
			}
			i += n
		}
	}
	pc := parser.NewContext()
	closed := map[ast.Node]int{}
	pc.Set(closedKey, closed)
	d.Root = mp.Parse(text.NewReader(src), parser.WithContext(pc))

	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			b := d.newBlock(n, closed, &errs)
			d.Blocks = append(d.Blocks, b)
			d.byNode[n] = b
		case *MathBlock:
			if !n.Closed {
				errs.Add(d.Position(n.Lines().At(0).Start-2), "unterminated display math: end the formula with $$ (a formula cannot span a blank line)")
			}
		case *Answer:
			if !n.Closed {
				errs.Add(d.Position(n.Start), "unterminated answer: end it with a line holding only :::")
			}
		}
		return ast.WalkContinue, nil
	})
	d.attachHints(&errs)
	d.Index = newIndex(d.Blocks)
	return d, errs
}

// HintLang is the language of a hint block: the fenced block right after
// an exercise's solution, whose text is the exercise's hint. Unlike the
// hint= attribute it may span lines and hold `code spans`, which an info
// string cannot.
const HintLang = "hint"

// attachHints gives each hint block's text to the exercise whose solution
// is the fenced block just before it.
func (d *Document) attachHints(errs *ErrorList) {
	for i, b := range d.Blocks {
		if b.Lang != HintLang {
			continue
		}
		if len(b.Attrs) > 0 {
			errs.Add(b.Attrs[0].Pos, "a hint block takes no attributes")
		}
		var prev *Block
		if i > 0 {
			prev = d.Blocks[i-1]
		}
		switch {
		case prev == nil || !prev.IsGo() || prev.Exercise == "":
			errs.Add(b.Pos, "a hint block must come right after an exercise's solution (a go block with exercise=)")
			continue
		case prev.Hint != "":
			errs.Add(b.Pos, "exercise %s has a hint already (hint= at %s)", prev.Exercise, prev.AttrPos("hint"))
			continue
		}
		var lines []string
		for _, ln := range b.Lines {
			lines = append(lines, ln.Text)
		}
		prev.Hint = strings.TrimSpace(strings.Join(lines, "\n"))
		if prev.Hint == "" {
			errs.Add(b.Pos, "empty hint block")
		}
	}
}

func (d *Document) newBlock(n *ast.FencedCodeBlock, closed map[ast.Node]int, errs *ErrorList) *Block {
	b := &Block{Doc: d, Node: n, Pos: d.Position(max(n.Pos(), 0)), attrPos: map[string]Pos{}}
	if end, ok := closed[n]; ok {
		b.End = d.Position(end)
	}
	lines := n.Lines()
	b.Lines = make([]Line, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		t := string(seg.Value(d.Source))
		t = strings.TrimSuffix(t, "\n")
		t = strings.TrimSuffix(t, "\r")
		ln := Line{Text: t, Pos: d.Position(seg.Start)}
		if seg.Padding > 0 {
			ln.Pos.Col -= seg.Padding
		}
		b.Lines = append(b.Lines, ln)
		if l := ln.Pos.Line; l > 0 && l < len(d.code) {
			d.code[l], d.isCode[l] = t, true
		}
	}
	if n.Info != nil {
		seg := n.Info.Segment
		b.Info = string(seg.Value(d.Source))
		var attrs []Attr
		b.Lang, attrs = parseInfo(b.Info, d.Position(seg.Start), errs)
		if b.IsGo() {
			b.applyAttrs(attrs, errs)
		} else {
			b.Attrs = attrs
		}
	}
	if b.End.Line == 0 {
		errs.Add(b.Pos, "unterminated code fence: add a closing %s line", fenceOf(d.Source[max(n.Pos(), 0):]))
	}
	if b.IsGo() && b.Skip == "" {
		for i := range b.Lines {
			ln := &b.Lines[i]
			indent, name, ok, looks := ParseRef(ln.Text)
			switch {
			case ok:
				ln.Ref, ln.Indent = name, indent
			case looks:
				errs.Add(ln.Pos, "invalid chunk reference %s: a chunk name is words of letters, digits, '_', '.' and '-' separated by single spaces", strings.TrimSpace(ln.Text))
			}
		}
	}
	return b
}

// fenceOf returns the fence characters that start s.
func fenceOf(s []byte) string {
	i := 0
	for i < len(s) && (s[i] == '`' || s[i] == '~') && s[i] == s[0] {
		i++
	}
	if i < 3 {
		return "```"
	}
	return string(s[:i])
}

// ParseRef reports whether line is a chunk reference: a line holding only
// <<name>>, possibly indented. looks reports whether the line has the shape
// of a reference (<<…>> alone) even if the name is not valid.
func ParseRef(line string) (indent, name string, ok, looks bool) {
	t := strings.TrimRight(line, " \t")
	body := strings.TrimLeft(t, " \t")
	if !strings.HasPrefix(body, "<<") || !strings.HasSuffix(body, ">>") || len(body) < 4 {
		return "", "", false, false
	}
	name = body[2 : len(body)-2]
	if !ValidName(name) {
		return "", "", false, true
	}
	return t[:len(t)-len(body)], name, true, true
}
