package tangle

import (
	"strings"
	"testing"
	"testing/fstest"

	"pgregory.net/rapid"

	"ctml/internal/manuscript"
)

// squash removes all white space.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestSameBesidesSpace agrees with comparing the lines squashed, on
// generated lines of Go-like text with white space put in and taken out.
func TestSameBesidesSpace(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		alphabet := []rune(" \t\r\nab{}()é→")
		gen := rapid.SliceOfN(rapid.SampledFrom(alphabet), 0, 24)
		a := string(gen.Draw(t, "a"))
		b := a
		switch rapid.IntRange(0, 2).Draw(t, "how") {
		case 0: // the same text, spaced otherwise
			b = strings.ReplaceAll(strings.ReplaceAll(a, " ", ""), "\t", "\n ")
		case 1: // another text
			b = string(gen.Draw(t, "b"))
		}
		if got, want := sameBesidesSpace(a, []byte(b)), squash(a) == squash(b); got != want {
			t.Fatalf("sameBesidesSpace(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}

// TestSplitLineShiftsNothing tangles a block with a line that go/format
// splits in two: the lines after it still map to their own Markdown lines
// (verify sees the shift and tangle puts a directive before every line).
func TestSplitLineShiftsNothing(t *testing.T) {
	fsys := fstest.MapFS{
		"SUMMARY.md": {Data: []byte("# Summary\n\n- [One](one.md)\n")},
		"one.md":     {Data: []byte("# One\n\n```go file=main.go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\ta := 1; b := 2\n\tfmt.Println(a, b)\n\tfmt.Println(b, a)\n}\n```\n")},
	}
	bk, errs := manuscript.Load(fsys, "book")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, errs := Render(bk, Options{Book: "book", Out: "chapters"})
	if len(errs) > 0 || len(out.Files) != 1 {
		t.Fatalf("%d files, errors %v", len(out.Files), errs)
	}
	f := out.Files[0]
	text := strings.Split(string(f.Data), "\n")
	checked := 0
	for i, l := range f.Lines {
		line := strings.TrimSpace(text[i])
		if l.MD == 0 || line == "" || line == "a := 1" || line == "b := 2" {
			continue
		}
		want, ok := f.Page.Doc.CodeLine(l.MD)
		if !ok || squash(want) != squash(text[i]) {
			t.Errorf("%s:%d holds %q, but Lines maps it to Markdown line %d, %q", f.Path, i+1, text[i], l.MD, want)
		}
		checked++
	}
	if checked < 5 {
		t.Errorf("checked %d lines, want the 5 besides the split one", checked)
	}
}
