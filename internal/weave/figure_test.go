package weave

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// figureBook is a one-chapter book with a test, and the figure blocks
// given.
func figureBook(blocks string) fstest.MapFS {
	return mapFS(
		"SUMMARY.md", "# B\n\n- [One](01-one.md)\n",
		"01-one.md", "# One\n\n```go file=one.go\npackage one\n\n// F is the identity.\nfunc F(x int) int { return x }\n```\n\n"+
			"```go file=one_test.go\npackage one\n\nimport \"testing\"\n\nfunc TestSquare(t *testing.T) {\n\tif F(1) != 1 {\n\t\tt.Fatal(F(1))\n\t}\n}\n```\n\n"+blocks,
	)
}

func buildFigures(t *testing.T, blocks string, diagrams fstest.MapFS) (string, []string) {
	t.Helper()
	fsys := figureBook(blocks)
	bk, out := load(t, fsys)
	opt := Options{}
	if diagrams != nil {
		opt.Diagrams = diagrams
	}
	site, errs := Build(bk, out, fsys, opt)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	for _, f := range site.Files {
		if f.Path == "01-one.html" {
			return string(f.Data), msgs
		}
	}
	return "", msgs
}

// TestFigures checks that tikzcd blocks, inline or in diagrams/, become
// inline SVG figures with their caption and a link to the test that
// checks them.
func TestFigures(t *testing.T) {
	diagrams := mapFS("tri.tikzcd", `A \arrow[r, "f"] \arrow[dr, "g \circ f"'] & B \arrow[d, "g"] \\ & C`)
	page, errs := buildFigures(t, "```tikzcd title=\"Square\" caption=\"F keeps the square.\" check=TestSquare\n"+
		"A \\arrow[r, \"f\"] & B\n```\n\n```tikzcd src=diagrams/tri.tikzcd caption=\"Composition.\"\n```\n", diagrams)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		`<figure class="cd-figure" id="figure-1">`,
		`<svg xmlns="http://www.w3.org/2000/svg" class="cd"`,
		`aria-labelledby="cd-figure-1-title"`,
		`<title id="cd-figure-1-title">Square</title>`,
		`<figcaption>F keeps the square. <span class="cd-check">Checked by <a href="#`,
		`<code>TestSquare</code></a>.</span></figcaption>`,
		`<figure class="cd-figure" id="figure-2">`,
		`<title id="cd-figure-2-title">Composition.</title>`,
		`<svg class="glyphs" aria-hidden="true" focusable="false"><defs>`,
		`<g transform="scale(`,
		`g composed with f from A to C`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The glyph sprite: every outline once, both figures' A drawn from it.
	if strings.Contains(page, `-g`) && regexp.MustCompile(`id="cd-figure-\d+-g\d+"`).MatchString(page) {
		t.Error("a figure still defines glyphs of its own")
	}
	defs := regexp.MustCompile(`<path id="(g\d+)"`).FindAllStringSubmatch(page, -1)
	seen := map[string]bool{}
	for _, d := range defs {
		if seen[d[1]] {
			t.Errorf("glyph %s is defined twice", d[1])
		}
		seen[d[1]] = true
		if !strings.Contains(page, `href="#`+d[1]+`"`) {
			t.Errorf("glyph %s is defined and not used", d[1])
		}
	}
	if len(defs) == 0 {
		t.Error("the page has no glyph sprite")
	}
	again, _ := buildFigures(t, "```tikzcd title=\"Square\" caption=\"F keeps the square.\" check=TestSquare\n"+
		"A \\arrow[r, \"f\"] & B\n```\n\n```tikzcd src=diagrams/tri.tikzcd caption=\"Composition.\"\n```\n", diagrams)
	if again != page {
		t.Error("two builds give different pages")
	}
	// The link goes to the go block that defines the test.
	m := regexp.MustCompile(`Checked by <a href="#([^"]+)"`).FindStringSubmatch(page)
	if m == nil || !strings.Contains(page, `<figure class="chunk" id="`+m[1]+`">`) {
		t.Errorf("the check link does not lead to a chunk: %v", m)
	}
}

// TestFigureErrors checks that a figure's mistakes stop the build at
// their Markdown positions (or in the diagrams/ file).
func TestFigureErrors(t *testing.T) {
	diagrams := mapFS("bad.tikzcd", "A \\arrow[r]\n& B \\arrow[r, colour=red]")
	// The blocks start on line 22 of the page.
	tests := []struct{ blocks, want string }{
		{"```tikzcd check=TestMissing\nA\n```\n", "book/01-one.md:22:11: check=TestMissing: no test TestMissing in the tangled test files of chapters/01-one"},
		{"```tikzcd check=square\nA\n```\n", "book/01-one.md:22:11: check=square: name a test function"},
		{"```tikzcd\nA \\arrow[r, lable=x] & B\n```\n", `book/01-one.md:23:13: unsupported arrow option "lable"`},
		{"```tikzcd\nA \\arrow[r] &\n```\n", "book/01-one.md:23:10: arrow to the empty cell at row 1, column 2"},
		{"```tikzcd\nA & B \\\\\n\\frac{x} & C\n```\n", "book/01-one.md:24:"},
		{"```tikzcd capton=\"x\"\nA\n```\n", `book/01-one.md:22:11: unknown attribute "capton" of a tikzcd block (did you mean "caption"?)`},
		{"```tikzcd src=diagrams/none.tikzcd\n```\n", "book/01-one.md:22:11: src=diagrams/none.tikzcd: file does not exist"},
		{"```tikzcd src=figs/a.tikzcd\n```\n", "book/01-one.md:22:11: src=figs/a.tikzcd: name a figure file as src=diagrams/NAME.tikzcd"},
		{"```tikzcd src=diagrams/bad.tikzcd\n```\n", `diagrams/bad.tikzcd:2:15: unsupported arrow option "colour"`},
		{"```tikzcd src=diagrams/bad.tikzcd\nA\n```\n", "book/01-one.md:23:1: a tikzcd block with src= has no body"},
	}
	for _, tc := range tests {
		_, errs := buildFigures(t, tc.blocks, diagrams)
		found := false
		for _, e := range errs {
			if strings.Contains(e, tc.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("blocks %q: errors %q, want one containing %q", tc.blocks, errs, tc.want)
		}
	}
}
