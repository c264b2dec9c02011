package weave

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// searchIndexOf builds a book and decodes its search index as book.js
// does: the words are unpacked into word -> sections.
func searchIndexOf(t *testing.T, kv ...string) (pages [][]string, sections [][]any, names [][]any, words map[string][]int) {
	t.Helper()
	site, errs := build(t, mapFS(kv...))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var data []byte
	for _, f := range site.Files {
		if f.Path == searchIndexPath {
			data = f.Data
		}
	}
	js := string(data)
	start := strings.Index(js, "{")
	var ix struct {
		P [][]string `json:"p"`
		S [][]any    `json:"s"`
		N [][]any    `json:"n"`
		W string     `json:"w"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(js[start:]), ";")), &ix); err != nil {
		t.Fatalf("search-index.js: %v\n%s", err, js)
	}
	words = map[string][]int{}
	prev := ""
	for _, e := range strings.Split(ix.W, ";") {
		n, _ := strconv.ParseInt(e[:1], 36, 64)
		colon := strings.IndexByte(e, ':')
		u := []rune(prev) // BMP only in these tests: a rune is a UTF-16 unit
		prev = string(u[:n]) + e[1:colon]
		s := 0
		for _, g := range strings.Split(e[colon+1:], ",") {
			d, _ := strconv.ParseInt(g, 36, 64)
			s += int(d)
			words[prev] = append(words[prev], s)
		}
	}
	return ix.P, ix.S, ix.N, words
}

func TestSearchIndex(t *testing.T) {
	pages, sections, names, words := searchIndexOf(t,
		"SUMMARY.md", "- [Arrows](01-arrows.md)\n- [Naïve](02-naive.md)\n",
		"01-arrows.md", "# Arrows\n\nComposition glues arrows.\n\n## Composing them\n\nThe composite of `f` and `g` is $g \\circ f$.\n\n"+
			"```go file=arrows.go\npackage arrows\n\n// Compose returns g after f.\nfunc Compose(f, g func(int) int) func(int) int { return func(x int) int { return g(f(x)) } }\n\ntype Arrow func(int) int\n\nfunc (a Arrow) Then(b Arrow) Arrow { return Compose(a, b) }\n\n"+
			"const (\n\t// Small is small.\n\tSmall = 1\n\tBig   = 2\n)\n\nvar left, right = 1, 2\n\ntype Stack[T any] []T\n\nfunc (s *Stack[T]) Push(v T) { *s = append(*s, v) }\n```\n\n"+
			"```go name=\"a chunk\"\nx := 1\n```\n\n```go file=arrows.go\nfunc use() {\n\t<<a chunk>>\n\t_ = x\n}\n```\n",
		"02-naive.md", "# Naïve\n\nNaïve naive composition, 42 times.\n",
	)
	if diff := cmp.Diff([][]string{{"01-arrows.html", "1", "Arrows", "01-arrows"}, {"02-naive.html", "2", "Naïve", "02-naive"}}, pages); diff != "" {
		t.Errorf("pages (-want +got):\n%s", diff)
	}
	var heads []string
	for _, s := range sections {
		heads = append(heads, s[2].(string)+": "+s[3].(string))
	}
	if diff := cmp.Diff([]string{"Arrows: Composition glues arrows.", "Composing them: The composite of f and g is g ∘ f.", "Naïve: Naïve naive composition, 42 times."}, heads); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	var got []string
	for _, n := range names {
		got = append(got, n[0].(string)+" "+n[1].(string)+" "+strconv.Itoa(int(n[2].(float64)))+" "+n[3].(string))
	}
	want := []string{
		"arrows.go F 1 arrows.go-1",
		"a chunk k 1 a-chunk-1",
		"Compose f 1 arrows.go-1",
		"Arrow t 1 arrows.go-1",
		"Arrow.Then m 1 arrows.go-1",
		"Small c 1 arrows.go-1",
		"Big c 1 arrows.go-1",
		"left v 1 arrows.go-1",
		"right v 1 arrows.go-1",
		"Stack t 1 arrows.go-1",
		"Stack.Push m 1 arrows.go-1",
		"use f 1 arrows.go-2",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	for word, want := range map[string][]int{
		"composition": {0, 2},
		"composing":   {1},
		"arrows":      {0},
		"naïve":       {2},
		"naive":       {2},
	} {
		if !slices.Equal(words[word], want) {
			t.Errorf("word %q is in sections %v, want %v", word, words[word], want)
		}
	}
	for _, stop := range []string{"the", "of", "42", "a"} {
		if _, ok := words[stop]; ok {
			t.Errorf("%q is indexed", stop)
		}
	}
}

// TestSearchNames: the index lists a chapter's Go declarations as the Go
// parser reads them: a generic receiver by its type's name, a parenthesised
// result not as a second name, and nothing from inside a string.
func TestSearchNames(t *testing.T) {
	_, _, names, _ := searchIndexOf(t,
		"SUMMARY.md", "- [Pairs](01-pairs.md)\n",
		"01-pairs.md", "# Pairs\n\n```go file=pairs.go\npackage pairs\n\n"+
			"type Pair[A, B any] struct {\n\ta A\n\tb B\n}\n\nfunc (p Pair[A, B]) First() A { return p.a }\n\nfunc (p *Pair[A, B]) Swap() {}\n\n"+
			"var (\n\tparse func(string) (int, error)\n\t_     Pair[int, string]\n)\n\nvar src = `\nfunc Fake() {}\n`\n```\n",
	)
	var got []string
	for _, n := range names {
		got = append(got, n[0].(string)+" "+n[1].(string))
	}
	want := []string{"pairs.go F", "Pair t", "Pair.First m", "Pair.Swap m", "parse v", "src v"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestSharedPrefix(t *testing.T) {
	tests := []struct {
		a, b         string
		bytes, units int
	}{
		{"compose", "composition", 6, 6},
		{"naïve", "naïvety", 6, 5},
		{"𝒞at", "𝒞ats", 6, 4}, // 𝒞 is two UTF-16 units
		{"", "a", 0, 0},
		{strings.Repeat("a", 50), strings.Repeat("a", 50), 35, 35},
	}
	for _, tc := range tests {
		if b, u := sharedPrefix(tc.a, tc.b); b != tc.bytes || u != tc.units {
			t.Errorf("sharedPrefix(%q, %q) = %d, %d, want %d, %d", tc.a, tc.b, b, u, tc.bytes, tc.units)
		}
	}
}

// TestDarkThemeBlocks checks that book.css gives the same colours to the
// system's dark mode and to the reader's.
func TestDarkThemeBlocks(t *testing.T) {
	css, err := files.ReadFile("assets/book.css")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)(:root:not\(\[data-theme="light"\]\)|:root\[data-theme="dark"\]) \{\n(.*?)\n  \}`)
	m := re.FindAllSubmatch(css, -1)
	if len(m) != 2 {
		t.Fatalf("book.css has %d dark blocks, want 2", len(m))
	}
	if a, b := string(m[0][2]), string(m[1][2]); a != b {
		t.Errorf("the dark blocks of book.css differ:\n%s\n---\n%s", a, b)
	}
}
