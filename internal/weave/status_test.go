package weave

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ctml/internal/manuscript"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
)

// statusBook has a chapter with a passing test, a test that fails in a
// chunk it uses and an example with the wrong output; a chapter that does
// not compile; one whose test panics (which stops its test binary); and
// one with no code.
var statusBook = map[string]string{
	"SUMMARY.md": "- [One](01-one.md)\n- [Two](02-two.md)\n- [Three](03-three.md)\n- [Four](04-four.md)\n",
	"01-one.md": "# One\n\n```go file=one.go\npackage one\n\n// Double doubles n.\nfunc Double(n int) int { return 2 * n }\n```\n\n" +
		"```go file=one_test.go\npackage one\n\nimport (\n\t\"fmt\"\n\t\"testing\"\n)\n\nfunc TestGood(t *testing.T) {\n\tif Double(2) != 4 {\n\t\tt.Fatal(\"no\")\n\t}\n}\n```\n\n" +
		"A test that fails in the chunk it uses:\n\n" +
		"```go file=one_test.go\nfunc TestBad(t *testing.T) {\n\t<<check three>>\n}\n```\n\n" +
		"```go name=\"check three\"\nif got := Double(3); got != 7 {\n\tt.Errorf(\"Double(3) = %d, want 7\", got)\n}\n```\n\n" +
		"```go file=one_test.go\nfunc ExampleDouble() {\n\tfmt.Println(Double(1))\n\t// Output: 3\n}\n```\n",
	"02-two.md":   "# Two\n\n```go file=two.go\npackage two\n\n// Broken does not compile.\nvar Broken int = \"text\"\n```\n",
	"03-three.md": "# Three\n\n```go file=three_test.go\npackage three\n\nimport \"testing\"\n\nfunc TestPanics(t *testing.T) {\n\tvar m map[string]int\n\tm[\"x\"] = 1\n}\n```\n",
	"04-four.md":  "# Four\n\nNo code here.\n",
}

// TestStatusGoTest tangles statusBook into a module, runs go test -json
// on it, and checks what the book shows: the counts under each title, the
// result of each test at the block that defines it, and the failures at
// the blocks they point at, through the //line directives.
func TestStatusGoTest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module demo\n\ngo 1.26\n")
	for name, data := range statusBook {
		write("book/"+name, data)
	}
	bookDir, outDir := filepath.Join(dir, "book"), filepath.Join(dir, "chapters")
	fsys := os.DirFS(bookDir)
	bk, errs := manuscript.Load(fsys, bookDir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, errs := tangle.Render(bk, tangle.Options{Book: bookDir, Out: outDir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	changes, err := tangle.Compare(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tangle.Apply(context.Background(), out, changes, false); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(goTool, "test", "-json", "./chapters/...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // it fails: some tests do
	results, err := testrun.Read(&stdout, "results.json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	site, errs := Build(bk, out, fsys, Options{Tests: results})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files := map[string]string{}
	for _, f := range site.Files {
		files[f.Path] = string(f.Data)
	}
	status := regexp.MustCompile(`<p class="test-status (\w+)">(.*?)</p>`)
	badges := regexp.MustCompile(`<figure class="([^"]*)" id="([^"]*)">|<span class="test-badge (\w+)"[^>]*>(.*?)</span>`)
	show := func(page string) []string {
		html := files[page]
		var got []string
		for _, m := range status.FindAllStringSubmatch(html, -1) {
			got = append(got, m[1]+": "+stripTags(m[2]))
		}
		for _, m := range badges.FindAllStringSubmatch(html, -1) {
			if m[1] != "" {
				got = append(got, m[2]+" "+m[1])
			} else {
				got = append(got, "  "+m[3]+": "+stripTags(m[4]))
			}
		}
		return got
	}
	want := map[string][]string{
		"01-one.html": {
			"fail: ✗ go test: 1 of 2 tests and 0 of 1 example passed; failing: TestBad, ExampleDouble, at the marked blocks.",
			"one.go-1 chunk",
			"  pass: ✓ TestGood", // in the summary of its fold
			"one_test.go-2 chunk",
			"  fail: ✗ TestBad",
			"check-three-1 chunk chunk-failed",
			"  fail: ✗ TestBad fails here",
			"one_test.go-3 chunk chunk-failed",
			"  fail: ✗ ExampleDouble fails here",
		},
		"02-two.html": {
			"fail: ✗ The code of this chapter does not compile: go test reports the errors at the marked blocks.",
			"two.go-1 chunk chunk-failed",
			"  fail: ✗ does not compile",
		},
		"03-three.html": {
			"fail: ✗ go test: 0 of 1 test passed; failing: TestPanics, at the marked blocks.",
			"three_test.go-1 chunk chunk-failed",
			"  fail: ✗ TestPanics fails here",
		},
		"04-four.html": nil,
	}
	for page, w := range want {
		if diff := cmp.Diff(w, show(page)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", page, diff)
		}
	}
	if !strings.Contains(files["01-one.html"], "Double(3) = 6, want 7") {
		t.Errorf("the failing chunk does not show the test's message")
	}
	if !strings.Contains(files["03-three.html"], "assignment to entry in nil map") {
		t.Errorf("the panicking test's block does not show the panic")
	}
	if !strings.Contains(files["02-two.html"], "cannot use") {
		t.Errorf("the block that does not compile does not show the compiler's error")
	}
	if strings.Contains(files["01-one.html"], "(0.00s)") {
		t.Errorf("the page shows test durations, which change from run to run")
	}

	// Without results, the chapters with code say that their status is
	// unknown.
	site, _ = Build(bk, out, fsys, Options{})
	for _, f := range site.Files {
		unknown := strings.Contains(string(f.Data), `class="test-status unknown"`)
		if want := f.Path != "04-four.html" && strings.HasPrefix(f.Path, "0") || f.Path == "print.html"; unknown != want {
			t.Errorf("without results, %s says the status is unknown: %v, want %v", f.Path, unknown, want)
		}
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

func stripTags(s string) string { return tagRE.ReplaceAllString(s, "") }
