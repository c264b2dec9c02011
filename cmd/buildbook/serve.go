package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"ctml/internal/gorun"
	"ctml/internal/lit"
	"ctml/internal/manuscript"
	"ctml/internal/serve"
)

// quiet is how long the manuscript must stay unchanged before a rebuild:
// an editor's save is often several writes and a rename.
const quiet = 20 * time.Millisecond

// serveBook builds the book, serves it on addr and rebuilds it on every
// change to what it is made of, until ctx is done. It prints the closing
// line of each build (its errors on stderr) and returns the exit code.
func serveBook(ctx context.Context, b *builder, addr string, public bool, stdout, stderr io.Writer) int {
	if !public && !serve.IsLoopback(addr) {
		fmt.Fprintf(stderr, "buildbook: -serve listens on a loopback address (127.0.0.1:3000, [::1]:3000, localhost:3000), not %s; -public lets other machines read the book\n", addr)
		return 2
	}
	w, err := newWatcher(b.cfg)
	if err != nil {
		fmt.Fprintf(stderr, "buildbook: watching the manuscript: %v\n", err)
		return 1
	}
	defer w.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "buildbook: %v\n", err)
		return 1
	}
	srv := serve.New()
	srv.Public = public
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	defer func() {
		srv.Close()
		shut, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		hs.Shutdown(shut)
	}()
	url := "http://" + ln.Addr().String() + "/"

	b.async = true
	defer b.close()
	b.retested = make(chan struct{}, 1)
	s := &session{b: b, srv: srv, w: w, url: url, stdout: stdout, stderr: stderr}
	s.rebuild(ctx)
	fmt.Fprintf(stdout, "buildbook: serving %s on %s, rebuilding on every change (Ctrl-C stops)\n", filepath.ToSlash(b.cfg.outDir), url)
	return s.loop(ctx)
}

// session is one run of buildbook -serve.
type session struct {
	b      *builder
	srv    *serve.Server
	w      *watcher
	url    string
	stdout io.Writer
	stderr io.Writer
	pages  map[string]string // manuscript page, as in messages -> its source page in the site
}

// loop rebuilds after each burst of changes, and when the tests of a
// build are done, until ctx is done.
func (s *session) loop(ctx context.Context) int {
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return 0
		case ev, ok := <-s.w.Events:
			if !ok {
				return 0
			}
			rebuild, retest := s.w.classify(ev)
			if retest {
				s.b.forgetTests()
			}
			if rebuild {
				timer = time.After(quiet)
			}
		case err, ok := <-s.w.Errors:
			if ok {
				fmt.Fprintf(s.stderr, "buildbook: watching the manuscript: %v\n", err)
			}
		case <-timer:
			timer = nil
			s.rebuild(ctx)
		case <-s.b.retested:
			s.rebuild(ctx)
		}
	}
}

// rebuild builds the book and shows the result: the new site, or the
// errors in place of every page.
func (s *session) rebuild(ctx context.Context) {
	o := s.b.build(ctx)
	if ctx.Err() != nil {
		return
	}
	cfg := s.b.cfg
	o.report(cfg, s.stdout, s.stderr, s.url)
	s.w.add(o.deps)
	if o.bk != nil {
		s.pages = map[string]string{}
		for _, p := range o.bk.Pages {
			s.pages[path.Join(o.bk.Dir, p.Path)] = "source/book/" + p.Path + ".html"
		}
	}
	if o.written() {
		files := make([]serve.File, len(o.site.Files))
		for i, f := range o.site.Files {
			files[i] = serve.File{Path: f.Path, Data: f.Data}
		}
		s.srv.Update(files)
		return
	}
	title := cfg.title
	if o.bk != nil {
		title = cmp.Or(title, o.bk.Title)
	}
	var problems []serve.Problem
	errs := o.errs
	if o.fatal != "" {
		errs = append(slices.Clone(errs), &lit.Error{Msg: o.fatal})
	}
	for _, e := range errs {
		p := serve.Problem{File: e.Pos.File, Line: e.Pos.Line, Msg: e.Msg}
		if e.Pos.File != "" {
			p.Pos = e.Pos.String()
		}
		problems = append(problems, p)
	}
	s.srv.Fail(title, problems, func(file string) string {
		if src, ok := s.pages[file]; ok && s.srv.Has(src) {
			return src
		}
		return ""
	})
}

// watcher watches what the book is made of: the manuscript and diagrams
// directories with their subdirectories, book.toml, the module's go.mod
// and go.sum, and the directories of the module's packages that the
// book's programs and tests build.
type watcher struct {
	*fsnotify.Watcher
	cfg      config
	trees    []string // the manuscript and diagrams directories, absolute
	outDir   string   // absolute
	top      []string // directories where only some names count: book.toml's, the module root
	watched  map[string]bool
	packages map[string]bool // the directories of packages outside the manuscript
}

func newWatcher(cfg config) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{Watcher: fw, cfg: cfg, watched: map[string]bool{}, packages: map[string]bool{}}
	w.outDir, _ = filepath.Abs(cfg.outDir)
	for _, dir := range []string{cfg.bookDir, cfg.diagrams} {
		if dir == "" {
			continue
		}
		abs, err := filepath.Abs(dir)
		if err != nil {
			fw.Close()
			return nil, err
		}
		w.trees = append(w.trees, abs)
		if err := w.addTree(abs); err != nil {
			fw.Close()
			return nil, err
		}
	}
	if len(w.trees) > 0 {
		w.top = append(w.top, filepath.Dir(w.trees[0]))
	}
	if root := gorun.ModuleRoot("."); root != "" {
		w.top = append(w.top, root)
	}
	for _, d := range w.top {
		w.watch(d)
	}
	return w, nil
}

// watch adds dir, once; a directory that cannot be watched is skipped.
func (w *watcher) watch(dir string) {
	if w.watched[dir] {
		return
	}
	if err := w.Add(dir); err == nil {
		w.watched[dir] = true
	}
}

// addTree watches dir and its subdirectories, hidden ones and the output
// directory excepted.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == dir {
				return err
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if name != dir && (strings.HasPrefix(d.Name(), ".") || name == w.outDir) {
			return filepath.SkipDir
		}
		w.watch(name)
		return nil
	})
}

// add watches the directories of the packages the last build used.
func (w *watcher) add(dirs []string) {
	for _, d := range dirs {
		if !w.inTrees(d) {
			w.watch(d)
			w.packages[d] = true
		}
	}
}

// inTrees reports whether name lies in the manuscript or diagrams
// directory.
func (w *watcher) inTrees(name string) bool {
	for _, t := range w.trees {
		if name == t || strings.HasPrefix(name, t+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// classify says whether ev changes the book (rebuild) and whether it
// changes code the tests build that the manuscript does not hold
// (retest), and watches a directory it created in the manuscript.
func (w *watcher) classify(ev fsnotify.Event) (rebuild, retest bool) {
	name := filepath.Clean(ev.Name)
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || name == w.outDir || strings.HasPrefix(name, w.outDir+string(filepath.Separator)) {
		return false, false
	}
	if w.inTrees(name) {
		if ev.Has(fsnotify.Create) {
			if fi, err := os.Stat(name); err == nil && fi.IsDir() {
				_ = w.addTree(name)
			}
		}
		return true, false
	}
	dir := filepath.Dir(name)
	if slices.Contains(w.top, dir) {
		switch base {
		case manuscript.ConfigFile:
			return true, false
		case "go.mod", "go.sum", "go.work":
			return true, true
		}
	}
	if w.packages[dir] {
		return true, true
	}
	return false, false
}
