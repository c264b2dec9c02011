package weave

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"

	"ctml/internal/lit"
	"ctml/internal/manuscript"
	"ctml/internal/memo"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
)

// Options configures Build.
type Options struct {
	// Title overrides the book's title from SUMMARY.md.
	Title string

	// Exclude is a directory inside the manuscript directory, relative to
	// it and slash-separated, whose files are not copied into the site:
	// the output directory, when it lies inside the manuscript.
	Exclude string

	// Run runs the main package in directory pkg (as tangle wrote it, such
	// as chapters/05-training/lossplot) and returns what it printed: the
	// SVG of a figure written ![alt](run:lossplot). Without it, figures
	// are not drawn (tests and benchmarks of the weave itself).
	Run func(pkg string) ([]byte, error)

	// Tests are the results of go test -json over the generated packages,
	// shown in the chapters; nil if the tests were not run.
	Tests *testrun.Results

	// Diagrams is the directory of figure files that tikzcd blocks name
	// with src=diagrams/NAME.tikzcd; nil if there is none. DiagramsPath
	// is its path in messages ("diagrams" when empty).
	Diagrams     fs.FS
	DiagramsPath string

	// Authors, Language and Description describe the book in its pages'
	// metadata (from mdBook's book.toml): the authors also under the
	// title on index.html, the language as the pages' lang ("en" if
	// empty).
	Authors     []string
	Language    string
	Description string

	// Memo keeps what a Build computed for the next one (buildbook
	// -serve); nil keeps nothing.
	Memo *Memo

	// Code keeps the code highlighted by chroma between runs; nil keeps
	// none.
	Code *CodeStore

	// NoTests says, in HTML, why there are no test results when Tests is
	// nil; the chapters show it after "Test status unknown: ". Empty, it
	// says that buildbook was told not to run go test.
	NoTests string
}

// Site is a rendered book: every file, in memory.
type Site struct {
	Files []*File // sorted by Path

	// Failed are the figures that the book's programs could not draw (a
	// program that does not compile, fails, runs too long or prints too
	// much), at their images' positions. The site shows each failure in
	// the figure's place, so it is complete and can be written, but the
	// build has failed.
	Failed lit.ErrorList
}

// File is one file of a site.
type File struct {
	Path string // slash-separated, relative to the site's root
	Data []byte
}

// weaver holds what every page needs to know about the others while the
// pages render.
type weaver struct {
	bk        *manuscript.Book
	out       *tangle.Output
	fsys      fs.FS
	title     string
	pages     []*page          // parallel to bk.Pages
	byPath    map[string]*page // by manuscript.Page.Path
	resources []string         // the manuscript's other files, sorted
	isRes     map[string]bool
	refused   map[string]bool // links that findResources refused, reported there
	gloss     *glossary       // nil if the book has no glossary page with terms
	tests     *testrun.Results
	diagrams  fs.FS
	diagPath  string
	figFailed map[string]string // figure file -> why it could not be drawn, set before the pages render
	meta      bookMeta
	noTests   string
	hlCache   *memo.Cache[[]string] // nil without Options.Memo
	codeStore *CodeStore
	tocMu     sync.Mutex
	tocs      map[string]string // the table of contents by directory of the page, none marked
	figThemed map[string]bool   // figure file -> whether it has colours of its own for dark mode
}

// page is a book page with the ids and files the weave gives it.
type page struct {
	*manuscript.Page
	id       string                  // anchor of the page on print.html
	out      string                  // output path: slug + ".html"
	title    *ast.Heading            // the page's leading level-1 heading, if any
	headings map[string]string       // goldmark's heading id -> book-wide id
	anchors  []string                // goldmark's heading ids, for suggestions
	hids     map[*ast.Heading]string // heading -> book-wide id
	bids     map[*lit.Block]string   // go block -> id
	fids     map[*lit.Block]string   // tikzcd block -> id of its figure
	gen      []*tangle.File          // files generated from the page, by path
	genFile  map[string]*tangle.File // by file= name
}

