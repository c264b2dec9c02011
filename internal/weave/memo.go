package weave

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark/ast"

	"ctml/internal/lit"
	"ctml/internal/manuscript"
	"ctml/internal/memo"
)

// Memo keeps what one Build computed for the next Build of the same book
// in the same process (buildbook -serve): the highlighted code, and each
// page rendered, so that after an edit to one page's prose only that page
// is rendered again. A page is reused when its own inputs (its Markdown,
// its generated files) and the context every page depends on (the table
// of contents, the ids of every page's headings and blocks, the glossary,
// the manuscript's files, the diagrams, the test results, the options)
// are the same, and so is what it shows of the figures that programs
// draw (those that could not be drawn, those with colours of their own
// for dark mode); a page with
// errors is never reused. A Build with a Memo writes the same bytes as
// one without (TestMemo). The zero value is ready to use; a Memo must
// not be shared by two Builds at once.
//
// Write and ReadMemo carry the pages to the next run of the same program
// (buildbook without -serve), so that a build after no edit, or after an
// edit to one page, renders only what changed; the math font's subset
// goes with them.
type Memo struct {
	code  memo.Cache[[]string]
	pages memo.Cache[*pageResult]

	fontKey  string // the runes of the math font's subset
	font     []byte // its WOFF2
	read     int    // the pages ReadMemo read
	readFont string // the fontKey ReadMemo read
}

// memoHeader is what Memo.Write writes before the bytes of the pages:
// the pages the last Build used, by key, for the program that rendered
// them, and the math font.
type memoHeader struct {
	Program string
	Pages   map[string]storedPage
	FontKey string
	Font    blobSpan
}

// blobSpan is a run of the bytes that follow the header.
type blobSpan struct{ Off, Len int }

// Write writes the pages the last Build used and the math font, for
// ReadMemo in the next run of this program: the length of a gob header
// (8 bytes, big-endian), the header, and the bytes of the pages, which
// ReadMemo then uses where they lie, without decoding or copying them.
// It writes nothing when the running program cannot be told from another
// (memo.Program).
func (m *Memo) Write(w io.Writer) error {
	prog := memo.Program()
	if prog == "" {
		return errors.New("the running program has no identity: its results are not kept")
	}
	var pieces [][]byte // the bytes after the header, written as they are
	off := 0
	put := func(data []byte) blobSpan {
		pieces = append(pieces, data)
		off += len(data)
		return blobSpan{Off: off - len(data), Len: len(data)}
	}
	hd := memoHeader{Program: prog, Pages: map[string]storedPage{}, FontKey: m.fontKey, Font: put(m.font)}
	used := m.pages.Used()
	for _, key := range slices.Sorted(maps.Keys(used)) {
		sp, ok := storePage(used[key], put)
		if ok {
			hd.Pages[key] = sp
		}
	}
	var head bytes.Buffer
	if err := gob.NewEncoder(&head).Encode(hd); err != nil {
		return err
	}
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(head.Len()))
	for _, part := range append([][]byte{n[:], head.Bytes()}, pieces...) {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}

// ReadMemo reads what Write wrote, all of data, which the pages then
// share. Data it cannot read, or that another program wrote (another
// version of buildbook), gives an empty Memo: its pages might render
// otherwise today.
func ReadMemo(data []byte) *Memo {
	m := &Memo{}
	if len(data) < 8 {
		return m
	}
	n := binary.BigEndian.Uint64(data)
	if n > uint64(len(data)-8) {
		return m
	}
	blob := data[8+n:]
	var hd memoHeader
	if gob.NewDecoder(bytes.NewReader(data[8:8+n])).Decode(&hd) != nil || hd.Program == "" || hd.Program != memo.Program() {
		return m
	}
	get := func(s blobSpan) ([]byte, bool) {
		if s.Off < 0 || s.Len < 0 || s.Off > len(blob) || s.Len > len(blob)-s.Off {
			return nil, false
		}
		return blob[s.Off : s.Off+s.Len : s.Off+s.Len], true
	}
	pages := map[string]*pageResult{}
	for key, sp := range hd.Pages {
		r, ok := loadPage(sp, get)
		if !ok {
			return &Memo{}
		}
		pages[key] = r
	}
	font, ok := get(hd.Font)
	if !ok {
		return &Memo{}
	}
	m.pages.Keep(pages)
	m.read = len(pages)
	if len(font) > 0 {
		m.fontKey, m.font, m.readFont = hd.FontKey, font, hd.FontKey
	}
	return m
}

// Changed reports whether the last Build rendered a page, used fewer than
// ReadMemo read, or made another math font: whether Write would write
// something new.
func (m *Memo) Changed() bool {
	return m.pages.Puts() > 0 || m.pages.Len() != m.read || m.fontKey != m.readFont
}

