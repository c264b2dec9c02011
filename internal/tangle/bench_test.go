package tangle

import (
	"testing"

	"ctml/internal/booktest"
	"ctml/internal/manuscript"
)

// BenchmarkTangle loads, parses and renders a generated book of 100
// chapters, about 300 KB of Markdown and 1,000 go blocks, in memory.
func BenchmarkTangle(b *testing.B) {
	fsys := booktest.Generate(100)
	b.ReportAllocs()
	for b.Loop() {
		bk, errs := manuscript.Load(fsys, "book")
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		out, errs := Render(bk, Options{Book: "book", Out: "chapters"})
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		if len(out.Files) != 200 {
			b.Fatalf("rendered %d files, want 200", len(out.Files))
		}
	}
}
