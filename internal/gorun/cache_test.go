package gorun

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"ctml/internal/tangle"
)

// TestKey checks what changes a program's key: its files and those of
// the packages it imports from the module, tangled or on disk, and
// go.mod; not a test file, nor a package it does not import.
func TestKey(t *testing.T) {
	wd := module(t)
	write := func(name, data string) {
		t.Helper()
		name = filepath.Join(wd, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lib/lib.go", "package lib\n\nconst X = 1\n")
	write("other/other.go", "package other\n")
	key := func(fig, dep string) string {
		t.Helper()
		out := &tangle.Output{Files: []*tangle.File{
			{Path: "chapters/fig/main.go", Data: []byte(fig)},
			{Path: "chapters/dep/dep.go", Data: []byte(dep)},
			{Path: "chapters/dep/dep_test.go", Data: []byte("package dep\n")},
		}}
		r, err := New(out, wd)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		k, err := r.Key("chapters/fig")
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	fig := "package main\n\nimport (\n\t\"example/chapters/dep\"\n\t\"example/lib\"\n)\n\nfunc main() { println(dep.Y, lib.X) }\n"
	dep := "package dep\n\nconst Y = 2\n"
	base := key(fig, dep)
	if key(fig, dep) != base {
		t.Fatal("the key of the same program changed")
	}
	for _, tc := range []struct {
		name   string
		change func() (string, string)
		same   bool
	}{
		{"the program's file", func() (string, string) { return fig + "// x\n", dep }, false},
		{"a tangled package it imports", func() (string, string) { return fig, dep + "// x\n" }, false},
		{"a package on disk it imports", func() (string, string) {
			write("lib/lib.go", "package lib\n\nconst X = 3\n")
			return fig, dep
		}, false},
		{"go.mod", func() (string, string) {
			write("go.mod", "module example\n\ngo 1.26\n\nrequire golang.org/x/mod v0.1.0\n")
			return fig, dep
		}, false},
		{"a package it does not import", func() (string, string) {
			write("other/other.go", "package other\n\nconst Z = 1\n")
			return fig, dep
		}, true},
		{"a test file beside it", func() (string, string) {
			write("lib/lib_test.go", "package lib\n")
			return fig, dep
		}, true},
	} {
		before := key(fig, dep)
		f, d := tc.change()
		if after := key(f, d); (after == before) != tc.same {
			t.Errorf("after a change to %s: key changed = %v, want %v", tc.name, after != before, !tc.same)
		}
	}
}

// TestCache keeps one output per program, found by its key only.
func TestCache(t *testing.T) {
	if OpenCache("off") != nil {
		t.Error(`OpenCache("off") is not nil`)
	}
	var none *Cache
	if _, ok := none.Get("a", "k"); ok {
		t.Error("a nil cache has an entry")
	}
	none.Put("a", "k", nil) // no panic
	c := OpenCache(t.TempDir())
	c.Put("fig", "k1", []byte("<svg>1</svg>"))
	if got, ok := c.Get("fig", "k1"); !ok || !bytes.Equal(got, []byte("<svg>1</svg>")) {
		t.Errorf("Get(fig, k1) = %q, %v", got, ok)
	}
	if _, ok := c.Get("fig", "k2"); ok {
		t.Error("Get(fig, k2) found the output of k1")
	}
	if _, ok := c.Get("other", "k1"); ok {
		t.Error("Get(other, k1) found the output of fig")
	}
	c.Put("fig", "k2", []byte("<svg>2</svg>"))
	if _, ok := c.Get("fig", "k1"); ok {
		t.Error("the old output is still there")
	}
	entries, _ := os.ReadDir(c.dir)
	if len(entries) != 1 {
		t.Errorf("the cache holds %d files, want 1", len(entries))
	}
}

// TestTest runs go test -json against the tangled files: a package whose
// file on disk is stale is tested as tangled, a failing test is a result
// and not an error, and a directory in no module is ErrNoModule.
func TestTest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test (-short)")
	}
	wd := module(t)
	out := &tangle.Output{Files: []*tangle.File{
		{Path: "chapters/two/two_test.go", Data: []byte("package main\n\nimport \"testing\"\n\nfunc TestPass(t *testing.T) {}\n\nfunc TestFail(t *testing.T) { t.Fatal(\"no\") }\n")},
		{Path: "chapters/missing/x_test.go", Data: []byte("package x\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n")},
	}}
	r, err := New(out, wd)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	events, err := r.Test(context.Background(), []string{"chapters/two", "chapters/missing"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Test":"TestPass"`, `"Test":"TestFail"`, `"Action":"fail"`} {
		if !bytes.Contains(events, []byte(want)) {
			t.Errorf("the events lack %s:\n%s", want, events)
		}
	}
	if bytes.Contains(events, []byte("chapters/missing")) {
		t.Errorf("a package with no directory on disk was run:\n%s", events)
	}

	r2, err := New(out, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if _, err := r2.Test(context.Background(), []string{"chapters/two"}); !errors.Is(err, ErrNoModule) {
		t.Errorf("Test outside a module: %v, want ErrNoModule", err)
	}
}
