// Package tangle turns the go blocks of a book into Go source files.
//
// Render expands every chapter's chunks into files under the output
// directory, in memory: it checks references, cycles, unused chunks, file
// claims and package clauses, formats each file with go/format and maps
// every line back to the Markdown with //line directives. Compare and Apply
// then bring the files on disk in line with the rendering, writing only the
// files whose bytes change and refusing to overwrite hand edits.
//
// The dialect is specified in cmd/tangle/doc.go.
package tangle
