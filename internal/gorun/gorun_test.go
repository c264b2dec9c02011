package gorun

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctml/internal/tangle"
)

// module makes a module to run programs in, with a stale file on disk
// for chapters/two.
func module(t *testing.T) string {
	t.Helper()
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
	return wd
}

func program(dir, body string) *tangle.File {
	return &tangle.File{Path: "chapters/" + dir + "/main.go", Data: []byte("package main\n\n" + body)}
}

// TestRun runs a program that exists only in tangle's output, not on
// disk, and one whose file on disk is stale: the overlay wins. Programs
// that do not compile, fail, run too long or print too much are errors
// that say which.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs (-short)")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	wd := module(t)
	out := &tangle.Output{Files: []*tangle.File{
		program("one", "import \"fmt\"\n\nfunc main() { fmt.Print(\"<svg>one</svg>\") }\n"),
		program("two", "import \"fmt\"\n\nfunc main() { fmt.Print(\"fresh\") }\n"),
		program("bad", "func main() { panic(\"boom\") }\n"),
		program("broken", "func main() { undefined() }\n"),
		program("loop", "func main() { for {} }\n"),
		program("big", "import (\n\t\"os\"\n\t\"strings\"\n)\n\nfunc main() { os.Stdout.WriteString(strings.Repeat(\"x\", 10000)) }\n"),
	}}
	r, err := New(out, wd)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.Timeout, r.MaxOutput = 2*time.Second, 4096
	for pkg, want := range map[string]string{"chapters/one": "<svg>one</svg>", "chapters/two": "fresh"} {
		got, err := r.Run(pkg)
		if err != nil || string(got) != want {
			t.Errorf("Run(%q) = %q, %v; want %q", pkg, got, err, want)
		}
	}
	var exit *ExitError
	if _, err := r.Run("chapters/bad"); !errors.As(err, &exit) || !strings.Contains(err.Error(), "panic: boom") || !strings.HasPrefix(err.Error(), "the program failed (exit status 2):\n") {
		t.Errorf("Run(chapters/bad) error = %v, want an *ExitError quoting the panic", err)
	}
	var build *BuildError
	_, err = r.Run("chapters/broken")
	if !errors.As(err, &build) || !strings.Contains(build.Output, "undefined: undefined") {
		t.Errorf("Run(chapters/broken) error = %v, want a *BuildError with the compiler's message", err)
	} else if strings.Contains(build.Output, wd) || strings.Contains(build.Output, tmp) {
		t.Errorf("the compiler's message names the build machine's directories:\n%s", build.Output)
	}
	if _, err := r.Run("chapters/loop"); !errors.Is(err, ErrTimeout) {
		t.Errorf("Run(chapters/loop) error = %v, want ErrTimeout", err)
	}
	if _, err := r.Run("chapters/big"); !errors.Is(err, ErrOutput) {
		t.Errorf("Run(chapters/big) error = %v, want ErrOutput", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.RunContext(ctx, "chapters/one"); !errors.Is(err, ErrInterrupted) {
		t.Errorf("RunContext(cancelled, chapters/one) error = %v, want ErrInterrupted", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
		t.Errorf("Close left %d files in the temporary directory, the go command's included", len(entries))
	}
}

// TestSweep removes the trees of dead runners, and of the gorun before
// locks once they are a day old, and nothing else.
func TestSweep(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	mk := func(dir string, files ...string) string {
		t.Helper()
		dir = filepath.Join(tmp, dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	dead := mk("gorun-dead", lockName, "overlay.json")
	old := mk("gorun-old", "overlay.json", "0.go", "1.go")
	recent := mk("gorun-recent", "overlay.json", "0.go")
	foreign := mk("gorun-foreign", "notes.txt")
	other := mk("other-dead", lockName)
	day := time.Now().Add(-25 * time.Hour)
	for _, d := range []string{old, foreign} {
		if err := os.Chtimes(d, day, day); err != nil {
			t.Fatal(err)
		}
	}
	live, err := New(&tangle.Output{}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if live.dir != "" {
		t.Fatal("New wrote a tree before anything ran")
	}
	if err := live.makeTree(); err != nil {
		t.Fatal(err)
	}
	Sweep(tmp)
	for dir, want := range map[string]bool{dead: false, old: false, recent: true, foreign: true, other: true, live.dir: true} {
		if _, err := os.Stat(dir); (err == nil) != want {
			t.Errorf("after Sweep, %s exists: %v, want %v", filepath.Base(dir), err == nil, want)
		}
	}
}
