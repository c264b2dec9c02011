// Package gorun runs main packages of the book against the Go files tangle
// rendered in memory, so that what a program prints (a figure, say) always
// follows the Markdown, even when chapters/ on disk has not been
// re-tangled yet.
//
// It uses the go command's -overlay flag: each rendered file is written to
// a temporary directory and put in place of the file on disk, for the
// compiler only.
package gorun

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"ctml/internal/tangle"
)

// Runner runs packages of one tangled book. Close removes its temporary
// files.
type Runner struct {
	wd      string // where go runs; relative paths start here
	dir     string // temporary directory: overlay.json and the files
	overlay string // path of overlay.json
}

// New writes the files of out to a temporary directory and prepares the
// overlay that puts them in place. wd is the directory that the relative
// paths of out start from, where go will run; "" means the current one.
// The files need not exist on disk.
func New(out *tangle.Output, wd string) (*Runner, error) {
	dir, err := os.MkdirTemp("", "gorun-")
	if err != nil {
		return nil, err
	}
	if wd, err = filepath.Abs(wd); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	r := &Runner{wd: wd, dir: dir, overlay: filepath.Join(dir, "overlay.json")}
	replace := map[string]string{}
	for i, f := range out.Files {
		abs := filepath.FromSlash(f.Path)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, abs)
		}
		tmp := filepath.Join(dir, fmt.Sprintf("%d.go", i))
		if err := os.WriteFile(tmp, f.Data, 0o644); err != nil {
			r.Close()
			return nil, err
		}
		replace[abs] = tmp
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err == nil {
		err = os.WriteFile(r.overlay, data, 0o644)
	}
	if err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// Run runs the main package in directory pkg (slash-separated, relative to
// the working directory, like tangle.File.Path) and returns its standard
// output. If the program fails, the error holds the end of what it wrote
// to standard error.
func (r *Runner) Run(pkg string) ([]byte, error) {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("running the book's programs needs the go command: %v", err)
	}
	target := filepath.FromSlash(pkg)
	if !filepath.IsAbs(target) {
		target = "." + string(filepath.Separator) + filepath.Clean(target)
	}
	cmd := exec.Command(gocmd, "run", "-overlay="+r.overlay, target)
	cmd.Dir = r.wd
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if lines := strings.Split(msg, "\n"); len(lines) > 8 {
			msg = strings.Join(lines[len(lines)-8:], "\n")
		}
		return nil, fmt.Errorf("go run %s: %v\n%s", pkg, err, msg)
	}
	return stdout.Bytes(), nil
}

// Close removes the temporary files.
func (r *Runner) Close() error { return os.RemoveAll(r.dir) }
