package workshop

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// TestTimeout bounds the run of one exercise's tests: an attempt that
// loops forever fails its check after this long.
const TestTimeout = "2m"

// Result is the outcome of checking one exercise.
type Result struct {
	Exercise *Exercise
	Passed   bool
	Summary  string // what happened, in a line
	Detail   string // the compiler's or the tests' messages, for the reader
}

// Check runs the check of exercise e in the practice copy at root.
//
// Each check is its own go command, so that an attempt that panics, or
// loops until the timeout, fails its own exercise only. The other
// exercises' files are replaced, through go's -overlay, by the book's
// solutions, so that an attempt elsewhere that does not compile cannot
// stop this one; the reader's other files (experiments of their own) are
// compiled as they are.
//
// A code or test exercise passes when the package compiles and every
// test of the exercise runs and passes, and no stub is left in the
// reader's file. A compile-fail exercise passes when the compiler refuses
// the reader's file with an error inside it whose message matches the
// exercise's.
func Check(ctx context.Context, root string, m *Manifest, e *Exercise) (*Result, error) {
	if _, err := exec.LookPath("go"); err != nil {
		return nil, fmt.Errorf("the checks need the go command, which is not on the PATH: %v", err)
	}
	res := &Result{Exercise: e}
	file := filepath.Join(root, filepath.FromSlash(e.File))
	data, err := os.ReadFile(file)
	if err != nil {
		res.Summary = fmt.Sprintf("%s is missing: workshop reset %s writes it again", e.File, e.ID)
		return res, nil
	}
	tmp, err := os.MkdirTemp("", "workshop-check-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	overlay, err := writeOverlay(tmp, root, m, e)
	if err != nil {
		return nil, err
	}
	if e.Kind == KindCompileFail {
		return checkCompileFail(ctx, root, overlay, e, res)
	}
	stubs := stubsLeft(data, e.ID, e.File)
	var passed []string
	for _, run := range testRuns(e) {
		ok, summary, detail, err := runTests(ctx, root, overlay, run)
		if err != nil {
			return nil, err
		}
		if !ok {
			res.Summary, res.Detail = summary, detail
			if len(stubs) > 0 {
				// With a stub left, that is the news; the messages
				// are worth showing only if they are not the stub's.
				res.Summary = "not done yet: " + stubs[0].String()
				if strings.Contains(detail, stubMarker+e.ID+")") {
					res.Detail = ""
				}
			}
			return res, nil
		}
		passed = append(passed, run.Names...)
	}
	if len(stubs) > 0 {
		res.Summary = "the tests pass, but " + stubs[0].String()
		if len(passed) == 0 {
			res.Summary = "not done yet: " + stubs[0].String()
		}
		return res, nil
	}
	res.Passed = true
	switch {
	case len(passed) == 0:
		res.Summary = "done (it compiles; the book gives this exercise no tests)"
	default:
		res.Summary = "done: " + strings.Join(passed, ", ") + " pass"
	}
	return res, nil
}

// stub is a stub left in a reader's file.
type stub struct {
	name, file string
	line       int
}

func (s stub) String() string {
	return fmt.Sprintf("%s is still a stub (%s:%d)", s.name, s.file, s.line)
}

// stubsLeft returns the stubs of exercise id still in data.
func stubsLeft(data []byte, id, file string) []stub {
	var stubs []stub
	marker := []byte(stubMarker + id + "): write ")
	for i, ln := range bytes.Split(data, []byte("\n")) {
		if j := bytes.Index(ln, marker); j >= 0 {
			name := string(ln[j+len(marker):])
			name, _, _ = strings.Cut(name, `"`)
			stubs = append(stubs, stub{name, file, i + 1})
		}
	}
	return stubs
}

// testRuns returns the go test runs of e: its tests by directory, or, if
// it has none, a build of its package's tests that runs nothing.
func testRuns(e *Exercise) []TestRun {
	if len(e.Tests) > 0 {
		return e.Tests
	}
	return []TestRun{{Dir: filepath.ToSlash(filepath.Dir(filepath.FromSlash(e.File)))}}
}

// writeOverlay writes the solutions of every exercise but e into dir and
// returns the overlay file that puts them in place of the reader's files.
func writeOverlay(dir, root string, m *Manifest, e *Exercise) (string, error) {
	replace := map[string]string{}
	for i, o := range m.Exercises {
		if o == e || o.Kind == KindCompileFail {
			continue
		}
		name := filepath.Join(dir, fmt.Sprintf("solution%d.go", i))
		if err := os.WriteFile(name, []byte(o.Solution()), 0o644); err != nil {
			return "", err
		}
		replace[filepath.Join(root, filepath.FromSlash(o.File))] = name
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(dir, "overlay.json")
	return overlay, os.WriteFile(overlay, data, 0o644)
}

// goCommand returns the go command to run in the practice copy at root.
func goCommand(ctx context.Context, root string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	// A go.work above the practice copy must not pull it in, and a panic
	// shows the stack of its own goroutine only.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTRACEBACK=single")
	return cmd
}

// event is one line of go test -json.
type event struct {
	Action, Package, Test, Output, ImportPath string
}

// runTests runs the tests of run and reports whether they all ran and
// passed; if not, a summary and the messages worth showing.
func runTests(ctx context.Context, root, overlay string, run TestRun) (ok bool, summary, detail string, err error) {
	pattern := "^$"
	if len(run.Names) > 0 {
		pattern = "^(" + strings.Join(run.Names, "|") + ")$"
	}
	cmd := goCommand(ctx, root, "test", "-json", "-overlay="+overlay, "-timeout="+TestTimeout, "-run="+pattern, "./"+run.Dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	if ctx.Err() != nil {
		return false, "", "", ctx.Err()
	}
	var build []string
	outputs := map[string][]string{}
	status := map[string]string{}
	var pkgOut []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		switch {
		case ev.Action == "build-output":
			if !strings.HasPrefix(ev.Output, "# ") {
				build = append(build, ev.Output)
			}
		case ev.Test != "" && ev.Action == "output":
			top, _, _ := strings.Cut(ev.Test, "/")
			outputs[top] = append(outputs[top], ev.Output)
		case ev.Test != "" && !strings.Contains(ev.Test, "/") && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip" || ev.Action == "run"):
			if ev.Action != "run" || status[ev.Test] == "" {
				status[ev.Test] = ev.Action
			}
		case ev.Test == "" && ev.Action == "output":
			pkgOut = append(pkgOut, ev.Output)
		}
	}
	if len(build) > 0 || bytes.Contains(out, []byte(`"FailedBuild"`)) {
		msg := strings.Join(build, "")
		if msg == "" {
			msg = stderr.String()
		}
		return false, "does not compile", relPaths(root, msg), nil
	}
	if runErr != nil && len(status) == 0 && stderr.Len() > 0 {
		return false, "go test failed", relPaths(root, stderr.String()), nil
	}
	// A test that failed, or started and never finished because the
	// test binary died, says most; then one that never ran.
	for _, name := range run.Names {
		if st := status[name]; st == "fail" || st == "run" {
			text := strings.Join(outputs[name], "")
			if st == "run" {
				text += strings.Join(pkgOut, "")
			}
			return false, testFailure(name, text), relPaths(root, trimOutput(text)), nil
		}
	}
	for _, name := range run.Names {
		if status[name] != "" {
			continue
		}
		if text := strings.Join(pkgOut, ""); strings.Contains(text, "panic:") || strings.Contains(text, "timed out") {
			return false, testFailure(name, text), relPaths(root, trimOutput(text)), nil
		}
		return false, name + " did not run: is it still in its file, a test or an example with an output comment?", "", nil
	}
	if runErr != nil && len(run.Names) > 0 {
		// Everything ran and passed, and yet go test failed: a panic
		// after the tests, or a test that is not ours went wrong.
		return false, "go test failed", relPaths(root, trimOutput(strings.Join(pkgOut, "")+stderr.String())), nil
	}
	return true, "", "", nil
}

// testFailure says in a line how test name failed, from its output.
func testFailure(name, output string) string {
	switch {
	case strings.Contains(output, "panic: test timed out"):
		return name + " did not finish in " + TestTimeout + ": is there a loop that never ends?"
	case strings.Contains(output, "panic: ") || strings.Contains(output, "[rapid] panic"):
		if m := panicLine.FindStringSubmatch(output); m != nil {
			return name + " panicked: " + unrecovered(strings.TrimSpace(m[1]))
		}
		return name + " panicked"
	}
	return name + " failed"
}

var (
	panicLine   = regexp.MustCompile(`(?m)panic: (.*)$`)
	frameArgs   = regexp.MustCompile(`\([^()]*\)$`)                                      // the arguments of a stack frame's function
	elapsed     = regexp.MustCompile(`^(\s*--- (?:FAIL|PASS|SKIP): \S+) \(\d+\.\d+s\)$`) // a test's time, which differs from run to run
	frameOffset = regexp.MustCompile(`^(\t\S+:\d+) \+0x[0-9a-f]+.*$`)                    // the pc offset after a frame's location
)

// trimOutput keeps what a reader needs of a test's output: the failure
// messages and, of a panic's stack, the frames outside Go's own code.
func trimOutput(s string) string {
	var keep []string
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		t := strings.TrimSpace(ln)
		switch {
		case strings.HasPrefix(t, "=== RUN"), strings.HasPrefix(t, "=== PAUSE"), strings.HasPrefix(t, "=== CONT"),
			t == "FAIL", t == "PASS", strings.HasPrefix(t, "FAIL\t"), strings.HasPrefix(t, "ok  \t"), strings.HasPrefix(t, "exit status"):
			continue
		case strings.HasPrefix(t, "goroutine ") && strings.HasSuffix(t, ":"):
			continue
		case t == "" && len(keep) > 0 && strings.HasPrefix(strings.TrimSpace(keep[len(keep)-1]), "panic: "):
			continue
		case i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") && isRuntimeFrame(t):
			i++ // a frame of the runtime or of testing: skip it and its location
			continue
		}
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") && frameArgs.MatchString(ln) {
			ln = frameArgs.ReplaceAllString(ln, "(...)") // addresses differ from run to run
		}
		ln = frameOffset.ReplaceAllString(ln, "$1")
		ln = elapsed.ReplaceAllString(ln, "$1")
		ln = unrecovered(ln)
		keep = append(keep, ln)
	}
	if len(keep) > 40 {
		keep = append(keep[:40], fmt.Sprintf("… (%d more lines)", len(keep)-40))
	}
	return strings.Join(keep, "\n")
}

