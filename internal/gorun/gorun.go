// Package gorun runs main packages of the book against the Go files tangle
// rendered in memory, so that what a program prints (a figure, say) always
// follows the Markdown, even when chapters/ on disk has not been
// re-tangled yet.
//
// It uses the go command's -overlay flag: each rendered file is written to
// a temporary directory and put in place of the file on disk, for the
// compiler only. A program is built with go build, then run; both run in
// a process group of their own, which is killed when the program times
// out, prints too much or the context is cancelled (buildbook's SIGINT or
// SIGTERM), so that no child outlives the build.
//
// Everything a Runner writes, the go command's own work directories
// included (GOTMPDIR), is in one temporary tree, gorun-*, which Close
// removes. A tree whose runner was killed before it could (SIGKILL, a
// crash) is removed by the next runner that makes one: a live runner
// holds a lock on its tree, which it makes when it first runs something.
package gorun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"ctml/internal/tangle"
)

// Runner runs packages of one tangled book. Close removes its temporary
// files.
type Runner struct {
	// Timeout bounds how long a program may run, its compilation not
	// included; 0 means no bound.
	Timeout time.Duration
	// MaxOutput bounds how many bytes a program may print on standard
	// output; 0 means no bound.
	MaxOutput int64

	wd    string            // where go runs; relative paths start here
	n     int               // programs built so far
	files map[string][]byte // the tangled files, by absolute path
	order []string          // their paths, in the order of the output

	mu      sync.Mutex
	dir     string   // the temporary tree; "" until makeTree
	overlay string   // path of overlay.json
	lock    *os.File // held while the runner lives; nil where locks are not supported
	treeErr error    // why makeTree failed
}

// The names in a Runner's tree.
const (
	treePrefix = "gorun-"
	lockName   = "lock"
)

// New prepares a runner of the files of out. wd is the directory that
// the relative paths of out start from, where go will run; "" means the
// current one. The files need not exist on disk. Nothing is written until
// a program or a test runs (a build whose figures are all cached runs
// none): then the files go to a temporary tree, with the overlay that puts
// them in place, after the trees of runners that died without closing are
// removed.
func New(out *tangle.Output, wd string) (*Runner, error) {
	r := &Runner{files: map[string][]byte{}}
	var err error
	if r.wd, err = filepath.Abs(wd); err != nil {
		return nil, err
	}
	for _, f := range out.Files {
		abs := filepath.FromSlash(f.Path)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(r.wd, abs)
		}
		r.order = append(r.order, filepath.Clean(abs))
		r.files[filepath.Clean(abs)] = f.Data
	}
	return r, nil
}

// makeTree writes the temporary tree, once: the files, the overlay that
// puts them in place, and the lock that tells Sweep the tree is in use.
func (r *Runner) makeTree() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.dir != "" || r.treeErr != nil {
		return r.treeErr
	}
	r.treeErr = r.writeTree()
	return r.treeErr
}

func (r *Runner) writeTree() error {
	Sweep(os.TempDir())
	dir, err := os.MkdirTemp("", treePrefix)
	if err != nil {
		return err
	}
	if r.lock, err = lockTree(dir); err != nil {
		os.RemoveAll(dir)
		return err
	}
	fail := func(err error) error {
		r.lock.Close()
		r.lock = nil
		os.RemoveAll(dir)
		return err
	}
	for _, sub := range []string{"src", "bin", "tmp"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			return fail(err)
		}
	}
	replace := map[string]string{}
	for i, abs := range r.order {
		tmp := filepath.Join(dir, "src", fmt.Sprintf("%d.go", i))
		if err := os.WriteFile(tmp, r.files[abs], 0o644); err != nil {
			return fail(err)
		}
		replace[abs] = tmp
	}
	overlay := filepath.Join(dir, "overlay.json")
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err == nil {
		err = os.WriteFile(overlay, data, 0o644)
	}
	if err != nil {
		return fail(err)
	}
	r.dir, r.overlay = dir, overlay
	return nil
}

// Errors of Run, besides *BuildError and *ExitError; test with errors.Is.
var (
	ErrTimeout     = errors.New("the program did not finish in time and was stopped")
	ErrOutput      = errors.New("the program printed too much and was stopped")
	ErrInterrupted = errors.New("interrupted")
)

// BuildError is a program that does not compile.
type BuildError struct {
	Output string // what the go command printed: the compiler's messages
}

func (e *BuildError) Error() string { return "the program does not compile:\n" + e.Output }

// ExitError is a program that failed.
type ExitError struct {
	Err    error  // as exec reports it: exit status 2
	Stderr string // the end of what it printed on standard error
}

func (e *ExitError) Error() string {
	msg := fmt.Sprintf("the program failed (%v)", e.Err)
	if e.Stderr != "" {
		msg += ":\n" + e.Stderr
	}
	return msg
}

// Run runs the main package in directory pkg (slash-separated, relative to
// the working directory, like tangle.File.Path) and returns its standard
// output.
func (r *Runner) Run(pkg string) ([]byte, error) { return r.RunContext(context.Background(), pkg) }

