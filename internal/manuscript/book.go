package manuscript

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"

	"ctml/internal/disk"
	"ctml/internal/lit"
)

// Book is a manuscript: its manifest and its pages.
type Book struct {
	Dir   string  // the manuscript directory as shown in messages, e.g. "book"
	Title string  // from the manifest's first heading; "" if it has none
	Items []*Item // the table of contents, top level
	Pages []*Page // every page that is built, in manifest order
}

// Kind says what an Item is.
type Kind int

const (
	Chapter   Kind = iota // a page, numbered or not, or a draft
	Part                  // a part heading
	Separator             // a horizontal rule
)

// Item is one entry of the table of contents.
type Item struct {
	Kind     Kind
	Title    string
	Number   string // "1.", "1.2."; "" for unnumbered pages, parts and separators
	Page     *Page  // nil for parts, separators and drafts
	Children []*Item
	Pos      lit.Pos // in SUMMARY.md
}

// Page is one Markdown page of the book.
type Page struct {
	Path   string // relative to the manuscript directory, slash-separated, e.g. "01-objects.md"
	Slug   string // Path without ".md", e.g. "01-objects"
	Title  string // as given in the manifest
	Number string // "1.", "" if unnumbered
	Doc    *lit.Document
	Index  int   // place in Book.Pages
	Item   *Item // its table of contents entry
}

// Load reads SUMMARY.md and every page it lists from fsys, which is rooted
// at the manuscript directory; dir is that directory as shown in messages.
// Pages are parsed concurrently. Load returns every error it finds.
func Load(fsys fs.FS, dir string) (*Book, lit.ErrorList) {
	b := &Book{Dir: dir}
	var errs lit.ErrorList
	sumPath := path.Join(dir, "SUMMARY.md")
	src, err := fs.ReadFile(fsys, "SUMMARY.md")
	if err != nil {
		errs.Add(lit.Pos{File: sumPath}, "cannot read the book's table of contents: %v", disk.Reason(err))
		return b, errs
	}
	doc, perrs := lit.ParseManifest(sumPath, src)
	errs = append(errs, perrs...)
	p := &summaryParser{book: b, doc: doc, errs: &errs, seen: map[string]lit.Pos{}}
	p.parse()
	p.checkMath()
	// A book of no page would leave the tools nothing to write, and they
	// would empty chapters/ and _book/ to match.
	switch {
	case len(bytes.TrimSpace(doc.Source)) == 0:
		errs.Add(lit.Pos{File: sumPath, Line: 1, Col: 1}, "SUMMARY.md is empty: list the book's pages in it, as in - [Title](file.md)")
	case len(b.Pages) == 0 && len(errs) == 0:
		errs.Add(lit.Pos{File: sumPath, Line: 1, Col: 1}, "SUMMARY.md lists no page: list the book's pages in it, as in - [Title](file.md)")
	}

	docs := make([]*lit.Document, len(b.Pages))
	perr := make([]lit.ErrorList, len(b.Pages))
	var wg sync.WaitGroup
	for i, pg := range b.Pages {
		wg.Go(func() {
			src, err := fs.ReadFile(fsys, pg.Path)
			if err != nil {
				perr[i].Add(pg.Item.Pos, "%s: %v", pg.Path, disk.Reason(err))
				return
			}
			docs[i], perr[i] = lit.Parse(path.Join(dir, pg.Path), src)
		})
	}
	wg.Wait()
	for i, pg := range b.Pages {
		pg.Doc = docs[i]
		errs = append(errs, perr[i]...)
	}
	errs.Sort()
	return b, errs
}

type summaryParser struct {
	book  *Book
	doc   *lit.Document
	errs  *lit.ErrorList
	seen  map[string]lit.Pos // page path -> where it is listed
	state int                // 0 prefix, 1 numbered, 2 suffix
	// top-level numbered chapters so far: numbers continue across parts
	chapters int
}

func (p *summaryParser) pos(n ast.Node) lit.Pos {
	if n.Pos() >= 0 {
		return p.doc.Position(n.Pos())
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return p.doc.Position(n.Lines().At(0).Start)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if pos := p.pos(c); pos.Line > 0 {
			return pos
		}
	}
	return lit.Pos{File: p.doc.Path}
}

