package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"ctml/internal/disk"
	"ctml/internal/gorun"
	"ctml/internal/lit"
	"ctml/internal/manuscript"
	"ctml/internal/memo"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
	"ctml/internal/weave"
)

// The values of -tests that are not files.
const (
	testsRun = "run" // run go test -json on the chapters' packages (the default)
	testsOff = "off" // do not: the chapters say their status is unknown
)

// config is what the flags ask for.
type config struct {
	outDir, bookDir, chapters, title, tests string
	tangle                                  bool
	runTimeout                              time.Duration
	runOutput                               byteSize
	verbose                                 bool
	diagrams                                string // the diagrams directory beside the manuscript; "" if none
}

// builder builds the book. What it keeps between builds (buildbook
// -serve) is what need not be redone: the figures' outputs by the keys of
// their programs, and the test results by the tangled files.
type builder struct {
	cfg      config
	figCache *gorun.Cache // on disk, between runs; nil if there is none
	fsys     fs.FS        // the manuscript; nil for manuscript.DirFS(cfg.bookDir, cfg.diagrams)

	// With async (buildbook -serve), go test runs beside the builds: a
	// build whose tangled files have no results yet shows the chapters'
	// status as unknown, and retested is signalled when the results are
	// there, for the next build to show them.
	async    bool
	retested chan struct{}
	testing  [32]byte // the key of the files go test is running on
	runner   *gorun.Runner
	runnerOf [32]byte // the key of the files of runner

	// What the weave and tangle computed, kept for the next build when
	// they are asked to (buildbook -serve): see package ctml/internal/memo.
	woven     *weave.Memo // read from the cache directory at the first build
	pagesFile string      // where woven is kept between runs; "" if nowhere
	formatted *memo.Cache[[]byte]
	code      *weave.CodeStore // read from the cache directory at the first build
	codeFile  string           // where it is kept; "" if nowhere
	fmtFile   string           // where formatted is kept between runs; "" if nowhere
	fmtPuts   int              // formatted.Puts() when it was last read or written

	mu      sync.Mutex
	figures map[string]figure // by the key of the program
	tested  struct {
		key     [32]byte // of the tangled files the results are for
		done    bool
		results *testrun.Results
		note    string // why there are no results
	}
}

func newBuilder(cfg config) *builder {
	return &builder{cfg: cfg, figCache: gorun.OpenCache(cacheDir()), figures: map[string]figure{}}
}

// figure is what a figure's program printed, or how it failed.
type figure struct {
	svg []byte
	err error
}

// outcome is what one build did.
type outcome struct {
	bk      *manuscript.Book // nil if SUMMARY.md could not be read
	out     *tangle.Output
	site    *weave.Site
	errs    lit.ErrorList // errors that stopped the build: nothing was written
	failed  lit.ErrorList // figures that could not be drawn: the book was written
	fatal   string        // a failure that is not about the manuscript ("buildbook: …")
	changes []weave.Change

	tests     *testrun.Results // nil if the tests were not run or read
	testsNote string           // why there are no results
	figures   int              // figures drawn by programs
	deps      []string         // the directories of module packages that figures and tests build (with async)
	elapsed   time.Duration
	pages     int

	upToDate bool              // nothing changed since the last run: nothing was done (see stamp)
	depKeys  map[string][]byte // dirKey of the package directories of the figures, hashed before they were built
}

// ok reports whether the book was written without error.
func (o *outcome) ok() bool { return len(o.errs) == 0 && len(o.failed) == 0 && o.fatal == "" }

// written reports whether the site was written, figures that failed
// included.
func (o *outcome) written() bool { return len(o.errs) == 0 && o.fatal == "" }

// build builds the book once. Errors are mapped to where their text was
// written (manuscript.Book.Origin) and sorted.
func (b *builder) build(ctx context.Context) *outcome {
	start := time.Now()
	var inputs []byte
	if !b.async {
		var o *outcome
		if o, inputs = b.upToDate(start); o != nil {
			return o
		}
	}
	o := b.buildOnce(ctx)
	if !b.async {
		b.saveStamp(o, inputs)
	}
	o.elapsed = time.Since(start)
	if o.bk != nil {
		o.errs = o.bk.MapErrors(o.errs)
		o.failed = o.bk.MapErrors(o.failed)
	}
	return o
}

