package cd

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a problem in a figure's source. Line and Col are 1-based (Col
// counts bytes) and Offset is the byte offset, all in the source given to
// Parse; File is the name given to Parse.
type Error struct {
	File      string
	Line, Col int
	Offset    int
	Msg       string
}

// Error formats e as file:line:col: message, the way the Go tools do.
func (e *Error) Error() string {
	if e.File == "" {
		return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// ErrorList is every error of a figure, sorted by position.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// errs collects errors with positions computed from the source.
type errs struct {
	file string
	src  string
	list ErrorList
}

func (e *errs) add(off int, format string, args ...any) {
	off = max(0, min(off, len(e.src)))
	line := 1 + strings.Count(e.src[:off], "\n")
	col := off - strings.LastIndexByte(e.src[:off], '\n')
	e.list = append(e.list, &Error{File: e.file, Line: line, Col: col, Offset: off, Msg: fmt.Sprintf(format, args...)})
}

func (e *errs) err() error {
	if len(e.list) == 0 {
		return nil
	}
	sort.SliceStable(e.list, func(i, j int) bool { return e.list[i].Offset < e.list[j].Offset })
	return e.list
}
