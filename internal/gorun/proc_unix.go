//go:build unix

package gorun

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// setGroup makes cmd the leader of a new process group.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the process group that p leads.
func killGroup(p *os.Process) {
	_ = syscall.Kill(-p.Pid, syscall.SIGKILL)
}

// lockTree creates the lock file of tree and locks it for as long as the
// returned file is open.
func lockTree(tree string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(tree, lockName), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// stale reports whether no live runner holds the lock of tree.
func stale(tree string) bool {
	f, err := os.Open(filepath.Join(tree, lockName))
	if err != nil {
		return false
	}
	defer f.Close()
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
