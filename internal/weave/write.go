package weave

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"ctml/internal/disk"
)

// Marker is the file Write leaves in an output directory: it lists the
// files buildbook wrote there. Write refuses to write into a directory
// that is not empty and has no marker, so that a mistyped output directory
// (-o ~) is never touched, and it removes or overwrites only the files the
// marker lists: a file someone else put there (a CNAME, a .git directory,
// notes) stays.
const Marker = ".buildbook"

// markerHeader starts the marker; the files follow, one per line, after
// a blank line.
const markerHeader = "This directory is written by buildbook. It removes the files listed below when the book\n" +
	"no longer produces them, and never touches any other file.\n"

// tmpPrefix starts the names of the temporary files Write renames into
// place; one left behind by a killed build is removed by the next.
const tmpPrefix = ".buildbook-tmp-"

// Change is a file that Write wrote or removed.
type Change struct {
	Path    string // slash-separated, relative to the output directory
	Removed bool
}

// Write brings directory dir in line with the site. It first checks every
// path it will write: it refuses to overwrite a file the marker does not
// list (unless it already holds the bytes the site has) and to write
// through a symbolic link, and then writes nothing. Otherwise it removes
// the files it wrote earlier that the site no longer has, with the
// directories they leave empty, and writes each file whose bytes differ
// from those on disk through a temporary file renamed into place, so that
// a rebuild touches nothing that did not change and an interrupted one
// leaves no half-written file. It returns the changes, in that order.
//
// A marker from an older buildbook, which lists no files, lets Write
// overwrite the files the site has; it then removes nothing.
func (s *Site) Write(dir string) ([]Change, error) {
	owned, legacy, err := readMarker(dir)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{Marker: true}
	for _, f := range s.Files {
		have[f.Path] = true
	}
	for _, f := range s.Files {
		if err := checkTarget(dir, f, owned, have, legacy); err != nil {
			return nil, err
		}
	}
	sweepTemp(dir)

	// Until the files are written, the marker lists the old ones and the
	// new ones: a build killed halfway leaves none unlisted.
	var all []string
	for name := range owned {
		all = append(all, name)
	}
	for _, f := range s.Files {
		all = append(all, f.Path)
	}
	if err := writeMarker(dir, all); err != nil {
		return nil, err
	}

	changes, err := removeStale(dir, owned, have)
	if err != nil {
		return changes, err
	}
	for _, f := range s.Files {
		changed, err := writeIfChanged(filepath.Join(dir, filepath.FromSlash(f.Path)), f.Data)
		if err != nil {
			return changes, err
		}
		if changed {
			changes = append(changes, Change{Path: f.Path})
		}
	}
	var written []string
	for _, f := range s.Files {
		written = append(written, f.Path)
	}
	return changes, writeMarker(dir, written)
}

// readMarker makes dir if it is missing, refuses it if it is not empty and
// has no marker, and returns the files the marker lists; legacy reports a
// marker that lists none, written by an older buildbook.
func readMarker(dir string) (owned map[string]bool, legacy bool, err error) {
	owned = map[string]bool{}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return owned, false, os.MkdirAll(dir, 0o777)
	case err != nil:
		return nil, false, err
	case len(entries) == 0:
		return owned, false, nil
	case !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == Marker }):
		return nil, false, fmt.Errorf("refusing to write into %s: it is not empty and has no %s file, so buildbook did not make it", dir, Marker)
	}
	data, err := os.ReadFile(filepath.Join(dir, Marker))
	if err != nil {
		return nil, false, err
	}
	_, list, ok := strings.Cut(string(data), "\n\n")
	if !ok {
		return owned, true, nil
	}
	sc := bufio.NewScanner(strings.NewReader(list))
	for sc.Scan() {
		name := sc.Text()
		if strings.HasPrefix(name, `"`) {
			if u, err := strconv.Unquote(name); err == nil {
				name = u
			}
		}
		if local(name) {
			owned[name] = true
		}
	}
	return owned, false, nil
}

// local reports whether name is a slash path inside the output directory.
func local(name string) bool {
	return name != "" && name != Marker && filepath.IsLocal(filepath.FromSlash(name)) && path.Clean(name) == name
}

// writeMarker writes the marker listing names, sorted, each once; a name
// that does not read as itself on one line is quoted.
func writeMarker(dir string, names []string) error {
	slices.Sort(names)
	names = slices.Compact(names)
	var b strings.Builder
	b.WriteString(markerHeader + "\n")
	for _, name := range names {
		if q := strconv.Quote(name); q != `"`+name+`"` || strings.HasPrefix(name, `"`) {
			name = q
		}
		b.WriteString(name + "\n")
	}
	_, err := writeIfChanged(filepath.Join(dir, Marker), []byte(b.String()))
	return err
}