// Build renders bk, which must have loaded without errors, and out, the
// tangled Go files of bk; out may come from a tangle that reported errors,
// so that a build reports those of tangle and of the weave at once. fsys
// is the manuscript directory, from which the files other than Markdown
// (images) are copied. Build returns every error it finds, sorted; when
// there are any, the site is incomplete and must not be written. Figures
// that could not be drawn are not among them but in Site.Failed.
func Build(bk *manuscript.Book, out *tangle.Output, fsys fs.FS, opt Options) (*Site, lit.ErrorList) {
	w := &weaver{
		bk:        bk,
		out:       out,
		fsys:      fsys,
		title:     cmp.Or(opt.Title, bk.Title, "Untitled"),
		tests:     opt.Tests,
		diagrams:  opt.Diagrams,
		diagPath:  cmp.Or(opt.DiagramsPath, "diagrams"),
		byPath:    map[string]*page{},
		isRes:     map[string]bool{},
		refused:   map[string]bool{},
		meta:      bookMeta{Lang: cmp.Or(opt.Language, "en"), Authors: joinAuthors(opt.Authors), Description: opt.Description},
		noTests:   cmp.Or(opt.NoTests, `built without running <code>go test</code> (<code>buildbook -tests=off</code>)`),
		codeStore: opt.Code,
	}
	if opt.Memo != nil {
		opt.Memo.code.Next()
		opt.Memo.pages.Next()
		w.hlCache = &opt.Memo.code
	}
	var errs lit.ErrorList
	errs = append(errs, w.findResources(opt.Exclude)...)
	w.assignIDs()
	var glossErrs lit.ErrorList
	w.gloss, glossErrs = w.readGlossary()
	errs = append(errs, glossErrs...)

	site := &siteBuilder{origin: map[string]lit.Pos{}}
	results, failed := w.renderPages(opt, site)

	site.add("index.html", w.index(), lit.Pos{})
	cssFile := site.add("book.css", nil, lit.Pos{}) // filled in below
	site.add("book.js", script(), lit.Pos{})
	site.add(searchScriptPath, searchScript(), lit.Pos{})
	site.add("favicon.svg", favicon(), lit.Pos{})
	printFile := site.add("print.html", nil, lit.Pos{}) // filled in below
	var printed []printPage
	var searched []*pageSearch
	math := false
	var runes, stretchy []rune
	for i, r := range results {
		math = math || r.math
		runes, stretchy = append(runes, r.runes...), append(stretchy, r.stretchy...)
		searched = append(searched, r.search)
		p := w.pages[i]
		errs = append(errs, r.errs...)
		site.add(p.out, r.html, p.Item.Pos)
		printed = append(printed, printPage{ID: p.id, Content: template.HTML(printIDs(r.print, p.id))})
		for _, f := range r.sources {
			site.add(f.Path, f.Data, p.Item.Pos)
		}
	}
	printFile.Data = w.printPage(printed)
	site.add(searchIndexPath, w.searchIndex(searched), lit.Pos{})
	cssFile.Data = stylesheet(math)
	if math {
		slices.Sort(runes)
		slices.Sort(stretchy)
		fonts, err := mathFont(opt.Memo, slices.Compact(runes), slices.Compact(stretchy))
		if err != nil {
			errs.Add(lit.Pos{}, "the math font: %v", err)
		}
		for _, f := range fonts {
			site.add(f.Path, f.Data, lit.Pos{})
		}
	}
	errs = append(errs, w.copyResources(site)...)
	errs = append(errs, site.errs...)
	slices.SortFunc(site.files, func(a, b *File) int { return cmp.Compare(a.Path, b.Path) })
	errs.Sort()
	failed.Sort()
	return &Site{Files: site.files, Failed: failed}, errs
}

// renderPages renders every page: first what every page needs before it
// renders, then the figures its programs draw (into site), then the
// pages, which show a figure that could not be drawn as the error in its
// place. It returns the pages' results, in order, and the figures that
// could not be drawn. With a Memo, the pages whose inputs did not change
// since the last Build are not rendered again.
func (w *weaver) renderPages(opt Options, site *siteBuilder) ([]*pageResult, lit.ErrorList) {
	results := make([]*pageResult, len(w.pages))
	keys := make([]string, len(w.pages))
	ctxKey := ""
	if opt.Memo != nil {
		ctxKey = w.contextKey(opt)
	}
	var wg sync.WaitGroup
	for i, p := range w.pages {
		if opt.Memo != nil {
			keys[i] = pageKey(ctxKey, p)
			if r, ok := opt.Memo.pages.Get(keys[i]); ok && keys[i] != "" {
				results[i] = r
				continue
			}
		}
		wg.Go(func() { results[i] = w.preparePage(p) })
	}
	wg.Wait()
	var figs []runFigure
	for _, r := range results {
		figs = append(figs, r.runFigs...)
	}
	failed := w.drawFigures(figs, opt.Run, site)
	figKey := w.figuresKey()
	for i, p := range w.pages {
		if r := results[i]; r.rendered {
			if r.figKey == figKey {
				continue // reused
			}
			results[i] = w.preparePage(p)
		}
		wg.Go(func() {
			r := results[i]
			w.renderPage(p, r)
			r.nr, r.gen, r.rendered, r.figKey = nil, nil, true, figKey
			if opt.Memo != nil && keys[i] != "" && len(r.errs) == 0 {
				opt.Memo.pages.Put(keys[i], r)
			}
		})
	}
	wg.Wait()
	return results, failed
}

