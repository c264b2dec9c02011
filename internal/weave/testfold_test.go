package weave

import (
	"fmt"
	"strings"
	"testing"
)

// TestLongTestsFolded checks that a long test block is folded, as
// boilerplate is, with its test functions and length in the summary and
// its code in the page's fold script, while a short test and an example,
// whose output is the point, stay in the running text (issue 14, item
// 11: chapter 5's table tests, up to 112 lines, are folded so).
func TestLongTestsFolded(t *testing.T) {
	var table, example strings.Builder
	table.WriteString("func TestTable(t *testing.T) {\n\tfor _, tc := range []struct{ in, want int }{\n")
	for i := range 26 {
		fmt.Fprintf(&table, "\t\t{%d, %d},\n", i, i+1)
	}
	table.WriteString("\t} {\n\t\tif got := Inc(tc.in); got != tc.want {\n\t\t\tt.Errorf(\"Inc(%d) = %d\", tc.in, got)\n\t\t}\n\t}\n}\n")
	example.WriteString("func ExampleInc() {\n")
	for i := range 26 {
		fmt.Fprintf(&example, "\tfmt.Println(Inc(%d))\n", i)
	}
	example.WriteString("\t// Output:\n")
	for i := range 26 {
		fmt.Fprintf(&example, "\t// %d\n", i+1)
	}
	example.WriteString("}\n")
	site, errs := build(t, mapFS(
		"SUMMARY.md", "- [One](01-one.md)\n",
		"01-one.md", "# One\n\n```go file=one.go\npackage one\n\n// Inc adds one.\nfunc Inc(n int) int { return n + 1 }\n```\n\n"+
			"```go file=one_test.go hide\npackage one\n\nimport (\n\t\"fmt\"\n\t\"testing\"\n)\n```\n\n"+
			"```go file=one_test.go\nfunc TestShort(t *testing.T) {\n\tif Inc(1) != 2 {\n\t\tt.Fatal(Inc(1))\n\t}\n}\n```\n\n"+
			"A table:\n\n```go file=one_test.go\n"+table.String()+"```\n\n"+
			"An example:\n\n```go file=one_test.go\n"+example.String()+"```\n",
	))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var page, folds string
	for _, f := range site.Files {
		switch f.Path {
		case "01-one.html":
			page = string(f.Data)
		case "folds/01-one.js":
			folds = string(f.Data)
		}
	}
	tableLines := strings.Count(table.String(), "\n")
	for _, want := range []string{
		`<details class="tests fold" id="`,
		`"><summary>Show <code>TestTable</code> (` + fmt.Sprint(tableLines) + ` lines)`,
		`<u>TestShort</u>`,
		`<u>ExampleInc</u>`,
		`Output of <code>ExampleInc</code>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("01-one.html lacks %s", want)
		}
	}
	if strings.Contains(page, "<u>TestTable</u>") {
		t.Error("01-one.html shows TestTable's code in the running text; it belongs in the fold script")
	}
	if !strings.Contains(folds, "TestTable") {
		t.Errorf("folds/01-one.js lacks TestTable's code:\n%s", folds)
	}
	if n := strings.Count(page, `class="tests fold"`); n != 1 {
		t.Errorf("01-one.html has %d folded test blocks, want 1 (the table)", n)
	}
}
