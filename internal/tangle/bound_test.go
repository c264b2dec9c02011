package tangle

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"ctml/internal/manuscript"
)

// TestExpansionBound: chunks that use the next one twice double the code
// at each level. Expansion stops at MaxExpanded bytes with an error that
// names the chain, also when the chunks expand to nothing (which would
// otherwise take forever without growing the file).
func TestExpansionBound(t *testing.T) {
	chain := func(levels int, leaf string) []byte {
		var b strings.Builder
		b.WriteString("```go file=one.go\npackage one\n\nfunc F(x int) int {\n<<c1>>\nreturn x\n}\n```\n")
		for i := 1; i < levels; i++ {
			fmt.Fprintf(&b, "\n```go name=c%d\n<<c%d>>\n<<c%d>>\n```\n", i, i+1, i+1)
		}
		fmt.Fprintf(&b, "\n```go name=c%d\n%s```\n", levels, leaf)
		return []byte(b.String())
	}
	tests := []struct {
		name   string
		page   []byte
		prefix string
	}{
		{"doubling", chain(20, "x = x + 1 // a line of code, repeated a million times\n"),
			"book/01-one.md:1:7: one.go would be larger than 10 MB with its chunks expanded: one.go -> c1 -> c2 -> "},
		{"empty", chain(48, ""),
			"book/01-one.md:1:7: one.go would be larger than 10 MB with its chunks expanded: one.go -> c1 -> c2 -> "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
				"01-one.md":  {Data: tc.page},
			}
			bk, errs := manuscript.Load(fsys, "book")
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			_, errs = Render(bk, Options{Book: "book", Out: "chapters"})
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tc.prefix) {
				t.Fatalf("Render errors:\n%v\nwant one starting %q", errs, tc.prefix)
			}
			if !strings.Contains(errs[0].Msg, "(a chunk used several times") {
				t.Errorf("error %q does not explain the growth", errs[0].Msg)
			}
		})
	}
}
