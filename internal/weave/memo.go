package weave

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
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
// are the same, and the figures that could not be drawn too; a page with
// errors is never reused. A Build with a Memo writes the same bytes as
// one without (TestMemo). The zero value is ready to use; a Memo must
// not be shared by two Builds at once.
type Memo struct {
	code  memo.Cache[[]string]
	pages memo.Cache[*pageResult]
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
	field("tests %p", w.tests)
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

// figuresKey hashes the figures that could not be drawn, which the pages
// that show them render in their place.
func (w *weaver) figuresKey() string {
	names := make([]string, 0, len(w.figFailed))
	for name := range w.figFailed {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, name := range names {
		fmt.Fprintf(&b, "%q %q\n", name, w.figFailed[name])
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
