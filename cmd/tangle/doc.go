// Tangle writes the Go code of the book into packages, one per chapter.
//
// Usage:
//
//	tangle [-book book] [-out chapters] [-check] [-lines=true] [-force] [-v]
//
// Tangle reads book/SUMMARY.md, the book's only table of contents (mdBook's
// format; see package ctml/internal/book), then every page it lists, and
// writes the go blocks of page book/NN-slug.md into the directory
// chapters/NN-slug. Files are written only when their bytes change, each
// through a temporary file and a rename. Generated files that no chapter
// produces any more are removed; tangle recognises them by their header
// and never removes a file without it.
//
// With -check nothing is written: tangle renders the book in memory,
// compares it with the files on disk and lists every file that is missing,
// stale (the Markdown changed), edited by hand, orphaned, or not generated
// by tangle at all, with a short diff, and exits 1 if there is any.
//
// Exit status: 0 success; 1 diagnostics (errors in the book, files out of
// sync, hand-edited files left alone); 2 usage errors.
//
// # The Markdown dialect
//
// A fenced code block whose info string starts with the word go is a go
// block. The words after go are its attributes, separated by spaces or
// tabs. An attribute is a flag (hide) or a key and a value, key=value or
// key="value"; inside the double quotes \" stands for a quote, \\ for a
// backslash, and any other backslash is kept, so that regular expressions
// read naturally: expect-error="func\(int\)". Other fenced blocks (text,
// sh, ...) are shown in the book and otherwise ignored.
//
// Every go block has exactly one of these four attributes, which says what
// it is:
//
//	file=NAME.go          a root: its lines are appended, in document
//	                      order, to chapters/NN-slug/NAME.go
//	name=ID               a named chunk, expanded where a line holds <<ID>>
//	skip="reason"         shown in the book, never compiled (a sketch)
//	expect-error="regexp" must not compile; a test checks the message
//
// and may add:
//
//	hide                  tangled, but shown collapsed in the book
//	                      (boilerplate); needs file= or name=
//	exercise=ID           the solution of exercise ID (as in exercise=1.2):
//	                      tangled like any block, shown collapsed in the
//	                      book, and listed for the workshop tool, which
//	                      turns solutions into stubs; needs file= or name=
//	hint="…"              with exercise=: the exercise's hint, shown folded
//	                      before the solution and by the workshop tool
//	level=core|stretch    with exercise=: a core exercise belongs to every
//	                      workshop plan, a stretch one to those who finish
//	                      early
//	tests=ID              the tests of exercise ID, in a _test.go file:
//	                      tangled, shown collapsed as "Tests for exercise
//	                      ID"; ID must be an exercise of the book
//
// An info string cannot hold a backtick, so a hint with code in it, or
// one longer than a line, is written as a hint block instead: the fenced
// block right after the solution, of language hint, whose text (blank
// lines separate paragraphs, `code spans` are code) is the hint:
//
//	```go file=compose.go exercise=1.1 level=core
//	func ComposeAll…
//	```
//
//	```hint
//	Start from `Identity[A]` and compose one step at a time.
//	```
//
// A go block with none of file, name, skip and expect-error is an error:
// no untested Go code appears in the book. Unknown and repeated attributes
// are errors.
//
// File roots. NAME is a slash-separated path inside the chapter directory,
// ending in .go; it may name a subdirectory (file=walkthrough/main.go), but
// may not leave the chapter directory, and no element may start with "."
// or "_" or be testdata, which the go command would ignore. Several blocks
// with the same file= form one file, joined in document order with a blank
// line between them. The first block of a file must start with its package
// clause (comments may come before it). All files of one directory belong
// to one package; test files may use the package name plus _test. One
// output file belongs to one chapter. The name expecterror_test.go is
// reserved (see below).
//
// Named chunks. ID is one or more words of letters, digits, '_', '.' and
// '-', separated by single spaces: name="check the identity law". Several
// blocks with the same name form one chunk, joined in document order. A
// line holding only <<ID>> (white space around it allowed) in a file root,
// a named chunk or an expect-error block is replaced by the chunk's lines,
// each prefixed with the white space before "<<"; blank lines get no
// prefix. Chunk names are local to their page: a reference must name a
// chunk of the same page, every named chunk must be used, and a chunk may
// not refer to itself, directly or through others. A chunk may be used more
// than once. References are not expanded in skip blocks.
//
// Expected compile errors. An expect-error block is the body of one more
// file of the chapter's package (the directory chapters/NN-slug): it has no
// package clause (tangle adds it) and holds the imports it needs. Tangle
// writes the test chapters/NN-slug/expecterror_test.go, whose
// TestExpectError compiles the package with each block added (go build
// -overlay, so the chapter is untouched) and checks that compilation fails
// with a message that matches the regexp and points into the block or a
// chunk it uses. A block that starts with a package clause naming another
// package is compiled instead as a package of its own, in the directory
// chapters/NN-slug/expect_error_external (which exists only in the
// overlay): it imports the chapter and sees only what any importer sees,
// such as that an unexported field cannot be set.
//
// # Formulas
//
// The prose holds formulas in TeX between dollar signs, which tangle
// ignores and buildbook typesets (the subset is listed in package
// ctml/internal/tex). Inline math is $…$: the opening $ is followed by a
// character other than white space, and the closing $ follows one and is
// not followed by a digit, so that "$5 and $10" stays text; a formula
// may run over line breaks but not over a code span (a backtick before the
// closing $ leaves the opening one as text), and \$ is a dollar sign.
// $$…$$ in running text is a displayed formula, and so is a paragraph that
// starts with $$ and ends with $$, possibly lines later; a blank line ends
// it, and a $$ paragraph that is never closed is an error. Dollar signs in
// code spans and code blocks are code.
//
// # Figures
//
// A fenced block whose info string starts with tikzcd is a commutative
// diagram, written in tikz-cd (the subset package ctml/internal/cd
// specifies), which buildbook draws as an inline SVG figure. Tangle
// ignores it. Its attributes, all optional:
//
//	title="…"                  the figure's accessible name (default: the caption)
//	caption="…"                the caption shown under it
//	check=TestName             the test that checks that the figure commutes
//	src=diagrams/NAME.tikzcd   the figure is in that file (the block is empty)
//
// The body is the figure: the body of a tikzcd environment, or the whole
// \begin{tikzcd}…\end{tikzcd} as quiver exports it:
//
//	```tikzcd caption="Composition." check=TestAssociativity
//	A \arrow[r, "f"] \arrow[dr, "g \circ f"'] & B \arrow[d, "g"] \\ & C
//	```
//
// A figure kept in its own file, in the diagrams directory beside the book
// directory, is named by an empty block:
//
//	```tikzcd src=diagrams/identity.tikzcd caption="The identity laws." check=TestIdentityLaws
//	```
//
// check=TestName must name a test function, func TestName(, of the
// chapter's tangled _test.go files; the book shows "Checked by TestName"
// under the figure, linked to the go block that defines the test. A
// missing test, an unknown attribute, and any error in the figure (an
// unsupported tikz-cd key, an arrow to an empty cell, math that does not
// parse) stop buildbook with file:line:col: message, at the position in
// the Markdown or in the diagrams/ file.
//
// # Raw HTML
//
// Tangle ignores raw HTML; buildbook holds it to what a book needs, and
// refuses the rest with file:line:col: message rather than remove it
// silently. Raw HTML (inline tags and HTML blocks) may use these
// elements:
//
//	text     a abbr b bdi bdo br cite code del dfn em i ins kbd mark q rp rt
//	         ruby s samp small span strong sub sup time u var wbr
//	blocks   blockquote dd details div dl dt figcaption figure hr li ol p
//	         pre summary ul
//	tables   caption col colgroup table tbody td tfoot th thead tr
//	images   img picture source
//
// and comments, with the attributes id, class, title, lang, dir, role,
// translate and aria-* on any of them, and these of their own: href, rel
// and hreflang (a); cite and datetime (del, ins); cite (q, blockquote);
// datetime (time); open (details); value (li); reversed, start and type
// (ol); span (col, colgroup); colspan, rowspan and headers (td, th), scope
// and abbr (th); src, srcset, sizes, alt, width, height, loading and
// decoding (img); srcset, sizes, media, type, width and height (source).
// So there is no script, event handler (on...=), inline CSS (style=,
// <style>), form, frame or embedded object, and a heading is written in
// Markdown. A link, in raw HTML or Markdown, leads to a relative path or
// an http:, https: or mailto: URL: javascript:, vbscript:, data: and any
// other scheme are errors. An image (img src=, every srcset candidate,
// Markdown's ![...](...)) is a file of the book named by a relative path,
// never a URL. A tag or comment of raw HTML must end where its HTML
// block or inline tag does.
//
// # Generated files
//
// Each file starts with
//
//	// Code generated by tangle from book/NN-slug.md; DO NOT EDIT.
//	//tangle:sum 0123456789abcdef
//
// The first line is Go's marker for generated code, which editors, linters
// and reviewers recognise. The second holds the first 64 bits of the
// SHA-256 of the rest of the file, so that tangle can tell a stale file
// (checksum intact: the Markdown changed) from one edited by hand (checksum
// broken), which tangle refuses to overwrite without -force.
//
// The code is formatted with go/format. Wherever the Markdown line of the
// next Go line is not the one the Go scanner would assume, tangle writes a
// directive at column 1:
//
//	//line ../../book/NN-slug.md:42
//
// so that compiler errors, go vet, t.Errorf locations and panics name the
// Markdown file and line. The path is relative to the generated file's
// directory: that is the form both tools understand. The compiler prints
// it as written (../../book/01-objects.md:42 names the right file from the
// chapter's directory, and its book/01-objects.md tail finds it from
// anywhere), and go vet resolves it against the file's directory, printing
// the correct absolute path. The directives carry no column, because
// indentation added by references shifts columns; a directive that would
// fall just before a comment is written, with a blank line, before it, so
// that gofmt never folds it into a doc comment. If go/format moves lines
// (it splits "a; b", sorts imports), tangle falls back to a directive on
// every line of that file, except inside raw strings and block comments.
// With -lines=false no directives are written: coverage profiles
// (golang/go#41222) then name the generated files.
//
// # Errors
//
// Errors are reported as book/NN-slug.md:LINE:COL: message, all of them,
// sorted, and nothing is written. Among them: an undefined reference
// (with a suggestion), a reference cycle (printed as a -> b -> a), a named
// chunk that is defined but never used, an unknown or repeated attribute,
// a file= path that leaves the chapter directory or does not end in .go, a
// file claimed by two chapters, a code fence or a displayed formula that is
// never closed, package clauses that disagree, and Go code that go/format
// cannot parse, reported at its Markdown line and column.
package main
