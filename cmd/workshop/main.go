package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"ctml/internal/lit"
	"ctml/internal/workshop"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: workshop [-C dir] command [arguments]

Workshop runs the book's exercises as a practice copy: every exercise a
stub in a file of its own, checked by its tests.

  init [-book book] [-runner=true] DIR   write a practice copy into DIR
  list                       every exercise: state, level, title
  next [-core]               the next exercise to do, with its text
  check [-core] [-all] [N.M ...]
                             check exercises (default: the next one to do)
  watch [-core]              check the current exercise on every save
  hint N.M                   the hint of exercise N.M
  reset N.M                  the stub of exercise N.M again
  solution [-reveal] N.M     the book's solution, once N.M passes
  status [-json]             the progress, for a facilitator with -json

Every command but init works in the practice copy that holds the current
directory (or -C dir). Exit status: 0 success, 1 an exercise fails or a
command is refused, 2 usage errors.
`

// run is the whole command; it returns the exit code: 0 success, 1
// diagnostics (a failing exercise, a refusal), 2 usage.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("workshop", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(stderr, usage) }
	dir := fl.String("C", ".", "run in `dir`")
	if err := fl.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fl.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd, rest := fl.Arg(0), fl.Args()[1:]
	err := command(ctx, cmd, rest, *dir, stdin, stdout, stderr)
	var usageErr *workshop.UsageError
	var list lit.ErrorList
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errFlags):
		return 2
	case errors.As(err, &usageErr):
		fmt.Fprintf(stderr, "workshop %s: %v\n", cmd, err)
		return 2
	case errors.Is(err, workshop.ErrReported):
		return 1
	case errors.As(err, &list):
		fmt.Fprintln(stderr, list)
		return 1
	}
	fmt.Fprintf(stderr, "workshop %s: %v\n", cmd, err)
	return 1
}

// errFlags reports a command line the flag package has explained.
var errFlags = errors.New("bad flags")

func command(ctx context.Context, cmd string, args []string, dir string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("workshop "+cmd, flag.ContinueOnError)
	fl.SetOutput(stderr)
	core := func() *bool {
		return fl.Bool("core", false, "only the core exercises: leave out the stretch ones")
	}
	var (
		copyRunner, reveal, all, asJSON, onlyCore *bool
		bookPath                                  *string
		nargs                                     = 0 // -1: any number
	)
	switch cmd {
	case "init":
		bookPath = fl.String("book", "book", "the manuscript `dir`ectory, holding SUMMARY.md")
		copyRunner = fl.Bool("runner", true, "copy this program into DIR as ./workshop")
		nargs = 1
	case "list":
	case "next", "watch":
		onlyCore = core()
	case "check":
		onlyCore = core()
		all = fl.Bool("all", false, "check every exercise")
		nargs = -1
	case "hint", "reset":
		nargs = 1
	case "solution":
		reveal = fl.Bool("reveal", false, "show the solution even if the exercise does not pass yet")
		nargs = 1
	case "status":
		asJSON = fl.Bool("json", false, "print the progress as JSON")
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "workshop: unknown command %q\n", cmd)
		fmt.Fprint(stderr, usage)
		return errFlags
	}
	pos, err := parseInterspersed(fl, args)
	if err != nil {
		return err
	}
	switch {
	case nargs >= 0 && len(pos) != nargs:
		if nargs == 0 {
			return &workshop.UsageError{Msg: fmt.Sprintf("unexpected argument %q", pos[0])}
		}
		what := "an exercise, as in " + cmd + " 1.2"
		if cmd == "init" {
			what = "the directory to write the practice copy into"
		}
		if len(pos) == 0 {
			return &workshop.UsageError{Msg: "needs " + what}
		}
		return &workshop.UsageError{Msg: fmt.Sprintf("unexpected argument %q: needs one argument, %s", pos[1], what)}
	case all != nil && *all && len(pos) > 0:
		return &workshop.UsageError{Msg: "-all checks every exercise: name none"}
	}

	if cmd == "init" {
		runner := ""
		if *copyRunner {
			if runner, err = os.Executable(); err != nil {
				return fmt.Errorf("cannot find this program to copy it (init -runner=false skips that): %v", err)
			}
		}
		if err := workshop.Init(*bookPath, pos[0], workshop.InitOptions{Runner: runner}); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the practice copy %s. Next:\n\n\tcd %s\n\t./workshop watch\n", pos[0], pos[0])
		return nil
	}
	r, err := workshop.Open(dir, stdout, stderr)
	if err != nil {
		return err
	}
	switch cmd {
	case "list":
		return r.List()
	case "next":
		return r.Next(*onlyCore)
	case "check":
		return r.Check(ctx, pos, *all, *onlyCore)
	case "watch":
		return r.Watch(ctx, stdin, *onlyCore)
	case "hint":
		return r.Hint(pos[0])
	case "reset":
		return r.Reset(pos[0])
	case "solution":
		return r.Solution(pos[0], *reveal)
	case "status":
		return r.Status(*asJSON)
	}
	return nil
}

// parseInterspersed parses flags anywhere among the arguments (solution
// 1.2 -reveal as well as solution -reveal 1.2) and returns the others.
func parseInterspersed(fl *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, errFlags
		}
		if fl.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
}
