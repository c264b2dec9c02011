package manuscript

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"ctml/internal/disk"
	"ctml/internal/lit"
)

// This file holds what mdBook manuscripts use beyond SUMMARY.md: the
// [book] table of book.toml, and the {{#include}}, {{#rustdoc_include}},
// {{#playground}} and {{#title}} directives of the pages, with mdBook's
// semantics (its links preprocessor).

// Config is the [book] table of an mdBook book.toml.
type Config struct {
	Path        string   // of book.toml, as shown in messages
	Title       string   // the book's title; "" if unset
	Authors     []string // in order
	Description string
	Language    string // a BCP 47 tag such as "en"; "" if unset
	Src         string // the manuscript directory, relative to book.toml ("src" if unset)
}

// ConfigFile is the name of mdBook's configuration file.
const ConfigFile = "book.toml"

// LoadConfig reads the book.toml of the manuscript directory dir: the
// file beside dir whose [book] src names dir (mdBook's layout, book.toml
// next to src/), or one in dir itself whose src is ".". It returns nil
// when there is none. A file that is not TOML, or whose [book] fields
// have the wrong types, is an error at its position.
func LoadConfig(dir string) (*Config, lit.ErrorList) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil
	}
	for _, root := range []string{filepath.Dir(abs), abs} {
		name := filepath.Join(root, ConfigFile)
		data, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		shown := filepath.ToSlash(filepath.Join(filepath.Dir(dir), ConfigFile))
		if root == abs {
			shown = filepath.ToSlash(filepath.Join(dir, ConfigFile))
		}
		cfg, errs := parseConfig(shown, data)
		if len(errs) > 0 {
			return nil, errs
		}
		if filepath.Clean(filepath.Join(root, filepath.FromSlash(cfg.Src))) == abs {
			return cfg, nil
		}
	}
	return nil, nil
}

// parseConfig parses book.toml, shown as name in messages.
func parseConfig(name string, data []byte) (*Config, lit.ErrorList) {
	var file struct {
		Book struct {
			Title       string   `toml:"title"`
			Authors     []string `toml:"authors"`
			Description string   `toml:"description"`
			Language    string   `toml:"language"`
			Src         string   `toml:"src"`
		} `toml:"book"`
	}
	var errs lit.ErrorList
	if _, err := toml.Decode(string(data), &file); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			errs.Add(lit.Pos{File: name, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", lowerFirst(pe.Message))
		} else {
			errs.Add(lit.Pos{File: name}, "%s", lowerFirst(err.Error()))
		}
		return nil, errs
	}
	b := file.Book
	return &Config{Path: name, Title: strings.TrimSpace(b.Title), Authors: b.Authors, Description: b.Description, Language: b.Language, Src: cmp.Or(b.Src, "src")}, nil
}

// lowerFirst lowers the first letter of a library's message, as the
// house style writes them.
func lowerFirst(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if len(s) > 1 && 'A' <= s[0] && s[0] <= 'Z' && !('A' <= s[1] && s[1] <= 'Z') {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}

// linkRE finds mdBook's directives, as its links preprocessor does: an
// escaped one (a backslash before {{#, to the last }} of the line, shown
// without the backslash) or {{#type args}}.
var linkRE = regexp.MustCompile(`\\\{\{#.*\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}`)

// The anchors of a partial include, as mdBook matches them anywhere in a
// line (in a comment of any language).
var (
	anchorStart = regexp.MustCompile(`ANCHOR:\s*([\p{L}\p{M}\p{Nd}\p{Pc}_-]+)`)
	anchorEnd   = regexp.MustCompile(`ANCHOR_END:\s*([\p{L}\p{M}\p{Nd}\p{Pc}_-]+)`)
)

// maxIncludeDepth bounds nested includes, as mdBook does.
const maxIncludeDepth = 10

// origin is where a line of an expanded page comes from: a file of the
// manuscript (slash path relative to it), a line of it, and the column
// of the line's first byte there.
type origin struct {
	file string
	line int
	col  int
}

// srcText is text to expand, with where each of its lines comes from.
type srcText struct {
	text    string
	starts  []int    // byte offset of each line
	origins []origin // parallel to starts
	file    string   // the file its directives are relative to
}

func newSrcText(text, file string, origins []origin) *srcText {
	s := &srcText{text: text, file: file, starts: []int{0}, origins: origins}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.starts = append(s.starts, i+1)
		}
	}
	return s
}

// at returns the origin of byte offset off.
func (s *srcText) at(off int) origin {
	i, found := slices.BinarySearch(s.starts, off)
	if !found {
		i--
	}
	o := s.origins[min(i, len(s.origins)-1)]
	o.col += off - s.starts[i]
	return o
}

