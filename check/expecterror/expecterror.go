// Package expecterror runs the test that tangle generates for the
// expect-error blocks of a chapter: each block must fail to compile
// against the chapter's package, with an error inside the block whose
// message matches the block's regexp.
//
// Tangle writes, for a chapter with such blocks, an expecterror_test.go
// that holds only the table of blocks:
//
//	func TestExpectError(t *testing.T) {
//		expecterror.Run(t, []expecterror.Block{
//			{MD: "01-objects.md", Line: 267, Lines: [][2]int{{268, 269}}, Want: `cannot use`, Dir: ".", Src: "…"},
//		})
//	}
//
// Each block is compiled with "go build -overlay" as one more file of the
// package, so the package itself is untouched; a block with a package
// clause of its own is compiled as a package in a subdirectory, which sees
// the chapter's package as any importer does.
package expecterror

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// Block is one expect-error block of a chapter.
type Block struct {
	MD    string   // the Markdown file, by its base name as the //line directives give it
	Line  int      // the line of the block's opening fence
	Lines [][2]int // the Markdown lines compiled, as inclusive ranges: the block and the chunks it uses
	Want  string   // the regexp an error inside the block must match
	Dir   string   // where the block is compiled, relative to the chapter's package: "." or a subdirectory
	Src   string   // the code compiled, with //line directives to the Markdown
}

// BlockFile is the name under which a block joins the package it is
// compiled in.
const BlockFile = "expect_error_block.go"

// Run checks each block, in a parallel subtest of t named MD:Line, in the
// package of the current directory (that of the test). It needs the go
// command.
func Run(t *testing.T, blocks []Block) {
	t.Helper()
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the expect-error blocks need the go command: %v", err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		t.Run(fmt.Sprintf("%s:%d", b.MD, b.Line), func(t *testing.T) {
			t.Parallel()
			if err := check(gocmd, wd, t.TempDir(), b); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// check compiles block b against the package in directory pkg, with its
// temporary files in tmp, and returns why it did not fail as it should,
// or nil.
func check(gocmd, pkg, tmp string, b Block) error {
	want, err := regexp.Compile(b.Want)
	if err != nil {
		return fmt.Errorf("the block at %s:%d: %v", b.MD, b.Line, err)
	}
	block := filepath.Join(tmp, "block.go")
	if err := os.WriteFile(block, []byte(b.Src), 0o666); err != nil {
		return err
	}
	overlay, err := json.Marshal(map[string]any{"Replace": map[string]string{filepath.Join(pkg, b.Dir, BlockFile): block}})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "overlay.json"), overlay, 0o666); err != nil {
		return err
	}
	cmd := exec.Command(gocmd, "build", "-overlay="+filepath.Join(tmp, "overlay.json"), "./"+filepath.ToSlash(b.Dir))
	cmd.Dir = pkg
	out, err := cmd.CombinedOutput()
	if err == nil {
		return fmt.Errorf("the block at %s:%d compiled, but it should fail with an error matching %q", b.MD, b.Line, b.Want)
	}
	for _, m := range errorLine.FindAllStringSubmatch(string(out), -1) {
		line, _ := strconv.Atoi(m[2])
		for _, r := range b.Lines {
			if filepath.Base(m[1]) == b.MD && r[0] <= line && line <= r[1] && want.MatchString(m[3]) {
				return nil
			}
		}
	}
	return fmt.Errorf("the block at %s:%d failed to compile, but no error inside it matches %q:\n%s", b.MD, b.Line, b.Want, out)
}

// errorLine matches a compiler error and its continuation lines.
var errorLine = regexp.MustCompile(`(?m)^(\S+?):(\d+)(?::\d+)?: (.*(?:\n\t.*)*)`)
