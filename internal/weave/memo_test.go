package weave

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/diff"

	"ctml/internal/booktest"
	"ctml/internal/lit"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
)

// TestMemo builds a book through a series of edits twice: with one Memo
// kept across the builds, as buildbook -serve does, and each time
// afresh. The sites and the errors must be the same bytes: what a Memo
// keeps never shows.
func TestMemo(t *testing.T) {
	fsys := booktest.Generate(6)
	fsys["fig/arrow.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)}
	edit := func(name, old, new string) func() {
		return func() {
			data := string(fsys[name].Data)
			if !strings.Contains(data, old) {
				t.Fatalf("%s holds no %q", name, old)
			}
			fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
		}
	}
	set := func(name, data string) func() {
		return func() { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	}
	results := readResults(t, "pass")
	tests := func() { results = readResults(t, "fail") }
	var failRun, themedRun bool
	run := func(pkg string) ([]byte, error) {
		if failRun {
			return nil, errString("the program failed")
		}
		if themedRun {
			return []byte(`<svg xmlns="http://www.w3.org/2000/svg"><style>@media (prefers-color-scheme: dark) { path { stroke: white } }</style></svg>`), nil
		}
		return []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), nil
	}
	fsys["003-chapter.md"] = &fstest.MapFile{Data: append(fsys["003-chapter.md"].Data, []byte("\n```go file=plot/main.go\npackage main\n\nfunc main() {}\n```\n\n![A plot](run:plot)\n")...)}
	steps := []struct {
		name string
		do   func()
	}{
		{"first build", func() {}},
		{"nothing changed", func() {}},
		{"prose in one page", edit("002-chapter.md", "Composition is the heart", "Composition is the very heart")},
		{"a heading renamed", edit("004-chapter.md", "## Arrows", "## Arrows and more")},
		{"a link to it", edit("002-chapter.md", "The body applies", "See [arrows](004-chapter.md#arrows-and-more). The body applies")},
		{"code", edit("001-chapter.md", "return g(b)", "c := g(b)\nreturn c")},
		{"a glossary term", edit("glossary.md", "## Unit", "## Pipeline\n\nA chain of steps.\n\n## Unit")},
		{"a glossary definition", edit("glossary.md", "The operation that turns", "The operation that glues")},
		{"the table of contents", edit("SUMMARY.md", "[Preface]", "[A preface]")},
		{"a new image", set("fig/new.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2"/>`)},
		{"an image used", edit("005-chapter.md", "## Recap", "![new](fig/new.svg)\n\n## Recap")},
		{"new test results", tests},
		{"a figure fails", func() { failRun = true }},
		{"it draws again", func() { failRun = false }},
		{"the figure gains colours of its own", func() { themedRun = true }},
		{"and loses them", func() { themedRun = false }},
		{"a broken link", edit("003-chapter.md", "The body applies", "See [nothing](none.md). The body applies")},
		{"fixed", edit("003-chapter.md", "See [nothing](none.md). ", "")},
		{"the first prose back", edit("002-chapter.md", "Composition is the very heart", "Composition is the heart")},
		{"a formula with new letters", edit("002-chapter.md", "## Recap", "Two more: $\\aleph \\oplus \\beth$.\n\n## Recap")},
		{"prose in another page", edit("004-chapter.md", "The body applies", "Then the body applies")},
	}
	m := &Memo{}
	var stored []byte // what the last step's Memo read from disk wrote: the next run's
	for _, step := range steps {
		step.do()
		build := func(memo *Memo) (*Site, lit.ErrorList) {
			bk, errs := manuscript.Load(fsys, "book")
			if len(errs) > 0 {
				t.Fatalf("%s: manuscript.Load: %v", step.name, errs)
			}
			out, errs := tangle.Render(bk, tangle.Options{Book: "book", Out: "chapters"})
			if len(errs) > 0 {
				t.Fatalf("%s: tangle: %v", step.name, errs)
			}
			return Build(bk, out, fsys, Options{Memo: memo, Tests: results, Run: run})
		}
		want, werrs := build(nil)
		if (len(werrs) > 0) != strings.Contains(step.name, "broken") {
			t.Errorf("%s: errors %v", step.name, werrs)
		}
		// The memo of this process, and one carried from the last run.
		disk := ReadMemo(stored)
		for _, memo := range []struct {
			name string
			m    *Memo
		}{{"the memo", m}, {"the memo read back", disk}} {
			got, gerrs := build(memo.m)
			if gerrs.Error() != werrs.Error() {
				t.Errorf("%s: errors with %s:\n%v\nwithout:\n%v", step.name, memo.name, gerrs, werrs)
			}
			if len(got.Files) != len(want.Files) {
				t.Errorf("%s: %d files with %s, %d without", step.name, len(got.Files), memo.name, len(want.Files))
				continue
			}
			for i, f := range want.Files {
				if g := got.Files[i]; g.Path != f.Path || !bytes.Equal(g.Data, f.Data) {
					t.Errorf("%s: %s differs with %s:\n%s", step.name, f.Path, memo.name, diff.Diff("without", f.Data, "with", g.Data))
				}
			}
			if got.Failed.Error() != want.Failed.Error() {
				t.Errorf("%s: failed figures %v with %s, %v without", step.name, got.Failed, memo.name, want.Failed)
			}
		}
		var buf bytes.Buffer
		if err := disk.Write(&buf); err != nil {
			t.Fatal(err)
		}
		stored = buf.Bytes()
	}
}

// TestMemoAcrossRuns carries a Memo to the next run (Write, ReadMemo): a
// build with no edit renders no page and has nothing new to write, and
// what another program wrote, or a damaged file, gives an empty Memo.
func TestMemoAcrossRuns(t *testing.T) {
	fsys := booktest.Generate(4)
	build := func(m *Memo) {
		t.Helper()
		bk, out := load(t, fsys)
		if _, errs := Build(bk, out, fsys, Options{Memo: m}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	first := &Memo{}
	build(first)
	if !first.Changed() {
		t.Error("a first build has nothing new to write")
	}
	var buf bytes.Buffer
	if err := first.Write(&buf); err != nil {
		t.Fatal(err)
	}
	next := ReadMemo(buf.Bytes())
	if next.pages.Len() != first.pages.Len() || next.pages.Len() == 0 {
		t.Fatalf("read back %d pages, wrote %d", next.pages.Len(), first.pages.Len())
	}
	build(next)
	if next.pages.Puts() != 0 || next.Changed() {
		t.Errorf("after no edit: %d pages rendered, changed %v; want 0, false", next.pages.Puts(), next.Changed())
	}
	data := buf.Bytes()
	for name, bad := range map[string][]byte{
		"empty":         nil,
		"cut short":     data[:len(data)/2],
		"a long header": append([]byte{0xff, 0, 0, 0, 0, 0, 0, 0}, data[8:]...),
		"another program": func() []byte {
			// The same pages, as another build of buildbook wrote them.
			n := binary.BigEndian.Uint64(data)
			var hd memoHeader
			if err := gob.NewDecoder(bytes.NewReader(data[8 : 8+n])).Decode(&hd); err != nil || len(hd.Pages) == 0 {
				t.Fatalf("the header: %v, %d pages", err, len(hd.Pages))
			}
			hd.Program = "go build id someone/else"
			var b bytes.Buffer
			if err := gob.NewEncoder(&b).Encode(hd); err != nil {
				t.Fatal(err)
			}
			out := binary.BigEndian.AppendUint64(nil, uint64(b.Len()))
			return append(append(out, b.Bytes()...), data[8+n:]...)
		}(),
	} {
		if m := ReadMemo(bad); m.pages.Len() != 0 || m.font != nil {
			t.Errorf("%s: ReadMemo kept %d pages", name, m.pages.Len())
		}
	}
}

// TestMemoReuses checks that the memo is used: after a prose edit in one
// page, only that page is rendered again.
func TestMemoReuses(t *testing.T) {
	fsys := booktest.Generate(4)
	m := &Memo{}
	build := func() {
		bk, out := load(t, fsys)
		if _, errs := Build(bk, out, fsys, Options{Memo: m}); len(errs) > 0 {
			t.Fatal(errs)
		}
	}
	build()
	before := map[*pageResult]bool{}
	for _, r := range m.pages.Values() {
		before[r] = true
	}
	data := string(fsys["002-chapter.md"].Data)
	fsys["002-chapter.md"] = &fstest.MapFile{Data: []byte(strings.Replace(data, "Composition is the heart", "Composition is the very heart", 1))}
	build()
	kept, fresh := 0, 0
	for _, r := range m.pages.Values() {
		if before[r] {
			kept++
		} else {
			fresh++
		}
	}
	if fresh != 1 || kept != len(before)-1 {
		t.Errorf("after a prose edit in one page: %d pages rendered again, %d reused, want 1 and %d", fresh, kept, len(before)-1)
	}
}

// readResults returns the results of a run of the tests of chapter 1:
// TestShout passes or fails.
func readResults(t *testing.T, action string) *testrun.Results {
	t.Helper()
	r, err := testrun.Read(strings.NewReader(`{"Action":"run","Package":"m/chapters/001-chapter","Test":"TestShout"}
{"Action":"`+action+`","Package":"m/chapters/001-chapter","Test":"TestShout"}
{"Action":"`+action+`","Package":"m/chapters/001-chapter"}
`), "results.json")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type errString string

func (e errString) Error() string { return string(e) }

// TestCodeStore keeps what chroma highlighted from one run to the next,
// by language and text.
func TestCodeStore(t *testing.T) {
	lines := []string{"fn main() {", "    println!(\"hi\");", "}"}
	calls := 0
	f := func() []string { calls++; return highlightCode("rust", lines) }
	s := &CodeStore{}
	want := s.highlight("rust", lines, f)
	if calls != 1 || !s.Changed() {
		t.Fatalf("a new store: %d calls, changed %v", calls, s.Changed())
	}
	var buf bytes.Buffer
	if err := s.Write(&buf); err != nil {
		t.Fatal(err)
	}
	s2 := ReadCodeStore(&buf)
	got := s2.highlight("rust", lines, func() []string { t.Error("highlighted again"); return nil })
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("from the store:\n%q\nwant\n%q", got, want)
	}
	if s2.Changed() {
		t.Error("a store that found every entry says it changed")
	}
	s2.highlight("python", lines, f)
	if calls != 2 || !s2.Changed() {
		t.Errorf("another language: %d calls, changed %v", calls, s2.Changed())
	}
	if ReadCodeStore(strings.NewReader("not gob")).old != nil {
		t.Error("a broken store is not empty")
	}
}
