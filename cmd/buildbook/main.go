package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"ctml/internal/book"
	"ctml/internal/gorun"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
	"ctml/internal/weave"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit code: 0 built, 1
// diagnostics, 2 usage.
func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("buildbook", flag.ContinueOnError)
	fl.SetOutput(stderr)
	outDir := fl.String("o", "_book", "output `dir`ectory")
	bookDir := fl.String("book", "book", "manuscript `dir`ectory holding SUMMARY.md")
	chapters := fl.String("chapters", "chapters", "`dir`ectory of the generated packages, as tangle writes them")
	title := fl.String("title", "", "the book's `title`, instead of the one in SUMMARY.md")
	tangled := fl.Bool("tangle", true, "tangle the Go blocks and link them to the generated files; -tangle=false shows them as they are, for mdBook manuscripts not written in this book's dialect")
	tests := fl.String("tests", "", "`file` of go test -json results for the chapters' packages, shown in the book (make book writes it); without it the book says the test status is unknown")
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
		out, errs = tangle.Render(bk, tangle.Options{Book: *bookDir, Out: *chapters})
	}
	opt := weave.Options{Title: *title, Exclude: inside(*outDir, *bookDir), Tests: results}
	if *tangled && len(errs) == 0 {
		runner, err := gorun.New(out, "")
		if err != nil {
			fmt.Fprintf(stderr, "buildbook: %v\n", err)
			return 1
		}
		defer runner.Close()
		opt.Run = runner.Run
	}
	// Figures named src=diagrams/NAME.tikzcd live beside the manuscript.
	if diagrams != "" {
		opt.Diagrams, opt.DiagramsPath = book.DirFS(diagrams, *bookDir), filepath.ToSlash(diagrams)
	}
	site, werrs := weave.Build(bk, out, fsys, opt)
	errs = append(errs, werrs...)
	if len(errs) > 0 {
		errs.Sort()
		fmt.Fprintln(stderr, errs)
		return 1
	}
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
	return 0
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
