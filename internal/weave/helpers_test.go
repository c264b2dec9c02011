package weave

import (
	"testing"
	"testing/fstest"

	"ctml/internal/lit"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
)

// load loads and tangles the manuscript fsys, failing the test on errors.
func load(t testing.TB, fsys fstest.MapFS) (*manuscript.Book, *tangle.Output) {
	t.Helper()
	bk, errs := manuscript.Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatalf("manuscript.Load: %v", errs)
	}
	out, errs := tangle.Render(bk, tangle.Options{Book: "book", Out: "chapters"})
	if len(errs) > 0 {
		t.Fatalf("tangle.Render: %v", errs)
	}
	return bk, out
}

// build builds the manuscript fsys.
func build(t testing.TB, fsys fstest.MapFS) (*Site, lit.ErrorList) {
	t.Helper()
	bk, out := load(t, fsys)
	return Build(bk, out, fsys, Options{})
}

// mapFS makes a manuscript from alternating paths and contents.
func mapFS(kv ...string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for i := 0; i < len(kv); i += 2 {
		fsys[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return fsys
}
