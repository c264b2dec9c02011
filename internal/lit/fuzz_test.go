package lit

import (
	"testing"

	"github.com/yuin/goldmark/ast"
)

// FuzzParse feeds arbitrary bytes to the parser, which must never panic
// and must report positions inside the input. The seeds are small, one
// construct each, so that the fuzzer spends its time mutating rather than
// parsing whole chapters: the committed corpus in testdata/fuzz/FuzzParse
// and the snippets below.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# T\n\ntext\n",
		"```go file=a.go\npackage a\n```\n",
		"```go name=\"x y\" hide\n<<z>>\n```\n",
		"```go file=a.go exercise=1.1 level=core hint=\"h\"\nvar x = 1\n```\n\n```hint\n`code`\n```\n",
		"```go file=a_test.go tests=1.1\npackage a\n```\n",
		"```go expect-error=\"x\\(\"\n\t<<a>>\n```\n",
		"```go skip=\"s\"\n<<bad name!>>\n```\n",
		"~~~~go file=x/y.go\n```\n~~~~\n",
		"$a$ and $$b$$, `$c$`, \\$5\n\n$$\nx\n$$\n",
		"- [x](a.md)\n    - [ ](b.md)\n",
		"\ufeff> ```go\n> code\n",
		"a\r\n```go file=a.go\r\npackage a\r\n```\r\n",
		"\xff\xfe```go file=\"a\x00b.go\"\n",
		"```tikzcd caption=\"c\" src=diagrams/a.tikzcd\n```\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, errs := Parse("f.md", src)
		lines := 1
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, e := range errs {
			if e.Pos.Line < 1 || e.Pos.Line > lines {
				t.Errorf("error %q is outside the input's %d lines", e, lines)
			}
		}
		for _, b := range d.Blocks {
			for _, l := range b.Lines {
				if l.Pos.Line < 1 || l.Pos.Line > lines {
					t.Errorf("line %q at %v is outside the input's %d lines", l.Text, l.Pos, lines)
				}
			}
		}
		// Every byte of a formula maps back into the input.
		_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if tex, _, offset, ok := MathTeX(n, src); ok && entering {
				for i := range len(tex) {
					if o := offset(i); o < 0 || o >= len(src) {
						t.Errorf("byte %d of formula %q maps to %d, outside the input", i, tex, o)
						break
					}
				}
			}
			return ast.WalkContinue, nil
		})
	})
}
