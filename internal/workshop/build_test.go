package workshop

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"ctml/internal/manuscript"
)

// otherSolutions writes an overlay that puts the book's solutions in
// place of the stubs of every exercise outside package directory pkg.
func otherSolutions(t *testing.T, tmp, root string, m *Manifest, pkg string) string {
	replace := map[string]string{}
	for i, e := range m.Exercises {
		if e.Kind == KindCompileFail || path.Dir(e.File) == pkg {
			continue
		}
		name := filepath.Join(tmp, fmt.Sprintf("%s-%d.go", slug(pkg), i))
		if err := os.WriteFile(name, []byte(e.Solution()), 0o644); err != nil {
			t.Fatal(err)
		}
		replace[filepath.Join(root, filepath.FromSlash(e.File))] = name
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(tmp, slug(pkg)+".json")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// stubCalled matches the panic of a stub in a test's output.
var stubCalled = regexp.MustCompile(`TODO\(workshop ([^)]+)\): write`)

// loadBook reads the repository's book.
func loadBook(t *testing.T) *manuscript.Book {
	t.Helper()
	bk, errs := manuscript.Load(os.DirFS("../../book"), "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return bk
}

// buildMarkdown builds the practice copy of a book of one page.
func buildMarkdown(t *testing.T, page string) (*Practice, error) {
	t.Helper()
	fsys := fstest.MapFS{
		"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
		"01-one.md":  {Data: []byte(page)},
	}
	bk, errs := manuscript.Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p, errs := Build(bk)
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// TestBuildCutsWholeDeclarations covers what an exercise's solution may
// be: a function using an import only in its body, a method, a type with
// its constructor, a chunk used inside a function (the whole function is
// the exercise), and a free comment from the solution block.
func TestBuildCutsWholeDeclarations(t *testing.T) {
	page := "# One\n\n" +
		"```go file=one.go\npackage one\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n// Name is a name.\ntype Name string\n\nvar _ = fmt.Sprint\n```\n\n" +
		"**Exercise 1.1.** *Shout.*\n\n" +
		"```go file=one.go exercise=1.1\n// Shout shouts.\nfunc Shout(s string) string { return strings.ToUpper(s) }\n\n// A comment of the solution.\n```\n\n" +
		"```go file=one.go exercise=1.2\n// Upper is n in capitals.\nfunc (n Name) Upper() Name { return Name(strings.ToUpper(string(n))) }\n```\n\n" +
		"```go file=one.go exercise=1.3\n// Rate is a rate.\ntype Rate struct{ r float64 }\n\n// NewRate checks r.\nfunc NewRate(r float64) (Rate, error) {\n\tif r <= 0 {\n\t\treturn Rate{}, fmt.Errorf(\"rate %g\", r)\n\t}\n\treturn Rate{r}, nil\n}\n```\n\n" +
		"```go file=one.go\nfunc Twice(n int) int {\n\t<<twice body>>\n}\n```\n\n" +
		"```go name=\"twice body\" exercise=1.4\nreturn 2 * n\n```\n"
	p, err := buildMarkdown(t, page)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"chapters/01-one/one.go":          generatedHeader("book/01-one.md") + "package one\n\nimport (\n\t\"fmt\"\n)\n\n// Name is a name.\ntype Name string\n\nvar _ = fmt.Sprint\n",
		"chapters/01-one/exercise_1_1.go": "package one\n\nfunc Shout(s string) string {\n\tpanic(\"TODO(workshop 1.1): write Shout\")\n}\n",
		"chapters/01-one/exercise_1_2.go": "package one\n\nfunc (n Name) Upper() Name {\n\tpanic(\"TODO(workshop 1.2): write Upper\")\n}\n",
		"chapters/01-one/exercise_1_3.go": "package one\n\n// Rate is a rate.\ntype Rate struct{ r float64 }\n\nfunc NewRate(r float64) (Rate, error) {\n\tpanic(\"TODO(workshop 1.3): write NewRate\")\n}\n",
		"chapters/01-one/exercise_1_4.go": "package one\n\nfunc Twice(n int) int {\n\tpanic(\"TODO(workshop 1.4): write Twice\")\n}\n",
	}
	got := map[string]string{}
	for name, data := range p.Files {
		s := string(data)
		if strings.HasPrefix(path.Base(name), "exercise_") {
			s = s[strings.Index(s, "package "):] // without the header
		}
		got[name] = s
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("practice files (-want +got):\n%s", diff)
	}
	sol := p.Manifest.Lookup("1.1").Solution()
	for _, s := range []string{"import (\n\t\"strings\"\n)", "// Shout shouts.\nfunc Shout(s string) string { return strings.ToUpper(s) }", "// A comment of the solution."} {
		if !strings.Contains(sol, s) {
			t.Errorf("the solution of 1.1 lacks %q:\n%s", s, sol)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	page := "# One\n\n```go file=one.go\npackage one\n```\n\n" +
		"```go file=one.go exercise=1.1\nfunc F() int {\n```\n\n" +
		"```go file=one.go exercise=1.2\n\treturn 1\n}\n```\n"
	_, err := buildMarkdown(t, page)
	want := "book/01-one.md:11:19: exercise 1.2 shares a declaration with exercise 1.1 (book/01-one.md:7:19): the workshop cuts out whole declarations, so each must belong to one exercise"
	if err == nil || err.Error() != want {
		t.Errorf("Build error = %v, want %q", err, want)
	}
}

func TestImportName(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"strings", "strings"},
		{"math/rand/v2", "rand"},
		{"gopkg.in/yaml.v3", "yaml"},
		{"github.com/google/go-cmp/cmp", "cmp"},
		{"github.com/mattn/go-isatty", "isatty"},
		{"ctml/chapters/02-domain", ""},
	} {
		if got := importName(tc.path); got != tc.want {
			t.Errorf("importName(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

func TestTrimOutput(t *testing.T) {
	in := "=== RUN   TestF\n--- FAIL: TestF (0.01s)\npanic: boom [recovered, repanicked]\n\ngoroutine 7 [running]:\ntesting.tRunner.func1.2({0x1, 0x2})\n\t/usr/local/go/src/testing/testing.go:1974 +0x232\nm/p.F(...)\n\t/tmp/x/p/p.go:2\nm/p.TestF(0xc000123?)\n\t/tmp/x/p/p_test.go:3 +0xa\n"
	want := "--- FAIL: TestF\npanic: boom\nm/p.F(...)\n\t/tmp/x/p/p.go:2\nm/p.TestF(...)\n\t/tmp/x/p/p_test.go:3"
	if got := trimOutput(in); got != want {
		t.Errorf("trimOutput:\n%s\nwant:\n%s", got, want)
	}
}

// TestBuildBook builds the practice copy of the book: every exercise is
// in the manifest, in the book's order; no chapter file still declares
// what an exercise's file stubs; nothing points at the book through
// //line; and building twice gives the same bytes.
func TestBuildBook(t *testing.T) {
	bk := loadBook(t)
	p, errs := Build(bk)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var want []string
	for _, pg := range bk.Pages {
		if pg.Doc == nil {
			continue
		}
		for _, b := range pg.Doc.Blocks {
			if b.Exercise != "" {
				want = append(want, b.Exercise)
			}
		}
	}
	if diff := cmp.Diff(want, p.Manifest.ids()); diff != "" {
		t.Errorf("exercises (-book +manifest):\n%s", diff)
	}
	for name, data := range p.Files {
		if strings.Contains(string(data), "//line ") {
			t.Errorf("%s has a //line directive", name)
		}
	}
	for _, e := range p.Manifest.Exercises {
		if e.Kind == KindCompileFail {
			continue
		}
		dir := path.Dir(e.File)
		for name, data := range p.Files {
			if path.Dir(name) != dir || name == e.File || !strings.HasSuffix(name, ".go") {
				continue
			}
			stubbed := topLevel(t, e.File, []byte(e.Stub))
			for _, d := range topLevel(t, name, data) {
				if slices.Contains(stubbed, d) {
					t.Errorf("%s still declares %s, the stub of exercise %s", name, d, e.ID)
				}
			}
		}
		for _, n := range e.Names {
			if !strings.Contains(e.Stub, stubPanic(e.ID, n)) {
				t.Errorf("exercise %s: %s has no stub for %s", e.ID, e.File, n)
			}
		}
	}
	again, _ := Build(bk)
	if diff := cmp.Diff(p.Files, again.Files); diff != "" {
		t.Errorf("a second build differs:\n%s", diff)
	}
}

// topLevel returns the names of the functions a file declares, methods
// as Type.Name.
func topLevel(t *testing.T, name string, src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, 0)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var names []string
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		n := fd.Name.Name
		if fd.Recv != nil && len(fd.Recv.List) > 0 {
			typ := fd.Recv.List[0].Type
			if s, ok := typ.(*ast.StarExpr); ok {
				typ = s.X
			}
			switch x := typ.(type) {
			case *ast.IndexExpr:
				typ = x.X
			case *ast.IndexListExpr:
				typ = x.X
			}
			if id, ok := typ.(*ast.Ident); ok {
				n = id.Name + "." + n
			}
		}
		names = append(names, n)
	}
	return names
}

// TestBookExercisesAreComplete holds the book to the workshop's rules:
// every exercise has a level and a hint, and every code exercise has
// tests of its own (a tests= block), so that the runner checks it.
func TestBookExercisesAreComplete(t *testing.T) {
	p, errs := Build(loadBook(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, e := range p.Manifest.Exercises {
		if e.Level == "" {
			t.Errorf("%s: exercise %s has no level=core or level=stretch", e.Source, e.ID)
		}
		if e.Hint == "" {
			t.Errorf("%s: exercise %s has no hint (hint=\"…\" or a hint block after the solution)", e.Source, e.ID)
		}
		if e.Kind == KindCode && !e.Tested() {
			t.Errorf("%s: exercise %s has no tests: mark its tests with a go block file=NAME_test.go tests=%s", e.Source, e.ID, e.ID)
		}
		if e.Kind == KindTest && len(e.Tests) == 0 {
			t.Errorf("%s: exercise %s is test code, but none of it runs (a test, or an example with an output comment)", e.Source, e.ID)
		}
	}
}

// TestPracticeCopyOfTheBook writes the practice copy of the book and
// checks every exercise twice. With the stubs, each exercise's tests run
// on their own, in one test binary per package in which the package's
// exercises are stubs and those of other packages the book's solutions
// (as the runner has them), and fail on that exercise's stub and on no
// other's: a test that called another exercise's code of its chapter
// would fail there for want of the other exercise. Then, with every solution written in, the exercises' tests
// all run and pass (one go test for the whole copy), and the compile-fail
// solutions pass their check. It compiles every chapter twice; -short
// skips it.
func TestPracticeCopyOfTheBook(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles every chapter twice")
	}
	dir := filepath.Join(t.TempDir(), "practice")
	if err := Init("../../book", dir, InitOptions{}); err != nil {
		t.Fatal(err)
	}
	m, err := LoadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	bins := t.TempDir()
	t.Run("stubs", func(t *testing.T) {
		built := map[string]string{} // package directory → its test binary
		for _, e := range m.Exercises {
			if e.Kind == KindCompileFail {
				res, err := Check(ctx, dir, m, e)
				if err != nil {
					t.Fatal(err)
				}
				if res.Passed || !strings.HasPrefix(res.Summary, "not done yet: ") {
					t.Errorf("exercise %s as a stub: %s, want \"not done yet: …\"", e.ID, res.Summary)
				}
				continue
			}
			for _, r := range e.Tests {
				bin, ok := built[r.Dir]
				if !ok {
					bin = filepath.Join(bins, fmt.Sprintf("%d.test", len(built)))
					overlay := otherSolutions(t, bins, dir, m, r.Dir)
					if out, err := goCommand(ctx, dir, "test", "-c", "-overlay="+overlay, "-o", bin, "./"+r.Dir).CombinedOutput(); err != nil {
						t.Fatalf("go test -c ./%s with the stubs: %v\n%s", r.Dir, err, out)
					}
					built[r.Dir] = bin
				}
				cmd := exec.CommandContext(ctx, bin, "-test.run=^("+strings.Join(r.Names, "|")+")$", "-test.v")
				cmd.Dir = filepath.Join(dir, filepath.FromSlash(r.Dir))
				cmd.Env = append(os.Environ(), "GOTRACEBACK=single")
				out, err := cmd.CombinedOutput()
				var stubs []string
				for _, m := range stubCalled.FindAllStringSubmatch(string(out), -1) {
					if !slices.Contains(stubs, m[1]) {
						stubs = append(stubs, m[1])
					}
				}
				switch {
				case e.Kind == KindTest && !strings.Contains(string(out), "=== RUN"):
					// An example whose stub has no output comment does
					// not run; the stub left in the file fails the check.
				case err == nil:
					t.Errorf("exercise %s: %s pass with the stubs in place", e.ID, strings.Join(r.Names, ", "))
				case !slices.Equal(stubs, []string{e.ID}):
					t.Errorf("exercise %s: with the stubs in place, %s reach the stubs of %v, want only those of %s:\n%s", e.ID, strings.Join(r.Names, ", "), stubs, e.ID, out)
				}
			}
		}
	})
	want := map[string]bool{} // import path + " " + test
	var names []string
	for _, e := range m.Exercises {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(e.File)), []byte(e.Solution()), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, r := range e.Tests {
			for _, n := range r.Names {
				want["ctml/"+r.Dir+" "+n] = true
				names = append(names, n)
			}
		}
	}
	t.Run("solutions", func(t *testing.T) {
		cmd := goCommand(ctx, dir, "test", "-json", "-run=^("+strings.Join(names, "|")+")$", "./...")
		out, err := cmd.Output()
		passed := map[string]bool{}
		for _, ln := range strings.Split(string(out), "\n") {
			var ev event
			if json.Unmarshal([]byte(ln), &ev) != nil || ev.Test == "" || strings.Contains(ev.Test, "/") {
				continue
			}
			switch ev.Action {
			case "pass":
				passed[ev.Package+" "+ev.Test] = true
			case "fail":
				t.Errorf("%s %s failed with the book's solutions", ev.Package, ev.Test)
			}
		}
		if err != nil && !t.Failed() {
			t.Errorf("go test with the book's solutions: %v\n%s", err, out)
		}
		for k := range want {
			if !passed[k] {
				t.Errorf("%s did not pass with the book's solutions", k)
			}
		}
		for _, e := range m.Exercises {
			if e.Kind != KindCompileFail {
				continue
			}
			res, err := Check(ctx, dir, m, e)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Passed {
				t.Errorf("exercise %s with the book's solution: %s\n%s", e.ID, res.Summary, res.Detail)
			}
		}
	})
}
