package tangle

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"ctml/internal/book"
)

// FuzzRender tangles a one-page book made of arbitrary bytes. Whatever the
// page holds, Render must not panic, and every error must point into it.
func FuzzRender(f *testing.F) {
	goldens, _ := filepath.Glob("testdata/golden/*.txtar")
	for _, name := range goldens {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasPrefix(file.Name, "book/0") {
				f.Add(file.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		fsys := fstest.MapFS{
			"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
			"01-one.md":  {Data: page},
		}
		bk, errs := book.Load(fsys, "book")
		if len(errs) > 0 {
			return
		}
		_, errs = Render(bk, Options{Book: "book", Out: "chapters"})
		for _, e := range errs {
			if e.Pos.File != "book/01-one.md" || e.Pos.Line < 1 {
				t.Errorf("error %q does not point into the page", e)
			}
		}
	})
}
