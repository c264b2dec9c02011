package tangle

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"strconv"
	"strings"

	"ctml/internal/lit"
)

// expectErrorTest generates the test that compiles each expect-error block
// of chapter c against the chapter's package and checks the compiler's
// message.
func expectErrorTest(c *chapter, files []*File) (*File, *lit.Error) {
	var pkgFiles []*File
	for _, f := range files {
		if path.Dir(f.Path) == c.dir {
			pkgFiles = append(pkgFiles, f)
		}
	}
	if len(pkgFiles) == 0 {
		return nil, &lit.Error{Pos: c.expect[0].block.AttrPos("expect-error"),
			Msg: fmt.Sprintf("expect-error blocks compile against the chapter's package, but no file= block writes Go files to %s", c.dir)}
	}
	pkg, _ := packageOf(pkgFiles)

	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\n", pkg)
	b.WriteString(`import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

`)
	fmt.Fprintf(&b, "// TestExpectError checks that each expect-error block of %s fails to\n", c.source)
	b.WriteString(`// compile against this package, with a message matching its regexp: each
// block is compiled with "go build -overlay" as one more file of the package.
func TestExpectError(t *testing.T) {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the expect-error blocks need the go command: %v", err)
	}
	for _, c := range []struct{ at, want, src string }{
`)
	for _, ec := range c.expect {
		src := ec.src
		if _, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly); err != nil {
			src = append([]byte("package "+pkg+"\n\n"), src...)
		}
		at := fmt.Sprintf("%s:%d", path.Base(c.page.Doc.Path), ec.block.Pos.Line)
		fmt.Fprintf(&b, "\t\t{%s, %s, %s},\n", strconv.Quote(at), quote(ec.block.ExpectError.String()), quote(string(src)))
	}
	b.WriteString(`	} {
		t.Run(c.at, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			wd, err := os.Getwd()
			if err != nil {
				t.Fatal(err)
			}
			block := filepath.Join(dir, "block.go")
			if err := os.WriteFile(block, []byte(c.src), 0o666); err != nil {
				t.Fatal(err)
			}
			overlay, err := json.Marshal(map[string]any{"Replace": map[string]string{filepath.Join(wd, "expect_error_block.go"): block}})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o666); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(gocmd, "build", "-overlay="+filepath.Join(dir, "overlay.json"), ".")
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the block at %s compiled, but it should fail with an error matching %q", c.at, c.want)
			}
			if !regexp.MustCompile(c.want).Match(out) || !strings.Contains(string(out), c.at[:strings.LastIndex(c.at, ":")]) {
				t.Fatalf("the block at %s failed to compile, but no error in it matches %q:\n%s", c.at, c.want, out)
			}
		})
	}
}
`)
	formatted, err := format.Source(b.Bytes())
	if err != nil {
		return nil, &lit.Error{Pos: c.expect[0].block.Pos, Msg: fmt.Sprintf("generating %s: %v", ExpectErrorFile, err)}
	}
	return &File{
		Path:   path.Join(c.dir, ExpectErrorFile),
		Name:   ExpectErrorFile,
		Page:   c.page,
		Data:   withHeader(c.header, formatted),
		pkg:    pkg,
		pkgPos: c.expect[0].block.Pos,
		first:  c.expect[0].block.Pos,
	}, nil
}

// quote writes s as a raw string literal when it can, for readable tests.
func quote(s string) string {
	if !strings.Contains(s, "`") && !strings.Contains(s, "\r") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}
