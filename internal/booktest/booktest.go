// Package booktest generates synthetic books for tests and benchmarks of
// the literate tools.
package booktest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// Generate returns a manuscript directory with a SUMMARY.md, n chapters
// and a glossary. Each chapter has ten go blocks (two file roots continued
// over several blocks, named chunks expanded by references, a test file
// with a testable example), formulas in every paragraph of prose and a
// displayed one, and about 3.5 KB of Markdown in all, so Generate(100) is
// a book of about 350 KB with 1,000 go blocks, every one of them valid.
func Generate(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	var sum strings.Builder
	sum.WriteString("# A generated book\n\n[Preface](preface.md)\n\n# Part I\n\n")
	fsys["preface.md"] = &fstest.MapFile{Data: []byte("# Preface\n\nA book made by a program, for measuring the tools.\n")}
	for i := 1; i <= n; i++ {
		slug := fmt.Sprintf("%03d-chapter", i)
		fmt.Fprintf(&sum, "- [Chapter %d](%s.md)\n", i, slug)
		fsys[slug+".md"] = &fstest.MapFile{Data: []byte(chapter(i))}
	}
	sum.WriteString("\n[Glossary](glossary.md)\n")
	fsys["glossary.md"] = &fstest.MapFile{Data: []byte(glossary)}
	fsys["SUMMARY.md"] = &fstest.MapFile{Data: []byte(sum.String())}
	return fsys
}

const prose = `Composition is the heart of this chapter. We take two functions whose
types line up, $f : A \to B$ and $g : B \to C$, and we glue them into
$g \circ f : A \to C$. The *identity* $\mathrm{id}_A$ does nothing, and that is
exactly its job: it is the unit of composition. Read the code below slowly,
then run the tests with ` + "`go test`" + ` and watch the laws hold on many
generated inputs.
`

const glossary = `# Glossary

## Composition

The operation that turns $f : A \to B$ and $g : B \to C$ into $g \circ f$.

## Identity

The morphism $\mathrm{id}_A : A \to A$ that changes nothing.

## Morphism {also="arrow"}

An arrow from one object to another; in Go, a function.

## Unit

An element that leaves the others alone under an operation.
`

func chapter(i int) string {
	var b strings.Builder
	p := fmt.Sprintf("ch%03d", i)
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Chapter %d: composing arrows\n\n%s\n", i, prose)
	w("```go file=%s.go hide\npackage %s\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n```\n\n", p, p)
	w("## Arrows\n\n%s\n", prose)
	w("```go file=%s.go\n// Compose returns g after f.\nfunc Compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {\n\treturn func(a A) C {\n\t\t<<apply both>>\n\t}\n}\n```\n\n", p)
	w("The body applies both functions in turn.\n\n")
	w("```go name=\"apply both\"\nb := f(a)\nreturn g(b)\n```\n\n")
	w("## A pipeline\n\n%s\n", prose)
	w("```go file=%s.go\n// Shout upper-cases s and adds a mark.\nfunc Shout(s string) string {\n\t<<shout body>>\n}\n```\n\n", p)
	w("```go name=\"shout body\"\nu := strings.ToUpper(s)\n```\n\n")
	w("```go name=\"shout body\"\nreturn fmt.Sprint(u, \"!\")\n```\n\n")
	w("## Checking it\n\n%s\n", prose)
	w("```go file=%s_test.go hide\npackage %s\n\nimport (\n\t\"fmt\"\n\t\"testing\"\n)\n```\n\n", p, p)
	w("```go file=%s_test.go\nfunc TestShout(t *testing.T) {\n\tfor _, tc := range []struct{ in, want string }{\n\t\t{\"a\", \"A!\"},\n\t\t{\"go\", \"GO!\"},\n\t} {\n\t\t<<check one case>>\n\t}\n}\n```\n\n", p)
	w("```go name=\"check one case\"\nif got := Compose(Shout, Shout)(tc.in); got != Shout(tc.want) {\n\tt.Errorf(\"Compose(Shout, Shout)(%%q) = %%q, want %%q\", tc.in, got, Shout(tc.want))\n}\n```\n\n")
	w("```go file=%s_test.go\nfunc ExampleShout() {\n\tfmt.Println(Shout(\"hello\"))\n\t// Output: HELLO!\n}\n```\n\n", p)
	w("## Recap\n\n%s\n$$h \\circ (g \\circ f) = (h \\circ g) \\circ f, \\qquad \\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_{j=1}^{n} e^{z_j}}$$\n", prose)
	return b.String()
}

// FromArchive returns the manuscript held in the book/… sections of a txtar
// archive, as test fixtures write books.
func FromArchive(ar *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "book/"); ok {
			fsys[rest] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

// ReadTree reads every file under dir, by slash path relative to dir, as
// tests that compare two builds do.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		rel, _ := filepath.Rel(dir, name)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
