package main

import (
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"ctml/internal/weave"
)

// copyThisBook copies the repository's book/ and diagrams/ into a
// temporary directory, for the prose-edit benchmarks, and returns it with
// the path of chapter 1 there and its text.
func copyThisBook(b *testing.B) (dir, page string, orig []byte) {
	b.Helper()
	dir = b.TempDir()
	for _, sub := range []string{"book", "diagrams"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join("..", "..", sub))); err != nil {
			b.Skipf("the repository's book is not there: %v", err)
		}
	}
	page = filepath.Join(dir, "book", "01-objects.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		b.Fatal(err)
	}
	return dir, page, orig
}

// BenchmarkRebuildProseEdit measures what buildbook -serve does after an
// edit to one sentence of chapter 1 of a copy of this book: load the
// manuscript, tangle it, weave it with the Memo of the previous build
// (only the edited page is rendered again), and write what changed. The
// tests are off, as their results would be reused; the figure's output
// is reused (its program's code did not change).
func BenchmarkRebuildProseEdit(b *testing.B) {
	dir, page, orig := copyThisBook(b)
	cfg := config{outDir: filepath.Join(dir, "_book"), bookDir: filepath.Join(dir, "book"), chapters: "../../chapters", tests: "off", tangle: true, runTimeout: time.Minute, runOutput: 5 << 20, diagrams: filepath.Join(dir, "diagrams")}
	bl := newBuilder(cfg)
	bl.async = true
	bl.woven = &weave.Memo{}
	defer bl.close()
	if o := bl.build(context.Background()); !o.ok() {
		b.Fatal(o.errs, o.fatal, o.failed)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		edited := strings.Replace(string(orig), "is a chain of steps.", "is a chain of steps (edit "+strconv.Itoa(i)+").", 1)
		if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		o := bl.build(context.Background())
		if !o.ok() {
			b.Fatal(o.errs, o.fatal, o.failed)
		}
	}
}

// BenchmarkWarmBuild measures what a run of buildbook -tests=off does on
// a copy of this book after a run before it, with nothing edited: a new
// builder (nothing kept in memory) with the cache directory of the last
// run. up-to-date finds the stamp of that run (nothing changed: nothing
// to do); pages-reused goes without it, as after an edit that changes no
// page (a file of the book touched in the output directory), and finds
// in the cache the figures, the formatted Go and every page (package
// weave's Memo). Starting the process is not counted.
func BenchmarkWarmBuild(b *testing.B) {
	dir, _, _ := copyThisBook(b)
	b.Setenv("BUILDBOOK_CACHE", filepath.Join(dir, "cache"))
	cfg := config{outDir: filepath.Join(dir, "_book"), bookDir: filepath.Join(dir, "book"), chapters: "../../chapters", tests: "off", tangle: true, runTimeout: time.Minute, runOutput: 5 << 20, diagrams: filepath.Join(dir, "diagrams")}
	build := func(wantUpToDate bool) {
		bl := newBuilder(cfg)
		defer bl.close()
		o := bl.build(context.Background())
		if !o.ok() || o.upToDate != wantUpToDate {
			b.Fatal(o.errs, o.fatal, o.failed, o.upToDate)
		}
	}
	build(false)
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as main does
	b.Run("up-to-date", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			build(true)
		}
	})
	b.Run("pages-reused", func(b *testing.B) {
		stamp := newBuilder(cfg).stampFile()
		b.ReportAllocs()
		for b.Loop() {
			if err := os.Remove(stamp); err != nil {
				b.Fatal(err)
			}
			build(false)
		}
	})
}
