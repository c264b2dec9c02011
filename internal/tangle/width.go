package tangle

import (
	"ctml/internal/lit"
	"ctml/internal/manuscript"
)

// MaxWidth is the book's line length for Go code: the columns a line of a
// go block may take, a tab advancing to the next multiple of TabWidth, as
// the book shows it. Code within it fits the book's code column at a
// width of 1280 pixels and more without a horizontal scroll.
const (
	MaxWidth = 80
	TabWidth = 4
)

// lineWidth returns the columns that text takes, each rune one, a tab
// advancing to the next multiple of TabWidth, and the byte offset of the
// first rune past max columns (len(text) if there is none).
func lineWidth(text string, max int) (width, over int) {
	over = len(text)
	for i, r := range text {
		if r == '\t' {
			width += TabWidth - width%TabWidth
		} else {
			width++
		}
		if width > max && over == len(text) {
			over = i
		}
	}
	return width, over
}

// checkWidths reports every line of a go block of bk wider than max
// columns, at its first column past max; max 0 means no limit.
func checkWidths(bk *manuscript.Book, max int) lit.ErrorList {
	var errs lit.ErrorList
	if max <= 0 {
		return nil
	}
	for _, pg := range bk.Pages {
		if pg.Doc == nil {
			continue
		}
		for _, b := range pg.Doc.Blocks {
			if !b.IsGo() {
				continue
			}
			for _, ln := range b.Lines {
				w, over := lineWidth(ln.Text, max)
				if w <= max {
					continue
				}
				pos := ln.Pos
				pos.Col += over
				errs.Add(pos, "this line of Go is %d columns wide, more than the book's %d (a tab counts to the next multiple of %d): break it", w, max, TabWidth)
			}
		}
	}
	return errs
}
