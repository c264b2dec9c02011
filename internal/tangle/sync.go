package tangle

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"ctml/internal/disk"
	"ctml/internal/lit"
)

// Status says how a file on disk differs from the rendering.
type Status int

const (
	Missing      Status = iota // rendered, not on disk
	Stale                      // on disk as tangle wrote it, but the Markdown changed
	Edited                     // on disk, changed since tangle wrote it
	Orphan                     // on disk as tangle wrote it, no longer rendered
	Foreign                    // on disk without tangle's header, where only generated code belongs
	OrphanEdited               // on disk with tangle's header but changed since, no longer rendered
	Temp                       // a temporary file of a tangle run that was killed
)

// Change is one file that is out of sync.
type Change struct {
	Path   string // slash-separated, as in File.Path
	Status Status
	File   *File  // the rendering; nil for Orphan, OrphanEdited, Foreign and Temp
	Disk   []byte // the bytes on disk; nil for Missing and Temp
}

// Marker is the file tangle keeps at the root of its output directory, as
// buildbook keeps one in _book: tangle writes only into a directory that
// is missing, empty, or has this file, so that a mistyped -out never
// turns tangle loose on a directory it did not make. The repository
// commits chapters/.tangle, so a fresh clone is tangle's to update.
const Marker = ".tangle"

const markerText = "This directory is written by tangle from the book's Markdown: generated files that no chapter produces any more are removed.\n"

// tempPattern names the temporary files tangle writes before renaming
// them into place; a killed run leaves them behind.
const tempPattern = ".tangle-*.tmp"

// CheckDir reports whether tangle may write into out.Out: it must not be
// the root of the file system, hold the manuscript out.Book or lie inside
// it, be the root of a repository (.git) or module (go.mod), and if it
// exists and is not empty it must have the Marker. Compare and Apply call
// it first.
func (out *Output) CheckDir() error {
	if out.Out == "" {
		return errors.New("no output directory: -out names the directory of the generated packages")
	}
	shown := filepath.ToSlash(out.Out)
	dir, err := disk.RealPath(out.Out)
	if err != nil {
		return err
	}
	if filepath.Dir(dir) == dir {
		return fmt.Errorf("refusing to write into %s: it is the root of the file system", shown)
	}
	if out.Book != "" {
		bk, err := disk.RealPath(out.Book)
		if err != nil {
			return err
		}
		switch {
		case bk == dir || disk.Within(dir, bk):
			return fmt.Errorf("refusing to write into %s: it holds the manuscript %s", shown, filepath.ToSlash(out.Book))
		case disk.Within(bk, dir):
			return fmt.Errorf("refusing to write into %s: it is inside the manuscript %s", shown, filepath.ToSlash(out.Book))
		}
	}
	for _, root := range []struct{ name, what string }{{".git", "repository"}, {"go.mod", "module"}} {
		if _, err := os.Lstat(filepath.Join(dir, root.name)); err == nil {
			return fmt.Errorf("refusing to write into %s: it is the root of a %s (%s)", shown, root.what, root.name)
		}
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("refusing to write into %s: %v", shown, disk.Reason(err))
	case len(entries) > 0 && !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == Marker }):
		return fmt.Errorf("refusing to write into %s: it is not empty and has no %s file, so tangle did not make it", shown, Marker)
	}
	return nil
}

