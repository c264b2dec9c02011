package weave

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/rogpeppe/go-internal/txtar"

	"ctml/internal/booktest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden builds the book in each testdata/*.txtar, from its book/…
// sections, and compares the site's files with its _book/… sections. Run
// with -update to rewrite them.
func TestGolden(t *testing.T) {
	names, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(names) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			site, errs := build(t, booktest.FromArchive(ar))
			if len(errs) > 0 {
				t.Fatalf("Build: %v", errs)
			}
			files := map[string][]byte{}
			for _, f := range site.Files {
				files[f.Path] = f.Data
			}
			for i, f := range ar.Files {
				out, ok := strings.CutPrefix(f.Name, "_book/")
				if !ok {
					continue
				}
				got, ok := files[out]
				if !ok {
					t.Errorf("the site has no %s", out)
					continue
				}
				if *update {
					ar.Files[i].Data = got
					continue
				}
				if !bytes.Equal(got, f.Data) {
					t.Errorf("%s differs from the golden file; run go test -update and review the diff:\n%s", out, diff.Diff("want", f.Data, "got", got))
				}
			}
			if *update {
				if err := os.WriteFile(name, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
