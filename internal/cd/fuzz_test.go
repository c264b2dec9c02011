package cd

import (
	"bytes"
	"testing"
)

// FuzzRender feeds arbitrary sources to the whole pipeline: it must never
// panic, must report errors as an ErrorList with positions inside the
// source, and must render a figure that parses the same bytes twice.
// Seeds: testdata/fuzz/FuzzRender and the golden sources.
func FuzzRender(f *testing.F) {
	_, srcs := goldens(f)
	for _, s := range srcs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		out, err := Render(src, Options{Name: "f", ID: "f"})
		if err != nil {
			list, ok := err.(ErrorList)
			if !ok {
				t.Fatalf("error %T, want ErrorList: %v", err, err)
			}
			for _, e := range list {
				if e.Offset < 0 || e.Offset > len(src) || e.Line < 1 || e.Col < 1 {
					t.Fatalf("error outside the source: %+v", e)
				}
			}
			return
		}
		if !bytes.HasPrefix(out, []byte("<svg ")) || !bytes.HasSuffix(out, []byte("</svg>\n")) {
			t.Fatalf("not an SVG element: %.80q", out)
		}
		if bytes.Contains(out, []byte("NaN")) || bytes.Contains(out, []byte("Inf")) {
			t.Fatalf("non-finite number in %s", out)
		}
		again, _ := Render(src, Options{Name: "f", ID: "f"})
		if !bytes.Equal(out, again) {
			t.Fatal("two renderings differ")
		}
	})
}
