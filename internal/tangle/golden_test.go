package tangle

import (
	"bytes"
	"flag"
	"go/format"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"ctml/internal/booktest"
	"ctml/internal/manuscript"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden renders each book in testdata/golden/*.txtar and compares the
// result with the archive's chapters/ sections. An archive's comment may
// hold flags: "-lines=false".
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, name := range files {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var kept []txtar.File
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "book/") {
					kept = append(kept, f)
				}
			}
			bk, errs := manuscript.Load(booktest.FromArchive(ar), "book")
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			opt := Options{Book: "book", Out: "chapters", NoLines: bytes.Contains(ar.Comment, []byte("-lines=false"))}
			out, errs := Render(bk, opt)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			got := map[string][]byte{}
			for _, f := range out.Files {
				got[f.Path] = f.Data
				kept = append(kept, txtar.File{Name: f.Path, Data: f.Data})
				// Every generated file is gofmt-clean and stays so.
				if again, err := format.Source(f.Data); err != nil || !bytes.Equal(again, f.Data) {
					t.Errorf("%s is not stable under go/format (err %v)", f.Path, err)
				}
				if !intact(f.Data) {
					t.Errorf("%s: checksum does not match its body", f.Path)
				}
			}
			if *update {
				ar.Files = kept
				if err := os.WriteFile(name, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "chapters/") {
					continue
				}
				if g, ok := got[f.Name]; !ok {
					t.Errorf("%s: not generated", f.Name)
				} else if !bytes.Equal(g, f.Data) {
					t.Errorf("%s differs from the golden file (run go test -update to accept):\n%s", f.Name, g)
				}
				delete(got, f.Name)
			}
			for p := range got {
				t.Errorf("%s: generated but not in the golden file", p)
			}
		})
	}
}

// TestLocs checks that Output.Loc points at the generated line holding the
// first line of each block's own code.
func TestLocs(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/golden/expand.txtar")
	if err != nil {
		t.Fatal(err)
	}
	bk, errs := manuscript.Load(booktest.FromArchive(ar), "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, errs := Render(bk, Options{Book: "book", Out: "chapters"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	n := 0
	for _, b := range bk.Pages[0].Doc.Blocks {
		loc, ok := out.Loc(b)
		if !ok {
			t.Errorf("no Loc for the block at %v", b.Pos)
			continue
		}
		n++
		var want string
		for _, ln := range b.Lines {
			if ln.Ref == "" && strings.TrimSpace(ln.Text) != "" {
				want = ln.Text
				break
			}
		}
		lines := strings.Split(string(loc.File.Data), "\n")
		if got := lines[loc.Line-1]; squash(got) != squash(want) {
			t.Errorf("Loc(block at %v) = %s:%d holding %q, want a line holding %q", b.Pos, loc.File.Path, loc.Line, got, want)
		}
	}
	if n != 8 {
		t.Errorf("found the Loc of %d blocks, want 8", n)
	}
}

// TestLineMap checks File.Lines against the Go compiler's reading of the
// //line directives: every token of every generated file lies on a line
// whose Markdown line is the one go/scanner gives it, and the lines
// before the first directive map to none.
func TestLineMap(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	checked := 0
	for _, name := range files {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		bk, errs := manuscript.Load(booktest.FromArchive(ar), "book")
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		out, errs := Render(bk, Options{Book: "book", Out: "chapters", NoLines: bytes.Contains(ar.Comment, []byte("-lines=false"))})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		for _, f := range out.Files {
			if n := bytes.Count(f.Data, []byte("\n")); len(f.Lines) != n {
				t.Errorf("%s: %d entries in Lines for %d lines", f.Path, len(f.Lines), n)
				continue
			}
			if f.Name == ExpectErrorFile {
				continue // its directives are inside the blocks' strings
			}
			fset := token.NewFileSet()
			tf := fset.AddFile(f.Path, -1, len(f.Data))
			var s scanner.Scanner
			s.Init(tf, f.Data, nil, 0)
			for {
				pos, tok, _ := s.Scan()
				if tok == token.EOF {
					break
				}
				gen, md := fset.PositionFor(pos, false), fset.PositionFor(pos, true)
				want := 0
				if strings.HasSuffix(md.Filename, ".md") {
					want = md.Line
				}
				if got := f.Lines[gen.Line-1].MD; got != want {
					t.Errorf("%s:%d: Lines says Markdown line %d, the compiler %d (%s)", f.Path, gen.Line, got, want, md)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked %d tokens, want many", checked)
	}
}
