// Command buildbook weaves the book into a static HTML site that works
// offline.
//
// Usage:
//
//	buildbook [-o dir] [-book dir] [-chapters dir] [-title title] [-tests file] [-tangle=false] [-v]
//
// It reads the manuscript (book/SUMMARY.md and the pages it lists), tangles
// it in memory as cmd/tangle does, renders every page, and only then writes
// the site into the output directory (_book by default): index.html, one
// page per chapter, print.html, book.css, book.js, search-index.js, the
// math font under fonts/ (when the book has formulas), the source pages
// under source/ and the manuscript's other files (images). A file is written only when
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
//	-tests file    the output of go test -json ./chapters/... (make book writes
//	               it): each chapter shows how many of its tests and examples
//	               passed, the block defining each test its result, and a
//	               block where a failure points is marked with the output.
//	               Without it the chapters say their test status is unknown
//	-tangle=false  show the go blocks as they are, for mdBook manuscripts not
//	               written in this book's dialect
//	-v             list the files written and removed
//
// Figures drawn by the book's own code. An image whose destination is
// run:DIR, as in
//
//	![Average loss during training](run:lossplot)
//
// names a main package that the page's go blocks tangle into DIR of the
// chapter's directory. Buildbook runs it with go run, against the files
// tangled in memory (go run -overlay), so the figure always follows the
// Markdown, and writes what it prints, an SVG image, to
// figures/SLUG/DIR.svg. A program that fails or prints something else
// stops the build at the image's position.
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
