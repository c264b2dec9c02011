// Command buildbook weaves the book into a static HTML site that works
// offline.
//
// Usage:
//
//	buildbook [-o dir] [-book dir] [-chapters dir] [-title title] [-tests run|off|file] [-tangle=false]
//	          [-run-timeout duration] [-run-max-output size] [-v] [-serve [-addr host:port] [-public]]
//
// It reads the manuscript (book/SUMMARY.md and the pages it lists), tangles
// it in memory as cmd/tangle does, renders every page, and only then writes
// the site into the output directory (_book by default): index.html, one
// page per chapter, print.html, book.css, book.js, search.js,
// search-index.js and the pages' texts for the search under search/,
// under folds/ a script per page holding the content of its folded blocks
// (loaded when the reader opens one), the math font under fonts/ (when
// the book has formulas: Latin Modern Math cut to the characters the
// formulas use, as WOFF2), the figures programs draw under figures/, the
// source pages under source/ and the manuscript's other files (images).
// A file is written only when its bytes change, through a temporary file
// renamed into place.
//
// The output directory. It must be empty, missing, or marked by a
// .buildbook file from an earlier build, which lists the files buildbook
// wrote there. Buildbook removes those the book no longer produces and
// never removes or overwrites any other file: a file someone put there
// (a CNAME, a .git directory) stays, and a file of the site's that
// buildbook did not write is an error, as is a path through a symbolic
// link; then nothing is written. An output directory that is, or holds,
// the manuscript directory or the diagrams directory beside it is
// refused. (A .buildbook file from an older buildbook lists no files:
// the build then overwrites the site's files and removes nothing.)
//
// The manuscript is read through ctml/internal/manuscript.DirFS: a page, a
// copied file or a src= figure whose real path leaves the manuscript
// directory and the diagrams directory beside it, through a symbolic
// link, is an error. Pages name the manuscript and the generated files by
// their directories' last elements (book/01-objects.md,
// chapters/01-objects/compose.go), so that no page holds a path of the
// build machine and a checkout builds the same bytes wherever it is.
//
// The flags:
//
//	-o dir         the output directory (default _book)
//	-book dir      the manuscript directory, holding SUMMARY.md (default book);
//	               any mdBook manuscript builds
//	-chapters dir  where tangle writes the generated packages (default
//	               chapters): the paths the source pages show
//	-title title   the book's title, instead of the one of book.toml or the
//	               first heading of SUMMARY.md
//	-tests run     (the default) run go test -json on the chapters' packages
//	               that are on disk, against the files tangled in memory
//	               (-overlay; Go's test cache keeps a repeat fast): each
//	               chapter shows how many of its tests and examples passed,
//	               the block defining each test its result, and a block
//	               where a failure points is marked with the output. A
//	               failing test is shown, not an error of the build
//	-tests off     do not: the chapters say their test status is unknown
//	-tests file    read the results from file, the output of go test -json
//	-serve         build, serve the book and rebuild it on every change (below)
//	-addr a        where -serve listens (default 127.0.0.1:3000): a loopback
//	               address, unless -public
//	-tangle=false  show the go blocks as they are, for mdBook manuscripts not
//	               written in this book's dialect
//	-run-timeout d how long a figure's program may run, its compilation not
//	               included (default 60s)
//	-run-max-output size
//	               how much a figure's program may print on standard output
//	               (default 5MB; a number of bytes, or with KB, MB or GB,
//	               powers of 1024)
//	-v             list the files written and removed
//
// Buildbook ends with one line on standard output: the pages, the
// figures drawn by programs, the tests that passed, the time, and where
// to open the book (buildbook: 14 pages, 1 figure, 326 of 326 tests
// passed, 2.1s: _book/index.html); -v lists the files before it.
//
// mdBook manuscripts. A book.toml beside the manuscript directory, whose
// [book] src names it (or one inside it whose src is "."), gives the
// book's title (then SUMMARY.md's first heading is not a title, as in
// mdBook), authors, language and description. The pages' {{#include
// file}}, {{#include file:N}}, {{#include file:N:M}}, {{#include
// file::M}}, {{#include file:N:}} and {{#include file:anchor}} (the lines
// between ANCHOR: anchor and ANCHOR_END: anchor, without the lines that
// hold anchors), {{#rustdoc_include …}} (the lines it shows), {{#playground
// file}} and {{#title text}} (the page's whole HTML title) are expanded as
// mdBook's links preprocessor does, in code blocks too, and \{{#…}} is
// shown as written. Paths are relative to the including file and must
// stay in the manuscript directory (read through manuscript.DirFS); a
// cycle, a missing file or anchor is an error at the directive, and
// errors in included text are reported at the included file's lines.
//
// Figures are drawn again only when their code changes: the output of a
// figure's program is kept, by a hash of every file its build reads (the
// module packages it imports, tangled or on disk, go.mod, go.sum, the go
// command), in the user's cache directory (ctml-buildbook/figures; the
// environment variable BUILDBOOK_CACHE names another directory, or is off
// to keep none). Beside it are kept, per manuscript directory, what
// go/format made of the tangled files (ctml-buildbook/format, for the Go
// that built buildbook) and the code of languages other than Go that
// chroma highlighted (ctml-buildbook/code, by a hash of the language, the
// text, chroma's version and the markup of its tokens); Go is highlighted
// by weave's own lexer, which gives every token the class chroma's Go
// lexer gives it; and every page as the last run rendered it
// (ctml-buildbook/pages), by a hash of the page's Markdown, the Go files
// tangled from it and what every page reads beyond its own (the table of
// contents, the ids of every heading, the glossary, the diagrams, the
// test results, the options), for the build of buildbook that rendered
// it (its Go build ID), so that a build after no edit, or after an edit
// to one page, renders only what changed. A stale entry is never found,
// and a cache that cannot be read or written is only ignored.
//
// A run with -tests=off or -tests FILE that finds nothing changed since
// the last one does nothing, and its closing line says "up to date": the
// last build left a stamp (ctml-buildbook/stamp), a hash of everything
// it read, taken before it read it (the manuscript and diagrams
// directories, book.toml, the file of -tests, the go command and the
// module's go.mod and go.sum, the directories of the packages the
// figures' programs build, the flags and the build of buildbook), and
// the size and time of every file it left in the output directory. A
// change to any of them, a file of the book edited or removed in the
// output directory included, builds again. With -tests=run (the
// default) go test decides what it runs again, and every run builds.
//
// Live preview. buildbook -serve builds the book, serves it from memory
// on -addr and watches, with fsnotify, the manuscript and diagrams
// directories, book.toml, the module's go.mod and go.sum, and the
// directories of the module packages that the figures and tests build.
// After each save (and 20 ms of quiet) it rebuilds, rendering again only
// the pages whose input changed, writes the output directory as a build
// does, and sends the pages open in a browser an event naming the files
// that changed (server-sent events on /.buildbook/events, listened to by
// /.buildbook/reload.js, which buildbook adds to the pages it serves and
// never writes into the site); a page reloads when it, or a file that is
// not a page, changed. go test runs beside the builds, when the tangled
// code changed, and the pages reload with its results. While a build
// fails, every page is replaced by its errors, each linked to its line
// of the source page. Requests whose Host is not a loopback name are
// refused (403) unless -public. Nothing is written into the chapters
// directory (go run ./cmd/tangle does).
//
// Figures drawn by the book's own code. An image whose destination is
// run:DIR, as in
//
//	![Average loss during training](run:lossplot)
//
// names a main package that the page's go blocks tangle into DIR of the
// chapter's directory. Buildbook builds it with go build -overlay, against
// the files tangled in memory, so the figure always follows the Markdown,
// runs it, and writes what it prints, an SVG image, to
// figures/SLUG/DIR.svg. The SVG is checked as a copied one is (below). A
// program that does not compile (a compile error anywhere in the chapters
// it imports), fails, runs longer than -run-timeout, prints more than
// -run-max-output or prints something else does not stop the book: the
// figure shows the error, the compiler's messages or the end of what the
// program wrote on standard error, in its place, the error is printed at
// the image's position, the book is written, and buildbook exits 1. The
// programs run in a process group of their own, killed with them.
//
// Raw HTML and what the site may hold. Raw HTML in the Markdown is held
// to the allow-list in cmd/tangle/doc.go (no script, event handler,
// inline CSS, frame, form or embedded object), and a link's URL to http:,
// https: and mailto: (javascript:, vbscript: and data: are errors). The
// pages, the figures programs draw and the SVG and CSS files copied from
// the manuscript are then parsed (HTML with golang.org/x/net/html, SVG as
// XML), and every URL they would fetch is checked: src, every srcset
// candidate, poster, data, action, formaction, href on anything but a
// link, xlink:href, and CSS url(), @import and image-set() in style
// attributes, <style> and presentation attributes. A reference that
// leaves the machine, a script or an event handler is an error at the
// position of what wrote it. HTML and XML files of the manuscript are not
// copied: their scripts would run unchecked.
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
// book, except figures that could not be drawn, which the book shows.
//
// Interrupted. On SIGINT or SIGTERM buildbook kills the programs it runs
// (their process groups), removes its temporary tree (gorun-* in the
// temporary directory, which holds the go command's work files too),
// writes nothing unless it was writing the site already, which it
// finishes, and then dies of the signal; a second signal ends it at once.
// The temporary tree of a buildbook killed outright (SIGKILL) is removed
// by the next run, and so are temporary files it left in the output
// directory. See package ctml/internal/weave for what the site holds.
package main
