package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ctml/internal/gorun"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
	"ctml/internal/weave"
)

// The defaults of -run-timeout and -run-max-output.
const (
	defaultRunTimeout = 60 * time.Second
	defaultRunOutput  = 5 << 20
)

func main() {
	// SIGINT and SIGTERM cancel the build: the programs it runs are
	// killed, the temporary files removed, and buildbook then dies of the
	// signal, as the shell or make that started it expects. A second
	// signal stops it at once.
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		cancel(signalled{sig})
		<-sigs
		os.Exit(1)
	}()
	code := runContext(ctx, os.Args[1:], os.Stdout, os.Stderr)
	var s signalled
	if errors.As(context.Cause(ctx), &s) {
		signal.Reset()
		if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(s.sig) == nil {
			time.Sleep(time.Second) // the signal ends the process
		}
		code = 1
	}
	os.Exit(code)
}

// signalled is the cause of a build cancelled by a signal.
type signalled struct{ sig os.Signal }

func (s signalled) Error() string { return s.sig.String() }

// run is the whole command; it returns the exit code: 0 built, 1
// diagnostics, 2 usage.
func run(args []string, stdout, stderr io.Writer) int {
	return runContext(context.Background(), args, stdout, stderr)
}

// runContext is run, cancelled with ctx.
func runContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, code := parseFlags(args, stderr)
	if f == nil {
		return code
	}
	diagrams := filepath.Join(filepath.Dir(f.bookDir), "diagrams")
	if !isDir(diagrams) {
		diagrams = ""
	}
	if err := weave.CheckOutputDir(f.outDir, f.bookDir, diagrams); err != nil {
		fmt.Fprintf(stderr, "buildbook: %v\n", err)
		return 1
	}
	results, err := readTests(f.tests)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}

	// Every manuscript file is read through manuscript.DirFS: a symbolic link
	// that leads outside the book's directories is refused.
	fsys := manuscript.DirFS(f.bookDir, diagrams)
	bk, errs := manuscript.Load(fsys, filepath.ToSlash(f.bookDir))
	if len(errs) > 0 {
		fmt.Fprintln(stderr, errs)
		return 1
	}
	out := &tangle.Output{}
	if f.tangled {
		out, errs = tangle.Render(bk, tangle.Options{Book: f.bookDir, Out: f.chapters, MaxWidth: tangle.MaxWidth})
	}
	opt := weave.Options{Title: f.title, Exclude: inside(f.outDir, f.bookDir), Tests: results}
	if f.tangled && len(errs) == 0 {
		runner, err := gorun.New(out, "")
		if err != nil {
			fmt.Fprintf(stderr, "buildbook: %v\n", err)
			return 1
		}
		defer runner.Close()
		opt.Run = f.figureRunner(ctx, runner)
	}
	// Figures named src=diagrams/NAME.tikzcd live beside the manuscript.
	if diagrams != "" {
		opt.Diagrams, opt.DiagramsPath = manuscript.DirFS(diagrams, f.bookDir), filepath.ToSlash(diagrams)
	}
	site, werrs := weave.Build(bk, out, fsys, opt)
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "buildbook: interrupted: nothing was written\n")
		return 1
	}
	errs = append(errs, werrs...)
	if len(errs) > 0 {
		errs = append(errs, site.Failed...)
		errs.Sort()
		fmt.Fprintln(stderr, errs)
		return 1
	}
	return write(site, f.outDir, f.verbose, stdout, stderr)
}

// flags are buildbook's command line.
type flags struct {
	outDir, bookDir, chapters, title, tests string
	tangled, verbose                        bool
	runTimeout                              time.Duration
	runOutput                               byteSize
}

