package workshop

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestGuideListsEveryExercise keeps the facilitator's guide,
// book/workshop.md, true to the book: its table of exercises has one row
// for every exercise, with the exercise's title and level as the
// manuscript has them, minutes and common mistakes, and no row for an
// exercise the book does not have.
func TestGuideListsEveryExercise(t *testing.T) {
	p, errs := Build(loadBook(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	src, err := os.ReadFile("../../book/workshop.md")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := guideRows(string(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Manifest.Exercises {
		r, ok := rows[e.ID]
		if !ok {
			t.Errorf("book/workshop.md: exercise %s (%s, %s) has no row in the table of exercises: add | %s | %s | %s | MINUTES | MISTAKES |", e.ID, e.Title, e.Level, e.ID, e.Title, e.Level)
			continue
		}
		delete(rows, e.ID)
		if r.title != e.Title || r.level != e.Level {
			t.Errorf("book/workshop.md:%d: exercise %s is %q, %s in the guide, but %q, %s in the book (%s)", r.line, e.ID, r.title, r.level, e.Title, e.Level, e.Source)
		}
		if n, err := strconv.Atoi(r.minutes); err != nil || n <= 0 {
			t.Errorf("book/workshop.md:%d: exercise %s: minutes %q, want a whole number", r.line, e.ID, r.minutes)
		}
		if r.mistakes == "" {
			t.Errorf("book/workshop.md:%d: exercise %s has no common mistakes", r.line, e.ID)
		}
	}
	for id, r := range rows {
		t.Errorf("book/workshop.md:%d: exercise %s is not in the book", r.line, id)
	}
}

type guideRow struct {
	line                            int
	title, level, minutes, mistakes string
}

// guideRows reads the table of the section "## The exercises" of the
// guide: | exercise | title | level | minutes | common mistakes |.
func guideRows(src string) (map[string]guideRow, error) {
	rows := map[string]guideRow{}
	in := false
	for i, ln := range strings.Split(src, "\n") {
		switch {
		case strings.HasPrefix(ln, "## "):
			in = ln == "## The exercises"
			continue
		case !in || !strings.HasPrefix(ln, "| "):
			continue
		}
		cells := splitRow(ln)
		if len(cells) != 5 {
			return nil, fmt.Errorf("book/workshop.md:%d: %d cells, want 5", i+1, len(cells))
		}
		if cells[0] == "exercise" {
			continue // the header
		}
		if _, dup := rows[cells[0]]; dup {
			return nil, fmt.Errorf("book/workshop.md:%d: a second row for exercise %s", i+1, cells[0])
		}
		rows[cells[0]] = guideRow{i + 1, cells[1], cells[2], cells[3], cells[4]}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("book/workshop.md: no table of exercises under \"## The exercises\"")
	}
	return rows, nil
}

// splitRow splits a Markdown table row into its cells; \| is a pipe.
func splitRow(ln string) []string {
	ln = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(ln), "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(ln); i++ {
		switch {
		case ln[i] == '\\' && i+1 < len(ln) && ln[i+1] == '|':
			cur.WriteByte('|')
			i++
		case ln[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(ln[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}
