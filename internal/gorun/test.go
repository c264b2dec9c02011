package gorun

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoModule is the error of Test where the working directory is in no
// Go module: there is nothing go test could build.
var ErrNoModule = errors.New("no go.mod in the working directory or above it")

// Test runs go test -json on the packages in dirs (slash-separated,
// relative to the working directory, like tangle.File.Path's directories)
// against the files tangled in memory, and returns what it printed on
// standard output: the events that package ctml/internal/testrun reads.
// Failing tests are not an error (go test's exit status 1 with events on
// its output); a go command that cannot start, or prints no event, is.
// Go's test cache keeps a repeat fast. Like the figures' programs, the
// tests run in a process group of their own, killed when ctx is done.
//
// A package whose directory is not on disk is not run: go test runs a
// test in its package's directory, which the overlay cannot provide
// (tangle writes it).
func (r *Runner) Test(ctx context.Context, dirs []string) ([]byte, error) {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("running the tests needs the go command: %v", err)
	}
	if ModuleRoot(r.wd) == "" {
		return nil, ErrNoModule
	}
	var pkgs []string
	for _, d := range dirs {
		local := filepath.FromSlash(d)
		if !filepath.IsAbs(local) {
			local = filepath.Join(r.wd, local)
		}
		if fi, err := os.Stat(local); err == nil && fi.IsDir() {
			pkgs = append(pkgs, "."+string(filepath.Separator)+filepath.Clean(filepath.FromSlash(d)))
		}
	}
	if len(pkgs) == 0 {
		return nil, nil
	}
	if err := r.makeTree(); err != nil {
		return nil, err
	}
	cmd := exec.Command(gocmd, append([]string{"test", "-json", "-overlay=" + r.overlay}, pkgs...)...)
	cmd.Dir = r.wd
	// Unlike a figure's build, the tests keep the go command's own
	// temporary directory: the test cache counts the environment, and the
	// results of an earlier go test -json of the same packages are then
	// reused.
	var stdout bytes.Buffer
	stderr := &capped{max: 64 << 10, tail: true}
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	err = runGroup(ctx, cmd)
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	if err != nil && !bytes.Contains(stdout.Bytes(), []byte(`"Action"`)) {
		return nil, fmt.Errorf("go test failed (%v): %s", err, r.clean(lastLines(stderr.buf.String(), 8)))
	}
	return stdout.Bytes(), nil
}

// ModuleRoot returns the directory of the go.mod that governs dir, or ""
// if there is none.
func ModuleRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && fi.Mode().IsRegular() {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Dir returns the runner's working directory, absolute.
func (r *Runner) Dir() string { return r.wd }
