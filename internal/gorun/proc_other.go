//go:build !unix

package gorun

import (
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// setGroup does nothing: there are no process groups to make here.
func setGroup(cmd *exec.Cmd) {}

// killGroup kills p (its children are not reached).
func killGroup(p *os.Process) { _ = p.Kill() }

// lockTree creates the lock file of tree; without file locks, a tree is
// told stale by its age.
func lockTree(tree string) (*os.File, error) {
	f, err := os.Create(filepath.Join(tree, lockName))
	if err != nil {
		return nil, err
	}
	return f, nil
}

// stale reports whether tree is more than a day old.
func stale(tree string) bool {
	fi, err := os.Stat(filepath.Join(tree, lockName))
	return err == nil && time.Since(fi.ModTime()) > 24*time.Hour
}
