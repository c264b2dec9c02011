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
	"slices"
	"syscall"

	"ctml/internal/lit"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit code: 0 in sync or
// written, 1 diagnostics, 2 usage.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tangle", flag.ContinueOnError)
	fl.SetOutput(stderr)
	bookDir := fl.String("book", "book", "manuscript `dir`ectory holding SUMMARY.md")
	outDir := fl.String("out", "chapters", "`dir`ectory of the generated packages")
	check := fl.Bool("check", false, "write nothing; report files out of sync with the book and exit 1 if any")
	lines := fl.Bool("lines", true, "write //line directives mapping Go lines to the Markdown (turn off for coverage runs)")
	force := fl.Bool("force", false, "overwrite generated files that were edited by hand")
	verbose := fl.Bool("v", false, "list the files written and removed")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: tangle [flags]\n\nTangle writes the Go blocks of the book's Markdown into packages, one per chapter.\n\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "tangle: unexpected argument %q\n", fl.Arg(0))
		fl.Usage()
		return 2
	}
	for _, f := range []struct{ name, val string }{{"book", *bookDir}, {"out", *outDir}} {
		if f.val == "" {
			fmt.Fprintf(stderr, "tangle: -%s needs a directory\n", f.name)
			fl.Usage()
			return 2
		}
	}
	// An interrupted run removes its temporary files and leaves the
	// previous output as it was (see tangle.Apply).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A symbolic link that leads outside the manuscript is refused, as by
	// buildbook: its text would be written into chapters/.
	b, errs := manuscript.Load(manuscript.DirFS(*bookDir), filepath.ToSlash(*bookDir))
	if len(errs) > 0 {
		fmt.Fprintln(stderr, errs)
		return 1
	}
	o, errs := tangle.Render(b, tangle.Options{Book: *bookDir, Out: *outDir, NoLines: !*lines, MaxWidth: tangle.MaxWidth})
	if len(errs) > 0 {
		fmt.Fprintln(stderr, errs)
		return 1
	}
	changes, err := tangle.Compare(o)
	if err != nil {
		fmt.Fprintf(stderr, "tangle: %v\n", err)
		return 1
	}
	if *check {
		for _, c := range changes {
			fmt.Fprintln(stderr, c.Describe(12))
		}
		if len(changes) > 0 {
			fmt.Fprintf(stderr, "tangle -check: %d of the files under %s are out of sync with %s; run tangle to update them\n", len(changes), *outDir, *bookDir)
			return 1
		}
		return 0
	}
	refused, err := tangle.Apply(ctx, o, changes, *force)
	if errs, ok := err.(lit.ErrorList); ok {
		fmt.Fprintln(stderr, errs)
		return 1
	}
	if err != nil {
		if ctx.Err() != nil {
			err = errors.New("interrupted: nothing written")
		}
		fmt.Fprintf(stderr, "tangle: %v\n", err)
		return 1
	}
	if *verbose {
		for _, c := range changes {
			switch {
			case slices.ContainsFunc(refused, func(r tangle.Change) bool { return r.Path == c.Path }):
			case c.Status == tangle.Orphan, c.Status == tangle.OrphanEdited, c.Status == tangle.Temp:
				fmt.Fprintf(stdout, "removed %s\n", c.Path)
			default:
				fmt.Fprintf(stdout, "wrote %s\n", c.Path)
			}
		}
	}
	for _, c := range refused {
		fmt.Fprintln(stderr, c.Describe(12))
	}
	if len(refused) > 0 {
		return 1
	}
	return 0
}