// Compare lists the differences between out and the files on disk under
// out.Out, after CheckDir. Only .go files are considered, and the
// temporary files of killed runs; directories named testdata or starting
// with "." or "_" are skipped, as the go command does.
func Compare(out *Output) ([]Change, error) {
	if err := out.CheckDir(); err != nil {
		return nil, err
	}
	root := filepath.FromSlash(out.Out)
	want := map[string]*File{}
	for _, f := range out.Files {
		want[f.Path] = f
	}
	var changes []Change
	seen := map[string]bool{}
	rootSlash := filepath.ToSlash(root)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir
			}
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		sp := path.Join(rootSlash, filepath.ToSlash(rel))
		if ok, _ := path.Match(tempPattern, name); ok && d.Type().IsRegular() {
			changes = append(changes, Change{Path: sp, Status: Temp})
			return nil
		}
		if !strings.HasSuffix(name, ".go") || !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		seen[sp] = true
		f := want[sp]
		switch {
		case f != nil && bytes.Equal(f.Data, data):
		case f != nil && intact(data):
			changes = append(changes, Change{Path: sp, Status: Stale, File: f, Disk: data})
		case f != nil:
			changes = append(changes, Change{Path: sp, Status: Edited, File: f, Disk: data})
		case intact(data):
			changes = append(changes, Change{Path: sp, Status: Orphan, Disk: data})
		case hasHeader(data):
			changes = append(changes, Change{Path: sp, Status: OrphanEdited, Disk: data})
		default:
			changes = append(changes, Change{Path: sp, Status: Foreign, Disk: data})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, f := range out.Files {
		if !seen[f.Path] {
			changes = append(changes, Change{Path: f.Path, Status: Missing, File: f})
		}
	}
	slices.SortFunc(changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return changes, nil
}

// cutHeader returns what follows tangle's generated-code comment, the
// first line of data, and whether data starts with one.
func cutHeader(data []byte) ([]byte, bool) {
	line, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || len(line) <= len(headerPrefix)+len(headerSuffix) {
		return nil, false
	}
	if !bytes.HasPrefix(line, []byte(headerPrefix)) || !bytes.HasSuffix(line, []byte(headerSuffix)) {
		return nil, false
	}
	return rest, true
}

// hasHeader reports whether data starts with tangle's generated-code
// comment.
func hasHeader(data []byte) bool {
	_, ok := cutHeader(data)
	return ok
}

// intact reports whether data carries tangle's header and a checksum that
// matches the rest of the file: whether nobody edited it since tangle wrote it.
func intact(data []byte) bool {
	rest, ok := cutHeader(data)
	if !ok || !bytes.HasPrefix(rest, []byte(sumPrefix)) {
		return false
	}
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 {
		return false
	}
	sum := string(rest[len(sumPrefix):nl])
	body, ok := bytes.CutPrefix(rest[nl+1:], []byte("\n"))
	return ok && sum == checksum(body)
}

// MaxPathLen bounds the length of an output path, made absolute, in
// bytes: PATH_MAX on Linux is 4096 with the final NUL.
const MaxPathLen = 4095

// Apply brings the files under out.Out in line with changes, the result of
// Compare: it writes the Missing and Stale files, removes the Orphans and
// the temporary files of killed runs. Edited files are overwritten, and
// OrphanEdited files removed, only if force is set; Foreign files are never
// touched. Apply returns the changes it did not make.
//
// Nothing is written before every path has been checked against the disk
// (CheckDir, then no directory, symbolic link or other file in the way of
// a file to write, unless it is about to be removed; no path longer than
// MaxPathLen); those errors come back as a lit.ErrorList at the positions
// of the blocks. Then every file is written to a temporary file beside it,
// and only when all are written are the removals made and the files
// renamed into place, so that a failed or interrupted run (ctx done, as
// on SIGINT) removes its temporary files and leaves the previous output as
// it was, and no reader ever sees half a file. Only the files under a
// generated file that gives way to a directory are written after the
// removals.
func Apply(ctx context.Context, out *Output, changes []Change, force bool) (refused []Change, err error) {
	if err := out.CheckDir(); err != nil {
		return nil, err
	}
	a := &applier{root: filepath.Clean(filepath.FromSlash(out.Out))}
	for _, c := range changes {
		switch {
		case c.Status == Missing, c.Status == Stale, c.Status == Edited && force:
			a.write = append(a.write, c)
		case c.Status == Orphan, c.Status == Temp, c.Status == OrphanEdited && force:
			a.remove = append(a.remove, c)
		default:
			refused = append(refused, c)
		}
	}
	if errs := preflight(a.root, a.write, a.remove); len(errs) > 0 {
		return nil, errs
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a.temps = make([]string, len(a.write))
	if err := a.apply(ctx); err != nil {
		a.undo()
		return nil, err
	}
	return refused, nil
}

// applier carries out Apply: the files to write and remove under root,
// and what it created, to undo on failure: directories parents first, the
// marker, the temporary files.
type applier struct {
	root          string
	write, remove []Change
	made          []string
	marker        string
	temps         []string // of write, by index; "" once renamed
}

// undo removes what a failed apply created.
func (a *applier) undo() {
	for _, t := range append(a.temps, a.marker) {
		if t != "" {
			os.Remove(t)
		}
	}
	for _, d := range slices.Backward(a.made) {
		os.Remove(d)
	}
}

// apply makes the output directory and its marker, removes the temporary
// files of killed runs, writes every new file beside its destination
// (interruptibly), then makes the changes.
func (a *applier) apply(ctx context.Context) error {
	made, err := mkdirAll(a.root)
	a.made = made
	if err != nil {
		return err
	}
	if _, serr := os.Lstat(filepath.Join(a.root, Marker)); errors.Is(serr, fs.ErrNotExist) {
		if err := disk.WriteFile(filepath.Join(a.root, Marker), tempPattern, []byte(markerText)); err != nil {
			return err
		}
		a.marker = filepath.Join(a.root, Marker)
	}

	// The temporary files of killed runs go first; they are nobody's output.
	for _, c := range a.remove {
		if c.Status == Temp {
			if err := os.Remove(filepath.FromSlash(c.Path)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}

	// A file to remove may stand where a new directory goes (x.go giving
	// way to x.go/y.go): the files below it are written once it is gone.
	removing := removals(a.remove)
	blocked := make([]bool, len(a.write))
	for i, c := range a.write {
		for d := path.Dir(c.Path); d != "." && d != "/" && d != path.Dir(d); d = path.Dir(d) {
			blocked[i] = blocked[i] || removing[d]
		}
	}
	for i := range a.write {
		if blocked[i] {
			continue
		}
		if err := a.temp(i); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return a.commit(blocked)
}

// temp writes the i-th file to write into a temporary file beside its
// destination, making the directories on the way.
func (a *applier) temp(i int) error {
	dir := filepath.Dir(filepath.FromSlash(a.write[i].Path))
	created, err := mkdirAll(dir)
	a.made = append(a.made, created...)
	if err == nil {
		a.temps[i], err = writeTemp(dir, a.write[i].File.Data)
	}
	return err
}

// commit makes the changes themselves, not interrupted: they are quick,
// and a complete output is better than a mixed one. Removals go first,
// with the directories they leave empty, so that a directory may give way
// to a file of the same name and a file to a directory; then the blocked
// files are written, and every temporary file renamed into place.
func (a *applier) commit(blocked []bool) error {
	for _, c := range a.remove {
		if c.Status == Temp {
			continue
		}
		name := filepath.FromSlash(c.Path)
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := filepath.Dir(name); disk.Within(a.root, d); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	for i := range a.write {
		if blocked[i] {
			if err := a.temp(i); err != nil {
				return err
			}
		}
	}
	for i, c := range a.write {
		if err := os.Rename(a.temps[i], filepath.FromSlash(c.Path)); err != nil {
			return err
		}
		a.temps[i] = ""
	}
	return nil
}

// removals returns the set of the slash paths of the files to remove
// that are output (not temporary files).
func removals(remove []Change) map[string]bool {
	m := map[string]bool{}
	for _, c := range remove {
		if c.Status != Temp {
			m[c.Path] = true
		}
	}
	return m
}

// emptied reports whether removing the files of removing leaves directory
// dir with nothing but empty directories.
func emptied(dir string, removing map[string]bool) bool {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !removing[filepath.ToSlash(p)] {
			return fs.ErrExist
		}
		return nil
	})
	return err == nil
}

// preflight checks, before anything is written, that each file of write
// can be created under root: no symbolic link or other non-regular file
// at its path, nor a directory that the removals do not empty; nothing but
// directories (or files about to be removed) on the way to it; and a path
// not longer than MaxPathLen.
func preflight(root string, write, remove []Change) lit.ErrorList {
	var errs lit.ErrorList
	removing := removals(remove)
	for _, c := range write {
		name := filepath.FromSlash(c.Path)
		pos := c.File.Pos()
		if abs, err := filepath.Abs(name); err == nil && len(abs) > MaxPathLen {
			errs.Add(pos, "cannot write %s: its path is %d bytes long, more than the %d a file system takes", c.Path, len(abs), MaxPathLen)
			continue
		}
		if fi, err := os.Lstat(name); err == nil && !fi.Mode().IsRegular() && !(fi.IsDir() && emptied(name, removing)) {
			errs.Add(pos, "cannot write %s: %s is in the way, and tangle replaces only files it wrote", c.Path, kindOf(fi))
			continue
		}
		var ancestors []string
		for d := filepath.Dir(name); d != root && d != "." && d != filepath.Dir(d); d = filepath.Dir(d) {
			ancestors = append(ancestors, d)
		}
		for _, d := range slices.Backward(ancestors) {
			fi, err := os.Lstat(d)
			if err != nil {
				break // missing: created on the way
			}
			if fi.IsDir() || removing[filepath.ToSlash(d)] {
				continue
			}
			errs.Add(pos, "cannot write %s: %s is %s, not a directory", c.Path, filepath.ToSlash(d), kindOf(fi))
			break
		}
	}
	errs.Sort()
	return errs
}

// kindOf names what fi describes, with an article.
func kindOf(fi fs.FileInfo) string {
	switch m := fi.Mode(); {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a file"
	}
	return "a special file"
}

// mkdirAll creates dir and its missing parents, and returns those it
// created, parents first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	var made []string
	for _, d := range missing {
		if err := os.Mkdir(d, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
			return made, err
		}
		made = append(made, d)
	}
	return made, nil
}

// afterTemp, if set, is called after each temporary file is written; tests
// use it to interrupt Apply.
var afterTemp func()

// writeTemp writes data to a new temporary file in dir and returns its name.
func writeTemp(dir string, data []byte) (string, error) {
	tmp, err := disk.WriteTemp(dir, tempPattern, data)
	if err == nil && afterTemp != nil {
		afterTemp()
	}
	return tmp, err
}

// Describe explains a change in one line, and for content changes adds a
// short diff, indented by a tab.
func (c Change) Describe(maxDiff int) string {
	var b strings.Builder
	b.WriteString(c.Path)
	b.WriteString(": ")
	src := ""
	if c.File != nil {
		src = c.File.Page.Doc.Path
	}
	switch c.Status {
	case Missing:
		fmt.Fprintf(&b, "missing: not yet tangled from %s", src)
	case Stale:
		fmt.Fprintf(&b, "stale: %s changed since the last tangle", changedAt(c.Disk, c.File))
	case Edited:
		fmt.Fprintf(&b, "edited by hand: edit %s instead, then tangle (or tangle -force to discard the edit)", src)
	case Orphan:
		b.WriteString("orphaned: no chapter tangles it any more")
	case OrphanEdited:
		b.WriteString("orphaned and edited by hand: no chapter tangles it any more; move the edit into the book, or tangle -force to remove the file")
	case Foreign:
		b.WriteString("not generated by tangle: code under the chapters directory comes from the book's Markdown")
	case Temp:
		b.WriteString("temporary file of an interrupted tangle run: tangle removes it")
	}
	if maxDiff > 0 && (c.Status == Stale || c.Status == Edited) {
		d := diff.Diff(c.Path+" (on disk)", body(c.Disk), c.Path+" (tangled from "+src+")", body(c.File.Data))
		lines := strings.Split(strings.TrimSuffix(string(d), "\n"), "\n")
		if len(lines) > 0 && strings.HasPrefix(lines[0], "diff ") {
			lines = lines[1:]
		}
		for i, l := range lines {
			if i == maxDiff {
				fmt.Fprintf(&b, "\n\t… %d more lines", len(lines)-i)
				break
			}
			b.WriteString("\n\t")
			b.WriteString(l)
		}
	}
	return b.String()
}

// body returns data without tangle's header, if it has one, so that diffs
// do not show the checksum.
func body(data []byte) []byte {
	if rest, ok := cutHeader(data); ok && bytes.HasPrefix(rest, []byte(sumPrefix)) {
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			return bytes.TrimPrefix(rest[nl+1:], []byte("\n"))
		}
	}
	return data
}

// changedAt names the Markdown line behind the first line where the
// rendering differs from disk: the position of the nearest directive before
// it, plus the lines since.
func changedAt(disk []byte, f *File) string {
	a := bytes.Split(disk, []byte("\n"))
	b := bytes.Split(f.Data, []byte("\n"))
	i := headerLines // after the header, whose checksum always differs
	for i < len(a) && i < len(b) && bytes.Equal(a[i], b[i]) {
		i++
	}
	for j := min(i, len(f.Lines)-1); j >= 0; j-- {
		if n := f.Lines[j].Directive; n > 0 {
			return fmt.Sprintf("%s:%d", f.Page.Doc.Path, n+i-j-1)
		}
	}
	return f.Page.Doc.Path
}
