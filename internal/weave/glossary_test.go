package weave

import (
	"os"
	"regexp"
	"slices"
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

// TestGlossarySenses checks the rules that keep a glossary link to the
// sense its term has: the exclusions of a term (not= and not-on=), code in
// the prose, titles and quotations in emphasis, terms across punctuation,
// and that a link ends with its term, before the line break.
func TestGlossarySenses(t *testing.T) {
	site, errs := build(t, mapFS(
		"SUMMARY.md", "- [One](01-one.md)\n- [Two](02-two.md)\n\n[Glossary](glossary.md)\n",
		"glossary.md", "# Glossary\n\n"+
			"## Product {not=\"matrix product, product rule, products follow\" not-on=\"02-two.md\"}\n\nA pair with its projections. [One](01-one.md).\n\n"+
			"## Domain\n\nWhere a morphism starts.\n\n"+
			"## Category\n\nObjects and morphisms.\n\n"+
			"## Natural transformation\n\nA family of morphisms.\n\n"+
			"## Morphism\n\nAn arrow.\n",
		"01-one.md", "# One\n\n"+
			"One matrix product, the products follow the product rule. The product of\ntwo objects.\n\n"+
			"The type *does not match inferred type Arrow[domain.Vector, C]*; see domain.Pair and domain_x.\n\n"+
			"The draft *Category Theory for Tiny ML in Rust* is cited. The category of Go types.\n\n"+
			"A natural, transformation is not one term. Its domain\nis an object; a morphism.\n",
		"02-two.md", "# Two\n\nThe product of two objects, on a page where a product is a multiplication.\n",
	))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files := map[string]string{}
	for _, f := range site.Files {
		files[f.Path] = string(f.Data)
	}
	one, two := files["01-one.html"], files["02-two.html"]
	want := []string{
		"product -> glossary.html#product", // "The product of two objects"
		"category -> glossary.html#category",
		"domain -> glossary.html#domain", // "Its domain", not domain.Vector
		"morphism -> glossary.html#morphism",
	}
	if diff := cmp.Diff(want, glossLinks(one)); diff != "" {
		t.Errorf("01-one.html: glossary links (-want +got):\n%s", diff)
	}
	if got := glossLinks(two); len(got) > 0 {
		t.Errorf("02-two.html, where not-on says a product is something else, links %q", got)
	}
	if !strings.Contains(one, `">domain</a>`+"\n"+`is an object`) {
		t.Errorf("the link of a term at the end of a line takes in the line break:\n%s", one)
	}
	_, errs = build(t, mapFS(
		"SUMMARY.md", "- [One](01-one.md)\n\n[Glossary](glossary.md)\n",
		"glossary.md", "# Glossary\n\n## Product {not-on=\"01-on.md\"}\n\nA pair.\n",
		"01-one.md", "# One\n",
	))
	if got, want := errs.Error(), `book/glossary.md:3:1: not-on names 01-on.md, which is not a page of the book (did you mean 01-one.md?)`; got != want {
		t.Errorf("a not-on naming no page: %q, want %q", got, want)
	}
}

// TestGlossaryFalsePositives builds pages holding the uses of terms that
// the book once linked to the wrong sense, as the chapters write them,
// with the book's own glossary, and checks that none of them links: a
// product that is a multiplication (chapters 4, 5, 6 and 10), a domain
// that is a validated type's, or a package's in a compiler message
// (chapter 3), an optimizer object (chapter 5), the category in the title
// of the Rust draft. Each page also uses the term in its own sense where
// the book does, which must link, so that the test can fail.
func TestGlossaryFalsePositives(t *testing.T) {
	gloss, err := os.ReadFile("../../book/glossary.md")
	if err != nil {
		t.Skipf("the book's glossary: %v", err)
	}
	pages := []struct {
		name, text string
		wrong      []string // terms that must not link
		right      []string // links the page must have
	}{
		{"04-pipeline.md", "There is a lookup table, one matrix product, a softmax.\n\n" +
			"Each pair it produces is a value of the product type Pair[TokenID, TokenID].\n", nil,
			[]string{"product -> glossary.html#product"}},
		{"05-training.md", "The rest of the chapter (the calculus, the matrix products, the allocation\ncounts) is about making it fast. " +
			"Frameworks usually hide the step inside an optimizer object that changes the parameters in place.\n\n" +
			"The backward pass is three products and a scatter, a handful of large products.\n",
			[]string{"product", "object"}, nil},
		{"06-functor.md", "Shapes map to the category of shapes, because the shape of a product depends only on the shapes of the\nfactors. " +
			"The integer entries keep every product exact.\n", []string{"product"}, nil},
		{"10-autodiff.md", "Sums move at the sum of the speeds, and products follow the product rule.\n\n" +
			"Their product is the derivative of the composite. The composite is parametrised by the product P × Q.\n", nil,
			[]string{"product -> glossary.html#product"}},
		{"02-domain.md", "The pipeline is built from validated domain types.\n\n" +
			"Every morphism goes from one object, its domain, to another.\n", nil,
			[]string{"domain -> glossary.html#domain"}},
		{"03-kleisli.md", "The type of `softmax` *does not match inferred type Arrow[domain.Vector, C]*. " +
			"And kleisli.Arrow[domain.Distribution, C] does not either.\n", []string{"domain"}, nil},
		{"12-optim.md", "The numbers are checked against the Rust draft *Category Theory for Tiny\nML in Rust* by Hamze Ghalebi and Farzad Jafarranmani.\n\n" +
			"In category theory, Flatten and Unflatten form an isomorphism.\n", nil,
			[]string{"category -> glossary.html#category"}},
	}
	// The glossary's links lead to the chapters, which are not all here:
	// their text stays.
	gloss = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`).ReplaceAll(gloss, []byte("$1"))
	kv := []string{"glossary.md", string(gloss)}
	summary := ""
	listed := map[string]bool{}
	for _, p := range pages {
		summary += "- [" + p.name + "](" + p.name + ")\n"
		kv = append(kv, p.name, "# "+p.name+"\n\n"+p.text)
		listed[p.name] = true
	}
	// Every page a not-on of the glossary names, so that the glossary reads.
	for _, m := range regexp.MustCompile(`not-on="([^"]*)"`).FindAllStringSubmatch(string(gloss), -1) {
		for _, name := range strings.Split(m[1], ",") {
			if name = strings.TrimSpace(name); !listed[name] {
				listed[name] = true
				summary += "- [" + name + "](" + name + ")\n"
				kv = append(kv, name, "# "+name+"\n")
			}
		}
	}
	kv = append(kv, "SUMMARY.md", summary+"\n[Glossary](glossary.md)\n")
	site, errs := build(t, mapFS(kv...))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files := map[string]string{}
	for _, f := range site.Files {
		files[f.Path] = string(f.Data)
	}
	for _, p := range pages {
		html := files[strings.TrimSuffix(p.name, ".md")+".html"]
		got := glossLinks(html[strings.Index(html, "<article"):strings.Index(html, "</article>")])
		for _, w := range p.wrong {
			for _, g := range got {
				if strings.HasSuffix(g, "glossary.html#"+w) {
					t.Errorf("%s links %q, a use of another sense", p.name, g)
				}
			}
		}
		for _, r := range p.right {
			if !slices.Contains(got, r) {
				t.Errorf("%s does not link %q; its links: %q", p.name, r, got)
			}
		}
		for _, g := range got {
			text, _, _ := strings.Cut(g, " -> ")
			for _, bad := range []string{"matrix", "optimizer", "Tiny", "Vector", "rule", "follow"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s links %q", p.name, g)
				}
			}
		}
	}
}