// copyResources adds the manuscript's other files to the site, after
// checking the SVG and CSS ones for what they would fetch; an HTML or XML
// file is an error.
func (w *weaver) copyResources(site *siteBuilder) lit.ErrorList {
	var errs lit.ErrorList
	for _, name := range w.resources {
		pos := lit.Pos{File: path.Join(w.bk.Dir, name)}
		if activeDocument(name) {
			errs.Add(pos, "an HTML or XML file is not copied into the book: a browser would run it as a page of its own, unchecked (write the page in Markdown)")
			continue
		}
		data, err := fs.ReadFile(w.fsys, name)
		if err != nil {
			errs.Add(pos, "cannot read: %v", err)
			continue
		}
		var probs []markupProblem
		switch strings.ToLower(path.Ext(name)) {
		case ".svg":
			probs = checkSVG(data)
		case ".css":
			probs = checkCSS(data)
		}
		for _, pr := range probs {
			line, col := lineCol(data, pr.off)
			errs.Add(lit.Pos{File: pos.File, Line: line, Col: col}, "%s", pr.msg)
		}
		site.add(name, data, pos)
	}
	return errs
}

// siteBuilder collects the files of a site and reports two sources
// claiming one output path.
type siteBuilder struct {
	files  []*File
	origin map[string]lit.Pos
	errs   lit.ErrorList
}

// add adds a file made from the source at pos, or reports that another
// source claims its path; a zero pos means the file is one buildbook
// always writes.
func (s *siteBuilder) add(name string, data []byte, pos lit.Pos) *File {
	if prev, dup := s.origin[name]; dup {
		if prev.File == "" {
			s.errs.Add(pos, "this would be written to %s, which buildbook writes itself: rename it", name)
		} else {
			s.errs.Add(pos, "this would be written to %s, as would %s: rename one", name, prev)
		}
		return &File{}
	}
	s.origin[name] = pos
	f := &File{Path: name, Data: data}
	s.files = append(s.files, f)
	return f
}

// findResources lists the files of the manuscript that are copied: all
// but Markdown, hidden files and the excluded directory. A symbolic link
// to a file is one, if the file system lets it be read; one it refuses
// (manuscript.DirFS: the link leads outside the book) is an error.
func (w *weaver) findResources(exclude string) lit.ErrorList {
	var errs lit.ErrorList
	err := fs.WalkDir(w.fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || name == exclude {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".md") {
			return nil
		}
		regular := d.Type().IsRegular()
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := fs.Stat(w.fsys, name)
			if errors.Is(err, manuscript.ErrOutside) {
				errs.Add(lit.Pos{File: path.Join(w.bk.Dir, name)}, "%v", manuscript.ErrOutside)
				w.refused[name] = true
			}
			regular = err == nil && fi.Mode().IsRegular()
		}
		if regular {
			w.resources = append(w.resources, name)
			w.isRes[name] = true
		}
		return nil
	})
	if err != nil {
		errs.Add(lit.Pos{File: w.bk.Dir}, "%v", err)
	}
	return errs
}

