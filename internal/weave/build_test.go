package weave

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/diff"

	"ctml/internal/booktest"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
)

// TestBuildTwice builds each book twice, into two directories, and checks
// that every byte is the same: nothing depends on the clock, on map order
// or on the order in which the pages finish rendering.
func TestBuildTwice(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		fsys := booktest.Generate(12)
		fsys["fig/arrow.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
		buildTwice(t, fsys, "book", "chapters")
	})
	t.Run("repository", func(t *testing.T) {
		if _, err := os.Stat("../../book/SUMMARY.md"); err != nil {
			t.Skipf("the repository's book is not there yet: %v", err)
		}
		buildTwice(t, os.DirFS("../../book"), "../../book", "../../chapters")
	})
}

func buildTwice(t *testing.T, fsys fs.FS, bookDir, chapters string) {
	var dirs []string
	for range 2 {
		bk, errs := manuscript.Load(fsys, bookDir)
		if len(errs) > 0 {
			t.Fatalf("manuscript.Load: %v", errs)
		}
		out, errs := tangle.Render(bk, tangle.Options{Book: bookDir, Out: chapters})
		if len(errs) > 0 {
			t.Fatalf("tangle.Render: %v", errs)
		}
		site, errs := Build(bk, out, fsys, Options{})
		if len(errs) > 0 {
			t.Fatalf("Build: %v", errs)
		}
		dir := t.TempDir()
		if _, err := site.Write(dir); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	a, b := booktest.ReadTree(t, dirs[0]), booktest.ReadTree(t, dirs[1])
	if len(a) < 4 {
		t.Fatalf("the build wrote only %d files", len(a))
	}
	for name, data := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s is only in the first build", name)
		} else if !bytes.Equal(data, other) {
			t.Errorf("%s differs between the builds:\n%s", name, diff.Diff("first", data, "second", other))
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s is only in the second build", name)
		}
	}
}

// TestWrite checks that Write writes only what changed, removes what the
// site no longer has, and refuses directories buildbook did not make.
func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	site := &Site{Files: []*File{{Path: "a.html", Data: []byte("a")}, {Path: "sub/b.html", Data: []byte("b")}}}
	paths := func(cs []Change) string {
		var s []string
		for _, c := range cs {
			if c.Removed {
				s = append(s, "-"+c.Path)
			} else {
				s = append(s, "+"+c.Path)
			}
		}
		return strings.Join(s, " ")
	}
	step := func(name string, s *Site, want string) {
		t.Helper()
		got, err := s.Write(dir)
		if err != nil {
			t.Fatalf("%s: Write: %v", name, err)
		}
		if paths(got) != want {
			t.Errorf("%s: Write changed %q, want %q", name, paths(got), want)
		}
	}
	step("first build", site, "+a.html +sub/b.html")
	step("rebuild", site, "")
	site.Files[0].Data = []byte("A")
	step("one file changed", site, "+a.html")
	if err := os.WriteFile(filepath.Join(dir, "sub", "mine.txt"), []byte("mine"), 0o666); err != nil {
		t.Fatal(err)
	}
	step("page dropped", &Site{Files: site.Files[:1]}, "-sub/b.html")
	if _, err := os.Stat(filepath.Join(dir, "sub", "mine.txt")); err != nil {
		t.Errorf("a file buildbook did not write is gone: %v", err)
	}
	if err := os.Remove(filepath.Join(dir, "sub", "mine.txt")); err != nil {
		t.Fatal(err)
	}
	step("page back", site, "+sub/b.html")
	step("page dropped again", &Site{Files: site.Files[:1]}, "-sub/b.html")
	if _, err := os.Stat(filepath.Join(dir, "sub")); !os.IsNotExist(err) {
		t.Errorf("the emptied directory sub is still there: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{Marker, "a.html"}; !slices.Equal(names, want) {
		t.Errorf("output directory holds %q, want %q", names, want)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, Marker)); !strings.HasSuffix(string(data), "\n\na.html\n") {
		t.Errorf("the marker does not list exactly a.html:\n%s", data)
	}

	// A file buildbook did not write is not overwritten, and then nothing
	// is written.
	if err := os.WriteFile(filepath.Join(dir, "c.html"), []byte("mine"), 0o666); err != nil {
		t.Fatal(err)
	}
	more := &Site{Files: []*File{{Path: "a.html", Data: []byte("new")}, {Path: "c.html", Data: []byte("c")}}}
	if _, err := more.Write(dir); err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Errorf("Write over a file buildbook did not write: error %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.html")); string(data) != "A" {
		t.Errorf("a refused Write changed a.html to %q", data)
	}

	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "notes.txt"), []byte("mine"), 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := site.Write(home); err == nil || !strings.Contains(err.Error(), "refusing to write") {
		t.Errorf("Write into a foreign directory: error %v, want a refusal", err)
	}
	if data, err := os.ReadFile(filepath.Join(home, "notes.txt")); err != nil || string(data) != "mine" {
		t.Errorf("the foreign directory was touched: %q, %v", data, err)
	}
}
