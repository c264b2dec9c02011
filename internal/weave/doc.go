// Package weave renders a book into a static HTML site that works offline,
// from file:// as well as from a web server.
//
// [Build] turns a loaded [book.Book] and its tangled [tangle.Output] into a
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
//   - book.css: the stylesheet, with chroma's "github" palette for code and
//     "github-dark" under prefers-color-scheme: dark;
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
// Links between pages are written in Markdown as links to .md files
// ([x](02-y.md#heading)); Build rewrites them to the HTML pages and to the
// book-wide heading ids, and reports a link to an unknown page or anchor,
// and any image or other resource that would be fetched from the network,
// as an error at its Markdown position.
package weave
