package gorun

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ctml/internal/tangle"
)

// TestRun runs a program that exists only in tangle's output, not on
// disk, and one whose file on disk is stale: the overlay wins.
func TestRun(t *testing.T) {
	wd := t.TempDir()
	if err := os.WriteFile(filepath.Join(wd, "go.mod"), []byte("module example\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(wd, "chapters", "two", "main.go")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("package main\n\nfunc main() { println(\"stale\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := &tangle.Output{Files: []*tangle.File{
		{Path: "chapters/one/main.go", Data: []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Print(\"<svg>one</svg>\") }\n")},
		{Path: "chapters/two/main.go", Data: []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Print(\"fresh\") }\n")},
		{Path: "chapters/bad/main.go", Data: []byte("package main\n\nfunc main() { panic(\"boom\") }\n")},
	}}
	r, err := New(out, wd)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for pkg, want := range map[string]string{"chapters/one": "<svg>one</svg>", "chapters/two": "fresh"} {
		got, err := r.Run(pkg)
		if err != nil || string(got) != want {
			t.Errorf("Run(%q) = %q, %v; want %q", pkg, got, err, want)
		}
	}
	if _, err := r.Run("chapters/bad"); err == nil || !strings.Contains(err.Error(), "panic: boom") {
		t.Errorf("Run(%q) error = %v, want one quoting the panic", "chapters/bad", err)
	}
}
