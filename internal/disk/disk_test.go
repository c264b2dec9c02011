package disk

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, ".x-*.tmp", []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(name)
	if err != nil || string(data) != "new" {
		t.Errorf("after WriteFile: %q, %v; want new", data, err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d files, want only a.txt", len(entries))
	}
	// A directory in the way: the rename fails and the temporary file goes.
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "d", "x"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "d"), ".x-*.tmp", []byte("no")); err == nil {
		t.Errorf("WriteFile over a directory succeeded")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".x-*.tmp")); len(m) > 0 {
		t.Errorf("temporary files left behind: %v", m)
	}
}

func TestReason(t *testing.T) {
	_, err := os.ReadFile(filepath.Join(t.TempDir(), "missing"))
	if got := Reason(err); !errors.Is(got, fs.ErrNotExist) || strings.Contains(got.Error(), "missing") {
		t.Errorf("Reason(%v) = %v, want the reason alone", err, got)
	}
	plain := errors.New("plain")
	if Reason(plain) != plain {
		t.Errorf("Reason(plain error) changed it")
	}
}

func TestRealPath(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	got, err := RealPath(filepath.Join(dir, "link", "not", "yet"))
	if want := filepath.Join(dir, "real", "not", "yet"); err != nil || got != want {
		t.Errorf("RealPath = %q, %v; want %q", got, err, want)
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		dir, name string
		want      bool
	}{
		{"/a", "/a/b", true},
		{"/a", "/a/b/c", true},
		{"/a", "/a", false},
		{"/a", "/ab", false},
		{"/a", "/", false},
		{"a", "a/..b", true},
		{"a", "b", false},
	}
	for _, tc := range tests {
		dir, name := filepath.FromSlash(tc.dir), filepath.FromSlash(tc.name)
		if got := Within(dir, name); got != tc.want {
			t.Errorf("Within(%q, %q) = %v, want %v", dir, name, got, tc.want)
		}
	}
}
