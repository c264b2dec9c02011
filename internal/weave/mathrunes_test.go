package weave

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"ctml/internal/manuscript"
	"ctml/internal/tex"
)

// tokenizedMathRunes is addMathRunes with golang.org/x/net/html's
// tokenizer reading the markup: the oracle of TestMathRunes, which tests
// how the tags and text are found (what a token adds is shared).
func tokenizedMathRunes(m string, set, grow map[rune]bool) {
	z := html.NewTokenizer(strings.NewReader(m))
	var tag string
	auto, stretch := false, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken:
			name, more := z.TagName()
			tag = string(name)
			auto, stretch = tag == "mi", tag == "mo"
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "mathvariant":
					auto = false
				case "stretchy":
					stretch = stretch && string(v) != "false"
				}
			}
			if tag == "ms" {
				set['"'] = true
			}
		case html.EndTagToken:
			tag = ""
		case html.TextToken:
			switch tag {
			case "mi", "mo", "mn", "ms", "mtext":
			default:
				continue
			}
			addTokenRunes(string(z.Text()), auto, stretch, set, grow)
		}
	}
}

// TestMathRunes reads the runes of every formula of the repository's book
// (when it is there) and of markup tex.MathML does not write but might,
// as the tokenizer does.
func TestMathRunes(t *testing.T) {
	formulas := []string{
		`<math><mi>x</mi><mo stretchy="false">(</mo><mi mathvariant="normal">Γ</mi><mo>)</mo></math>`,
		`<math><ms>a&amp;b</ms><mtext>x &lt; y&#x2192;</mtext><mspace width="0.2em"/><mi>y</mi></math>`,
		`<math><mo stretchy='false' lspace="0">|</mo><mo fence="true" stretchy="true">‖</mo><mi>f</mi><mi>ab</mi></math>`,
		`<math><mrow><mi mathvariant="bold">v</mi><mo form="prefix" title="a > b">∑</mo><mn>12</mn></mrow></math>`,
		`<math><MI>h</MI><mo>∂</mo><mi>ϕ</mi><mi>ℝ</mi></math>`,
	}
	if bk, errs := manuscript.Load(manuscript.DirFS("../../book", "../../diagrams"), "book"); len(errs) == 0 {
		for _, pg := range bk.Pages {
			if pg.Doc != nil {
				pg.Doc.ParseMath(func(_ ast.Node, l *tex.List) { formulas = append(formulas, tex.MathML(l)) })
			}
		}
	}
	if len(formulas) < 100 {
		t.Logf("only %d formulas: the repository's book is not there", len(formulas))
	}
	for _, m := range formulas {
		set, grow := map[rune]bool{}, map[rune]bool{}
		addMathRunes(m, set, grow)
		wantSet, wantGrow := map[rune]bool{}, map[rune]bool{}
		tokenizedMathRunes(m, wantSet, wantGrow)
		if got, want := string(slices.Sorted(maps.Keys(set))), string(slices.Sorted(maps.Keys(wantSet))); got != want {
			t.Errorf("runes of %s:\n got %q\nwant %q", m, got, want)
		}
		if got, want := string(slices.Sorted(maps.Keys(grow))), string(slices.Sorted(maps.Keys(wantGrow))); got != want {
			t.Errorf("stretchy runes of %s:\n got %q\nwant %q", m, got, want)
		}
	}
	t.Logf("%d formulas", len(formulas))
}
