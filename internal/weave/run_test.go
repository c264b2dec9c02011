package weave

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"ctml/internal/book"
	"ctml/internal/tangle"
)

// runBook is a one-page book with a figure drawn by its program plot.
var runBook = fstest.MapFS{
	"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
	"01-one.md": {Data: []byte("# One\n\n```go file=plot/main.go\npackage main\n\nfunc main() {}\n```\n\n" +
		"![A plot](run:plot)\n\n![Again](run:plot)\n")},
}

func buildRunFigures(t *testing.T, fsys fstest.MapFS, run func(string) ([]byte, error)) (*Site, string) {
	t.Helper()
	bk, errs := book.Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, errs := tangle.Render(bk, tangle.Options{Book: "book", Out: "chapters"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	site, errs := Build(bk, out, fsys, Options{Run: run})
	return site, errs.Error()
}

func TestRunFigure(t *testing.T) {
	var ran []string
	run := func(pkg string) ([]byte, error) {
		ran = append(ran, pkg)
		return []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), nil
	}
	site, errs := buildRunFigures(t, runBook, run)
	if errs != "" {
		t.Fatal(errs)
	}
	if strings.Join(ran, " ") != "chapters/01-one/plot" {
		t.Errorf("ran %q, want the figure's package once: chapters/01-one/plot", ran)
	}
	files := map[string]string{}
	for _, f := range site.Files {
		files[f.Path] = string(f.Data)
	}
	if files["figures/01-one/plot.svg"] == "" {
		t.Errorf("the site has no figures/01-one/plot.svg")
	}
	if !strings.Contains(files["01-one.html"], `<img src="figures/01-one/plot.svg" alt="A plot">`) {
		t.Errorf("01-one.html does not show the figure")
	}
}

func TestRunFigureErrors(t *testing.T) {
	fails := func(string) ([]byte, error) { return nil, errors.New("exit status 2\npanic: boom") }
	notSVG := func(string) ([]byte, error) { return []byte("hello"), nil }
	missing := fstest.MapFS{
		"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
		"01-one.md":  {Data: []byte("# One\n\n![A plot](run:nowhere)\n\n![Up](run:../x)\n")},
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		run  func(string) ([]byte, error)
		want string
	}{
		{"program fails", runBook, fails, "book/01-one.md:9:1: run:plot: exit status 2\npanic: boom"},
		{"not an SVG", runBook, notSVG, "book/01-one.md:9:1: run:plot printed 5 bytes that are not an SVG image; a figure program writes SVG to standard output"},
		{"no such package", missing, notSVG, "book/01-one.md:3:1: run:nowhere: no go block of this page writes a Go file to nowhere; a figure is drawn by a main package tangled there\n" +
			"book/01-one.md:5:1: run:../x: a figure is run:DIR, with DIR a directory of the chapter's package, such as run:lossplot"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := buildRunFigures(t, tc.fsys, tc.run)
			if errs != tc.want {
				t.Errorf("Build errors:\n%s\nwant:\n%s", errs, tc.want)
			}
		})
	}
}
