package weave

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"ctml/internal/manuscript"
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
	bk, errs := manuscript.Load(fsys, "book")
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

// TestRunFigureThemed checks that a figure whose SVG has colours of its
// own for dark mode (a prefers-color-scheme style) is marked themed, so
// that the page shows it without the light card of other figures.
func TestRunFigureThemed(t *testing.T) {
	for _, tc := range []struct {
		svg, img string
	}{
		{`<svg xmlns="http://www.w3.org/2000/svg"><style>@media (prefers-color-scheme:dark){text{fill:#fff}}</style></svg>`,
			`<img src="figures/01-one/plot.svg" alt="A plot" class="themed">`},
		{`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="#fff"/></svg>`,
			`<img src="figures/01-one/plot.svg" alt="A plot">`},
	} {
		site, errs := buildRunFigures(t, runBook, func(string) ([]byte, error) { return []byte(tc.svg), nil })
		if errs != "" {
			t.Fatal(errs)
		}
		for _, f := range site.Files {
			if f.Path == "01-one.html" && !strings.Contains(string(f.Data), tc.img) {
				t.Errorf("with the SVG %s, 01-one.html lacks %s", tc.svg, tc.img)
			}
		}
	}
}

func TestRunFigureErrors(t *testing.T) {
	missing := fstest.MapFS{
		"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
		"01-one.md":  {Data: []byte("# One\n\n![A plot](run:nowhere)\n\n![Up](run:../x)\n")},
	}
	_, errs := buildRunFigures(t, missing, func(string) ([]byte, error) { return nil, nil })
	want := "book/01-one.md:3:1: run:nowhere: no go block of this page writes a Go file to nowhere; a figure is drawn by a main package tangled there\n" +
		"book/01-one.md:5:1: run:../x: a figure is run:DIR, with DIR a directory of the chapter's package, such as run:lossplot"
	if errs != want {
		t.Errorf("Build errors:\n%s\nwant:\n%s", errs, want)
	}
}

// TestRunFigureFailures builds a book whose figure program fails: the
// build has no errors, so that the site is written, but the figure is
// among Site.Failed, and the page shows why in its place.
func TestRunFigureFailures(t *testing.T) {
	tests := []struct {
		name       string
		run        func(string) ([]byte, error)
		want, page string
	}{
		{"does not compile", func(string) ([]byte, error) {
			return nil, errors.New("the program does not compile:\n# m/chapters/01-one\n../../book/01-one.md:4:9: undefined: x")
		}, "book/01-one.md:9:1: run:plot: the program does not compile:\n# m/chapters/01-one\n../../book/01-one.md:4:9: undefined: x",
			`<span class="figure-failure" role="note"><span class="output-label"><span aria-hidden="true">✗</span> The figure <code>run:plot</code> (A plot) could not be drawn: the program does not compile</span><code class="figure-failure-text"># m/chapters/01-one` + "\n" + `../../book/01-one.md:4:9: undefined: x</code></span>`},
		{"fails", func(string) ([]byte, error) {
			return nil, errors.New("the program failed (exit status 2):\npanic: <boom>")
		},
			"book/01-one.md:9:1: run:plot: the program failed (exit status 2):\npanic: <boom>",
			`could not be drawn: the program failed (exit status 2)</span><code class="figure-failure-text">panic: &lt;boom&gt;</code></span>`},
		{"not an SVG", func(string) ([]byte, error) { return []byte("hello"), nil },
			"book/01-one.md:9:1: run:plot: the program printed 5 bytes that are not an SVG image; a figure program writes SVG to standard output",
			`could not be drawn: the program printed 5 bytes that are not an SVG image; a figure program writes SVG to standard output</span></span>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site, errs := buildRunFigures(t, runBook, tc.run)
			if errs != "" {
				t.Fatalf("Build errors: %s", errs)
			}
			if got := site.Failed.Error(); got != tc.want {
				t.Errorf("Site.Failed:\n%s\nwant:\n%s", got, tc.want)
			}
			for _, f := range site.Files {
				switch f.Path {
				case "01-one.html", "print.html":
					if !strings.Contains(string(f.Data), tc.page) {
						t.Errorf("%s does not show the failure %s", f.Path, tc.page)
					}
					if strings.Contains(string(f.Data), "plot.svg") {
						t.Errorf("%s shows the figure that could not be drawn", f.Path)
					}
				case "figures/01-one/plot.svg":
					t.Errorf("the site has the figure that could not be drawn")
				}
			}
		})
	}
}
