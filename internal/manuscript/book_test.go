package manuscript

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"SUMMARY.md": {Data: []byte(`# The Book

[Welcome](welcome.md)
[How to read](how.md)

# Part I: Foundations

- [One](01-one.md)
    - [One, more](01-one/more.md)
- [A draft]()

---

# Part II

- [Two *emphasised*](02-two.md)

[References](refs.md)
`)},
		"welcome.md":     {Data: []byte("# Welcome\n")},
		"how.md":         {Data: []byte("# How\n")},
		"01-one.md":      {Data: []byte("# One\n")},
		"01-one/more.md": {Data: []byte("# More\n")},
		"02-two.md":      {Data: []byte("# Two\n")},
		"refs.md":        {Data: []byte("# References\n")},
	}
	b, errs := Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if b.Title != "The Book" {
		t.Errorf("Title = %q, want %q", b.Title, "The Book")
	}
	var toc []string
	var walk func(items []*Item, depth int)
	walk = func(items []*Item, depth int) {
		for _, it := range items {
			s := strings.Repeat("  ", depth)
			switch it.Kind {
			case Part:
				s += "# " + it.Title
			case Separator:
				s += "---"
			default:
				s += strings.TrimSpace(it.Number + " " + it.Title)
				if it.Page == nil {
					s += " (draft)"
				} else {
					s += " -> " + it.Page.Path
				}
			}
			toc = append(toc, s)
			walk(it.Children, depth+1)
		}
	}
	walk(b.Items, 0)
	want := []string{
		"Welcome -> welcome.md",
		"How to read -> how.md",
		"# Part I: Foundations",
		"1. One -> 01-one.md",
		"  1.1. One, more -> 01-one/more.md",
		"2. A draft (draft)",
		"---",
		"# Part II",
		"3. Two emphasised -> 02-two.md",
		"References -> refs.md",
	}
	if diff := cmp.Diff(want, toc); diff != "" {
		t.Errorf("table of contents (-want +got):\n%s", diff)
	}
	var pages []string
	for i, p := range b.Pages {
		if p.Index != i || p.Doc == nil {
			t.Errorf("page %s: Index %d, Doc %v; want Index %d and a document", p.Path, p.Index, p.Doc, i)
		}
		pages = append(pages, p.Slug)
	}
	wantPages := []string{"welcome", "how", "01-one", "01-one/more", "02-two", "refs"}
	if diff := cmp.Diff(wantPages, pages); diff != "" {
		t.Errorf("pages in order (-want +got):\n%s", diff)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		summary string
		want    []string
	}{
		{"- [Gone](gone.md)\n", []string{"book/SUMMARY.md:1:3: gone.md: file does not exist"}},
		{"- [A](a.md)\n- [A again](a.md)\n", []string{"book/SUMMARY.md:2:3: a.md is listed twice (first at line 1)"}},
		{"- [Web](https://example.com/a.md)\n", []string{"book/SUMMARY.md:1:3: https://example.com/a.md: a page of the book is a local .md file"}},
		{"- [Up](../a.md)\n", []string{"book/SUMMARY.md:1:3: ../a.md is outside the book directory"}},
		{"- [Text](a.txt)\n", []string{"book/SUMMARY.md:1:3: a.txt: a page of the book is a .md file"}},
		{"1. [A](a.md)\n", []string{"book/SUMMARY.md:1:1: numbered chapters are a bulleted list (- [Title](file.md)); the numbers are computed"}},
		{"- [A](a.md)\n\n[B](b.md)\n\n- [C](c.md)\n", []string{"book/SUMMARY.md:5:1: numbered chapter after a suffix chapter: unnumbered pages go before or after all numbered ones"}},
		{"- [A](a.md) and more\n", []string{"book/SUMMARY.md:1:3: a list item in SUMMARY.md holds one link: - [Title](file.md)"}},
		{"Just text.\n", []string{`book/SUMMARY.md:1:1: unexpected text "Just text." in SUMMARY.md: unnumbered pages are written [Title](file.md)`}},
		{"```\ncode\n```\n", []string{"book/SUMMARY.md:1:1: unexpected code block in SUMMARY.md: it holds a title, links, lists of links, part headings and ---"}},
		// An empty table of contents would empty chapters/ and _book/.
		{"", []string{"book/SUMMARY.md:1:1: SUMMARY.md is empty: list the book's pages in it, as in - [Title](file.md)"}},
		{" \n\n", []string{"book/SUMMARY.md:1:1: SUMMARY.md is empty: list the book's pages in it, as in - [Title](file.md)"}},
		{"\ufeff", []string{"book/SUMMARY.md:1:1: SUMMARY.md is empty: list the book's pages in it, as in - [Title](file.md)"}},
		{"# The Book\n\n<!-- nothing yet -->\n", []string{"book/SUMMARY.md:1:1: SUMMARY.md lists no page: list the book's pages in it, as in - [Title](file.md)"}},
		{"- [A draft]()\n", []string{"book/SUMMARY.md:1:1: SUMMARY.md lists no page: list the book's pages in it, as in - [Title](file.md)"}},
		// Titles are checked: math is TeX of the subset, and a title is not empty.
		{"- [The $\\oops$ functor](a.md)\n", []string{`book/SUMMARY.md:1:9: unsupported command \oops`}},
		{"# The $\\frac{1}$ book\n\n- [A](a.md)\n", []string{"book/SUMMARY.md:1:16: missing argument for \\frac"}},
		{"- [](a.md)\n", []string{"book/SUMMARY.md:1:3: the entry for a.md has no title: - [Title](a.md)"}},
		// A page with a space in its name is read, and left to tangle to refuse.
		{"- [A](<a b.md>)\n", []string{"book/SUMMARY.md:1:3: a b.md: file does not exist"}},
	}
	for i, tc := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			fsys := fstest.MapFS{
				"SUMMARY.md": {Data: []byte(tc.summary)},
				"a.md":       {Data: []byte("# A\n")},
				"b.md":       {Data: []byte("# B\n")},
				"c.md":       {Data: []byte("# C\n")},
			}
			_, errs := Load(fsys, "book")
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Load(%q) errors (-want +got):\n%s", tc.summary, diff)
			}
		})
	}
}

// TestLoadTitles: titles that GitHub's task lists would take for check
// boxes ([x], [X], [ ]) are titles, and a byte order mark is not text.
func TestLoadTitles(t *testing.T) {
	fsys := fstest.MapFS{
		"SUMMARY.md": {Data: []byte("\ufeff# Book\n\n- [x](a.md)\n- [X](b.md)\n\n[ x ](c.md)\n")},
		"a.md":       {Data: []byte("\ufeff# A\n")},
		"b.md":       {Data: []byte("# B\n")},
		"c.md":       {Data: []byte("# C\n")},
	}
	b, errs := Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, pg := range b.Pages {
		got = append(got, fmt.Sprintf("%s%q -> %s", pg.Number, pg.Title, pg.Path))
	}
	want := []string{`1."x" -> a.md`, `2."X" -> b.md`, `"x" -> c.md`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	if b.Title != "Book" {
		t.Errorf("Title = %q, want %q", b.Title, "Book")
	}
}
