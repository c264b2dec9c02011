// Command buildbook weaves the book into a static HTML site that works
// offline.
//
// Usage:
//
//	buildbook [-o dir] [-book dir] [-chapters dir] [-title title] [-v]
//
// It reads the manuscript (book/SUMMARY.md and the pages it lists), tangles
// it in memory as cmd/tangle does, renders every page, and only then writes
// the site into the output directory (_book by default): index.html, one
// page per chapter, print.html, book.css, the source pages under source/
// and the manuscript's other files (images). A file is written only when
// its bytes change, and files the book no longer produces are removed. The
// output directory must be empty, missing, or marked by a .buildbook file
// from an earlier build.
//
// The flags:
//
//	-o dir         the output directory (default _book)
//	-book dir      the manuscript directory, holding SUMMARY.md (default book);
//	               any mdBook manuscript builds
//	-chapters dir  where tangle writes the generated packages (default
//	               chapters): the paths the source pages show
//	-title title   the book's title, instead of the first heading of SUMMARY.md
//	-v             list the files written and removed
//
// Commutative diagrams, ```tikzcd blocks (see the dialect in cmd/tangle),
// are drawn as inline SVG by package ctml/internal/cd; the files that
// such a block names with src=diagrams/NAME.tikzcd are read from the
// diagrams directory beside the manuscript directory. A figure's check=
// must name a test of its chapter's tangled package.
//
// Errors are printed as file:line:col: message, all of them, sorted; the
// exit code is 0 when the site is up to date, 1 after diagnostics and 2
// for a usage error. Nothing is written when there is any error in the
// book. See package ctml/internal/weave for what the site holds.
package main