func (b *builder) buildOnce(ctx context.Context) *outcome {
	cfg := b.cfg
	o := &outcome{depKeys: map[string][]byte{}}
	tomlCfg, errs := manuscript.LoadConfig(cfg.bookDir)
	if len(errs) > 0 {
		o.errs = errs
		return o
	}
	var results *testrun.Results
	switch cfg.tests {
	case testsRun, testsOff:
	default:
		var err error
		if results, err = readTests(cfg.tests); err != nil {
			o.fatal = err.Error()
			return o
		}
	}

	// Every manuscript file is read through manuscript.DirFS: a symbolic
	// link that leads outside the book's directories is refused.
	fsys := b.fsys
	if fsys == nil {
		fsys = manuscript.DirFS(cfg.bookDir, cfg.diagrams)
	}
	bk, errs := manuscript.Load(fsys, filepath.ToSlash(cfg.bookDir))
	o.bk = bk
	if bk != nil {
		o.pages = len(bk.Pages)
	}
	if len(errs) > 0 {
		o.errs = errs
		o.bk = nil // Load's errors are mapped already
		return o
	}
	if tomlCfg != nil {
		// mdBook takes the title from book.toml, never from SUMMARY.md.
		bk.Title = ""
	}
	out := &tangle.Output{}
	if cfg.tangle {
		b.openFormatted()
		b.formatted.Next()
		out, errs = tangle.Render(bk, tangle.Options{Book: cfg.bookDir, Out: cfg.chapters, Formatted: b.formatted,
			MaxWidth: tangle.MaxWidth})
		b.saveFormatted()
	}
	o.out = out
	b.openCode()
	defer b.saveCode()
	b.openPages()
	defer b.savePages(o)
	opt := weave.Options{Exclude: inside(cfg.outDir, cfg.bookDir), Tests: results, Memo: b.woven, Code: b.code}
	opt.Title = cfg.title
	if tomlCfg != nil {
		opt.Title = cmp.Or(cfg.title, tomlCfg.Title)
		opt.Authors, opt.Language, opt.Description = tomlCfg.Authors, tomlCfg.Language, tomlCfg.Description
	}
	if cfg.tangle && len(errs) == 0 {
		release, err := b.runPrograms(ctx, o, out, &opt)
		if err != nil {
			o.fatal = fmt.Sprintf("buildbook: %v", err)
			return o
		}
		defer release()
	}
	switch {
	case cfg.tests == testsOff:
		o.testsNote = "built with -tests=off"
	case cfg.tests == testsRun && len(errs) > 0:
		o.testsNote = "the book does not tangle"
	}
	if opt.Tests == nil && o.testsNote != "" {
		opt.NoTests = html.EscapeString(o.testsNote)
	}
	o.tests = opt.Tests
	// Figures named src=diagrams/NAME.tikzcd live beside the manuscript.
	if cfg.diagrams != "" {
		opt.Diagrams, opt.DiagramsPath = manuscript.DirFS(cfg.diagrams, cfg.bookDir), filepath.ToSlash(cfg.diagrams)
	}
	b.weave(ctx, o, bk, out, fsys, opt, errs)
	return o
}

// readTests reads the results of go test -json in the file name.
func readTests(name string) (*testrun.Results, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("buildbook: -tests: %v", err)
	}
	defer f.Close()
	return testrun.Read(f, filepath.ToSlash(name))
}

// runPrograms sets up the programs of a build of out: the figures'
// programs (opt.Run) and, with -tests=run, go test, whose results go into
// opt.Tests. It returns the function that releases the runner.
func (b *builder) runPrograms(ctx context.Context, o *outcome, out *tangle.Output, opt *weave.Options) (func(), error) {
	runner, release, err := b.runnerFor(out)
	if err != nil {
		return nil, err
	}
	runner.Timeout, runner.MaxOutput = b.cfg.runTimeout, int64(b.cfg.runOutput)
	if b.cfg.tests == testsRun {
		opt.Tests, o.testsNote = b.runTests(ctx, runner, out)
	}
	if b.async {
		o.deps, _ = runner.Deps(packageDirs(out), true)
	}
	stamping := !b.async && b.stampFile() != ""
	opt.Run = func(pkg string) ([]byte, error) {
		o.figures++
		if stamping {
			// Before the figure's key reads them (see stamp).
			deps, err := runner.Deps([]string{pkg}, false)
			if err != nil {
				o.depKeys[pkg] = nil // no stamp
			}
			for _, dir := range deps {
				if _, ok := o.depKeys[dir]; !ok {
					o.depKeys[dir] = dirKey(dir)
				}
			}
		}
		if b.async {
			if deps, err := runner.Deps([]string{pkg}, false); err == nil {
				o.deps = append(o.deps, deps...)
			}
		}
		return b.runFigure(ctx, runner, pkg)
	}
	return release, nil
}

