package weave

import (
	"os"
	"testing"

	"ctml/internal/manuscript"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
)

// BenchmarkBuildThisBook loads, tangles and weaves the repository's book
// (book/ and diagrams/) in memory, with its tests' results known and its
// figures' output given, and writes it to a warm output directory: the
// work of a warm build, after go test and the figure programs.
func BenchmarkBuildThisBook(b *testing.B) {
	if _, err := os.Stat("../../book/SUMMARY.md"); err != nil {
		b.Skipf("the repository's book is not there: %v", err)
	}
	fsys := manuscript.DirFS("../../book", "../../diagrams")
	diagrams := manuscript.DirFS("../../diagrams", "../../book")
	fig := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`)
	results := &testrun.Results{}
	dir := b.TempDir()
	build := func() *Site {
		bk, errs := manuscript.Load(fsys, "book")
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		out, errs := tangle.Render(bk, tangle.Options{Book: "../../book", Out: "../../chapters"})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		site, errs := Build(bk, out, fsys, Options{Tests: results, Diagrams: diagrams, DiagramsPath: "diagrams", Run: func(string) ([]byte, error) { return fig, nil }})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		if _, err := site.Write(dir); err != nil {
			b.Fatal(err)
		}
		return site
	}
	build()
	b.ReportAllocs()
	for b.Loop() {
		build()
	}
}
