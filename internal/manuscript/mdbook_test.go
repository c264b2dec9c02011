package manuscript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// includeBook is a manuscript whose page includes listing.rs in every way
// mdBook knows.
func includeBook(page string) fstest.MapFS {
	return fstest.MapFS{
		"SUMMARY.md":          {Data: []byte("- [Page](dir/page.md)\n")},
		"dir/page.md":         {Data: []byte(page)},
		"dir/code/listing.rs": {Data: []byte("// ANCHOR: all\nfn one() {}\r\n// ANCHOR: two\nfn two() {}\n// ANCHOR_END: two\nfn three() {}\n// ANCHOR_END: all\n")},
		"dir/code/nested.md":  {Data: []byte("before\n{{#include listing.rs:2}}\nafter\n")},
		"dir/code/loop.md":    {Data: []byte("{{#include ../page.md}}\n")},
	}
}

// TestIncludes expands each form of mdBook's directives in a page and
// compares the page as parsed.
func TestIncludes(t *testing.T) {
	for _, tc := range []struct {
		name, page, want string
		title            string
	}{
		{"whole file", "```rust\n{{#include code/listing.rs}}\n```\n",
			"```rust\n// ANCHOR: all\nfn one() {}\n// ANCHOR: two\nfn two() {}\n// ANCHOR_END: two\nfn three() {}\n// ANCHOR_END: all\n```\n", ""},
		{"one line", "{{#include code/listing.rs:2}}\n", "fn one() {}\n", ""},
		{"up to a line", "{{#include code/listing.rs::2}}\n", "// ANCHOR: all\nfn one() {}\n", ""},
		{"from a line", "{{#include code/listing.rs:6:}}\n", "fn three() {}\n// ANCHOR_END: all\n", ""},
		{"a range", "{{#include code/listing.rs:2:4}}\n", "fn one() {}\n// ANCHOR: two\nfn two() {}\n", ""},
		{"an empty range", "a{{#include code/listing.rs:5:2}}b\n", "ab\n", ""},
		{"past the end", "{{#include code/listing.rs:7:99}}\n", "// ANCHOR_END: all\n", ""},
		{"an anchor", "{{#include code/listing.rs:two}}\n", "fn two() {}\n", ""},
		{"an anchor holding anchors", "{{#include code/listing.rs:all}}\n", "fn one() {}\nfn two() {}\nfn three() {}\n", ""},
		{"rustdoc_include shows the range", "{{#rustdoc_include code/listing.rs:4}}\n", "fn two() {}\n", ""},
		{"spaces inside the braces", "{{ #include code/listing.rs:4 }}\n", "fn two() {}\n", ""},
		{"nested, relative to the included file", "{{#include code/nested.md}}\n", "before\nfn one() {}\nafter\n", ""},
		{"mid-line", "x = {{#include code/listing.rs:4}};\n", "x = fn two() {};\n", ""},
		{"escaped", "\\{{#include code/listing.rs}} and {{#include code/listing.rs:4}}\n", "{{#include code/listing.rs}} and {{#include code/listing.rs:4}}\n", ""},
		{"title", "{{#title A page, retitled}}\n# Page\n", "\n# Page\n", "A page, retitled"},
		{"playground", "{{#playground code/listing.rs editable}}\n", "```rust,editable\n// ANCHOR: all\nfn one() {}\n// ANCHOR: two\nfn two() {}\n// ANCHOR_END: two\nfn three() {}\n// ANCHOR_END: all\n```\n\n", ""},
		{"not a directive mdBook knows", "{{#unknown x}} {{#include}} {{ not }}\n", "{{#unknown x}} {{#include}} {{ not }}\n", ""},
		{"Go's composite literals", "x := [][]int{{1}, {2}}\n", "x := [][]int{{1}, {2}}\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bk, errs := Load(includeBook(tc.page), "src")
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			pg := bk.Pages[0]
			if diff := cmp.Diff(tc.want, string(pg.Doc.Source)); diff != "" {
				t.Errorf("the page (-want +got):\n%s", diff)
			}
			if pg.HTMLTitle != tc.title {
				t.Errorf("HTMLTitle = %q, want %q", pg.HTMLTitle, tc.title)
			}
		})
	}
}

