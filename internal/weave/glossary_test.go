package weave

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// glossaryBook is a book with a glossary of a few test terms, in the
// format of book/glossary.md, and two chapters that use them.
var glossaryBook = []string{
	"SUMMARY.md", "- [One](01-one.md)\n- [Two](02-two.md)\n\n[Glossary](glossary.md)\n",
	"glossary.md", `# Glossary

Terms in alphabetical order.

## C

### Category

Objects, morphisms and composition, with identities. [Chapter 1](01-one.md).

### Composition

The operation that turns $f : A \to B$ and $g : B \to C$ into $g \circ f$. It
is associative. [Chapter 1](01-one.md).

## M

### Morphism {also="arrow"}

An arrow between two objects; in Go, a function. [Chapter 1](01-one.md).

## N

### Natural transformation

A family of morphisms that commutes with a functor. [Chapter 2](02-two.md).
`,
	"01-one.md", "# One\n\n" +
		"## A category\n\n" +
		"A category has objects. Each arrow goes from one object to another; morphisms compose.\n" +
		"The category of Go types is *our* category, and its morphisms are functions.\n\n" +
		"- composition, in a list\n\n" +
		"See [the category](#a-category), `Category` in code, and $\\mathrm{category}$ in math.\n",
	"02-two.md", "# Two\n\nMorphisms again: a natural\ntransformation, across a line break. A Composition.\n\n" +
		"| term | use |\n|---|---|\n| x | a category |\n",
}

// links returns the glossary links of a page, as text -> href.
func glossLinks(html string) []string {
	re := regexp.MustCompile(`<a class="gloss" href="([^"]*)" title="([^"]*)">((?s:.*?))</a>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(html, -1) {
		out = append(out, m[3]+" -> "+m[1])
	}
	return out
}

func TestGlossary(t *testing.T) {
	site, errs := build(t, mapFS(glossaryBook...))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files := map[string]string{}
	for _, f := range site.Files {
		files[f.Path] = string(f.Data)
	}
	article := func(name string) string {
		s := files[name]
		return s[strings.Index(s, "<article"):strings.Index(s, "</article>")]
	}
	tests := []struct {
		page string
		want []string
	}{
		// First uses only; not in headings, links, code or math; the
		// alias (arrow), before the term it stands for (morphism).
		{"01-one.html", []string{
			"category -> glossary.html#category",
			"arrow -> glossary.html#morphism",
			"composition -> glossary.html#composition",
		}},
		// A plural, a term across a line break, a term in a table cell
		// (after another use, so not linked) and in capitals.
		{"02-two.html", []string{
			"Morphisms -> glossary.html#morphism",
			"natural\ntransformation -> glossary.html#natural-transformation",
			"Composition -> glossary.html#composition",
			"category -> glossary.html#category",
		}},
		{"glossary.html", nil},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, glossLinks(article(tc.page))); diff != "" {
			t.Errorf("%s: glossary links (-want +got):\n%s", tc.page, diff)
		}
	}
	if !strings.Contains(files["01-one.html"], `title="The operation that turns f : A → B and g : B → C into g ∘ f."`) {
		t.Errorf("the link to composition does not carry its first sentence, with its math as text")
	}
	if !strings.Contains(files["print.html"], `<a class="gloss" href="#glossary--category" title=`) {
		t.Errorf("print.html does not link its terms to the glossary on the same page")
	}
	// A second build of the same book links the same uses.
	bk, out := load(t, mapFS(glossaryBook...))
	first, _ := Build(bk, out, mapFS(glossaryBook...), Options{})
	second, _ := Build(bk, out, mapFS(glossaryBook...), Options{})
	for i := range first.Files {
		if string(first.Files[i].Data) != string(second.Files[i].Data) {
			t.Errorf("building the same book twice changes %s", first.Files[i].Path)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"One sentence. Chapter 1.", "One sentence."},
		{"Uses e.g. an example, and i.e. more. Then.", "Uses e.g. an example, and i.e. more."},
		{"No stop", "No stop"},
		{"Ends with a link. [Chapter 2](x.md).", "Ends with a link."},
		{"Split\nover lines. Next", "Split over lines."},
	}
	for _, tc := range tests {
		if got := firstSentence(tc.in); got != tc.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"morphism": "morphisms", "category": "categories", "box": "boxes", "loss": "losses",
		"key": "keys", "natural transformation": "natural transformations", "batch": "batches",
	} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
}