// weave builds the site of bk and out, with errs the errors so far, and
// writes it unless there are errors.
func (b *builder) weave(ctx context.Context, o *outcome, bk *manuscript.Book, out *tangle.Output, fsys fs.FS, opt weave.Options, errs lit.ErrorList) {
	site, werrs := weave.Build(bk, out, fsys, opt)
	o.site = site
	if ctx.Err() != nil {
		o.fatal = "buildbook: interrupted: nothing was written"
		return
	}
	errs = append(errs, werrs...)
	if len(errs) > 0 {
		o.errs = append(errs, site.Failed...)
		return
	}
	// A figure that could not be drawn shows its error in the book, which
	// is written all the same; the build fails after it.
	o.failed = site.Failed
	changes, err := site.Write(b.cfg.outDir)
	o.changes = changes
	if err != nil {
		o.fatal = fmt.Sprintf("buildbook: %v", err)
	}
}

// cacheDir returns buildbook's cache directory: BUILDBOOK_CACHE, or
// ctml-buildbook in the user's cache directory; "" for none
// (BUILDBOOK_CACHE=off).
func cacheDir() string {
	switch dir := os.Getenv("BUILDBOOK_CACHE"); dir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		return filepath.Join(base, "ctml-buildbook")
	default:
		return dir
	}
}

// cacheFile returns the file of the cache directory, in subdirectory
// kind, that holds what is kept for this manuscript; "" if there is no
// cache directory.
func (b *builder) cacheFile(kind string) string {
	dir := cacheDir()
	abs, err := filepath.Abs(b.cfg.bookDir)
	if dir == "" || err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(abs + "\x00" + runtime.Version()))
	return filepath.Join(dir, kind, fmt.Sprintf("%x.gob", sum[:12]))
}

// openFormatted reads, at the first build, what go/format made of the
// tangled files in the last run (for the Go that built buildbook).
func (b *builder) openFormatted() {
	if b.formatted != nil {
		return
	}
	b.formatted = &memo.Cache[[]byte]{}
	if b.fmtFile = b.cacheFile("format"); b.fmtFile == "" {
		return
	}
	if f, err := os.Open(b.fmtFile); err == nil {
		b.formatted.Read(f)
		f.Close()
	}
	b.fmtPuts = b.formatted.Puts()
}

// saveFormatted writes what go/format made, if it made something new.
func (b *builder) saveFormatted() {
	if b.fmtFile == "" || b.formatted.Puts() == b.fmtPuts {
		return
	}
	b.fmtPuts = b.formatted.Puts()
	writeCache(b.fmtFile, b.formatted.Write)
}

// writeCache writes a file of the cache directory atomically (package
// disk); a failure is ignored: it is only a cache.
func writeCache(name string, write func(io.Writer) error) {
	if os.MkdirAll(filepath.Dir(name), 0o755) != nil {
		return
	}
	_ = disk.WriteFileFunc(name, ".tmp-*", write)
}

// openPages reads, at the first build, the pages this program rendered
// in its last run on this manuscript (weave.ReadMemo), so that a build
// after no edit, or after an edit to one page, renders only what changed.
func (b *builder) openPages() {
	if b.woven != nil {
		return
	}
	b.woven = &weave.Memo{}
	if b.pagesFile = b.cacheFile("pages"); b.pagesFile == "" {
		return
	}
	if data, err := os.ReadFile(b.pagesFile); err == nil {
		b.woven = weave.ReadMemo(data)
	}
}

// savePages writes the pages for the next run, after a build that wrote
// the book and rendered something new. With -serve, which keeps them in
// memory, only the first build does: a rebuild need not wait for it.
func (b *builder) savePages(o *outcome) {
	if b.pagesFile == "" || !o.written() || !b.woven.Changed() {
		return
	}
	writeCache(b.pagesFile, b.woven.Write)
	b.pagesFile = ""
}

// openCode reads, at the first build, the code that chroma highlighted
// for this manuscript in the last run.
func (b *builder) openCode() {
	if b.code != nil {
		return
	}
	b.code = &weave.CodeStore{}
	if b.codeFile = b.cacheFile("code"); b.codeFile == "" {
		return
	}
	if f, err := os.Open(b.codeFile); err == nil {
		b.code = weave.ReadCodeStore(f)
		f.Close()
	}
}

