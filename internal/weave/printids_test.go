package weave

import (
	"regexp"
	"strings"
	"testing"

	"ctml/internal/booktest"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
)

// idRefRE is what printIDs finds by hand, as a regular expression.
var idRefRE = regexp.MustCompile(`\b(id|href|for|aria-labelledby|aria-describedby|aria-controls)="([^"]*)"`)

// printIDsRE is printIDs written with idRefRE, as it was: it finds the
// attributes with the expression; the values are rewritten alike.
func printIDsRE(content []byte, pageID string) []byte {
	pre := pageID + "--"
	return idRefRE.ReplaceAllFunc(content, func(m []byte) []byte {
		sub := idRefRE.FindSubmatch(m)
		attr := string(sub[1])
		v := printValue(attr, string(sub[2]), pre)
		return []byte(attr + `="` + v + `"`)
	})
}

var printIDsCorners = []string{
	``,
	`no attributes at all`,
	`<a href="#x" id="y"><label for="z">`,
	`<a href="#">top</a><a href="#@@01-one--x">`,
	`<div aria-labelledby="a  b" aria-describedby="" aria-controls=" c ">`,
	`valid="x" data-id="y" _id="z" 9id="w" -for="v" forid="u" ID="t"`,
	`id="open`,
	`id="a"id="b"href="#c"`,
	`id=="x" id= "y" id=""`,
	`<pre>f(id="x") // href="#y"</pre>`,
	`"id="x"`,
}

// TestPrintIDs compares printIDs with the regular expression it
// replaces, on corner cases and on every page of a generated book.
func TestPrintIDs(t *testing.T) {
	inputs := printIDsCorners
	fsys := booktest.Generate(4)
	bk, errs := manuscript.Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, errs := tangle.Render(bk, tangle.Options{Book: "book", Out: "chapters"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	site, errs := Build(bk, out, fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, f := range site.Files {
		if strings.HasSuffix(f.Path, ".html") {
			inputs = append(inputs, string(f.Data))
		}
	}
	for _, in := range inputs {
		if got, want := string(printIDs([]byte(in), "p")), string(printIDsRE([]byte(in), "p")); got != want {
			t.Errorf("printIDs(%.200q)\n= %.300q\nwant %.300q", in, got, want)
		}
	}
}

// FuzzPrintIDs compares printIDs with the regular expression on any
// text.
func FuzzPrintIDs(f *testing.F) {
	for _, s := range printIDsCorners {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := string(printIDs([]byte(in), "p")), string(printIDsRE([]byte(in), "p")); got != want {
			t.Errorf("printIDs(%q) = %q, want %q", in, got, want)
		}
	})
}
