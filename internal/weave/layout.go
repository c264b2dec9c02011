package weave

import (
	"bytes"
	"cmp"
	"embed"
	"html"
	"html/template"
	"path"
	"strings"

	"ctml/internal/manuscript"
)

//go:embed templates/*.html assets/book.css assets/palette.css assets/book.js assets/favicon.svg
var files embed.FS

var templates = template.Must(template.New("").ParseFS(files, "templates/*.html"))

// layoutData fills the templates; each template uses the fields it needs.
type layoutData struct {
	Root    string        // from the page to the site's root: "" or "../…"
	Title   string        // of the HTML document
	Book    string        // the book's title
	TOC     template.HTML // the table of contents
	Content template.HTML
	Prev    *navLink
	Next    *navLink
	Start   string      // index.html: the first page
	Pages   []printPage // print.html
	Source  *sourceData // source pages
	Meta    bookMeta
}

// bookMeta is what every page says about the book in its metadata.
type bookMeta struct {
	Lang        string // the lang of <html>
	Authors     string // "" if unknown
	Description string
}

// joinAuthors writes a list of authors as a phrase: "A", "A and B",
// "A, B and C".
func joinAuthors(authors []string) string {
	switch n := len(authors); n {
	case 0:
		return ""
	case 1:
		return authors[0]
	default:
		return strings.Join(authors[:n-1], ", ") + " and " + authors[n-1]
	}
}

// navLink is a link to the previous or next page.
type navLink struct {
	Href   string
	Number string
	Title  string
}

// printPage is one page on print.html.
type printPage struct {
	ID      string
	Content template.HTML
}

// execute runs template name; the templates are fixed, so an error is a
// broken invariant.
func (w *weaver) execute(name string, d layoutData) []byte {
	size := len(d.Content) + len(d.TOC) + 4096
	for _, pg := range d.Pages {
		size += len(pg.Content) + 64
	}
	var b bytes.Buffer
	b.Grow(size)
	d.Meta = w.meta
	if err := templates.ExecuteTemplate(&b, name, d); err != nil {
		panic("weave: template " + name + ": " + err.Error())
	}
	return b.Bytes()
}

// chapterPage lays out the content of page p.
func (w *weaver) chapterPage(p *page, content []byte) []byte {
	d := layoutData{
		Root:    rootOf(p.out),
		Title:   cmp.Or(p.HTMLTitle, p.Title+" · "+w.title),
		Book:    w.title,
		TOC:     w.pageTOC(p),
		Content: template.HTML(content),
	}
	link := func(q *page) *navLink {
		return &navLink{Href: href(p.out, q.out, ""), Number: q.Number, Title: q.Title}
	}
	if i := p.Index; i > 0 {
		d.Prev = link(w.pages[i-1])
	}
	if i := p.Index; i+1 < len(w.pages) {
		d.Next = link(w.pages[i+1])
	}
	return w.execute("page", d)
}

// index renders index.html.
func (w *weaver) index() []byte {
	d := layoutData{Title: w.title, Book: w.title, TOC: w.toc("index.html", nil)}
	if len(w.pages) > 0 {
		d.Start = href("index.html", w.pages[0].out, "")
	}
	return w.execute("index", d)
}

// printPage renders print.html from the pages' contents.
func (w *weaver) printPage(pages []printPage) []byte {
	return w.execute("print", layoutData{Title: w.title, Book: w.title, TOC: w.toc("print.html", nil), Pages: pages})
}

// pageTOC is toc(p.out, p): the table of contents of the pages in p's
// directory, rendered once, with p's link marked and p's sections listed
// under it.
func (w *weaver) pageTOC(p *page) template.HTML {
	dir := path.Dir(p.out)
	w.tocMu.Lock()
	toc, ok := w.tocs[dir]
	if !ok {
		toc = string(w.toc(p.out, nil))
		if w.tocs == nil {
			w.tocs = map[string]string{}
		}
		w.tocs[dir] = toc
	}
	w.tocMu.Unlock()
	link := `<a href="` + html.EscapeString(href(p.out, p.out, "")) + `"`
	i := strings.Index(toc, link+">")
	if i < 0 {
		return template.HTML(toc)
	}
	j := i + strings.Index(toc[i:], "</a>") + len("</a>")
	marked := link + ` aria-current="page">` + toc[i+len(link)+1:j]
	return template.HTML(toc[:i] + marked + sectionList(p) + toc[j:])
}

// toc renders the table of contents as seen from output file from, with
// page current marked and its sections listed under it (sectionList). On
// print.html its links lead to the pages' anchors.
func (w *weaver) toc(from string, current *page) template.HTML {
	var b strings.Builder
	var list func(items []*manuscript.Item, class string)
	list = func(items []*manuscript.Item, class string) {
		b.WriteString(`<ol class="` + class + `">` + "\n")
		for _, it := range items {
			num := ""
			if it.Number != "" {
				num = `<span class="toc-num">` + html.EscapeString(it.Number) + "</span> "
			}
			title := html.EscapeString(it.Title)
			switch {
			case it.Kind == manuscript.Part:
				b.WriteString(`<li class="toc-part">` + title)
			case it.Kind == manuscript.Separator:
				b.WriteString(`<li class="toc-sep" aria-hidden="true">`)
			case it.Page == nil:
				b.WriteString(`<li class="toc-draft" title="not written yet">` + num + title)
			default:
				p := w.byPath[it.Page.Path]
				u := href(from, p.out, "")
				if from == "print.html" {
					u = "#" + p.id
				}
				b.WriteString(`<li><a href="` + html.EscapeString(u) + `"`)
				if p == current {
					b.WriteString(` aria-current="page"`)
				}
				b.WriteString(">" + num + title + "</a>")
				if p == current {
					b.WriteString(sectionList(p))
				}
			}
			if len(it.Children) > 0 {
				b.WriteString("\n")
				list(it.Children, "toc-sub")
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ol>\n")
	}
	list(w.bk.Items, "toc")
	return template.HTML(b.String())
}
