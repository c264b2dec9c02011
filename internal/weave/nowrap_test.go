package weave

import (
	"strings"
	"testing"
)

func TestJoinPunctuation(t *testing.T) {
	site, errs := build(t, mapFS(
		"SUMMARY.md", "- [One](01-one.md)\n",
		"01-one.md", "# One\n\nFirst $x$, with ($y$), and\n$z$.\nNext \"$w$\" and $v$ alone; $u$—a dash.\n",
	))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var page string
	for _, f := range site.Files {
		if f.Path == "01-one.html" {
			page = string(f.Data)
		}
	}
	for _, want := range []string{
		`First <span class="nw"><math><mi>x</mi></math>,</span> with `,
		`<span class="nw">(<math><mi>y</mi></math>),</span> and` + "\n" + `<span class="nw"><math><mi>z</mi></math>.</span>` + "\nNext ",
		`<span class="nw">“<math><mi>w</mi></math>”</span> and <math><mi>v</mi></math> alone; <span class="nw"><math><mi>u</mi></math>—</span>a dash.`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %q:\n%s", want, page[strings.Index(page, "<article"):])
		}
	}
}