// TestIncludeErrors: an include that leaves the book, one that forms a
// cycle, a missing file and a missing anchor are errors at the directive.
func TestIncludeErrors(t *testing.T) {
	for _, tc := range []struct{ name, page, want string }{
		{"leaves the book", "text\n  {{#include ../../secret.txt}}\n",
			"src/dir/page.md:2:3: {{#include ../../secret.txt}}: ../../secret.txt leaves the book's directory src: an include names a file of the book, relative to the page"},
		{"absolute", "{{#include /etc/passwd}}\n",
			"src/dir/page.md:1:1: {{#include /etc/passwd}}: /etc/passwd leaves the book's directory src: an include names a file of the book, relative to the page"},
		{"a cycle", "{{#include code/loop.md}}\n",
			"src/dir/code/loop.md:1:1: {{#include ../page.md}}: an include cycle: src/dir/page.md includes src/dir/code/loop.md includes src/dir/page.md"},
		{"a missing file", "{{#include code/none.rs}}\n",
			"src/dir/page.md:1:1: {{#include code/none.rs}}: cannot read src/dir/code/none.rs: file does not exist"},
		{"a missing anchor", "{{#include code/listing.rs:three}}\n",
			"src/dir/page.md:1:1: {{#include code/listing.rs:three}}: no line holds ANCHOR: three"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Load(includeBook(tc.page), "src")
			if got := errs.Error(); got != tc.want {
				t.Errorf("errors:\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestIncludePositions: positions in included text map back to the
// included file's lines, through Origin and in Load's errors; those
// after an include to the page's own lines.
func TestIncludePositions(t *testing.T) {
	fsys := includeBook("# Page\n\n```rust\n{{#include code/listing.rs:4:6}}\n```\n\n```go\nfunc after() {}\n```\n")
	bk, errs := Load(fsys, "src")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	doc := bk.Pages[0].Doc
	for _, tc := range []struct {
		line int
		want string
	}{
		{1, "src/dir/page.md:1:1"},
		{4, "src/dir/code/listing.rs:4:1"},
		{6, "src/dir/code/listing.rs:6:1"},
		{7, "src/dir/page.md:5:1"},
		{10, "src/dir/page.md:8:1"},
	} {
		pos := doc.Position(lineStart(doc.Source, tc.line))
		if got := bk.Origin(pos).String(); got != tc.want {
			t.Errorf("Origin(%v) = %s, want %s", pos, got, tc.want)
		}
	}
	if got := bk.Origin(doc.Blocks[1].Pos).String(); got != "src/dir/page.md:7:1" {
		t.Errorf("the go block after the include is at %s, want src/dir/page.md:7:1", got)
	}

	// An unterminated fence inside the included text is reported there.
	fsys["dir/code/open.md"] = &fstest.MapFile{Data: []byte("one\ntwo\n```go\nthree\n")}
	fsys["dir/page.md"] = &fstest.MapFile{Data: []byte("# Page\n\n{{#include code/open.md}}\n")}
	_, errs = Load(fsys, "src")
	if got, want := errs.Error(), "src/dir/code/open.md:3:1: unterminated code fence: add a closing ``` line"; got != want {
		t.Errorf("errors:\n%s\nwant\n%s", got, want)
	}
}

// TestIncludeSymlink: a file of the book that is a link out of it is not
// included.
func TestIncludeSymlink(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.txt")
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(secret, []byte("password"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("SUMMARY.md", "- [Page](page.md)\n")
	write("page.md", "{{#include link.txt}}\n")
	if err := os.Symlink(secret, filepath.Join(dir, "link.txt")); err != nil {
		t.Skip(err)
	}
	_, errs := Load(DirFS(dir), "book")
	if got := errs.Error(); !strings.HasPrefix(got, "book/page.md:1:1: {{#include link.txt}}: cannot read book/link.txt: a symbolic link leads outside") {
		t.Errorf("errors:\n%s", got)
	}
}

// TestLoadConfig reads book.toml beside the manuscript directory when its
// src names that directory.
func TestLoadConfig(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "src")
	if err := os.Mkdir(src, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, ConfigFile), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if cfg, errs := LoadConfig(src); cfg != nil || errs != nil {
		t.Errorf("without book.toml: %v, %v", cfg, errs)
	}
	write("[book]\ntitle = \"A Book\"\nauthors = [\"Ada\", \"Alan\"]\nlanguage = \"fr\"\ndescription = \"About things\"\n\n[output.html]\nmathjax-support = true\n")
	cfg, errs := LoadConfig(src)
	if errs != nil {
		t.Fatal(errs)
	}
	want := &Config{Path: filepath.ToSlash(filepath.Join(root, ConfigFile)), Title: "A Book", Authors: []string{"Ada", "Alan"}, Language: "fr", Description: "About things", Src: "src"}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("LoadConfig (-want +got):\n%s", diff)
	}
	write("[book]\ntitle = \"Another\"\nsrc = \"elsewhere\"\n")
	if cfg, errs := LoadConfig(src); cfg != nil || errs != nil {
		t.Errorf("a book.toml for another directory: %v, %v", cfg, errs)
	}
	write("[book]\ntitle = \"Broken\n")
	if _, errs := LoadConfig(src); errs == nil || !strings.HasPrefix(errs.Error(), filepath.ToSlash(filepath.Join(root, ConfigFile))+":2:") {
		t.Errorf("a broken book.toml: %v", errs)
	}
	write("[book]\ntitle = 3\n")
	if _, errs := LoadConfig(src); errs == nil {
		t.Error("a title that is a number: no error")
	}
}

// lineStart returns the offset of line n (1-based) of src.
func lineStart(src []byte, n int) int {
	off := 0
	for i := 1; i < n; i++ {
		off += strings.IndexByte(string(src[off:]), '\n') + 1
	}
	return off
}
