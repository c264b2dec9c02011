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
	f, code := parseFlags(args, stderr)
	if f == nil {
		return code
	}
	cfg := f.config
	cfg.diagrams = filepath.Join(filepath.Dir(cfg.bookDir), "diagrams")
	if !isDir(cfg.diagrams) {
		cfg.diagrams = ""
	}
	if err := weave.CheckOutputDir(cfg.outDir, cfg.bookDir, cfg.diagrams); err != nil {
		fmt.Fprintf(stderr, "buildbook: %v\n", err)
		return 1
	}
	b := newBuilder(cfg)
	if f.serve {
		return serveBook(ctx, b, f.addr, f.public, stdout, stderr)
	}
	return b.build(ctx).report(cfg, stdout, stderr, "")
}

// flags are buildbook's command line: what to build (config), and
// whether to serve it.
type flags struct {
	config
	serve, public bool
	addr          string
}

// parseFlags reads the command line; it returns nil and the exit code if
// buildbook is to stop (-h, or a usage error).
func parseFlags(args []string, stderr io.Writer) (*flags, int) {
	f := &flags{config: config{runOutput: defaultRunOutput}}
	fl := flag.NewFlagSet("buildbook", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.StringVar(&f.outDir, "o", "_book", "output `dir`ectory")
	fl.StringVar(&f.bookDir, "book", "book", "manuscript `dir`ectory holding SUMMARY.md")
	fl.StringVar(&f.chapters, "chapters", "chapters", "`dir`ectory of the generated packages, as tangle writes them")
	fl.StringVar(&f.title, "title", "", "the book's `title`, instead of the one in SUMMARY.md")
	fl.BoolVar(&f.tangle, "tangle", true, "tangle the Go blocks and link them to the generated files; -tangle=false shows them as they are, for mdBook manuscripts not written in this book's dialect")
	fl.StringVar(&f.tests, "tests", testsRun, "where the chapters' test status comes from: run (go test -json on the chapters' packages, against the tangled files), off, or a `file` of go test -json output")
	fl.DurationVar(&f.runTimeout, "run-timeout", defaultRunTimeout, "how long a figure's program (![…](run:DIR)) may run, its compilation not included")
	fl.Var(&f.runOutput, "run-max-output", "how much a figure's program may print (`size` in bytes, or with KB, MB or GB: powers of 1024)")
	fl.BoolVar(&f.verbose, "v", false, "list the files written and removed")
	fl.BoolVar(&f.serve, "serve", false, "build, serve the book on -addr, and rebuild and reload the open page on every change to the manuscript")
	fl.StringVar(&f.addr, "addr", defaultAddr, "the `address` on which -serve listens: a loopback address unless -public")
	fl.BoolVar(&f.public, "public", false, "let -serve listen on an address that is not a loopback one, for other machines to read the book")
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
	if f.tests == "" {
		fmt.Fprintf(stderr, "buildbook: -tests is run, off or a file\n")
		fl.Usage()
		return nil, 2
	}
	return f, 0
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
