package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ctml/internal/booktest"
)

// pathsBook is a chapter with code, a figure file and a source page for
// each: everything that names the manuscript's files.
var pathsBook = map[string]string{
	"book/SUMMARY.md":    "# Paths\n\n- [One](01-one.md)\n",
	"book/01-one.md":     "# One\n\n![an arrow](img/arrow.svg)\n\n```go file=one.go\npackage one\n\n// X is one.\nvar X = 1\n```\n\n```go file=one_test.go\npackage one\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n```\n",
	"book/img/arrow.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`,
}

// TestBuildAnywhere builds one book from two checkouts in different
// directories, named by absolute paths: the sites must be the same bytes,
// with no path of the build machine in any page.
func TestBuildAnywhere(t *testing.T) {
	var sites []map[string][]byte
	var roots []string
	for _, name := range []string{"first", "second-checkout"} {
		root := filepath.Join(t.TempDir(), name)
		for file, data := range pathsBook {
			file = filepath.Join(root, filepath.FromSlash(file))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(root, "_book")
		var stdout, stderr strings.Builder
		args := []string{"-book", filepath.Join(root, "book"), "-chapters", filepath.Join(root, "chapters"), "-o", out}
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("buildbook %s exited %d:\n%s", strings.Join(args, " "), code, stderr.String())
		}
		sites = append(sites, readSite(t, out))
		roots = append(roots, root)
	}
	for i, site := range sites {
		for name, data := range site {
			if bytes.Contains(data, []byte(filepath.ToSlash(roots[i]))) || bytes.Contains(data, []byte(roots[i])) {
				t.Errorf("%s names the build machine's directory %s", name, roots[i])
			}
		}
	}
	for name, data := range sites[0] {
		if other, ok := sites[1][name]; !ok {
			t.Errorf("%s is only in the first site", name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s differs between the two checkouts", name)
		}
	}
	for name := range sites[1] {
		if _, ok := sites[0][name]; !ok {
			t.Errorf("%s is only in the second site", name)
		}
	}
}

// readSite reads every file under dir, by slash path, and fails if the
// build wrote next to nothing.
func readSite(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := booktest.ReadTree(t, dir)
	if len(files) < 5 {
		t.Fatalf("the build wrote only %d files", len(files))
	}
	return files
}
