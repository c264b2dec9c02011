// Package lit reads the book's literate Markdown: it finds the fenced code
// blocks of a chapter, parses their attributes, and indexes the chunks they
// define and use. It also delimits the formulas of the prose ($…$ and
// $$…$$, see Math and MathBlock), which package tex parses
// (Document.ParseMath), and gives the plain text of headings and links,
// formulas included (PlainText).
//
// It is the one parser behind both cmd/tangle and cmd/buildbook, so the two
// tools can never disagree about what a chunk is. The dialect itself is
// specified in cmd/tangle/doc.go; this package implements its syntax, while
// package tangle implements its semantics (expansion, files, packages).
//
// Positions are byte offsets while parsing; they become [Pos] values (file,
// line, column, all 1-based, columns counted in bytes as the Go compiler
// does) only for messages and maps. Pos, Error and ErrorList are those of
// package report, which every tool shares.
package lit
