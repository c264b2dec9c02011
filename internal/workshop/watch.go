package workshop

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long watch waits after a change before it checks:
// editors write a file in several steps (truncate, write, rename).
const settle = 150 * time.Millisecond

// Watch checks the current exercise (the first not done, the first core
// one with core set), then again whenever a Go file of the practice copy
// is saved: the exercise of the saved file if it is an exercise file,
// else the current one. When the current exercise passes it moves to the
// next; when every exercise is done it returns. Lines read from in are
// commands: h for the current exercise's hint, l for the list, q to
// quit. It returns when ctx is done, without an error.
func (r *Runner) Watch(ctx context.Context, in io.Reader, core bool) error {
	w, err := watchDirs(r.Root)
	if err != nil {
		return err
	}
	defer w.Close()
	byFile := map[string]*Exercise{}
	for _, e := range r.M.Exercises {
		byFile[filepath.Clean(r.path(e))] = e
	}
	keys := readKeys(ctx, in)

	p, err := loadProgress(r.Root)
	if err != nil {
		return err
	}
	cur := r.current(r.states(p), core)
	if cur == nil {
		fmt.Fprintf(r.Stdout, "Every exercise is done. %s\n", r.progressLine(r.states(p)))
		return nil
	}
	fmt.Fprint(r.Stdout, "Watching the practice copy: every save checks again (h, then Enter: a hint; l: the list; q: quit).\n\n")
	r.describe(cur)
	fmt.Fprintln(r.Stdout)

	// run checks e and reports whether the watch is over.
	run := func(e *Exercise) (bool, error) {
		p, err := loadProgress(r.Root)
		if err != nil {
			return false, err
		}
		res, err := r.check(ctx, p, e)
		if err != nil {
			return false, err
		}
		r.report(res, true)
		states := r.states(p)
		if res.Passed && e == cur {
			cur = r.current(states, core)
			if cur == nil {
				fmt.Fprintf(r.Stdout, "Every exercise is done. %s\n", r.progressLine(states))
				return true, nil
			}
			fmt.Fprintf(r.Stdout, "%s\n\n", r.progressLine(states))
			r.describe(cur)
			fmt.Fprintln(r.Stdout)
			return false, nil
		}
		fmt.Fprintf(r.Stdout, "%s\n\n", r.progressLine(states))
		return false, nil
	}
	if over, err := run(cur); over || err != nil {
		return ignoreCanceled(ctx, err)
	}

	var timer <-chan time.Time
	changed := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(r.Stderr, "workshop: watch: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.Add(ev.Name)
				}
			}
			if !strings.HasSuffix(ev.Name, ".go") || !ev.Has(fsnotify.Write|fsnotify.Create|fsnotify.Rename) {
				continue
			}
			changed[filepath.Clean(ev.Name)] = true
			timer = time.After(settle)
		case <-timer:
			timer = nil
			target := cur
			for name := range changed {
				if e := byFile[name]; e != nil {
					target = e
				}
			}
			clear(changed)
			over, err := run(target)
			if over || err != nil {
				return ignoreCanceled(ctx, err)
			}
		case k := <-keys:
			if quit, err := r.key(k, cur); quit || err != nil {
				return err
			}
		}
	}
}

// watchDirs watches every directory of the practice copy at root but the
// runner's own and hidden ones: the checks write nothing there but rapid's
// failure files.
func watchDirs(root string) (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
	if err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// readKeys sends the lines read from in, trimmed, until ctx is done; in
// may be nil.
func readKeys(ctx context.Context, in io.Reader) <-chan string {
	keys := make(chan string)
	if in != nil {
		go func() {
			sc := bufio.NewScanner(in)
			for sc.Scan() {
				select {
				case keys <- strings.TrimSpace(sc.Text()):
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	return keys
}

// key runs the command k of the watch: h a hint for the current exercise,
// l the list, q quit.
func (r *Runner) key(k string, cur *Exercise) (quit bool, err error) {
	switch k {
	case "q":
		return true, nil
	case "h":
		if err := r.Hint(cur.ID); err != nil && err != ErrReported {
			return false, err
		}
		fmt.Fprintln(r.Stdout)
	case "l":
		if err := r.List(); err != nil {
			return false, err
		}
	}
	return false, nil
}

func ignoreCanceled(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}
