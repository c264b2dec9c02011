package weave

import (
	"strings"
	"testing"
)

// TestExerciseBlocks checks how an exercise is shown: its hint folded
// before its folded solution, and the blocks holding its tests folded
// under "Tests for exercise N.M" rather than as boilerplate.
func TestExerciseBlocks(t *testing.T) {
	site, errs := build(t, mapFS(
		"SUMMARY.md", "- [One](01-one.md)\n",
		"01-one.md", "# One\n\n```go file=one.go hide\npackage one\n```\n\n"+
			"```go file=one.go exercise=1.1 level=core\n"+
			"func Inc(n int) int { return n + 1 }\n```\n\n```hint\nadd `1` & return\n\nthen stop\n```\n\n"+
			"```go file=one.go exercise=1.2 level=stretch hint=\"say 'two'\"\n"+
			"func Two() int { return 2 }\n```\n\n"+
			"```go file=one_test.go tests=1.1\npackage one\n\nimport \"testing\"\n\nfunc TestInc(t *testing.T) {}\n```\n",
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
		`<details class="hint"><summary>Exercise 1.1: hint</summary>` + "\n<p>add <code>1</code> &amp; return</p><p>then stop</p></details>\n" + `<details class="exercise fold" id="`,
		`"><summary>Exercise 1.1: solution</summary>`,
		`<details class="hint"><summary>Exercise 1.2: hint</summary>` + "\n<p>say &#39;two&#39;</p></details>",
		`<details class="exercise-tests fold" id="`,
		`"><summary>Tests for exercise 1.1</summary>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("01-one.html lacks %s", want)
		}
	}
	if n := strings.Count(page, "Show boilerplate"); n != 1 {
		t.Errorf("01-one.html has %d boilerplate blocks, want 1 (the package clause)", n)
	}
}
