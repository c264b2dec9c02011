// Package disk holds what the tools do with files on disk: they write
// every output file through a temporary file in the same directory,
// renamed into place, so that no reader ever sees half a file and an
// interrupted write leaves at most a temporary file, which the next run
// recognises by its name (tangle's .tangle-*.tmp, buildbook's
// .buildbook-tmp-*) and removes.
package disk

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// WriteTemp writes data to a new temporary file in dir, named by pattern
// as os.CreateTemp names it, with mode 0644, and returns its name. On
// failure nothing is left behind.
func WriteTemp(dir, pattern string, data []byte) (string, error) {
	return WriteTempFunc(dir, pattern, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteTempFunc is WriteTemp with the data written by write, through a
// buffer: for data that need not be in memory all at once.
func WriteTempFunc(dir, pattern string, write func(io.Writer) error) (string, error) {
	tmp, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriterSize(tmp, 256<<10)
	werr := write(bw)
	if werr == nil {
		werr = bw.Flush()
	}
	err = errors.Join(werr, tmp.Close())
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// WriteFile replaces name with data through a temporary file beside it
// (WriteTemp, with pattern) and a rename.
func WriteFile(name, pattern string, data []byte) error {
	return WriteFileFunc(name, pattern, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileFunc is WriteFile with the data written by write (see
// WriteTempFunc).
func WriteFileFunc(name, pattern string, write func(io.Writer) error) error {
	tmp, err := WriteTempFunc(filepath.Dir(name), pattern, write)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Reason returns the reason of a failed file operation without the path
// it repeats ("file does not exist" for a *fs.PathError), for messages
// that name the file themselves.
func Reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// RealPath returns name as an absolute path with the symbolic links of
// its longest existing prefix resolved: where a file written at name
// would land, whether or not it exists yet.
func RealPath(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	var rest []string // the missing elements, innermost last
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if filepath.Dir(p) == p {
			return abs, nil
		}
		rest = append([]string{filepath.Base(p)}, rest...)
	}
}

// Within reports whether path name lies strictly inside directory dir,
// comparing the paths as written: both absolute, or both relative to the
// same directory.
func Within(dir, name string) bool {
	rel, err := filepath.Rel(dir, name)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
