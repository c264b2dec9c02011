// Package report holds the positioned errors every tool of the book
// prints, in the way of go/scanner: a [Pos] is file:line:col, an [Error]
// is a message at a Pos, and an [ErrorList] collects them, sorted, one per
// line. The Markdown parser (package lit, which re-exports these types),
// tangle, weave, the TeX parser, the figure renderer, the site check and
// the reader of test results all report through it, so that every message
// has one shape: module-relative slash path, 1-based line and column,
// lower-case message without a trailing period.
package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// bytes, as the Go compiler does. A zero Line means "the whole file", a
// zero Col "the whole line".
//
// Offset is the byte offset in the source, for the parsers of text held in
// memory (a formula, a figure): their callers turn it into a position in
// the file the text comes from. Positions in files leave it 0; messages
// print only File, Line and Col.
type Pos struct {
	File   string
	Line   int
	Col    int
	Offset int
}

// String formats p the way the Go compiler does: file:line:col, or
// line:col for text that is not a file of its own.
func (p Pos) String() string {
	var s string
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		s = strconv.Itoa(p.Line)
	default:
		s = strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
	}
	if p.File == "" {
		return s
	}
	return p.File + ":" + s
}

// Error is a message at a position. Msg is lower case, without a trailing
// period; Error() prefixes it with the position, if it has a file or a
// line (an error known only by its Offset prints as its message).
type Error struct {
	Pos
	Msg string
}

func (e *Error) Error() string {
	if p := e.Pos.String(); p != "" {
		return p + ": " + e.Msg
	}
	return e.Msg
}

// String is Error, so that the String of the embedded Pos is not taken
// for the message's.
func (e *Error) String() string { return e.Error() }

// At returns the position of text src at byte offset off, clamped to src:
// its line and column, with File empty, and the offset.
func At(src string, off int) Pos {
	off = max(0, min(off, len(src)))
	return Pos{
		Line:   1 + strings.Count(src[:off], "\n"),
		Col:    off - strings.LastIndexByte(src[:off], '\n'),
		Offset: off,
	}
}

// ErrorList collects errors; the tools print all of them, sorted, one per
// line, and exit 1.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the list by file, line, column and message, and drops exact
// duplicates.
func (l *ErrorList) Sort() {
	slices.SortFunc(*l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	*l = slices.CompactFunc(*l, func(a, b *Error) bool { return *a == *b })
}

// Error returns all messages, one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
