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

	"ctml/internal/book"
	"ctml/internal/gorun"
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
	fl := flag.NewFlagSet("buildbook", flag.ContinueOnError)
	fl.SetOutput(stderr)
	outDir := fl.String("o", "_book", "output `dir`ectory")
	bookDir := fl.String("book", "book", "manuscript `dir`ectory holding SUMMARY.md")
	chapters := fl.String("chapters", "chapters", "`dir`ectory of the generated packages, as tangle writes them")
	title := fl.String("title", "", "the book's `title`, instead of the one in SUMMARY.md")
	tangled := fl.Bool("tangle", true, "tangle the Go blocks and link them to the generated files; -tangle=false shows them as they are, for mdBook manuscripts not written in this book's dialect")
	tests := fl.String("tests", "", "`file` of go test -json results for the chapters' packages, shown in the book (make book writes it); without it the book says the test status is unknown")
	runTimeout := fl.Duration("run-timeout", defaultRunTimeout, "how long a figure's program (![…](run:DIR)) may run, its compilation not included")
	runOutput := byteSize(defaultRunOutput)
	fl.Var(&runOutput, "run-max-output", "how much a figure's program may print (`size` in bytes, or with KB, MB or GB: powers of 1024)")
	verbose := fl.Bool("v", false, "list the files written and removed")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: buildbook [flags]\n\nBuildbook weaves the book's Markdown and Go into a static HTML site.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "buildbook: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return 2
	}
	if *runTimeout <= 0 || runOutput <= 0 {
		fmt.Fprintf(stderr, "buildbook: -run-timeout and -run-max-output must be positive\n")
		fl.Usage()
		return 2
	}

	diagrams := filepath.Join(filepath.Dir(*bookDir), "diagrams")
	if !isDir(diagrams) {
		diagrams = ""
	}
	if err := weave.CheckOutputDir(*outDir, *bookDir, diagrams); err != nil {
		fmt.Fprintf(stderr, "buildbook: %v\n", err)
		return 1
	}

	var results *testrun.Results
	if *tests != "" {
		f, err := os.Open(*tests)
		if err != nil {
			fmt.Fprintf(stderr, "buildbook: -tests: %v\n", err)
			return 1
		}
		results, err = testrun.Read(f, filepath.ToSlash(*tests))
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			return 1
		}
	}

	// Every manuscript file is read through book.DirFS: a symbolic link
	// that leads outside the book's directories is refused.
	fsys := book.DirFS(*bookDir, diagrams)
	bk, errs := book.Load(fsys, filepath.ToSlash(*bookDir))
	if len(errs) > 0 {
		fmt.Fprintln(stderr, errs)
		return 1
	}
	out := &tangle.Output{}
	if *tangled {
		out, errs = tangle.Render(bk, tangle.Options{Book: *bookDir, Out: *chapters, MaxWidth: tangle.MaxWidth})
	}
	opt := weave.Options{Title: *title, Exclude: inside(*outDir, *bookDir), Tests: results}
	if *tangled && len(errs) == 0 {
		runner, err := gorun.New(out, "")
		if err != nil {
			fmt.Fprintf(stderr, "buildbook: %v\n", err)
			return 1
		}
		defer runner.Close()
		runner.Timeout, runner.MaxOutput = *runTimeout, int64(runOutput)
		opt.Run = func(pkg string) ([]byte, error) {
			svg, err := runner.RunContext(ctx, pkg)
			switch {
			case errors.Is(err, gorun.ErrTimeout):
				err = fmt.Errorf("the program did not finish within %v and was stopped (buildbook -run-timeout)", *runTimeout)
			case errors.Is(err, gorun.ErrOutput):
				err = fmt.Errorf("the program printed more than %v and was stopped (buildbook -run-max-output)", runOutput)
			}
			return svg, err
		}
	}
	// Figures named src=diagrams/NAME.tikzcd live beside the manuscript.
	if diagrams != "" {
		opt.Diagrams, opt.DiagramsPath = book.DirFS(diagrams, *bookDir), filepath.ToSlash(diagrams)
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
	// A figure that could not be drawn shows its error in the book, which
	// is written all the same; the build fails after it.
	changes, err := site.Write(*outDir)
	if *verbose {
		for _, c := range changes {
			verb := "wrote"
			if c.Removed {
				verb = "removed"
			}
			fmt.Fprintf(stdout, "%s %s\n", verb, filepath.ToSlash(filepath.Join(*outDir, c.Path)))
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