// expander expands the directives of one page.
type expander struct {
	fsys    fs.FS
	dir     string // the manuscript directory as shown in messages
	out     strings.Builder
	origins []origin // of each line of out
	title   string   // set by {{#title}}
	errs    lit.ErrorList
	stack   []string // the files being expanded, outermost first
}

// expandPage expands the directives of page name (slash path relative
// to fsys), whose bytes are src. It returns src itself, and no origins,
// when there is no directive.
func expandPage(fsys fs.FS, dir, name string, src []byte) ([]byte, []origin, string, lit.ErrorList) {
	if !mayHaveDirective(src) || !linkRE.Match(src) {
		return src, nil, "", nil
	}
	x := &expander{fsys: fsys, dir: dir, stack: []string{name}}
	lines := bytes.Count(src, []byte("\n")) + 1
	origins := make([]origin, lines)
	for i := range origins {
		origins[i] = origin{file: name, line: i + 1, col: 1}
	}
	x.expand(newSrcText(string(src), name, origins))
	return []byte(x.out.String()), x.origins, x.title, x.errs
}

// mayHaveDirective reports whether src has "{{", white space and "#"
// somewhere, which every directive, escaped or not, starts with: a quick
// test before linkRE, for pages of Go code full of composite literals.
func mayHaveDirective(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("{{"))
		if i < 0 {
			return false
		}
		j := i + 2
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n' || src[j] == '\r' || src[j] == '\f' || src[j] == '\v') {
			j++
		}
		if j < len(src) && src[j] == '#' {
			return true
		}
		src = src[i+2:]
	}
}

// pos is the position of an origin in messages.
func (x *expander) pos(o origin) lit.Pos {
	return lit.Pos{File: path.Join(x.dir, o.file), Line: o.line, Col: o.col}
}

// emit appends s.text[a:b] to the output, recording where each new line
// comes from.
func (x *expander) emit(s *srcText, a, b int) {
	for a < b {
		end := b
		if nl := strings.IndexByte(s.text[a:b], '\n'); nl >= 0 {
			end = a + nl + 1
		}
		if x.out.Len() == 0 || strings.HasSuffix(x.out.String(), "\n") {
			x.origins = append(x.origins, s.at(a))
		}
		x.out.WriteString(s.text[a:end])
		a = end
	}
}

// line appends a line of its own, which comes from o.
func (x *expander) line(o origin, text string) {
	if x.out.Len() > 0 && !strings.HasSuffix(x.out.String(), "\n") {
		x.out.WriteString("\n")
	}
	x.origins = append(x.origins, o)
	x.out.WriteString(text + "\n")
}

// expand appends s to the output with its directives expanded.
func (x *expander) expand(s *srcText) {
	prev := 0
	for _, m := range linkRE.FindAllStringSubmatchIndex(s.text, -1) {
		start, end := m[0], m[1]
		x.emit(s, prev, start)
		prev = end
		if s.text[start] == '\\' {
			x.emit(s, start+1, end) // escaped: shown as written, without the backslash
			continue
		}
		kind, args := s.text[m[2]:m[3]], s.text[m[4]:m[5]]
		at := x.pos(s.at(start))
		switch kind {
		case "title":
			x.title = strings.TrimSpace(args)
		case "include", "rustdoc_include", "playground", "playpen":
			fields := strings.Fields(args)
			if len(fields) == 0 {
				x.emit(s, start, end)
				continue
			}
			target, sel, _ := strings.Cut(fields[0], ":")
			if kind == "playground" || kind == "playpen" {
				sel = ""
			}
			inc, ok := x.read(s.file, target, sel, at, s.text[start:end])
			if !ok {
				continue
			}
			if kind == "playground" || kind == "playpen" {
				// A runnable Rust file, in a fenced block with the
				// attributes given after its name.
				info := strings.Join(append([]string{"rust"}, fields[1:]...), ",")
				x.line(s.at(start), "```"+info)
				x.expand(inc)
				x.line(s.at(start), "```")
			} else {
				x.expand(inc)
			}
			x.stack = x.stack[:len(x.stack)-1]
		default:
			x.emit(s, start, end) // not a directive mdBook knows: kept as written
		}
	}
	x.emit(s, prev, len(s.text))
}

