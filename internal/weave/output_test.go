package weave

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExampleOutputs(t *testing.T) {
	for _, tc := range []struct {
		name     string
		code     string
		wantCode string
		want     []exampleOutput
	}{
		{
			name:     "one line",
			code:     "func ExampleShout() {\n\tfmt.Println(Shout(\"hi\"))\n\t// Output: HI!\n}",
			wantCode: "func ExampleShout() {\n\tfmt.Println(Shout(\"hi\"))\n}",
			want:     []exampleOutput{{Func: "ExampleShout", Text: "HI!"}},
		},
		{
			name:     "several lines, indentation kept",
			code:     "func Example() {\n\tprint()\n\t// Output:\n\t// a\n\t//   b\n\t//\n\t// c\n}",
			wantCode: "func Example() {\n\tprint()\n}",
			want:     []exampleOutput{{Func: "Example", Text: "a\n  b\n\nc"}},
		},
		{
			name:     "unordered",
			code:     "func ExampleKeys() {\n\t// Unordered output: x\n\t// y\n}",
			wantCode: "func ExampleKeys() {\n}",
			want:     []exampleOutput{{Func: "ExampleKeys", Unordered: true, Text: "x\ny"}},
		},
		{
			name:     "two examples",
			code:     "func ExampleA() {\n\t// Output: 1\n}\n\nfunc ExampleB() {\n\t// output: 2\n}",
			wantCode: "func ExampleA() {\n}\n\nfunc ExampleB() {\n}",
			want:     []exampleOutput{{Func: "ExampleA", Text: "1"}, {Func: "ExampleB", Text: "2"}},
		},
		{
			name:     "not an example",
			code:     "func Print() {\n\t// Output: is written to stdout\n}",
			wantCode: "func Print() {\n\t// Output: is written to stdout\n}",
		},
		{
			name:     "example without output",
			code:     "func ExampleRun() {\n\t// Run runs.\n\tRun()\n}",
			wantCode: "func ExampleRun() {\n\t// Run runs.\n\tRun()\n}",
		},
		{
			name:     "comment after the closing brace",
			code:     "func ExampleA() {\n\tA()\n}\n\n// Output: not this",
			wantCode: "func ExampleA() {\n\tA()\n}\n\n// Output: not this",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.Split(tc.code, "\n")
			keep, got := exampleOutputs(lines)
			var kept []string
			for i, l := range lines {
				if keep[i] {
					kept = append(kept, l)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("exampleOutputs(%q) outputs (-want +got):\n%s", tc.code, diff)
			}
			if diff := cmp.Diff(tc.wantCode, strings.Join(kept, "\n")); diff != "" {
				t.Errorf("exampleOutputs(%q) code kept (-want +got):\n%s", tc.code, diff)
			}
		})
	}
}