// subset returns the WOFF2 subset of the math font for runes, kept in m.
func (m *Memo) subset(runes, stretchy []rune) ([]byte, error) {
	key := string(runes) + "\x00" + string(stretchy)
	if m != nil && m.font != nil && m.fontKey == key {
		return m.font, nil
	}
	data, err := subsetFont(runes, stretchy)
	if m != nil && err == nil {
		m.fontKey, m.font = key, data
	}
	return data, err
}

// storedPage is a pageResult as Write stores it, its bytes as spans.
type storedPage struct {
	HTML, Print blobSpan
	Sources     []storedFile
	Math        bool
	Runes       []rune
	Stretchy    []rune
	Search      *storedSearch
	RunFigs     []storedFigure
	FigKey      string
}

type storedFile struct {
	Path string
	Data blobSpan
}

type storedSearch struct {
	Sections []storedSection
	Names    []storedName
}

type storedSection struct {
	ID, Heading, Teaser string
	Words               []string
}

type storedName struct {
	Name, Kind string
	Section    int
	ID         string
}

type storedFigure struct {
	Pkg, File string
	Pos       lit.Pos
}

// storePage returns r as Write stores it, its bytes put by put; only a
// page rendered without errors is kept.
func storePage(r *pageResult, put func([]byte) blobSpan) (storedPage, bool) {
	if !r.rendered || len(r.errs) > 0 || r.nr != nil {
		return storedPage{}, false
	}
	sp := storedPage{HTML: put(r.html), Print: put(r.print), Math: r.math, Runes: r.runes, Stretchy: r.stretchy, FigKey: r.figKey}
	for _, f := range r.sources {
		sp.Sources = append(sp.Sources, storedFile{Path: f.Path, Data: put(f.Data)})
	}
	if s := r.search; s != nil {
		sp.Search = &storedSearch{}
		for _, sec := range s.sections {
			sp.Search.Sections = append(sp.Search.Sections, storedSection{ID: sec.id, Heading: sec.heading, Teaser: sec.teaser, Words: sec.words})
		}
		for _, n := range s.names {
			sp.Search.Names = append(sp.Search.Names, storedName{Name: n.name, Kind: n.kind, Section: n.section, ID: n.id})
		}
	}
	for _, f := range r.runFigs {
		sp.RunFigs = append(sp.RunFigs, storedFigure{Pkg: f.pkg, File: f.file, Pos: f.pos})
	}
	return sp, true
}

// loadPage returns the page that storePage stored, its bytes got by get.
func loadPage(sp storedPage, get func(blobSpan) ([]byte, bool)) (*pageResult, bool) {
	html, ok1 := get(sp.HTML)
	print, ok2 := get(sp.Print)
	if !ok1 || !ok2 {
		return nil, false
	}
	r := &pageResult{html: html, print: print, math: sp.Math, runes: sp.Runes, stretchy: sp.Stretchy, rendered: true, figKey: sp.FigKey}
	for _, f := range sp.Sources {
		data, ok := get(f.Data)
		if !ok {
			return nil, false
		}
		r.sources = append(r.sources, &File{Path: f.Path, Data: data})
	}
	if s := sp.Search; s != nil {
		r.search = &pageSearch{}
		for _, sec := range s.Sections {
			r.search.sections = append(r.search.sections, &searchSection{id: sec.ID, heading: sec.Heading, teaser: sec.Teaser, words: sec.Words})
		}
		for _, n := range s.Names {
			r.search.names = append(r.search.names, searchName{name: n.Name, kind: n.Kind, section: n.Section, id: n.ID})
		}
	}
	for _, f := range sp.RunFigs {
		r.runFigs = append(r.runFigs, runFigure{pkg: f.Pkg, file: f.File, pos: f.Pos})
	}
	return r, true
}