// isRuntimeFrame reports whether the function line of a stack frame is
// in Go's runtime, in testing or in rapid: frames no reader wrote.
// unrecovered drops the note testing adds to the message of a panic it
// passes on, which differs between Go versions.
func unrecovered(s string) string {
	return strings.TrimSuffix(strings.TrimSuffix(s, " [recovered, repanicked]"), " [recovered]")
}

func isRuntimeFrame(fn string) bool {
	fn = strings.TrimPrefix(fn, "created by ")
	for _, p := range []string{"runtime.", "testing.", "panic(", "reflect.", "sync.", "main.main(", "pgregory.net/rapid."} {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}

// relPaths shows the paths of the practice copy relative to its root.
func relPaths(root, s string) string {
	abs, err := filepath.Abs(root)
	if err != nil {
		return s
	}
	s = strings.ReplaceAll(s, abs+string(filepath.Separator), "")
	return strings.ReplaceAll(s, filepath.ToSlash(abs)+"/", "")
}

// errorLine matches a compiler error and its continuation lines.
var errorLine = regexp.MustCompile(`(?m)^(\S+?\.go):(\d+)(?::(\d+))?: (.*(?:\n\t.*)*)`)

// checkCompileFail builds the package with the reader's compile-fail
// file and checks that the compiler refuses it for the right reason.
func checkCompileFail(ctx context.Context, root, overlay string, e *Exercise, res *Result) (*Result, error) {
	dir := filepath.ToSlash(filepath.Dir(filepath.FromSlash(e.File)))
	cmd := goCommand(ctx, root, "build", "-overlay="+overlay, "-tags="+e.Tag, "-o", os.DevNull, "./"+dir)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err == nil {
		res.Summary = "not done yet: " + e.File + " compiles, and the exercise asks for code the compiler refuses"
		return res, nil
	}
	want, rerr := regexp.Compile(e.Expect)
	if rerr != nil {
		return nil, fmt.Errorf("exercise %s: %v", e.ID, rerr)
	}
	text := relPaths(root, string(out))
	var inFile []string
	for _, m := range errorLine.FindAllStringSubmatch(text, -1) {
		if filepath.ToSlash(filepath.Clean(m[1])) != e.File {
			continue
		}
		if want.MatchString(m[4]) {
			res.Passed = true
			res.Summary = "done: the compiler refuses it: " + firstLine(m[4])
			return res, nil
		}
		inFile = append(inFile, m[0])
	}
	if len(inFile) == 0 {
		res.Summary = "the compiler stops at errors outside " + e.File + ", before it reaches your code"
	} else {
		res.Summary = "the compiler refuses it, but not for the reason the exercise is about"
	}
	res.Detail = strings.TrimSpace(strings.Join(slices.DeleteFunc(strings.Split(text, "\n"), func(s string) bool { return strings.HasPrefix(s, "# ") }), "\n"))
	return res, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
