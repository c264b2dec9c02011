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
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ctml/internal/weave"
)

// The defaults of -run-timeout, -run-max-output and -addr.
const (
	defaultRunTimeout = 60 * time.Second
	defaultRunOutput  = 5 << 20
	defaultAddr       = "127.0.0.1:3000"
)

func main() {
	// A build is short and allocates much: collect less often.
	debug.SetGCPercent(400)
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
	tests := fl.String("tests", testsRun, "where the chapters' test status comes from: run (go test -json on the chapters' packages, against the tangled files), off, or a `file` of go test -json output")
	runTimeout := fl.Duration("run-timeout", defaultRunTimeout, "how long a figure's program (![…](run:DIR)) may run, its compilation not included")
	runOutput := byteSize(defaultRunOutput)
	fl.Var(&runOutput, "run-max-output", "how much a figure's program may print (`size` in bytes, or with KB, MB or GB: powers of 1024)")
	verbose := fl.Bool("v", false, "list the files written and removed")
	serve := fl.Bool("serve", false, "build, serve the book on -addr, and rebuild and reload the open page on every change to the manuscript")
	addr := fl.String("addr", defaultAddr, "the `address` on which -serve listens: a loopback address unless -public")
	public := fl.Bool("public", false, "let -serve listen on an address that is not a loopback one, for other machines to read the book")
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
	if *tests == "" {
		fmt.Fprintf(stderr, "buildbook: -tests is run, off or a file\n")
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
	cfg := config{
		outDir: *outDir, bookDir: *bookDir, chapters: *chapters, title: *title, tests: *tests,
		tangle: *tangled, runTimeout: *runTimeout, runOutput: runOutput, verbose: *verbose, diagrams: diagrams,
	}
	b := newBuilder(cfg)
	if *serve {
		return serveBook(ctx, b, *addr, *public, stdout, stderr)
	}
	return b.build(ctx).report(cfg, stdout, stderr, "")
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
