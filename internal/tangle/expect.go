package tangle

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"slices"
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
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

`)
	fmt.Fprintf(&b, "// TestExpectError checks that each expect-error block of %s fails to\n", c.source)
	b.WriteString(`// compile against this package, with an error inside the block whose message
// matches the block's regexp. Each block is compiled with "go build -overlay"
// as one more file of the package, so the package itself is untouched; a
// block with a package clause of its own is compiled as a package in a
// subdirectory, which sees this one as any importer does.
func TestExpectError(t *testing.T) {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the expect-error blocks need the go command: %v", err)
	}
	for _, c := range []struct {
		md    string   // the Markdown file
		from  int      // the block's first line
		lines [][2]int // the Markdown lines compiled: the block and the chunks it uses
		want  string   // regexp
		dir   string   // where the block is compiled, relative to this package
		src   string
	}{
`)
	for _, ec := range c.expect {
		src, dir := ec.src, "."
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly)
		switch {
		case err != nil:
			src = append([]byte("package "+pkg+"\n\n"), src...)
		case f.Name.Name != pkg:
			// A package of its own, one directory down: its directives
			// need one more "..".
			dir = externalDir
			src = bytes.ReplaceAll(src, []byte("//line "), []byte("//line ../"))
		}
		fmt.Fprintf(&b, "\t\t{%s, %d, %s, %s, %s, %s},\n", strconv.Quote(path.Base(c.page.Doc.Path)), ec.block.Pos.Line,
			ranges(ec.lines), quote(ec.block.ExpectError.String()), strconv.Quote(dir), quote(string(src)))
	}
	b.WriteString(`	} {
		t.Run(fmt.Sprintf("%s:%d", c.md, c.from), func(t *testing.T) {
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
			overlay, err := json.Marshal(map[string]any{"Replace": map[string]string{filepath.Join(wd, c.dir, "expect_error_block.go"): block}})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o666); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(gocmd, "build", "-overlay="+filepath.Join(dir, "overlay.json"), "./"+c.dir).CombinedOutput()
			if err == nil {
				t.Fatalf("the block at %s:%d compiled, but it should fail with an error matching %q", c.md, c.from, c.want)
			}
			want := regexp.MustCompile(c.want)
			for _, m := range errorLine.FindAllStringSubmatch(string(out), -1) {
				line, _ := strconv.Atoi(m[2])
				for _, r := range c.lines {
					if filepath.Base(m[1]) == c.md && r[0] <= line && line <= r[1] && want.MatchString(m[3]) {
						return
					}
				}
			}
			t.Fatalf("the block at %s:%d failed to compile, but no error inside it matches %q:\n%s", c.md, c.from, c.want, out)
		})
	}
}

// errorLine matches a compiler error and its continuation lines.
var errorLine = regexp.MustCompile(` + "`(?m)^(\\S+?):(\\d+)(?::\\d+)?: (.*(?:\\n\\t.*)*)`" + `)
`)
	formatted, err := format.Source(b.Bytes())
	if err != nil {
		return nil, &lit.Error{Pos: c.expect[0].block.Pos, Msg: fmt.Sprintf("generating %s: %v", ExpectErrorFile, err)}
	}
	data := withHeader(c.header, formatted)
	return &File{
		Path:   path.Join(c.dir, ExpectErrorFile),
		Name:   ExpectErrorFile,
		Page:   c.page,
		Data:   data,
		Lines:  lineMap(data),
		pkg:    pkg,
		pkgPos: c.expect[0].block.Pos,
		first:  c.expect[0].block.Pos,
	}, nil
}

// ranges writes the Markdown lines of m as a Go literal of inclusive
// ranges, in order.
func ranges(m []srcLine) string {
	var lines []int
	for _, s := range m {
		if s.pos.Line > 0 {
			lines = append(lines, s.pos.Line)
		}
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	var b strings.Builder
	b.WriteString("[][2]int{")
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "{%d, %d}", lines[i], lines[j])
		i = j + 1
	}
	b.WriteString("}")
	return b.String()
}

// externalDir is the directory, below the chapter's, where an expect-error
// block with a package clause of its own is compiled.
const externalDir = "expect_error_external"

// quote writes s as a raw string literal when it can, for readable tests.
func quote(s string) string {
	if !strings.Contains(s, "`") && !strings.Contains(s, "\r") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}
