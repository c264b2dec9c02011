package weave

import (
	"testing"

	"ctml/internal/booktest"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
)

// BenchmarkBuildBook loads, tangles and weaves a generated book of 100
// chapters, about 300 KB of Markdown and 1,000 go blocks, in memory.
func BenchmarkBuildBook(b *testing.B) {
	fsys := booktest.Generate(100)
	b.ReportAllocs()
	for b.Loop() {
		bk, errs := manuscript.Load(fsys, "book")
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		out, errs := tangle.Render(bk, tangle.Options{Book: "book", Out: "chapters"})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		site, errs := Build(bk, out, fsys, Options{})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		if len(site.Files) < 400 {
			b.Fatalf("built %d files, want at least 400", len(site.Files))
		}
	}
}
