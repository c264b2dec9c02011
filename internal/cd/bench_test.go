package cd

import "testing"

// BenchmarkRender renders every golden figure once per iteration: about
// the number of figures a book has, so ns/op is the book's total cost.
func BenchmarkRender(b *testing.B) {
	names, srcs := goldens(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, name := range names {
			if _, err := Render(srcs[name], Options{ID: name}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
