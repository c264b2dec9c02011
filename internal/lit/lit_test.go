package lit

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark/ast"
)

func TestParseInfo(t *testing.T) {
	tests := []struct {
		info  string
		lang  string
		attrs []string // key=value or key
		errs  []string
	}{
		{info: "go", lang: "go"},
		{info: "go file=a.go", lang: "go", attrs: []string{"file=a.go"}},
		{info: "go  name=\"two words\"\thide", lang: "go", attrs: []string{"name=two words", "hide"}},
		{info: `go expect-error="func\(int\)"`, lang: "go", attrs: []string{`expect-error=func\(int\)`}},
		{info: `go skip="say \"hi\" \\ bye"`, lang: "go", attrs: []string{`skip=say "hi" \ bye`}},
		{info: `go skip="open`, lang: "go", errs: []string{`x.md:1:7: unterminated quoted value for attribute "skip"`}},
		{info: `go skip="a"b`, lang: "go", attrs: []string{"skip=a"}, errs: []string{`x.md:1:15: attribute "skip": missing space after closing quote`}},
		{info: "text title=x", lang: "text", attrs: []string{"title=x"}},
	}
	for _, tc := range tests {
		t.Run(tc.info, func(t *testing.T) {
			var errs ErrorList
			lang, attrs := parseInfo(tc.info, Pos{File: "x.md", Line: 1, Col: 4}, &errs)
			var got []string
			for _, a := range attrs {
				if a.HasValue {
					got = append(got, a.Key+"="+a.Value)
				} else {
					got = append(got, a.Key)
				}
			}
			var gotErrs []string
			for _, e := range errs {
				gotErrs = append(gotErrs, e.Error())
			}
			if lang != tc.lang {
				t.Errorf("parseInfo(%q) lang = %q, want %q", tc.info, lang, tc.lang)
			}
			if diff := cmp.Diff(tc.attrs, got); diff != "" {
				t.Errorf("parseInfo(%q) attributes (-want +got):\n%s", tc.info, diff)
			}
			if diff := cmp.Diff(tc.errs, gotErrs); diff != "" {
				t.Errorf("parseInfo(%q) errors (-want +got):\n%s", tc.info, diff)
			}
		})
	}
}

