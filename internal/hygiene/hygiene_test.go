package hygiene

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRepository checks the files committed to this repository (the git
// index): no executables, nothing over 1 MB but fonts.
func TestRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git: cannot list the committed files")
	}
	files, err := GitFiles("../..")
	if err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			t.Skip("not a git checkout: nothing committed to check")
		}
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("git ls-files listed no file")
	}
	for _, msg := range Check(files) {
		t.Error(msg)
	}
}

func TestCheck(t *testing.T) {
	elf := []byte("\x7fELF\x02\x01\x01\x00")
	files := []File{
		{Path: "README.md", Mode: "100644", Size: 10, Head: []byte("# Title\n")},
		{Path: ".ci/run", Mode: "100755", Size: 100, Head: []byte("#!/usr/bin/env bash\n")},
		{Path: "zz", Mode: "100755", Size: 9 << 20, Head: elf},
		{Path: "tool", Mode: "100644", Size: 100, Head: elf},
		{Path: "a.exe", Mode: "100644", Size: 100, Head: []byte("MZ\x90\x00\x03")},
		{Path: "mac", Mode: "100644", Size: 100, Head: []byte("\xcf\xfa\xed\xfe\x07")},
		{Path: "notes.txt", Mode: "100755", Size: 3, Head: []byte("hi\n")},
		{Path: "MZ.md", Mode: "100644", Size: 3, Head: []byte("MZ is a text\n")},
		{Path: "data/big.json", Mode: "100644", Size: 2 << 20, Head: []byte("{")},
		{Path: "fonts/latinmodern-math.otf", Mode: "100644", Size: 3 << 20, Head: []byte("OTTO")},
		{Path: "exactly.bin", Mode: "100644", Size: 1 << 20, Head: []byte("x")},
		{Path: "chapters/10-x/testdata/rapid/TestA/TestA-1.fail", Mode: "100644", Size: 90, Head: []byte("# 2026")},
		{Path: "chapters/10-x/testdata/rapidly.go", Mode: "100644", Size: 9, Head: []byte("package x")},
	}
	want := []string{
		"zz: a committed ELF executable: build artifacts are not committed (git rm --cached zz)",
		"zz: 9.0 MB, over the 1 MB limit for committed files (only fonts may be larger)",
		"tool: a committed ELF executable: build artifacts are not committed (git rm --cached tool)",
		"a.exe: a committed PE executable: build artifacts are not committed (git rm --cached a.exe)",
		"mac: a committed Mach-O executable: build artifacts are not committed (git rm --cached mac)",
		"notes.txt: executable bit set on a file that is not a #! script (git update-index --chmod=-x notes.txt)",
		"data/big.json: 2.0 MB, over the 1 MB limit for committed files (only fonts may be larger)",
		"chapters/10-x/testdata/rapid/TestA/TestA-1.fail: a failure file of rapid: it replays a failing case on every run and is not committed (git rm --cached chapters/10-x/testdata/rapid/TestA/TestA-1.fail)",
	}
	if diff := cmp.Diff(want, Check(files)); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}

// TestRapidFailuresIgnored checks that .gitignore keeps rapid's failure
// files out of the repository in every package, not only at the root:
// rapid writes them into testdata/rapid/ beside the failing test.
func TestRapidFailuresIgnored(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for _, p := range []string{
		"testdata/rapid/TestX/TestX-1.fail",
		"chapters/01-objects/testdata/rapid/TestX/TestX-1.fail",
		"internal/lit/testdata/rapid/FuzzParse/x.fail",
	} {
		out, err := exec.Command("git", "-C", "../..", "check-ignore", "--no-index", p).CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "not a git repository") {
				t.Skip("not a git checkout")
			}
			t.Errorf("git check-ignore %s: not ignored (%v) %s", p, err, out)
		}
	}
}
