package weave

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Marker is the file Write leaves in an output directory. Write refuses to
// write into a directory that is not empty and has no marker, so that a
// mistyped output directory (-o ~) is never emptied.
const Marker = ".buildbook"

const markerText = "This directory is written by buildbook: files that the book no longer produces are removed.\n"

// Change is a file that Write wrote or removed.
type Change struct {
	Path    string // slash-separated, relative to the output directory
	Removed bool
}

// Write brings directory dir in line with the site. It removes the files
// the site no longer has, then writes each file whose bytes differ from
// those on disk through a temporary file renamed into place, so that a
// rebuild touches nothing that did not change. It returns the changes, in
// that order.
func (s *Site) Write(dir string) ([]Change, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case len(entries) > 0 && !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == Marker }):
		return nil, fmt.Errorf("refusing to write into %s: it is not empty and has no %s file, so buildbook did not make it", dir, Marker)
	}
	if _, err := writeIfChanged(filepath.Join(dir, Marker), []byte(markerText)); err != nil {
		return nil, err
	}

	changes, err := s.removeStale(dir)
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
	return changes, nil
}

// removeStale removes the files under dir that the site does not have,
// and the directories left empty.
func (s *Site) removeStale(dir string) ([]Change, error) {
	keep := map[string]bool{Marker: true}
	for _, f := range s.Files {
		keep[f.Path] = true
	}
	var changes []Change
	var dirs []string
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case d.IsDir():
			dirs = append(dirs, name)
		case !keep[rel]:
			if err := os.Remove(name); err != nil {
				return err
			}
			changes = append(changes, Change{Path: rel, Removed: true})
		}
		return nil
	})
	if err != nil {
		return changes, err
	}
	for _, d := range slices.Backward(dirs) {
		if entries, err := os.ReadDir(d); err == nil && len(entries) == 0 {
			if err := os.Remove(d); err != nil {
				return changes, err
			}
		}
	}
	return changes, nil
}

// writeIfChanged writes data to name through a temporary file in the same
// directory, unless name already holds data. It reports whether it wrote.
func writeIfChanged(name string, data []byte) (bool, error) {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".buildbook-tmp-*")
	if err != nil {
		return false, err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err == nil, err
}