// contextKey hashes what every page's rendering reads beyond the page.
func (w *weaver) contextKey(opt Options) string {
	h := sha256.New()
	field := func(format string, args ...any) { fmt.Fprintf(h, format+"\n", args...) }
	field("weave memo 1 %q %q %q %q %q %q", opt.Title, w.title, w.meta, w.noTests, opt.Exclude, w.diagPath)
	field("dirs %q %q %q", w.bk.Dir, w.out.Out, w.out.Book)
	var items func([]*manuscript.Item)
	items = func(its []*manuscript.Item) {
		for _, it := range its {
			pg := ""
			if it.Page != nil {
				pg = it.Page.Path
			}
			field("item %d %q %q %q %d", it.Kind, it.Title, it.Number, pg, len(it.Children))
			items(it.Children)
		}
	}
	items(w.bk.Items)
	for _, p := range w.pages {
		field("page %q %q %q %q %q %q %q", p.Path, p.Slug, p.Title, p.Number, p.HTMLTitle, p.id, p.out)
		idKey(h, p)
	}
	if w.gloss != nil {
		field("glossary %q %d", w.gloss.page.Path, len(w.gloss.page.Doc.Source))
		h.Write(w.gloss.page.Doc.Source)
	}
	field("resources %q", w.resources)
	refused := make([]string, 0, len(w.refused))
	for name := range w.refused {
		refused = append(refused, name)
	}
	slices.Sort(refused)
	field("refused %q", refused)
	if w.tests != nil {
		// By content, as the results may be read again in another run.
		data, err := json.Marshal(w.tests.Packages)
		field("tests %d %v", len(data), err)
		h.Write(data)
	}
	if w.diagrams != nil {
		_ = fs.WalkDir(w.diagrams, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(w.diagrams, name)
			field("diagram %q %d %v", name, len(data), err)
			h.Write(data)
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// idKey writes the ids the weave gave p's headings and blocks, in order.
func idKey(h hash.Hash, p *page) {
	if p.Doc == nil {
		return
	}
	var b strings.Builder
	_ = ast.Walk(p.Doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if hd, ok := n.(*ast.Heading); ok && entering {
			b.WriteString("h " + p.hids[hd] + "\n")
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, blk := range p.Doc.Blocks {
		b.WriteString("b " + p.bids[blk] + " " + p.fids[blk] + "\n")
	}
	locals := slices.Sorted(maps.Keys(p.headings))
	for _, local := range locals {
		b.WriteString("a " + local + " " + p.headings[local] + "\n")
	}
	h.Write([]byte(b.String()))
}

// pageKey returns the key of page p in the context ctx: the page's own
// inputs.
func pageKey(ctx string, p *page) string {
	if p.Doc == nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n", ctx, len(p.Doc.Source))
	h.Write(p.Doc.Source)
	for _, f := range p.gen {
		fmt.Fprintf(h, "gen %q %d\n", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// figuresKey hashes what the pages that show figures drawn by programs
// render of them: the error of a figure that could not be drawn, in its
// place, and whether a figure has colours of its own for dark mode.
func (w *weaver) figuresKey() string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(w.figFailed)) {
		fmt.Fprintf(&b, "failed %q %q\n", name, w.figFailed[name])
	}
	for _, name := range slices.Sorted(maps.Keys(w.figThemed)) {
		fmt.Fprintf(&b, "themed %q %v\n", name, w.figThemed[name])
	}
	return b.String()
}

// CodeStore keeps the code that chroma highlighted (every language but
// Go, which goTokens highlights fast) from one run of buildbook to the
// next, as a build cache does: by a hash of the language, the text, the
// version of chroma and the markup of its tokens, so that a stale entry
// is never found. Chroma's lexers are most of the cost of a book with
// code in many languages. The zero value is empty; a nil *CodeStore
// keeps nothing.
type CodeStore struct {
	mu    sync.Mutex
	old   map[[32]byte][]string // read from the last run
	used  map[[32]byte][]string // used by this one
	added bool                  // some entry was highlighted by this run
}

// ReadCodeStore reads a CodeStore written by Write; anything it cannot
// read gives an empty store.
func ReadCodeStore(r io.Reader) *CodeStore {
	s := &CodeStore{}
	var entries map[[32]byte][]string
	if gob.NewDecoder(r).Decode(&entries) == nil {
		s.old = entries
	}
	return s
}

// Write writes the entries this run used.
func (s *CodeStore) Write(w io.Writer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return gob.NewEncoder(w).Encode(s.used)
}

// Changed reports whether this run used entries the last one did not
// write, or fewer: whether the store should be written again.
func (s *CodeStore) Changed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.added || len(s.used) != len(s.old)
}

// highlight returns the lines of code highlighted by f, kept in s.
func (s *CodeStore) highlight(lang string, lines []string, f func() []string) []string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%d\n", codeVersion(), lang, len(lines))
	for _, l := range lines {
		fmt.Fprintf(h, "%d\n%s", len(l), l)
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	s.mu.Lock()
	v, ok := s.used[key]
	if !ok {
		v, ok = s.old[key]
	}
	s.mu.Unlock()
	if !ok {
		v = f()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used == nil {
		s.used = map[[32]byte][]string{}
	}
	s.used[key] = v
	s.added = s.added || !ok
	return v
}

// codeVersion names what the highlighted HTML depends on besides the
// code: this file's format and the markup's (formatTokens), chroma's
// version, and the element tokenElement gives each of chroma's classes.
var codeVersion = sync.OnceValue(func() string {
	v := "weave code 2"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, m := range bi.Deps {
			if m.Path == "github.com/alecthomas/chroma/v2" {
				v += " " + m.Version + " " + m.Sum
			}
		}
	}
	classes := slices.Sorted(maps.Values(chroma.StandardTypes))
	h := sha256.New()
	for _, cls := range classes {
		fmt.Fprintf(h, "%s %s\n", cls, tokenElement(cls))
	}
	return v + " " + hex.EncodeToString(h.Sum(nil)[:8])
})
