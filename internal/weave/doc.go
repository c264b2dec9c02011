// Package weave renders a book into a static HTML site that works offline,
// from file:// as well as from a web server.
//
// [Build] turns a loaded [manuscript.Book] and its tangled [tangle.Output] into a
// [Site]: every file of the site, in memory. Pages are parsed, highlighted
// and rendered concurrently and joined in manifest order, and nothing in
// the output depends on the clock, the host or map order, so building twice
// gives the same bytes. [Site.Write] then brings a directory in line with
// the site, writing only the files whose bytes change.
//
// The site holds:
//
//   - index.html: the title and the whole table of contents;
//   - one page per chapter, <slug>.html, with a sidebar, previous and next
//     links, and heading anchors whose ids are unique across the book;
//   - print.html: every page in order, for reading or printing in one go;
//   - book.css: the stylesheet, minified, with chroma's "github" palette
//     for code and "github-dark" for dark mode, the system's or the one the
//     reader chose (data-theme="dark");
//   - book.js: the theme toggle, the folds, the copy buttons, the keys
//     (/ to search, ← and → for the previous and next page) and the search
//     box, the only script a page loads; the book reads without it;
//   - search.js, the search itself, and search-index.js, the search index,
//     loaded when the search box is first used (search.go), and
//     search/<slug>.js, the text of a page's sections, loaded for the
//     snippets of the results from that page (searchtext.go);
//   - favicon.svg;
//   - fonts/latinmodern-math-subset.woff2 and its licence, when the book
//     has formulas: $…$ and $$…$$ become MathML Core at build time
//     (package ctml/internal/tex), and book.css sets math in this font,
//     Latin Modern Math cut down to the characters the formulas use
//     (package ctml/internal/mathfont);
//   - source/book/<page>.md.html and source/chapters/<slug>/<file>.html:
//     the Markdown and the generated Go files, with line anchors (#L42),
//     so that every woven block links to where it is written and where it
//     is compiled;
//   - every other file of the manuscript directory (images), copied.
//
// Go blocks are woven the way pbrt's online book shows its fragments: each
// is a figure captioned ⟨name⟩ ≡ (first piece of a named chunk), ⟨name⟩ +≡
// (a continuation) or the file it goes to, with links to the previous and
// next pieces of its chunk and to the blocks that use it; a <<ref>> line
// becomes a link ⟨ref⟩ to the referenced chunk. A chunk index closes every
// chapter.
//
// Each generated Go file is highlighted once, for its source page, and a
// tangled block takes its highlighted lines from there through tangle's
// line map (tangle.File.Lines; reuse.go). Go is highlighted by goTokens,
// a one-pass lexer that gives every token the class chroma's Go lexer
// gives it (gohighlight.go), other languages by chroma. Code tokens are
// marked by short phrase elements, one per group of chroma's classes
// (tokenElement: <b>func</b>, <u>Compose</u>), tokens that look like
// plain code get none, and a token that runs over lines, a comment of
// several lines, is one element: code is most of a chapter's bytes, and a
// first visit to a chapter page, its CSS, JavaScript and math font
// included, has a budget of 330 KB.
//
// The glossary page, glossary.md, defines terms that the other pages link
// at their first use (glossary.go); with the results of go test -json
// (Options.Tests), each chapter shows its test status and the blocks that
// failing tests point at (status.go).
//
// Links between pages are written in Markdown as links to .md files
// ([x](02-y.md#heading)); Build rewrites them to the HTML pages and their
// heading ids, and reports a link to an unknown page or anchor,
// and any image or other resource that would be fetched from the network,
// as an error at its Markdown position.
//
// Raw HTML is held to an allow-list, and the rendered pages, the figures
// the book's programs draw and the copied SVG and CSS files are parsed
// and checked for scripts and for URLs that would leave the machine
// (safe.go). A figure whose program cannot draw it shows the error in its
// place and is listed in Site.Failed. Site.Write removes and overwrites
// only the files that the output directory's .buildbook file lists.
package weave