// TestCheckAttrs: go and tikzcd blocks are checked by one table and one
// checker: an attribute of one kind is unknown on the other.
func TestCheckAttrs(t *testing.T) {
	tests := []struct {
		info string
		keys []string // the valid attributes
		errs []string
	}{
		{info: `tikzcd caption="c" check=TestX`, keys: []string{"caption", "check"}},
		{info: `tikzcd capton="c"`, errs: []string{`x.md:1:11: unknown attribute "capton" of a tikzcd block (did you mean "caption"?)`}},
		{info: `tikzcd file=a.go`, errs: []string{`x.md:1:11: unknown attribute "file" of a tikzcd block`}},
		{info: `tikzcd title=a title=b`, keys: []string{"title"}, errs: []string{`x.md:1:19: repeated attribute "title"`}},
		{info: `tikzcd src`, errs: []string{`x.md:1:11: attribute "src" needs a value: src=diagrams/NAME.tikzcd`}},
		{info: `go file=a.go caption="c"`, keys: []string{"file"}, errs: []string{`x.md:1:17: unknown attribute "caption"`}},
		{info: `go file=a.go hide=yes`, keys: []string{"file"}, errs: []string{`x.md:1:17: attribute "hide" takes no value`}},
		{info: `go file=a.go hiden`, keys: []string{"file"}, errs: []string{`x.md:1:17: unknown attribute "hiden" (did you mean "hide"?)`}},
	}
	for _, tc := range tests {
		t.Run(tc.info, func(t *testing.T) {
			var errs ErrorList
			lang, attrs := parseInfo(tc.info, Pos{File: "x.md", Line: 1, Col: 4}, &errs)
			var keys, gotErrs []string
			for _, a := range checkAttrs(lang, attrs, &errs) {
				keys = append(keys, a.Key)
			}
			for _, e := range errs {
				gotErrs = append(gotErrs, e.Error())
			}
			if diff := cmp.Diff(tc.keys, keys); diff != "" {
				t.Errorf("valid attributes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.errs, gotErrs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		line, indent, name string
		ok, looks          bool
	}{
		{"<<a>>", "", "a", true, true},
		{"\t  <<two words>>  ", "\t  ", "two words", true, true},
		{"<<a.b-c_d>>", "", "a.b-c_d", true, true},
		{"<<two  spaces>>", "", "", false, true},
		{"<<>>", "", "", false, true},
		{"x <<a>>", "", "", false, false},
		{"<<a>> y", "", "", false, false},
		{"x <<= 2", "", "", false, false},
	}
	for _, tc := range tests {
		indent, name, ok, looks := ParseRef(tc.line)
		if indent != tc.indent || name != tc.name || ok != tc.ok || looks != tc.looks {
			t.Errorf("ParseRef(%q) = %q, %q, %v, %v, want %q, %q, %v, %v", tc.line, indent, name, ok, looks, tc.indent, tc.name, tc.ok, tc.looks)
		}
	}
}

func TestParseBlocks(t *testing.T) {
	src := "# T\r\n\r\n```go file=a.go\r\npackage a\r\n\r\n\t<<x>>\r\n```\r\n\r\n" +
		"> ```go name=x\n> var x = 1\n> ```\n\n" +
		"- item\n\n  ````go skip=\"why\"\n  ```\n  <<not a ref here>>\n  ````\n"
	d, errs := Parse("book/a.md", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	type line struct {
		Text, Ref, Indent string
		Pos               string
	}
	type block struct {
		Pos, End, File, Name, Skip string
		Lines                      []line
	}
	var got []block
	for _, b := range d.Blocks {
		bl := block{Pos: b.Pos.String(), End: b.End.String(), File: b.File, Name: b.Name, Skip: b.Skip}
		for _, l := range b.Lines {
			bl.Lines = append(bl.Lines, line{l.Text, l.Ref, l.Indent, l.Pos.String()})
		}
		got = append(got, bl)
	}
	want := []block{
		{Pos: "book/a.md:3:1", End: "book/a.md:7:1", File: "a.go", Lines: []line{
			{"package a", "", "", "book/a.md:4:1"},
			{"", "", "", "book/a.md:5:1"},
			{"\t<<x>>", "x", "\t", "book/a.md:6:1"},
		}},
		{Pos: "book/a.md:9:3", End: "book/a.md:11:3", Name: "x", Lines: []line{
			{"var x = 1", "", "", "book/a.md:10:3"},
		}},
		{Pos: "book/a.md:15:3", End: "book/a.md:18:3", Skip: "why", Lines: []line{
			{"```", "", "", "book/a.md:16:3"},
			{"<<not a ref here>>", "", "", "book/a.md:17:3"},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse blocks (-want +got):\n%s", diff)
	}
	x := d.Index
	if c := x.Named("x"); c == nil || len(c.Uses) != 1 || c.Uses[0].Block != d.Blocks[0] {
		t.Errorf("Index.Named(%q) = %+v, want one use in the first block", "x", c)
	}
	if c := x.File("a.go"); c == nil || len(c.Pieces) != 1 {
		t.Errorf("Index.File(%q) = %+v, want one piece", "a.go", c)
	}
}

func TestUnterminated(t *testing.T) {
	for _, src := range []string{
		"```go file=a.go\npackage a\n",
		"> ```text\n> quoted\n\nafter the quote\n",
		"- ```text\n  in a list\n- next item\n",
	} {
		_, errs := Parse("a.md", []byte(src))
		if len(errs) != 1 || !strings.Contains(errs[0].Msg, "unterminated code fence") {
			t.Errorf("Parse(%q) errors = %v, want one unterminated fence", src, errs)
		}
	}
}

// TestEncoding: a byte order mark is not part of the page (Go's compiler
// and Hugo skip it too), and bytes that are not UTF-8 are an error at the
// first of them, not a puzzle for a later stage.
func TestEncoding(t *testing.T) {
	d, errs := Parse("x.md", []byte("\ufeff# Title\n\n```go file=a.go\npackage a\n```\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if h, ok := d.Root.FirstChild().(*ast.Heading); !ok || h.Level != 1 {
		t.Errorf("after a byte order mark, first node = %T, want a level-1 heading", d.Root.FirstChild())
	}
	if len(d.Blocks) != 1 || d.Blocks[0].Pos.String() != "x.md:3:1" {
		t.Errorf("blocks after a byte order mark: %d, want 1 at x.md:3:1", len(d.Blocks))
	}

	tests := []struct{ src, want string }{
		{"# T\n\n```go file=a.go\n\xffpackage a\n```\n", "x.md:4:1: invalid UTF-8 (byte 0xff): the book's files are UTF-8 text"},
		{"caf\xe9 au lait\n", "x.md:1:4: invalid UTF-8 (byte 0xe9): the book's files are UTF-8 text"},
		{"\ufeffa\n\xc3(\n\xff\n", "x.md:2:1: invalid UTF-8 (byte 0xc3): the book's files are UTF-8 text"},
	}
	for _, tc := range tests {
		_, errs := Parse("x.md", []byte(tc.src))
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if diff := cmp.Diff([]string{tc.want}, got); diff != "" {
			t.Errorf("Parse(%q) errors (-want +got):\n%s", tc.src, diff)
		}
	}
}

// TestFileNames: a file= name the file system or the go command cannot
// take is an error at the attribute, found before anything is written.
func TestFileNames(t *testing.T) {
	long := strings.Repeat("a", 253) + ".go"
	tests := []struct{ info, want string }{
		{"go file=a\x00b.go", `x.md:1:7: file="a\x00b.go" is not a portable file name: invalid char '\x00'`},
		{"go file=a\rb.go", `x.md:1:7: file="a\rb.go" is not a portable file name: invalid char '\r'`},
		{"go file=a\x7fb.go", `x.md:1:7: file="a\x7fb.go" is not a portable file name: invalid char '\x7f'`},
		{`go file="my dir/a.go"`, `x.md:1:7: file="my dir/a.go": directory "my dir" cannot be part of a Go import path: invalid char ' '`},
		{`go file=a:b.go`, `x.md:1:7: file=a:b.go is not a portable file name: invalid char ':'`},
		{`go file=sub.d./a.go`, `x.md:1:7: file=sub.d./a.go is not a portable file name: trailing dot in path element`},
		{`go file=con/a.go`, `x.md:1:7: file=con/a.go is not a portable file name: "con" disallowed as path element component on Windows`},
		{"go file=" + long, "x.md:1:7: file=" + long[:40] + "…: a name of 256 bytes, longer than the 255 a file system allows"},
		{"go file=" + long[1:], ""},
		{`go file="a b.go"`, ""}, // the go command takes spaces in file names
		{`go file=sub/a.go`, ""},
	}
	for _, tc := range tests {
		_, errs := Parse("x.md", []byte("```"+tc.info+"\npackage a\n```\n"))
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		var want []string
		if tc.want != "" {
			want = []string{tc.want}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Parse(%q) errors (-want +got):\n%s", tc.info, diff)
		}
	}
}

func TestAnswer(t *testing.T) {
	src := "Questions.\n\n::: answer Answers\n1. `f` runs first: $g \\circ f$.\n2. No.\n\n```go file=a.go\npackage a\n```\n:::\n\nAfter.\n\n  ::: answer\nPlain.\n   :::\n"
	doc, errs := Parse("x.md", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var answers []*Answer
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*Answer); ok && entering {
			answers = append(answers, a)
		}
		return ast.WalkContinue, nil
	})
	if len(answers) != 2 {
		t.Fatalf("found %d answers, want 2", len(answers))
	}
	if answers[0].Summary != "Answers" || answers[1].Summary != AnswerSummary {
		t.Errorf("summaries %q, %q, want %q, %q", answers[0].Summary, answers[1].Summary, "Answers", AnswerSummary)
	}
	if k := answers[0].FirstChild().Kind(); k != ast.KindList {
		t.Errorf("first answer starts with a %v, want a list", k)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].File != "a.go" {
		t.Errorf("the go block inside an answer was not found: %v", doc.Blocks)
	}
	var b strings.Builder
	if err := Markdown().Renderer().Render(&b, doc.Source, doc.Root); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		"<details class=\"answer\"><summary>Answers</summary>\n<ol>",
		"</pre>\n</details>\n<p>After.</p>",
		"<details class=\"answer\"><summary>Answer</summary>\n<p>Plain.</p>\n</details>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, html)
		}
	}
}

func TestAnswerUnterminated(t *testing.T) {
	_, errs := Parse("x.md", []byte("Text.\n\n::: answer\nNever closed.\n"))
	want := "x.md:3:1: unterminated answer: end it with a line holding only :::"
	if errs.Error() != want {
		t.Errorf("errors = %q, want %q", errs.Error(), want)
	}
	// Colons that open no answer are text.
	doc, errs := Parse("x.md", []byte("::: note\n\n:::\n"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if k := doc.Root.FirstChild().Kind(); k != ast.KindParagraph {
		t.Errorf("::: note parsed as %v, want a paragraph", k)
	}
}
