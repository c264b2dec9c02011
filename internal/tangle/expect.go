package tangle

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"path"
	"slices"
	"strconv"
	"strings"

	"ctml/internal/lit"
)

// ExpectErrorRunner is the import path of the package that runs the test
// tangle generates for a chapter's expect-error blocks: the generated file
// holds only the table of blocks.
const ExpectErrorRunner = "ctml/check/expecterror"

// expectErrorTest generates the test that compiles each expect-error block
// of chapter c against the chapter's package and checks the compiler's
// message, with package expecterror.
func expectErrorTest(c *chapter, files []*File) (*File, *lit.Error) {
	var pkgFiles []*File
	for _, f := range files {
		if path.Dir(f.Path) == c.dir {
			pkgFiles = append(pkgFiles, f)
		}
	}
	if len(pkgFiles) == 0 {
		return nil, &lit.Error{Pos: c.expect[0].block.AttrPos("expect-error"),
			Msg: fmt.Sprintf("expect-error blocks compile against the chapter's package, but no file= block writes Go files to %s", c.dir)}
	}
	pkg, _ := packageOf(pkgFiles)

	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"testing\"\n\n\t%s\n)\n\n", pkg, strconv.Quote(ExpectErrorRunner))
	fmt.Fprintf(&b, "// TestExpectError checks that each expect-error block of %s fails to\n", c.source)
	b.WriteString("// compile against this package, with an error inside the block whose\n" +
		"// message matches the block's regexp (see package " + ExpectErrorRunner + ").\n" +
		"func TestExpectError(t *testing.T) {\n\texpecterror.Run(t, []expecterror.Block{\n")
	for _, ec := range c.expect {
		src, dir := ec.src, "."
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly)
		switch {
		case err != nil:
			src = append([]byte("package "+pkg+"\n\n"), src...)
		case f.Name.Name != pkg:
			// A package of its own, one directory down: its directives
			// need one more "..".
			dir = externalDir
			src = bytes.ReplaceAll(src, []byte("//line "), []byte("//line ../"))
		}
		fmt.Fprintf(&b, "\t\t{MD: %s, Line: %d, Lines: %s, Want: %s, Dir: %s, Src: %s},\n", strconv.Quote(path.Base(c.page.Doc.Path)), ec.block.Pos.Line,
			ranges(ec.lines), quote(ec.block.ExpectError.String()), strconv.Quote(dir), quote(string(src)))
	}
	b.WriteString("\t})\n}\n")
	formatted, err := format.Source(b.Bytes())
	if err != nil {
		return nil, &lit.Error{Pos: c.expect[0].block.Pos, Msg: fmt.Sprintf("generating %s: %v", ExpectErrorFile, err)}
	}
	data := withHeader(c.header, formatted)
	return &File{
		Path:   path.Join(c.dir, ExpectErrorFile),
		Name:   ExpectErrorFile,
		Page:   c.page,
		Data:   data,
		Lines:  lineMap(data),
		pkg:    pkg,
		pkgPos: c.expect[0].block.Pos,
		first:  c.expect[0].block.Pos,
	}, nil
}

// ranges writes the Markdown lines of m as a Go literal of inclusive
// ranges, in order.
func ranges(m []srcLine) string {
	var lines []int
	for _, s := range m {
		if s.pos.Line > 0 {
			lines = append(lines, s.pos.Line)
		}
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	var b strings.Builder
	b.WriteString("[][2]int{")
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "{%d, %d}", lines[i], lines[j])
		i = j + 1
	}
	b.WriteString("}")
	return b.String()
}

// externalDir is the directory, below the chapter's, where an expect-error
// block with a package clause of its own is compiled.
const externalDir = "expect_error_external"

// quote writes s as a raw string literal when it can, for readable tests.
func quote(s string) string {
	if !strings.Contains(s, "`") && !strings.Contains(s, "\r") {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}
