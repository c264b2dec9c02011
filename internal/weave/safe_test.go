package weave

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestSrcsetURLs(t *testing.T) {
	tests := []struct {
		srcset string
		want   []string
	}{
		{"a.png", []string{"a.png"}},
		{"a.png 1x, b.png 2x", []string{"a.png", "b.png"}},
		{"a.png,b.png 2x", []string{"a.png,b.png"}}, // a URL may hold commas
		{"a.png 1x,b.png 2x", []string{"a.png", "b.png"}},
		{" a.png 100w,\n\tb.png   200w ,c.png", []string{"a.png", "b.png", "c.png"}},
		{"a.png (max-width: 1px, 2px) 1x, https://x.example/b.png", []string{"a.png", "https://x.example/b.png"}},
		{"data:image/png;base64,AAA= 1x, //x.example/c.png 2x", []string{"data:image/png;base64,AAA=", "//x.example/c.png"}},
		{",,, ", nil},
	}
	for _, tc := range tests {
		if got := srcsetURLs(tc.srcset); !slices.Equal(got, tc.want) {
			t.Errorf("srcsetURLs(%q) = %q, want %q", tc.srcset, got, tc.want)
		}
	}
}

func TestCSSURLs(t *testing.T) {
	tests := []struct {
		css  string
		want []string
	}{
		{`a { background: url(x.png) }`, []string{"x.png"}},
		{`a { background: URL( "x.png" ) }`, []string{"x.png"}},
		{`a { background: u\72l(https://e.example/x) }`, []string{"https://e.example/x"}},
		{`a { background: \75 \72 \6c (https://e.example/y) }`, []string{"https://e.example/y"}},
		{`a { background: url(h\74tps://e.example/z) }`, []string{"https://e.example/z"}},
		{`@import "https://e.example/a.css"; @import url('b.css') screen;`, []string{"https://e.example/a.css", "b.css"}},
		{`@namespace svg url(http://www.w3.org/2000/svg); @namespace "http://www.w3.org/1999/xhtml";`, nil},
		{`/* url(https://e.example/c) */ a { content: "url(https://e.example/d)" }`, nil},
		{`a { background: image-set("a.png" 1x, "https://e.example/b.png" 2x) }`, []string{"a.png", "https://e.example/b.png"}},
		{`@font-face { src: url(f.woff2) format("woff2"), src("https://e.example/g.woff") }`, []string{"f.woff2", "https://e.example/g.woff"}},
		{`a { background: url(`, nil},
	}
	for _, tc := range tests {
		var got []string
		for _, r := range cssURLs(tc.css) {
			got = append(got, r.url)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("cssURLs(%q) = %q, want %q", tc.css, got, tc.want)
		}
	}
}

func TestURLSchemes(t *testing.T) {
	for ref, want := range map[string]bool{
		"https://x.example/": true, "HTTP://x": true, "//x.example/a": true, `\\x.example\a`: true, `/\x.example`: true,
		"file:///etc/passwd": true, " \thttps://x": true, "ht\ntps://x": true,
		"a.png": false, "/a.png": false, "img/a.png": false, "#top": false, "data:image/png,": false, "mailto:a@b": false,
	} {
		if got := networked(cleanURL(ref)); got != want {
			t.Errorf("networked(%q) = %v, want %v", ref, got, want)
		}
	}
	for ref, want := range map[string]bool{
		"https://go.dev": false, "mailto:a@b.c": false, "02-two.md#x": false, "#x": false, "//go.dev": false,
		"javascript:alert(1)": true, " JAVASCRIPT:x": true, "java\tscript:x": true, "vbscript:x": true, "data:text/html,x": true, "file:///x": true,
	} {
		if got := linkProblem(ref) != ""; got != want {
			t.Errorf("linkProblem(%q) reports a problem: %v, want %v", ref, got, want)
		}
	}
}

// TestCheckPage checks markup against the spans that say where it came
// from: raw HTML is held to the allow-list, a tag of raw HTML must end in
// it, and the book's own markup may hold no script or remote reference.
func TestCheckPage(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		spans []span
		want  []string
	}{
		{"allowed", `<p><kbd>x</kbd></p>`, []span{{3, 8, 0, 0}, {9, 15, 10, 1}}, nil},
		{"not allowed", `<p><u onmouseover=x>x</u></p>`, []span{{3, 20, 0, 0}}, []string{"3: <u onmouseover> is not allowed in raw HTML (cmd/tangle/doc.go lists what is)"}},
		{"runs on", `<p><span title="x</p><p>y</p>`, []span{{3, 17, 0, 0}}, []string{"3: this raw HTML tag does not end where the HTML does: close it (a > or a quote is missing)"}},
		{"comment runs on", `<!-- x<p>y</p>`, []span{{0, 6, 0, 0}}, []string{"0: this raw HTML comment does not end where the HTML does: close it (a > or a quote is missing)"}},
		{"one tag over two lines", "<img\nsrc=\"a.png\">", []span{{0, 5, 0, 0}, {5, 17, 7, 0}}, nil},
		{"own markup", `<p><img src="https://x.example/a.png"><span style="background:url(//x.example/b)" onclick="f()"></span><script></script></p>`, nil, []string{
			"3: <img src> https://x.example/a.png would be fetched from the network: put the file in the book directory and use a relative path",
			"38: <span style> //x.example/b would be fetched from the network: put the file in the book directory and use a relative path",
			"38: <span onclick> is an event handler, which would run in the reader's browser",
			"103: <script> is not allowed in the book: it would run code or load a document",
		}},
		{"a checked link", `<a href="javascript:x">x</a>`, []span{{0, 23, -1, -1}}, nil},
		{"style in svg is markup", `<svg><style><img src="https://x.example/c"></style></svg>`, nil, []string{
			"12: <img src> https://x.example/c would be fetched from the network: put the file in the book directory and use a relative path",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range checkPage([]byte(tc.html), tc.spans, func(string) string { return "" }) {
				got = append(got, strings.Join([]string{itoa(p.off), p.msg}, ": "))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("checkPage(%q):\n%s\nwant:\n%s", tc.html, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func itoa(n int) string {
	var b []byte
	if n == 0 {
		return "0"
	}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestAllowListDocumented checks that the Raw HTML section of the
// dialect's specification names every element the allow-list has, and
// no other.
func TestAllowListDocumented(t *testing.T) {
	data, err := os.ReadFile("../../cmd/tangle/doc.go")
	if err != nil {
		t.Skip(err)
	}
	doc := string(data)
	start := strings.Index(doc, "// # Raw HTML")
	end := strings.Index(doc[start+1:], "// and comments")
	if start < 0 || end < 0 {
		t.Fatal("cmd/tangle/doc.go has no Raw HTML section with its table of elements")
	}
	var listed []string
	for _, line := range strings.Split(doc[start:start+1+end], "\n") {
		switch f := strings.Fields(strings.TrimPrefix(line, "//")); {
		case strings.HasPrefix(line, "//\t ") && len(f) > 0: // a continuation
			listed = append(listed, f...)
		case strings.HasPrefix(line, "//\t") && len(f) > 1: // a kind, then elements
			listed = append(listed, f[1:]...)
		}
	}
	var want []string
	for tag := range rawElements {
		want = append(want, tag)
	}
	slices.Sort(listed)
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("cmd/tangle/doc.go lists the elements\n%q\nthe allow-list has\n%q", listed, want)
	}
}
