package cd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpus renders every figure of testdata/corpus: diagrams written
// for this package to exercise what the tikz-cd manual documents and what
// quiver's LaTeX export produces. None may be refused, and each must draw
// every arrow it writes and read out every object.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.tikzcd")
	if len(files) < 25 {
		t.Fatalf("%d corpus figures, want at least 25", len(files))
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".tikzcd"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src := string(data)
			d, err := Parse(f, src)
			if err != nil {
				t.Fatal(err)
			}
			fig, err := Layout(f, src, d)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Count(src, `\arrow`) + strings.Count(src, `\rar`) + strings.Count(src, `\dar`) +
				strings.Count(src, `\drar`) + strings.Count(src, `\urar`); len(fig.Arrows) != want {
				t.Errorf("%d arrows laid out, the source writes %d", len(fig.Arrows), want)
			}
			for _, c := range d.Cells {
				if strings.ContainsAny(c.Math, "|") && strings.Contains(c.Math, "[") {
					t.Errorf("cell %q still holds its options", c.Math)
				}
			}
			if _, err := Render(src, Options{Name: f}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