// saveCode writes the code highlighted by chroma for the next run, if it
// changed. A failure is ignored: it is only a cache.
func (b *builder) saveCode() {
	if b.codeFile == "" || !b.code.Changed() {
		return
	}
	writeCache(b.codeFile, b.code.Write)
}

// outKey hashes the tangled files.
func outKey(out *tangle.Output) [32]byte {
	h := sha256.New()
	for _, f := range out.Files {
		fmt.Fprintf(h, "%s %d\n", f.Path, len(f.Data))
		h.Write(f.Data)
	}
	var key [32]byte
	copy(key[:], h.Sum(nil))
	return key
}

// runnerFor returns a runner of the files of out and the function that
// releases it. With async (buildbook -serve), the runner is kept for the
// next build while the files stay the same.
func (b *builder) runnerFor(out *tangle.Output) (*gorun.Runner, func(), error) {
	if !b.async {
		r, err := gorun.New(out, "")
		if err != nil {
			return nil, nil, err
		}
		return r, func() { r.Close() }, nil
	}
	key := outKey(out)
	if b.runner != nil && b.runnerOf == key {
		return b.runner, func() {}, nil
	}
	b.close()
	r, err := gorun.New(out, "")
	if err != nil {
		return nil, nil, err
	}
	b.runner, b.runnerOf = r, key
	return r, func() {}, nil
}

// close removes the runner kept between builds.
func (b *builder) close() {
	if b.runner != nil {
		b.runner.Close()
		b.runner = nil
	}
}

// runTests runs go test -json on the packages tangled from the book, or
// returns the results of the last run if the tangled files are the same.
// It returns why there are no results when there are none.
func (b *builder) runTests(ctx context.Context, runner *gorun.Runner, out *tangle.Output) (*testrun.Results, string) {
	key := outKey(out)
	dirs := packageDirs(out)
	b.mu.Lock()
	if b.tested.done && b.tested.key == key {
		defer b.mu.Unlock()
		return b.tested.results, b.tested.note
	}
	b.mu.Unlock()
	if len(dirs) == 0 {
		return nil, "" // no Go code, no tests
	}
	if b.async {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.testing != key {
			b.testing = key
			go b.testInBackground(ctx, out, key)
		}
		return nil, "go test is running; the page reloads with its results"
	}
	return b.test(ctx, runner, out, key)
}

// testInBackground runs the tests of out with a runner of its own, and
// signals b.retested when their results are kept.
func (b *builder) testInBackground(ctx context.Context, out *tangle.Output, key [32]byte) {
	runner, err := gorun.New(out, "")
	if err != nil {
		return
	}
	defer runner.Close()
	b.test(ctx, runner, out, key)
	select {
	case b.retested <- struct{}{}:
	default:
	}
}

// test runs go test on the packages of out, whose key is key, and keeps
// the results.
func (b *builder) test(ctx context.Context, runner *gorun.Runner, out *tangle.Output, key [32]byte) (*testrun.Results, string) {
	results, note := runTestsOnce(ctx, runner, out)
	if ctx.Err() != nil {
		return results, note // interrupted: nothing to keep
	}
	b.mu.Lock()
	b.tested.key, b.tested.done, b.tested.results, b.tested.note = key, true, results, note
	b.mu.Unlock()
	return results, note
}

// runTestsOnce runs go test on the packages of out and returns the
// results, or why there are none.
func runTestsOnce(ctx context.Context, runner *gorun.Runner, out *tangle.Output) (*testrun.Results, string) {
	events, err := runner.Test(ctx, packageDirs(out))
	switch {
	case errors.Is(err, gorun.ErrNoModule):
		return nil, "go test not run: the book's packages are in no Go module"
	case err != nil:
		return nil, "go test not run: " + err.Error()
	case len(events) == 0:
		return nil, "go test not run: none of the book's packages is on disk yet (go run ./cmd/tangle writes them)"
	}
	results, err := testrun.Read(bytes.NewReader(events), "go test -json")
	if err != nil {
		return nil, "go test: " + err.Error()
	}
	return results, ""
}

// forgetTests drops the results kept, for the next build to run the
// tests again: code they build changed outside the manuscript.
func (b *builder) forgetTests() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.tested.done = false
	b.testing = [32]byte{}
}

