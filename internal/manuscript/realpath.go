package manuscript

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"ctml/internal/disk"
)

// ErrOutside is the error of reading, through DirFS, a file whose real
// path lies outside the book's directories.
var ErrOutside = errors.New("a symbolic link leads outside the book's directories: refusing to read it")

// DirFS returns the file system of the manuscript directory dir, like
// os.DirFS, except that it reads only files whose real path (every
// symbolic link resolved) lies inside dir or inside one of the
// directories also, such as the diagrams directory beside it. Opening,
// reading or stating anything else fails with a *fs.PathError wrapping
// ErrOutside, so that a page, image or figure that is a link to a file of
// the build machine (~/.aws/credentials, say) is never published. Links
// that stay inside are followed. Directory listings show links as they
// are; Stat follows them.
//
// The check resolves the links, then opens the resolved path: it guards
// against the contents of a manuscript (a pull request), not against
// another process changing the links at the same time.
func DirFS(dir string, also ...string) fs.FS {
	d := &dirFS{dir: dir}
	for _, root := range append([]string{dir}, also...) {
		if root == "" {
			continue
		}
		if abs, err := filepath.Abs(root); err == nil {
			if real, err := filepath.EvalSymlinks(abs); err == nil {
				d.roots = append(d.roots, real)
			}
		}
	}
	return d
}

type dirFS struct {
	dir   string
	roots []string // real paths of the directories files may come from
}

// real returns the real path of name, or an error if it is invalid,
// missing or outside the roots; op names the operation in the error.
func (d *dirFS) real(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(d.dir, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		// Missing, or a dangling link: the plain error says which.
		_, err = os.Lstat(full)
		if err == nil {
			err = fs.ErrNotExist
		}
		return "", &fs.PathError{Op: op, Path: name, Err: disk.Reason(err)}
	}
	abs, err := filepath.Abs(real)
	if err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: err}
	}
	for _, root := range d.roots {
		if rel, err := filepath.Rel(root, abs); err == nil && (rel == "." || filepath.IsLocal(rel)) {
			return abs, nil
		}
	}
	return "", &fs.PathError{Op: op, Path: name, Err: ErrOutside}
}

// Open implements fs.FS.
func (d *dirFS) Open(name string) (fs.File, error) {
	real, err := d.real("open", name)
	if err != nil {
		return nil, err
	}
	return os.Open(real)
}

// ReadFile implements fs.ReadFileFS.
func (d *dirFS) ReadFile(name string) ([]byte, error) {
	real, err := d.real("read", name)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(real)
}

// Stat implements fs.StatFS.
func (d *dirFS) Stat(name string) (fs.FileInfo, error) {
	real, err := d.real("stat", name)
	if err != nil {
		return nil, err
	}
	return os.Stat(real)
}

// ReadDir implements fs.ReadDirFS.
func (d *dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	real, err := d.real("readdir", name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(real)
}
