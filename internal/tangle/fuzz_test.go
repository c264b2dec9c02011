package tangle

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"ctml/internal/manuscript"
)

// FuzzRender tangles a one-page book made of arbitrary bytes. Whatever the
// page holds, Render must not panic, and every error must point into it.
// The seeds are small pages, one feature each (chunks, cycles, packages,
// expect-error, exercises, subdirectories), so that executions stay cheap.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"```go file=a.go\npackage a\n```\n",
		"```go file=a.go\npackage a\n\nfunc F() {\n\t<<body>>\n}\n```\n\n```go name=body\nprintln()\n```\n",
		"```go file=a.go\npackage a\n<<x>>\n```\n\n```go name=x\n<<y>>\n<<y>>\n```\n\n```go name=y\n<<x>>\n```\n",
		"```go file=a.go\npackage a\n```\n\n```go file=b.go\npackage b\n```\n\n```go file=a_test.go\npackage a_test\n```\n",
		"```go file=a.go\npackage a\n\ntype T struct{ x int }\n```\n\n```go expect-error=\"undefined\"\nvar _ = y\n```\n",
		"```go file=a.go exercise=1 hint=\"h\"\npackage a\n```\n\n```go file=a_test.go tests=1\npackage a\n```\n",
		"```go file=sub/x.go\npackage sub\n\nimport (\n\t\"os\"\n\t\"fmt\"\n)\n\nvar s = `raw\nstring`; var t = 1\n```\n",
		"```go file=x.go\npackage x\n```\n\n```go file=x.go/y.go\npackage y\n```\n\n```go file=X.go\npackage x\n```\n",
		"```go file=a.go\n// Package a.\npackage a\n\n/* block\ncomment */\nfunc F() int { return 1 +\n}\n```\n",
	} {
		f.Add([]byte(s))
	}
	goldens, _ := filepath.Glob("testdata/golden/*.txtar")
	for _, name := range goldens {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasPrefix(file.Name, "book/0") && len(file.Data) <= 1024 {
				f.Add(file.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		fsys := fstest.MapFS{
			"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
			"01-one.md":  {Data: page},
		}
		bk, errs := manuscript.Load(fsys, "book")
		if len(errs) > 0 {
			return
		}
		_, errs = Render(bk, Options{Book: "book", Out: "chapters"})
		for _, e := range errs {
			if e.Pos.File != "book/01-one.md" || e.Pos.Line < 1 {
				t.Errorf("error %q does not point into the page", e)
			}
		}
	})
}
