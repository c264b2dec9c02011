package weave

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestLinks(t *testing.T) {
	fsys := mapFS(
		"SUMMARY.md", "# B\n\n- [One](one.md)\n    - [Two](sub/two.md)\n",
		"one.md", "# One\n\n## Composition\n",
		"sub/two.md", "# Two\n\n## Composition\n",
		"sub/fig.png", "PNG",
		"notes.md", "not in the manifest",
	)
	bk, out := load(t, fsys)
	w := &weaver{bk: bk, out: out, fsys: fsys, byPath: map[string]*page{}, isRes: map[string]bool{}}
	if err := w.findResources(""); err != nil {
		t.Fatal(err)
	}
	w.assignIDs()

	for _, tc := range []struct {
		page, dest string
		image      bool
		want       string // on the page
		wantPrint  string // on print.html
		wantErr    string
	}{
		{page: "one.md", dest: "sub/two.md", want: "sub/two.html", wantPrint: "#sub-two"},
		{page: "one.md", dest: "sub/two.md#composition", want: "sub/two.html#composition", wantPrint: "#sub-two--composition"},
		{page: "sub/two.md", dest: "../one.md#composition", want: "../one.html#composition", wantPrint: "#one--composition"},
		{page: "sub/two.md", dest: "two.md", want: "two.html", wantPrint: "#sub-two"},
		{page: "one.md", dest: "#composition", want: "#composition", wantPrint: "#one--composition"},
		{page: "sub/two.md", dest: "#composition", want: "#composition", wantPrint: "#sub-two--composition"},
		{page: "sub/two.md", dest: "fig.png", image: true, want: "fig.png", wantPrint: "sub/fig.png"},
		{page: "one.md", dest: "sub/fig.png#x", want: "sub/fig.png#x", wantPrint: "sub/fig.png#x"},
		{page: "one.md", dest: "https://go.dev/doc/", want: "https://go.dev/doc/", wantPrint: "https://go.dev/doc/"},
		{page: "one.md", dest: "mailto:a@example.com", want: "mailto:a@example.com", wantPrint: "mailto:a@example.com"},
		{page: "one.md", dest: "three.md", wantErr: "link to unknown page three.md"},
		{page: "one.md", dest: "sub/tow.md", wantErr: "link to unknown page sub/tow.md (did you mean sub/two.md?)"},
		{page: "one.md", dest: "notes.md", wantErr: "link to unknown page notes.md (SUMMARY.md does not list it)"},
		{page: "one.md", dest: "sub/two.md#nope", wantErr: "unknown anchor #nope in sub/two.md"},
		{page: "one.md", dest: "#compositon", wantErr: "unknown anchor #compositon in one.md (did you mean #composition?)"},
		{page: "one.md", dest: "https://example.com/x.png", image: true, wantErr: "image https://example.com/x.png would be fetched from the network: put the file in the book directory and use a relative path"},
		{page: "one.md", dest: "//cdn.example.com/x.png", image: true, wantErr: "image //cdn.example.com/x.png would be fetched from the network: put the file in the book directory and use a relative path"},
		{page: "one.md", dest: "../outside.md", wantErr: "../outside.md leads outside the book directory"},
		{page: "one.md", dest: "/one.md", wantErr: "/one.md is an absolute path: use a path relative to the page, so that the book works from any directory"},
		{page: "one.md", dest: "fig.png", image: true, wantErr: "missing image fig.png: there is no fig.png in the book directory"},
		{page: "one.md", dest: "paper.pdf", wantErr: "link to missing file paper.pdf: there is no paper.pdf in the book directory"},
	} {
		p := w.byPath[tc.page]
		tg, ok, msg := w.resolve(p, tc.dest, tc.image)
		if msg != tc.wantErr {
			t.Errorf("resolve(%s, %q) error = %q, want %q", tc.page, tc.dest, msg, tc.wantErr)
			continue
		}
		if msg != "" {
			continue
		}
		n := ast.NewLink()
		r := newNodeRenderer(w, p)
		if ok {
			r.links[n] = tg
		}
		for _, c := range []struct{ from, want string }{{p.out, tc.want}, {"print.html", tc.wantPrint}} {
			r.from = c.from
			got := r.dest(n, []byte(tc.dest))
			if c.from == "print.html" {
				// printIDs drops the mark of a link already in print form.
				got = strings.Replace(got, "#"+printLink, "#", 1)
			}
			if got != c.want {
				t.Errorf("link %q on %s, seen from %s = %q, want %q", tc.dest, tc.page, c.from, got, c.want)
			}
		}
	}
}

func TestCheckHTML(t *testing.T) {
	fsys := mapFS(
		"SUMMARY.md", "- [One](one.md)\n",
		"one.md", "# One\n\n<img src=\"https://example.com/a.png\" alt=\"a\">\n\nText <video poster='//cdn.example.com/p.jpg'></video> and <a href=\"https://go.dev\">a link</a>.\n\n<img src=\"fig.png\">\n\n> <img\n> srcset=\"fig.png, https://example.com/b.png 2x\">\n",
		"fig.png", "",
	)
	_, errs := build(t, fsys)
	want := "book/one.md:3:1: <img src> https://example.com/a.png would be fetched from the network: put the file in the book directory and use a relative path\n" +
		"book/one.md:5:6: <video> is not allowed in raw HTML (cmd/tangle/doc.go lists what is)\n" +
		"book/one.md:9:3: <img srcset> https://example.com/b.png would be fetched from the network: put the file in the book directory and use a relative path"
	if got := errs.Error(); got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}
