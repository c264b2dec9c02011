// Package testrun reads the results of go test -json (the events of
// cmd/test2json): which tests, examples and fuzz targets of which packages
// passed, failed or were skipped, with their output, and which packages
// did not build.
package testrun

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"

	"ctml/internal/report"
)

// Results are the results of one go test -json run.
type Results struct {
	Packages []*Package // in order of first appearance
	byPath   map[string]*Package
}

// Package is the result of one package.
type Package struct {
	Path        string  // import path
	Action      string  // "pass", "fail" or "skip" (no test files); "" if the run ended first
	BuildFailed bool    // the package or its test did not compile
	Tests       []*Test // the top-level tests, examples and fuzz targets, in order of first appearance
	Output      []string
	tests       map[string]*Test
}

// Test is the result of a top-level test, example or fuzz target.
type Test struct {
	Name   string
	Action string   // "pass", "fail" or "skip"; "" if it never ended
	Output []string // its lines and those of its subtests, without line endings
}

// IsExample reports whether t is an example.
func (t *Test) IsExample() bool { return strings.HasPrefix(t.Name, "Example") }

// Package returns the result of the package with import path path, or
// nil.
func (r *Results) Package(path string) *Package { return r.byPath[path] }

// event is one line of go test -json.
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output and build-fail events
	Test       string
	Output     string
}

// Read reads go test -json output from r; name is the file's name for
// messages. Lines that are not JSON (go test writes some when it cannot
// run at all) are kept as output of no package. A line that cannot be read
// or is not an event is an error, a *report.Error at its position.
func Read(r io.Reader, name string) (*Results, error) {
	res := &Results{byPath: map[string]*Package{}}
	pkg := func(path string) *Package {
		p := res.byPath[path]
		if p == nil {
			p = &Package{Path: path, tests: map[string]*Test{}}
			res.byPath[path] = p
			res.Packages = append(res.Packages, p)
		}
		return p
	}
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		// Lines of any length: a test may print a large value on one.
		b, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			return nil, &report.Error{Pos: report.Pos{File: name, Line: line}, Msg: rerr.Error()}
		}
		if rerr == io.EOF && len(b) == 0 {
			break
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue // the next read reports the end
		}
		if b[0] != '{' {
			pkg("").Output = append(pkg("").Output, string(b))
			continue
		}
		var ev event
		if err := json.Unmarshal(b, &ev); err != nil {
			col := 1
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			switch {
			case errors.As(err, &se):
				col = int(se.Offset)
			case errors.As(err, &te):
				col = int(te.Offset)
			}
			return nil, &report.Error{Pos: report.Pos{File: name, Line: line, Col: max(col, 1)}, Msg: "not a go test -json event: " + err.Error()}
		}
		path := ev.Package
		if path == "" {
			path = ev.ImportPath
		}
		// The build of package x's test binary is reported as "x [x.test]".
		path, _, _ = strings.Cut(path, " ")
		p := pkg(path)
		switch {
		case ev.Action == "build-output":
			p.Output = append(p.Output, strings.TrimRight(ev.Output, "\n"))
		case ev.Action == "build-fail":
			p.BuildFailed = true
		case ev.Test == "":
			switch ev.Action {
			case "output":
				p.Output = append(p.Output, strings.TrimRight(ev.Output, "\n"))
			case "pass", "fail", "skip":
				p.Action = ev.Action
			}
		default:
			top, _, sub := strings.Cut(ev.Test, "/")
			t := p.tests[top]
			if t == nil {
				t = &Test{Name: top}
				p.tests[top] = t
				p.Tests = append(p.Tests, t)
			}
			switch ev.Action {
			case "output":
				t.Output = append(t.Output, strings.TrimRight(ev.Output, "\n"))
			case "pass", "fail", "skip":
				if !sub {
					t.Action = ev.Action
				}
			}
		}
	}
	if p := res.byPath[""]; p != nil && len(p.Output) == 0 {
		delete(res.byPath, "")
		res.Packages = slices.DeleteFunc(res.Packages, func(q *Package) bool { return q == p })
	}
	return res, nil
}

// Count returns how many of the package's tests (tests and fuzz targets)
// and examples passed, failed and were skipped.
func (p *Package) Count() (tests, examples Tally) {
	for _, t := range p.Tests {
		c := &tests
		if t.IsExample() {
			c = &examples
		}
		switch t.Action {
		case "pass":
			c.Passed++
		case "fail", "":
			c.Failed++
		case "skip":
			c.Skipped++
		}
	}
	return tests, examples
}

// Tally counts results.
type Tally struct{ Passed, Failed, Skipped int }

// Total returns the number of results counted.
func (t Tally) Total() int { return t.Passed + t.Failed + t.Skipped }
