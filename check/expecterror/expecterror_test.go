package expecterror

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheck compiles blocks against a small module: a block that fails
// inside its lines with a matching message passes; one that compiles, one
// whose message does not match and one whose error lies outside its lines
// fail, saying so.
func TestCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go build")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	mod := t.TempDir()
	for name, data := range map[string]string{
		"go.mod":       "module demo\n\ngo 1.26\n",
		"one/one.go":   "package one\n\n// Double doubles n.\nfunc Double(n int) int { return 2 * n }\n",
		"one/ext/x.go": "package ext\n",
	} {
		p := filepath.Join(mod, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	pkg := filepath.Join(mod, "one")
	bad := "package one\n\n//line ../../book/01-one.md:10\nvar x = Double(\"two\")\n"
	tests := []struct {
		name    string
		block   Block
		wantErr string // "" if the block fails as it should
	}{
		{"fails as expected", Block{MD: "01-one.md", Line: 9, Lines: [][2]int{{10, 10}}, Want: `cannot use "two"`, Dir: ".", Src: bad}, ""},
		{"compiles", Block{MD: "01-one.md", Line: 9, Lines: [][2]int{{10, 10}}, Want: "cannot use", Dir: ".",
			Src: "package one\n\n//line ../../book/01-one.md:10\nvar x = Double(2)\n"}, "compiled, but it should fail"},
		{"other message", Block{MD: "01-one.md", Line: 9, Lines: [][2]int{{10, 10}}, Want: "undefined", Dir: ".", Src: bad}, "no error inside it matches"},
		{"outside the block", Block{MD: "01-one.md", Line: 9, Lines: [][2]int{{11, 12}}, Want: "cannot use", Dir: ".", Src: bad}, "no error inside it matches"},
		{"other file", Block{MD: "02-two.md", Line: 9, Lines: [][2]int{{10, 10}}, Want: "cannot use", Dir: ".", Src: bad}, "no error inside it matches"},
		{"own package", Block{MD: "01-one.md", Line: 9, Lines: [][2]int{{10, 10}}, Want: "undefined: Double", Dir: "ext",
			Src: "package ext\n\n//line ../../../book/01-one.md:10\nvar y = Double(2)\n"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := check(gocmd, pkg, t.TempDir(), tc.block)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("check: %v, want nil", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("check: %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}