func (p *summaryParser) parse() {
	src := p.doc.Source
	for n := p.doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			title := lit.PlainText(n, src)
			if n.Level == 1 && p.book.Title == "" && len(p.book.Items) == 0 {
				p.book.Title = title
				continue
			}
			if n.Level != 1 {
				p.errs.Add(p.pos(n), "a part title is a level-1 heading (# %s)", title)
			}
			p.book.Items = append(p.book.Items, &Item{Kind: Part, Title: title, Pos: p.pos(n)})
		case *ast.Paragraph:
			if p.state == 1 {
				p.state = 2
			}
			p.links(n)
		case *ast.List:
			if p.state == 2 {
				p.errs.Add(p.pos(n), "numbered chapter after a suffix chapter: unnumbered pages go before or after all numbered ones")
			}
			p.state = 1
			if n.IsOrdered() {
				p.errs.Add(p.pos(n), "numbered chapters are a bulleted list (- [Title](file.md)); the numbers are computed")
			}
			p.book.Items = append(p.book.Items, p.list(n, "", &p.chapters)...)
		case *ast.ThematicBreak:
			p.book.Items = append(p.book.Items, &Item{Kind: Separator, Pos: p.pos(n)})
		case *ast.HTMLBlock:
			// Comments and other raw HTML are ignored, as mdBook does.
		default:
			p.errs.Add(p.pos(n), "unexpected %s in SUMMARY.md: it holds a title, links, lists of links, part headings and ---", kindName(n))
		}
	}
}

// checkMath parses every formula of the table of contents, which titles
// the pages and the book: an error is reported at its position, as in a
// page, instead of raw TeX reaching the reader.
func (p *summaryParser) checkMath() {
	*p.errs = append(*p.errs, p.doc.ParseMath(nil)...)
}

// links reads a paragraph of unnumbered page links.
func (p *summaryParser) links(par ast.Node) {
	var stray strings.Builder
	for c := par.FirstChild(); c != nil; c = c.NextSibling() {
		if link, ok := c.(*ast.Link); ok {
			if it := p.item(link, ""); it != nil {
				p.book.Items = append(p.book.Items, it)
			}
			continue
		}
		stray.WriteString(lit.NodeText(c, p.doc.Source))
	}
	if s := strings.TrimSpace(stray.String()); s != "" {
		p.errs.Add(p.pos(par), "unexpected text %q in SUMMARY.md: unnumbered pages are written [Title](file.md)", s)
	}
}

// list reads a bulleted list of numbered chapters; prefix is the parent's
// number.
// prefix is the parent's number and num counts the items numbered so far
// at this level: top-level numbers continue across parts, as in mdBook.
func (p *summaryParser) list(l *ast.List, prefix string, num *int) []*Item {
	var items []*Item
	for li := l.FirstChild(); li != nil; li = li.NextSibling() {
		var it *Item
		for c := li.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				link, ok := c.FirstChild().(*ast.Link)
				if !ok || link.NextSibling() != nil || it != nil {
					p.errs.Add(p.pos(c), "a list item in SUMMARY.md holds one link: - [Title](file.md)")
					continue
				}
				*num++
				it = p.item(link, fmt.Sprintf("%s%d.", prefix, *num))
			case *ast.List:
				if it == nil {
					p.errs.Add(p.pos(c), "nested list without a parent chapter")
					continue
				}
				sub := 0
				it.Children = append(it.Children, p.list(c, it.Number, &sub)...)
			default:
				p.errs.Add(p.pos(c), "unexpected %s in a SUMMARY.md list item", kindName(c))
			}
		}
		if it != nil {
			items = append(items, it)
		}
	}
	return items
}

// item makes the Item and Page of a link; number is "" for unnumbered pages.
func (p *summaryParser) item(link *ast.Link, number string) *Item {
	it := &Item{Kind: Chapter, Title: lit.PlainText(link, p.doc.Source), Number: number, Pos: p.pos(link)}
	dest := string(link.Destination)
	if it.Title == "" {
		p.errs.Add(it.Pos, "the entry for %s has no title: - [Title](%s)", cmp.Or(dest, "a draft"), dest)
	}
	if dest == "" {
		return it // a draft chapter
	}
	u, err := url.PathUnescape(dest)
	if err != nil {
		u = dest
	}
	clean := path.Clean(u)
	switch {
	case strings.Contains(dest, "://") || strings.HasPrefix(dest, "#") || strings.Contains(dest, "?"):
		p.errs.Add(it.Pos, "%s: a page of the book is a local .md file", dest)
		return nil
	case path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../"):
		p.errs.Add(it.Pos, "%s is outside the book directory", dest)
		return nil
	case !strings.HasSuffix(clean, ".md"):
		p.errs.Add(it.Pos, "%s: a page of the book is a .md file", dest)
		return nil
	case clean == "SUMMARY.md":
		p.errs.Add(it.Pos, "SUMMARY.md cannot list itself")
		return nil
	}
	if first, dup := p.seen[clean]; dup {
		p.errs.Add(it.Pos, "%s is listed twice (first at line %d)", clean, first.Line)
		return nil
	}
	p.seen[clean] = it.Pos
	pg := &Page{
		Path:   clean,
		Slug:   strings.TrimSuffix(clean, ".md"),
		Title:  it.Title,
		Number: number,
		Index:  len(p.book.Pages),
		Item:   it,
	}
	it.Page = pg
	p.book.Pages = append(p.book.Pages, pg)
	return it
}

func kindName(n ast.Node) string {
	switch n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return "code block"
	case *ast.Blockquote:
		return "block quote"
	case *ast.Heading:
		return "heading"
	}
	return strings.ToLower(n.Kind().String())
}