// assignIDs gives every page an id unique across the book and every
// heading, go block and figure an id unique on its page, in page order:
// the first of two equal headings keeps the plain id, and a page's
// anchors do not change when another page changes. On print.html each
// page's ids are prefixed with the page's id (see printIDs).
func (w *weaver) assignIDs() {
	pageIDs := idSet{}
	gen := map[*manuscript.Page][]*tangle.File{}
	for _, f := range w.out.Files {
		gen[f.Page] = append(gen[f.Page], f)
	}
	for _, bp := range w.bk.Pages {
		p := &page{
			Page:     bp,
			id:       pageIDs.unique(idPart(bp.Slug)),
			out:      bp.Slug + ".html",
			headings: map[string]string{},
			hids:     map[*ast.Heading]string{},
			bids:     map[*lit.Block]string{},
			fids:     map[*lit.Block]string{},
			gen:      gen[bp],
			genFile:  map[string]*tangle.File{},
		}
		w.pages = append(w.pages, p)
		w.byPath[bp.Path] = p
		ids := layoutIDs()
		for _, f := range p.gen {
			p.genFile[f.Name] = f
		}
		if bp.Doc == nil {
			continue
		}
		_ = ast.Walk(bp.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			h, ok := n.(*ast.Heading)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			if p.title == nil && h.Level == 1 && h.PreviousSibling() == nil {
				p.title = h
			}
			var local string
			if v, ok := h.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					local = string(b)
				}
			}
			id := ids.unique(cmp.Or(local, "section"))
			p.hids[h] = id
			if local != "" {
				if _, dup := p.headings[local]; !dup {
					p.headings[local] = id
					p.anchors = append(p.anchors, local)
				}
			}
			return ast.WalkSkipChildren, nil
		})
		figure := 0
		for _, b := range bp.Doc.Blocks {
			if b.Lang == "tikzcd" {
				figure++
				p.fids[b] = ids.unique(fmt.Sprintf("figure-%d", figure))
				continue
			}
			if !b.IsGo() {
				continue
			}
			base := fmt.Sprintf("line-%d", b.Pos.Line)
			if b.Chunk != nil {
				base = fmt.Sprintf("%s-%d", idPart(b.Chunk.Name), b.Piece+1)
			}
			p.bids[b] = ids.unique(base)
		}
	}
}

// pageResult is a rendered page.
type pageResult struct {
	html    []byte  // the page
	print   []byte  // its content for print.html
	sources []*File // its source pages
	math    bool    // whether it has formulas
	// runes are the characters of its formulas, which the math font's
	// subset holds, and stretchy those of its operators that may stretch
	// (MathRunes); kept with the page in a Memo.
	runes, stretchy []rune
	search          *pageSearch
	runFigs         []runFigure // the figures its programs draw
	errs            lit.ErrorList

	nr  *nodeRenderer // between preparePage and renderPage
	gen map[*tangle.File]*genFile

	rendered bool   // renderPage is done: the result may be kept in a Memo
	figKey   string // the figures that could not be drawn when it was rendered
}

// preparePage does what page p needs before it renders: it resolves the
// links, typesets the formulas, draws the tikzcd figures and finds the
// figures that programs draw.
func (w *weaver) preparePage(p *page) *pageResult {
	r := &pageResult{}
	if p.Doc == nil {
		return r
	}
	if w.gloss != nil && p != w.gloss.page {
		w.gloss.linkTerms(p)
	}
	joinPunctuation(p.Doc)
	nr := newNodeRenderer(w, p)
	r.nr = nr
	r.gen, nr.byMD = w.highlightGenerated(p)
	nr.status = w.testStatus(p)
	r.errs = append(nr.checkLinks(), nr.typeset()...)
	r.errs = append(r.errs, nr.figures()...)
	r.math = len(nr.math) > 0
	if r.math {
		r.runes, r.stretchy = MathRunes(slices.Collect(maps.Values(nr.math)))
	}
	r.search = w.collectSearch(p)
	r.runFigs = nr.runFigs
	return r
}

// renderPage renders page p, prepared into r: its HTML page, its part of
// print.html, and the source pages of its Markdown and its generated
// files.
func (w *weaver) renderPage(p *page, r *pageResult) {
	nr := r.nr
	if nr == nil {
		return
	}
	content := nr.render(p.out)
	r.errs = append(r.errs, nr.checkHTML(content)...)
	if len(nr.folds) > 0 {
		r.sources = append(r.sources, &File{Path: foldScriptPath(p.out), Data: foldScript(nr.folds)})
	}
	if f := w.searchText(p); f != nil {
		r.sources = append(r.sources, f)
	}
	sprite := nr.glyphSprite()
	r.html = w.chapterPage(p, append([]byte(sprite), content...))
	r.print = append([]byte(sprite), nr.render("print.html")...)
	r.sources = append(r.sources, w.markdownSource(p))
	for _, f := range p.gen {
		r.sources = append(r.sources, w.goSource(p, f, r.gen[f].hl))
	}
}
