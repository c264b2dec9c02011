package manuscript

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestDirFS reads a manuscript whose links lead inside it, into the
// diagrams directory beside it, and outside both: only the last are
// refused, whichever way they are read.
func TestDirFS(t *testing.T) {
	root := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		name = filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write("book/SUMMARY.md", "- [One](01-one.md)\n")
	write("book/drafts/one.md", "# One\n")
	write("diagrams/square.tikzcd", "A & B\n")
	write("secret/key.txt", "hunter2\n")
	link("drafts/one.md", "book/01-one.md")
	link(filepath.Join(root, "book", "drafts", "one.md"), "book/absolute.md")
	link("../diagrams/square.tikzcd", "book/square.tikzcd")
	link("../secret/key.txt", "book/key.txt")
	link("../secret", "book/secret")
	link(filepath.Join(root, "secret", "key.txt"), "book/absolute-key.txt")
	link("drafts/missing.md", "book/dangling.md")

	fsys := DirFS(filepath.Join(root, "book"), filepath.Join(root, "diagrams"))
	for _, name := range []string{"SUMMARY.md", "01-one.md", "absolute.md", "square.tikzcd", "drafts/one.md"} {
		if _, err := fs.ReadFile(fsys, name); err != nil {
			t.Errorf("ReadFile(%s): %v, want its contents", name, err)
		}
		if f, err := fsys.Open(name); err != nil {
			t.Errorf("Open(%s): %v", name, err)
		} else {
			f.Close()
		}
	}
	reads := map[string]func(string) error{
		"Open":     func(n string) error { _, err := fsys.Open(n); return err },
		"ReadFile": func(n string) error { _, err := fs.ReadFile(fsys, n); return err },
		"Stat":     func(n string) error { _, err := fs.Stat(fsys, n); return err },
		"ReadDir":  func(n string) error { _, err := fs.ReadDir(fsys, n); return err },
	}
	for how, read := range reads {
		for _, name := range []string{"key.txt", "absolute-key.txt", "secret", "secret/key.txt"} {
			if err := read(name); !errors.Is(err, ErrOutside) {
				t.Errorf("%s(%s) = %v, want ErrOutside", how, name, err)
			}
		}
		if err := read("dangling.md"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s(dangling.md) = %v, want ErrNotExist", how, err)
		}
		if err := read("../secret/key.txt"); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("%s(../secret/key.txt) = %v, want ErrInvalid", how, err)
		}
	}
	// Without the diagrams directory among the roots, a link into it
	// leads outside too.
	if _, err := fs.ReadFile(DirFS(filepath.Join(root, "book")), "square.tikzcd"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadFile(square.tikzcd) without diagrams = %v, want ErrOutside", err)
	}
}