// parseFlags reads the command line; it returns nil and the exit code if
// buildbook is to stop (-h, or a usage error).
func parseFlags(args []string, stderr io.Writer) (*flags, int) {
	f := &flags{runOutput: defaultRunOutput}
	fl := flag.NewFlagSet("buildbook", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&f.outDir, "o", "_book", "output `dir`ectory")
	fl.StringVar(&f.bookDir, "book", "book", "manuscript `dir`ectory holding SUMMARY.md")
	fl.StringVar(&f.chapters, "chapters", "chapters", "`dir`ectory of the generated packages, as tangle writes them")
	fl.StringVar(&f.title, "title", "", "the book's `title`, instead of the one in SUMMARY.md")
	fl.BoolVar(&f.tangled, "tangle", true, "tangle the Go blocks and link them to the generated files; -tangle=false shows them as they are, for mdBook manuscripts not written in this book's dialect")
	fl.StringVar(&f.tests, "tests", "", "`file` of go test -json results for the chapters' packages, shown in the book (make book writes it); without it the book says the test status is unknown")
	fl.DurationVar(&f.runTimeout, "run-timeout", defaultRunTimeout, "how long a figure's program (![…](run:DIR)) may run, its compilation not included")
	fl.Var(&f.runOutput, "run-max-output", "how much a figure's program may print (`size` in bytes, or with KB, MB or GB: powers of 1024)")
	fl.BoolVar(&f.verbose, "v", false, "list the files written and removed")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: buildbook [flags]\n\nBuildbook weaves the book's Markdown and Go into a static HTML site.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, 0
		}
		return nil, 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "buildbook: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return nil, 2
	}
	if f.runTimeout <= 0 || f.runOutput <= 0 {
		fmt.Fprintf(stderr, "buildbook: -run-timeout and -run-max-output must be positive\n")
		fl.Usage()
		return nil, 2
	}
	return f, 0
}

// readTests reads the -tests file, if one is named.
func readTests(name string) (*testrun.Results, error) {
	if name == "" {
		return nil, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("buildbook: -tests: %v", err)
	}
	defer f.Close()
	return testrun.Read(f, filepath.ToSlash(name))
}

// figureRunner returns the function that runs a figure's program, within
// the limits of the flags, and says which limit stopped it.
func (f *flags) figureRunner(ctx context.Context, runner *gorun.Runner) func(pkg string) ([]byte, error) {
	runner.Timeout, runner.MaxOutput = f.runTimeout, int64(f.runOutput)
	return func(pkg string) ([]byte, error) {
		svg, err := runner.RunContext(ctx, pkg)
		switch {
		case errors.Is(err, gorun.ErrTimeout):
			err = fmt.Errorf("the program did not finish within %v and was stopped (buildbook -run-timeout)", f.runTimeout)
		case errors.Is(err, gorun.ErrOutput):
			err = fmt.Errorf("the program printed more than %v and was stopped (buildbook -run-max-output)", f.runOutput)
		}
		return svg, err
	}
}

// write writes the site into dir, listing the changes if verbose. A
// figure that could not be drawn shows its error in the book, which is
// written all the same; the build fails after it.
func write(site *weave.Site, dir string, verbose bool, stdout, stderr io.Writer) int {
	changes, err := site.Write(dir)
	if verbose {
		for _, c := range changes {
			verb := "wrote"
			if c.Removed {
				verb = "removed"
			}
			fmt.Fprintf(stdout, "%s %s\n", verb, filepath.ToSlash(filepath.Join(dir, c.Path)))
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "buildbook: %v\n", err)
		return 1
	}
	if len(site.Failed) > 0 {
		fmt.Fprintln(stderr, site.Failed)
		return 1
	}
	return 0
}

// byteSize is a flag that takes a size in bytes, or with a suffix KB, MB
// or GB (powers of 1024).
type byteSize int64

var sizeUnits = []struct {
	suffix string
	n      int64
}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}}

func (b byteSize) String() string {
	for _, u := range sizeUnits {
		if int64(b) >= u.n && int64(b)%u.n == 0 {
			return strconv.FormatInt(int64(b)/u.n, 10) + " " + u.suffix
		}
	}
	return strconv.FormatInt(int64(b), 10) + " B"
}

func (b *byteSize) Set(s string) error {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if n, ok := strings.CutSuffix(strings.ToUpper(num), u.suffix); ok {
			num, mult = strings.TrimSpace(n), u.n
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return fmt.Errorf("not a size: %q (write 5MB, 512KB or a number of bytes)", s)
	}
	*b = byteSize(n * mult)
	return nil
}

// inside returns dir relative to parent, slash-separated, if dir lies
// inside parent, and "" otherwise.
func inside(dir, parent string) string {
	d, err1 := filepath.Abs(dir)
	p, err2 := filepath.Abs(parent)
	if err1 != nil || err2 != nil {
		return ""
	}
	rel, err := filepath.Rel(p, d)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// isDir reports whether name is a directory.
func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}