// RunContext is Run, stopped when ctx is done (ErrInterrupted). A program
// that does not compile is a *BuildError, one that fails an *ExitError
// with the end of its standard error; one that runs longer than Timeout
// is ErrTimeout and one that prints more than MaxOutput bytes ErrOutput.
func (r *Runner) RunContext(ctx context.Context, pkg string) ([]byte, error) {
	gocmd, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("running the book's programs needs the go command: %v", err)
	}
	if err := r.makeTree(); err != nil {
		return nil, err
	}
	target := filepath.FromSlash(pkg)
	if !filepath.IsAbs(target) {
		target = "." + string(filepath.Separator) + filepath.Clean(target)
	}
	r.mu.Lock()
	r.n++
	bin := filepath.Join(r.dir, "bin", fmt.Sprintf("prog%d", r.n))
	r.mu.Unlock()
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}

	build := exec.Command(gocmd, "build", "-overlay="+r.overlay, "-o", bin, target)
	build.Dir = r.wd
	build.Env = append(os.Environ(), "GOTMPDIR="+filepath.Join(r.dir, "tmp"))
	var buildOut bytes.Buffer
	build.Stdout, build.Stderr = &buildOut, &buildOut
	if err := runGroup(ctx, build); err != nil {
		if ctx.Err() != nil {
			return nil, ErrInterrupted
		}
		return nil, &BuildError{Output: r.clean(buildOut.String())}
	}

	runCtx, cancel := context.WithCancel(ctx)
	if r.Timeout > 0 {
		runCtx, cancel = context.WithTimeout(ctx, r.Timeout)
	}
	defer cancel()
	prog := exec.Command(bin)
	prog.Dir = r.wd
	stdout := &capped{max: r.MaxOutput, over: cancel}
	stderr := &capped{max: 64 << 10, tail: true}
	prog.Stdout, prog.Stderr = stdout, stderr
	err = runGroup(runCtx, prog)
	switch {
	case stdout.overflow:
		return nil, ErrOutput
	case ctx.Err() != nil:
		return nil, ErrInterrupted
	case errors.Is(runCtx.Err(), context.DeadlineExceeded):
		return nil, ErrTimeout
	case err != nil:
		return nil, &ExitError{Err: err, Stderr: r.clean(lastLines(stderr.buf.String(), 8))}
	}
	return stdout.buf.Bytes(), nil
}

// runGroup runs cmd in a process group of its own and kills the whole
// group when ctx is done, and once cmd has ended, so that nothing it
// started lives on.
func runGroup(ctx context.Context, cmd *exec.Cmd) error {
	setGroup(cmd)
	// Output copied by exec ends when the group is dead; a process that
	// left the group and kept the pipe open cannot hold the build.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			killGroup(cmd.Process)
		case <-done:
		}
	}()
	err := cmd.Wait()
	close(done)
	killGroup(cmd.Process)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	return err
}

// clean removes the runner's directories from a message of the go
// command: paths are relative to the working directory, as the book shows
// them, and never name the build machine's directories.
func (r *Runner) clean(msg string) string {
	if r.dir != "" {
		msg = strings.ReplaceAll(msg, r.dir+string(filepath.Separator), "")
	}
	msg = strings.ReplaceAll(msg, r.wd+string(filepath.Separator), "")
	return strings.TrimSpace(msg)
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	s = strings.TrimSpace(s)
	if lines := strings.Split(s, "\n"); len(lines) > n {
		return strings.Join(lines[len(lines)-n:], "\n")
	}
	return s
}

// capped is a writer that keeps at most max bytes (0: all): the first
// ones, or with tail the last ones. Past max, without tail, it records the
// overflow and calls over.
type capped struct {
	buf      bytes.Buffer
	max      int64
	tail     bool
	overflow bool
	over     func()
}

func (c *capped) Write(p []byte) (int, error) {
	switch {
	case c.max <= 0:
		c.buf.Write(p)
	case c.tail:
		c.buf.Write(p)
		if extra := int64(c.buf.Len()) - c.max; extra > 0 {
			c.buf.Next(int(extra))
		}
	case int64(c.buf.Len())+int64(len(p)) > c.max:
		if !c.overflow {
			c.overflow = true
			c.over()
		}
		return 0, ErrOutput
	default:
		c.buf.Write(p)
	}
	return len(p), nil
}

// Close removes the temporary files.
func (r *Runner) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lock != nil {
		r.lock.Close()
	}
	if r.dir == "" {
		return nil
	}
	return os.RemoveAll(r.dir)
}

// Sweep removes from dir the trees of runners that died without closing:
// gorun-* directories whose lock no live runner holds. Trees of an older
// gorun, which had no lock (overlay.json and numbered .go files only), are
// removed when they are a day old. Nothing else is touched.
func Sweep(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), treePrefix) {
			continue
		}
		tree := filepath.Join(dir, e.Name())
		if _, err := os.Lstat(filepath.Join(tree, lockName)); err == nil {
			if stale(tree) {
				os.RemoveAll(tree)
			}
			continue
		}
		if oldTree(tree) {
			os.RemoveAll(tree)
		}
	}
}

// oldTree reports whether tree is a day-old tree of the gorun before
// locks: only overlay.json and files named N.go.
func oldTree(tree string) bool {
	entries, err := os.ReadDir(tree)
	if err != nil {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		num := strings.TrimSuffix(name, ".go")
		if name != "overlay.json" && (num == name || num == "" || strings.Trim(num, "0123456789") != "" || !e.Type().IsRegular()) {
			return false
		}
	}
	fi, err := os.Stat(tree)
	return err == nil && time.Since(fi.ModTime()) > 24*time.Hour
}