// read reads the lines that a directive at pos, written text, takes from
// target (relative to the file from), as selected by sel (a line range
// or an anchor), and pushes target on the stack of files being expanded.
func (x *expander) read(from, target, sel string, pos lit.Pos, text string) (*srcText, bool) {
	name := path.Join(path.Dir(from), target)
	switch {
	case target == "" || path.IsAbs(target) || !fs.ValidPath(name):
		x.errs.Add(pos, "%s: %s leaves the book's directory %s: an include names a file of the book, relative to the page", text, target, x.dir)
		return nil, false
	case slices.Contains(x.stack, name):
		chain := append(slices.Clone(x.stack), name)
		for i := range chain {
			chain[i] = path.Join(x.dir, chain[i])
		}
		x.errs.Add(pos, "%s: an include cycle: %s", text, strings.Join(chain, " includes "))
		return nil, false
	case len(x.stack) > maxIncludeDepth:
		x.errs.Add(pos, "%s: includes nested more than %d deep", text, maxIncludeDepth)
		return nil, false
	}
	data, err := fs.ReadFile(x.fsys, name)
	if err != nil {
		x.errs.Add(pos, "%s: cannot read %s: %v", text, path.Join(x.dir, name), disk.Reason(err))
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// mdBook's lines: split at line feeds, a carriage return before one
	// dropped, no line after a final line feed.
	all := strings.Split(string(data), "\n")
	if len(all) > 0 && all[len(all)-1] == "" {
		all = all[:len(all)-1]
	}
	for i, l := range all {
		all[i] = strings.TrimSuffix(l, "\r")
	}
	keep, msg := selectLines(all, sel)
	if msg != "" {
		x.errs.Add(pos, "%s: %s", text, msg)
		return nil, false
	}
	var lines []string
	var origins []origin
	for _, i := range keep {
		lines = append(lines, all[i])
		origins = append(origins, origin{file: name, line: i + 1, col: 1})
	}
	if len(origins) == 0 {
		origins = []origin{{file: name, line: 1, col: 1}}
	}
	x.stack = append(x.stack, name)
	return newSrcText(strings.Join(lines, "\n"), name, origins), true
}

// selectLines returns the indexes of the lines that sel selects, as
// mdBook reads it: "" or ":" everything, "N" line N, "N:" from line N,
// ":M" up to line M, "N:M" lines N to M (1-based, inclusive), and a name
// that is not a number the lines between "ANCHOR: name" and
// "ANCHOR_END: name", without the lines that hold an anchor. An anchor
// that the file does not have is an error (mdBook includes nothing).
func selectLines(lines []string, sel string) ([]int, string) {
	parts := strings.SplitN(sel, ":", 3)
	first := parts[0]
	start, end := 0, len(lines)
	switch n, err := strconv.Atoi(first); {
	case err == nil && n >= 0:
		start = max(n-1, 0)
		end = start + 1
		if len(parts) > 1 {
			end = len(lines)
			if m, err := strconv.Atoi(parts[1]); err == nil && m >= 0 {
				end = m
			}
		}
	case first == "":
		if len(parts) > 1 {
			if m, err := strconv.Atoi(parts[1]); err == nil && m >= 0 {
				end = m
			}
		}
	default:
		return anchored(lines, first)
	}
	var keep []int
	for i := start; i < min(end, len(lines)); i++ {
		keep = append(keep, i)
	}
	return keep, ""
}

// anchored returns the indexes of the lines inside anchor name.
func anchored(lines []string, name string) ([]int, string) {
	var keep []int
	found := false
	for i, l := range lines {
		if !found {
			if m := anchorStart.FindStringSubmatch(l); m != nil && m[1] == name {
				found = true
			}
			continue
		}
		if m := anchorEnd.FindStringSubmatch(l); m != nil {
			if m[1] == name {
				return keep, ""
			}
			continue
		}
		if !anchorStart.MatchString(l) {
			keep = append(keep, i)
		}
	}
	if !found {
		return nil, fmt.Sprintf("no line holds ANCHOR: %s", name)
	}
	return keep, ""
}

// Origin returns where the text at pos, a position in a page as parsed
// (its includes expanded: the positions of the pages' documents and of
// the errors found in them after Load), was written: the position in the
// page or in the file it included. Other positions are returned as they
// are. Load's own errors are where the text was written already.
func (b *Book) Origin(pos lit.Pos) lit.Pos {
	for _, pg := range b.Pages {
		if pg.origins != nil && pos.File == path.Join(b.Dir, pg.Path) {
			return pg.origin(b.Dir, pos)
		}
	}
	return pos
}

// origin is Origin for a position in pg, whose manuscript directory is
// shown as dir.
func (pg *Page) origin(dir string, pos lit.Pos) lit.Pos {
	if pos.Line < 1 || pos.Line > len(pg.origins) {
		return pos
	}
	o := pg.origins[pos.Line-1]
	if o.file == "" {
		return pos
	}
	col := pos.Col
	if col > 0 {
		col += o.col - 1
	}
	return lit.Pos{File: path.Join(dir, o.file), Line: o.line, Col: col}
}

// MapErrors returns errs with their positions in expanded pages mapped to
// where the text was written (Origin), sorted.
func (b *Book) MapErrors(errs lit.ErrorList) lit.ErrorList {
	out := make(lit.ErrorList, 0, len(errs))
	for _, e := range errs {
		out = append(out, &lit.Error{Pos: b.Origin(e.Pos), Msg: e.Msg})
	}
	out.Sort()
	return out
}