// packageDirs returns the directories of the tangled files, each once.
func packageDirs(out *tangle.Output) []string {
	var dirs []string
	for _, f := range out.Files {
		if d := path.Dir(f.Path); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// runFigure runs the program of a figure, or returns its output of an
// earlier run whose program read the same files (gorun.Runner.Key).
func (b *builder) runFigure(ctx context.Context, runner *gorun.Runner, pkg string) ([]byte, error) {
	key, kerr := runner.Key(pkg)
	id := filepath.Join(runner.Dir(), filepath.FromSlash(pkg))
	if kerr == nil {
		b.mu.Lock()
		fig, ok := b.figures[key]
		b.mu.Unlock()
		if ok {
			return fig.svg, fig.err
		}
		if svg, ok := b.figCache.Get(id, key); ok {
			b.remember(key, figure{svg: svg})
			return svg, nil
		}
	}
	svg, err := runner.RunContext(ctx, pkg)
	var be *gorun.BuildError
	var ee *gorun.ExitError
	switch {
	case errors.Is(err, gorun.ErrTimeout):
		err = fmt.Errorf("the program did not finish within %v and was stopped (buildbook -run-timeout)", b.cfg.runTimeout)
	case errors.Is(err, gorun.ErrOutput):
		err = fmt.Errorf("the program printed more than %v and was stopped (buildbook -run-max-output)", b.cfg.runOutput)
	case kerr != nil:
	case err == nil:
		b.remember(key, figure{svg: svg})
		b.figCache.Put(id, key, svg)
	case errors.As(err, &be), errors.As(err, &ee):
		// The same code fails the same way: not again in this process
		// (buildbook -serve), but again in the next one.
		b.remember(key, figure{err: err})
	}
	return svg, err
}

// remember keeps a figure's output for the builds that follow, the last
// few only.
func (b *builder) remember(key string, fig figure) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.figures) > 64 {
		clear(b.figures)
	}
	b.figures[key] = fig
}

// report prints what a build did: the errors on stderr; with -v the
// files written and removed; and, when the book was written, one line
// that says what it holds and where to open it (at, or the index page).
// It returns the exit code.
func (o *outcome) report(cfg config, stdout, stderr io.Writer, at string) int {
	if o.fatal != "" && len(o.errs) == 0 {
		if cfg.verbose {
			o.listChanges(cfg, stdout)
		}
		fmt.Fprintln(stderr, o.fatal)
		return 1
	}
	if len(o.errs) > 0 {
		fmt.Fprintln(stderr, o.errs)
		return 1
	}
	if cfg.verbose {
		o.listChanges(cfg, stdout)
	}
	if len(o.failed) > 0 {
		fmt.Fprintln(stderr, o.failed)
	}
	fmt.Fprintln(stdout, o.summary(cfg, at))
	if len(o.failed) > 0 {
		return 1
	}
	return 0
}

// listChanges prints the files written and removed.
func (o *outcome) listChanges(cfg config, w io.Writer) {
	for _, c := range o.changes {
		verb := "wrote"
		if c.Removed {
			verb = "removed"
		}
		fmt.Fprintf(w, "%s %s\n", verb, filepath.ToSlash(filepath.Join(cfg.outDir, c.Path)))
	}
}

// summary is the line that ends a build: pages, figures, tests, time,
// and where to open the book.
func (o *outcome) summary(cfg config, at string) string {
	var parts []string
	parts = append(parts, plural(o.pages, "page"))
	if o.figures > 0 {
		parts = append(parts, plural(o.figures, "figure"))
	}
	if n := len(o.failed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d failed", n))
	}
	if t := o.testSummary(); t != "" {
		parts = append(parts, t)
	}
	if o.upToDate {
		parts = append(parts, "up to date")
	}
	parts = append(parts, o.elapsed.Round(time.Millisecond).String())
	if at == "" {
		at = filepath.ToSlash(filepath.Join(cfg.outDir, "index.html"))
	}
	return "buildbook: " + strings.Join(parts, ", ") + ": " + at
}

// testSummary says what the tests did: "312 of 314 tests passed".
func (o *outcome) testSummary() string {
	if o.tests == nil {
		return o.testsNote
	}
	var passed, total int
	for _, p := range o.tests.Packages {
		tests, examples := p.Count()
		passed += tests.Passed + examples.Passed
		total += tests.Total() + examples.Total()
	}
	s := fmt.Sprintf("%d of %s passed", passed, plural(total, "test"))
	if failed := failedPackages(o.tests); failed > 0 {
		s += fmt.Sprintf(" (%s failed)", plural(failed, "package"))
	}
	return s
}

// failedPackages counts the packages that failed or did not build.
func failedPackages(r *testrun.Results) int {
	n := 0
	for _, p := range r.Packages {
		if p.Path != "" && (p.Action == "fail" || p.BuildFailed) {
			n++
		}
	}
	return n
}

// plural writes n and noun, with an s if n is not 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