// checkTarget checks that writing f into dir overwrites no file buildbook
// did not write and follows no symbolic link. A stale file of buildbook's
// in the way of a directory the site needs is fine: it is removed first.
func checkTarget(dir string, f *File, owned, have map[string]bool, legacy bool) error {
	shown := func(name string) string { return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(name))) }
	elems := strings.Split(f.Path, "/")
	for i := range elems {
		name := strings.Join(elems[:i+1], "/")
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil // made by the write
		case err != nil:
			return err
		case fi.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("refusing to write %s: %s is a symbolic link", shown(f.Path), shown(name))
		case i < len(elems)-1 && fi.IsDir():
			continue
		case i < len(elems)-1 && owned[name] && !have[name]:
			return nil // a stale file of ours, removed first
		case i < len(elems)-1:
			return fmt.Errorf("refusing to write %s: %s is a file", shown(f.Path), shown(name))
		case !fi.Mode().IsRegular():
			return fmt.Errorf("refusing to overwrite %s: it is not a regular file", shown(f.Path))
		case owned[name] || legacy:
			return nil
		}
		if old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err == nil && bytes.Equal(old, f.Data) {
			return nil // adopted: it holds what buildbook would write
		}
		return fmt.Errorf("refusing to overwrite %s: buildbook did not write it (%s does not list it); move it away to build the book", shown(f.Path), shown(Marker))
	}
	return nil
}

// removeStale removes the files of owned that the site no longer has,
// then the directories left empty on their way to dir. A path that leads
// through a symbolic link, or to anything but a regular file, is left
// alone: buildbook writes neither.
func removeStale(dir string, owned, have map[string]bool) ([]Change, error) {
	var stale []string
	for name := range owned {
		if !have[name] {
			stale = append(stale, name)
		}
	}
	slices.Sort(stale)
	var changes []Change
	parents := map[string]bool{}
	for _, name := range stale {
		if !plainPath(dir, name) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return changes, err
		}
		changes = append(changes, Change{Path: name, Removed: true})
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			parents[d] = true
		}
	}
	// Deepest first, so that a directory emptied by removing its
	// subdirectories goes too.
	var dirs []string
	for d := range parents {
		dirs = append(dirs, d)
	}
	slices.SortFunc(dirs, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range dirs {
		name := filepath.Join(dir, filepath.FromSlash(d))
		if entries, err := os.ReadDir(name); err == nil && len(entries) == 0 && plainPath(dir, d) {
			if err := os.Remove(name); err != nil {
				return changes, err
			}
		}
	}
	return changes, nil
}

// plainPath reports whether name, a slash path inside dir, exists and
// leads through no symbolic link to a regular file or a directory.
func plainPath(dir, name string) bool {
	elems := strings.Split(name, "/")
	for i := range elems {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(strings.Join(elems[:i+1], "/"))))
		if err != nil || fi.Mode()&fs.ModeSymlink != 0 {
			return false
		}
		if i < len(elems)-1 && !fi.IsDir() {
			return false
		}
		if i == len(elems)-1 && !fi.Mode().IsRegular() && !fi.IsDir() {
			return false
		}
	}
	return true
}

// sweepTemp removes the temporary files that a killed build left in dir,
// without following symbolic links.
func sweepTemp(dir string) {
	_ = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() && strings.HasPrefix(d.Name(), tmpPrefix) {
			os.Remove(name)
		}
		return nil
	})
}

// writeIfChanged writes data to name through a temporary file in the same
// directory, unless name already holds data. It reports whether it wrote.
func writeIfChanged(name string, data []byte) (bool, error) {
	if holds(name, data) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return false, err
	}
	err := disk.WriteFile(name, tmpPrefix+"*", data)
	return err == nil, err
}

// holds reports whether file name holds data, reading it a piece at a
// time: the old files of a site are many megabytes.
func holds(name string, data []byte) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	buf := make([]byte, min(len(data), 256<<10)+1) // one more, to see the end
	for {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data)+1)])
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
		if err != nil { // the end: the whole file was read
			return len(data) == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF)
		}
	}
}

// CheckOutputDir refuses an output directory that is, or holds, the
// manuscript directory book or the diagrams directory diagrams ("" if
// there is none): writing the site there would remove or overwrite the
// author's files. Symbolic links are followed, and dir need not exist.
func CheckOutputDir(dir, book, diagrams string) error {
	out, err := disk.RealPath(dir)
	if err != nil {
		return err
	}
	for _, c := range []struct{ dir, is, holds string }{
		{book, "the manuscript directory", "the manuscript directory"},
		{diagrams, "the diagrams directory beside the manuscript", "the diagrams directory"},
	} {
		if c.dir == "" {
			continue
		}
		src, err := disk.RealPath(c.dir)
		switch {
		case err != nil:
			return err
		case src == out:
			return fmt.Errorf("refusing to write into %s: it is %s", dir, c.is)
		case disk.Within(out, src):
			return fmt.Errorf("refusing to write into %s: it holds %s %s", dir, c.holds, filepath.ToSlash(c.dir))
		}
	}
	return nil
}
