package tangle

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"ctml/internal/manuscript"
)

// render tangles a one-page book into out.
func render(t *testing.T, out, page string) *Output {
	t.Helper()
	fsys := fstest.MapFS{
		"SUMMARY.md": {Data: []byte("- [One](01-one.md)\n")},
		"01-one.md":  {Data: []byte(page)},
	}
	bk, errs := manuscript.Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	o, errs := Render(bk, Options{Book: filepath.Join(filepath.Dir(out), "book"), Out: out})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return o
}

// files returns the files under dir, relative and slash-separated, with
// their contents.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return m
}

// TestApplyInterrupted: a run interrupted while it writes (SIGINT, SIGTERM:
// its context is cancelled) removes its temporary files and leaves the
// previous output exactly as it was, whichever file it was at.
func TestApplyInterrupted(t *testing.T) {
	const v1 = "```go file=a.go\npackage one\n\nvar A = 1\n```\n\n```go file=b.go\npackage one\n```\n"
	const v2 = "```go file=a.go\npackage one\n\nvar A = 2\n```\n\n```go file=b.go\npackage one\n\nvar B = 2\n```\n\n```go file=sub/c.go\npackage sub\n```\n"
	for after := 1; after <= 3; after++ {
		out := filepath.Join(t.TempDir(), "chapters")
		o := render(t, out, v1)
		changes, err := Compare(o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Apply(context.Background(), o, changes, false); err != nil {
			t.Fatal(err)
		}
		before := files(t, out)

		o = render(t, out, v2)
		if changes, err = Compare(o); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		afterTemp = func() {
			if n++; n == after {
				cancel()
			}
		}
		_, err = Apply(ctx, o, changes, false)
		afterTemp = nil
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Errorf("interrupted after %d temporary files: Apply error = %v, want %v", after, err, context.Canceled)
		}
		got := files(t, out)
		for name := range got {
			if strings.HasSuffix(name, ".tmp") {
				t.Errorf("interrupted after %d temporary files: %s left behind", after, name)
			}
		}
		if len(got) != len(before) {
			t.Errorf("interrupted after %d temporary files: files %v, want the previous %v", after, keys(got), keys(before))
		}
		for name, data := range before {
			if got[name] != data {
				t.Errorf("interrupted after %d temporary files: %s changed", after, name)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "01-one", "sub")); err == nil {
			t.Errorf("interrupted after %d temporary files: directory 01-one/sub left behind", after)
		}
	}
}

func keys(m map[string]string) []string {
	var k []string
	for name := range m {
		k = append(k, name)
	}
	return k
}
