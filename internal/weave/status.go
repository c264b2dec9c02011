package weave

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"ctml/internal/lit"
	"ctml/internal/tangle"
	"ctml/internal/testrun"
)

// The test status of the book. With the results of go test -json
// (Options.Tests), every chapter with code says under its title how many
// of its tests and examples passed; the block that defines a test carries
// its result in its caption, and a block where a failing test, a panic or
// a compile error points is marked, with the output. Without results the
// chapters say that the status is unknown.

// chapterStatus is what the results say about one page.
type chapterStatus struct {
	pkgs   []*testrun.Package             // the page's packages, in the results' order
	defs   map[*lit.Block][]*testrun.Test // tests by the block that defines them
	blames map[*lit.Block][]blame         // failures by the block they point at
}

// blame is a failure that points at a block: a failing test's message, a
// panic's stack or a compile error.
type blame struct {
	what string // the test's name, or "build" for a compile error
	line string // the line of output that names the block
}

// mdPosRE and goPosRE find file:line positions in test output: in the
// Markdown (through the //line directives of the generated files) and,
// for files tangled without them, in the generated Go files.
var (
	mdPosRE = regexp.MustCompile(`([\w./\\-]+\.md):(\d+)`)
	goPosRE = regexp.MustCompile(`([\w./\\-]+\.go):(\d+)`)
	funcRE  = regexp.MustCompile(`^func ((?:Test|Example|Fuzz)\w*)\(`)
)

// testStatus gathers what the results say about page p.
func (w *weaver) testStatus(p *page) *chapterStatus {
	if w.tests == nil || len(p.gen) == 0 {
		return nil
	}
	st := &chapterStatus{defs: map[*lit.Block][]*testrun.Test{}, blames: map[*lit.Block][]blame{}}
	for _, pkg := range w.tests.Packages {
		if pageOfPackage(pkg.Path, w.out.Out, p.Slug) {
			st.pkgs = append(st.pkgs, pkg)
		}
	}
	// The block of each test function: its line in the generated files,
	// mapped to the Markdown.
	defined := map[string]*lit.Block{}
	for _, f := range p.gen {
		for i, line := range strings.Split(string(f.Data), "\n") {
			if m := funcRE.FindStringSubmatch(line); m != nil {
				if b := w.blockAtGenLine(p, f, i+1); b != nil {
					defined[m[1]] = b
				}
			}
		}
	}
	for _, pkg := range st.pkgs {
		for _, t := range pkg.Tests {
			if b := defined[t.Name]; b != nil {
				st.defs[b] = append(st.defs[b], t)
			}
			if t.Action == "fail" || t.Action == "" {
				w.blameOutput(p, st, t.Name, t.Output, defined[t.Name])
			}
		}
		if pkg.BuildFailed || pkg.Action == "fail" && len(pkg.Tests) == 0 {
			w.blameOutput(p, st, "build", pkg.Output, nil)
		}
	}
	return st
}

// pageOfPackage reports whether the package with import path pkg was
// generated from the page with slug slug into the directory out: its path
// holds the last element of out and then the slug.
func pageOfPackage(pkg, out, slug string) bool {
	root := path.Base(strings.ReplaceAll(out, `\`, "/"))
	parts := strings.Split(pkg, "/")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == root && parts[i+1] == slug {
			return true
		}
	}
	return false
}

// blameOutput marks the blocks that the output of a failure names; a
// failing test with no position in its output blames the block that
// defines it.
func (w *weaver) blameOutput(p *page, st *chapterStatus, what string, output []string, def *lit.Block) {
	blamed := map[*lit.Block]bool{}
	for _, line := range output {
		for _, b := range w.blocksNamedIn(p, line) {
			if !blamed[b] {
				blamed[b] = true
				st.blames[b] = append(st.blames[b], blame{what: what, line: strings.TrimSpace(line)})
			}
		}
	}
	if len(blamed) == 0 && def != nil {
		st.blames[def] = append(st.blames[def], blame{what: what})
	}
}

// blocksNamedIn returns the blocks of p at the positions a line of output
// names.
func (w *weaver) blocksNamedIn(p *page, line string) []*lit.Block {
	var bs []*lit.Block
	mdBase := path.Base(p.Path)
	for _, m := range mdPosRE.FindAllStringSubmatch(line, -1) {
		file := strings.ReplaceAll(m[1], `\`, "/")
		if path.Base(file) != mdBase || strings.Contains(file, "/") && !strings.HasSuffix(file, "/"+p.Path) && !strings.HasSuffix(p.Doc.Path, file) {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		if b := blockAtLine(p, n); b != nil {
			bs = append(bs, b)
		}
	}
	for _, m := range goPosRE.FindAllStringSubmatch(line, -1) {
		file := strings.ReplaceAll(m[1], `\`, "/")
		n, _ := strconv.Atoi(m[2])
		for _, f := range p.gen {
			if f.Name == file || strings.HasSuffix(file, "/"+f.Name) || path.Base(file) == f.Name {
				if b := w.blockAtGenLine(p, f, n); b != nil {
					bs = append(bs, b)
				}
			}
		}
	}
	return bs
}

// blockAtLine returns the go block of p whose code holds Markdown line n.
func blockAtLine(p *page, n int) *lit.Block {
	for _, b := range p.Doc.Blocks {
		if b.IsGo() && b.Pos.Line < n && (n < b.End.Line || b.End.Line == 0) {
			return b
		}
	}
	return nil
}

// blockAtGenLine returns the block of p that line n of generated file f
// comes from: through tangle's line map, which names the Markdown line,
// or for a file without //line directives through where tangle put each
// block.
func (w *weaver) blockAtGenLine(p *page, f *tangle.File, n int) *lit.Block {
	if n >= 1 && n <= len(f.Lines) && f.Lines[n-1].MD > 0 {
		return blockAtLine(p, f.Lines[n-1].MD)
	}
	var best *lit.Block
	bestLine := 0
	for _, b := range p.Doc.Blocks {
		if loc, ok := w.out.Loc(b); ok && loc.File == f && loc.Line <= n && loc.Line > bestLine {
			best, bestLine = b, loc.Line
		}
	}
	return best
}

// statusLine writes what the results say about the page, under its title.
func (r *nodeRenderer) statusLine() string {
	if len(r.p.gen) == 0 {
		return ""
	}
	st := r.status
	if st == nil {
		return `<p class="test-status unknown">Test status unknown: built without the results of <code>go test</code> (<code>make book</code> adds them).</p>` + "\n"
	}
	if len(st.pkgs) == 0 {
		return `<p class="test-status unknown">Test status unknown: the results of <code>go test</code> do not include this chapter.</p>` + "\n"
	}
	var tests, examples testrun.Tally
	var failed []string
	build := false
	for _, pkg := range st.pkgs {
		t, e := pkg.Count()
		tests.Passed, tests.Failed, tests.Skipped = tests.Passed+t.Passed, tests.Failed+t.Failed, tests.Skipped+t.Skipped
		examples.Passed, examples.Failed, examples.Skipped = examples.Passed+e.Passed, examples.Failed+e.Failed, examples.Skipped+e.Skipped
		build = build || pkg.BuildFailed || pkg.Action == "fail" && len(pkg.Tests) == 0
		for _, t := range pkg.Tests {
			if t.Action == "fail" || t.Action == "" {
				failed = append(failed, t.Name)
			}
		}
	}
	count := func(t testrun.Tally, one, many string) string {
		word := many
		if t.Total() == 1 {
			word = one
		}
		s := fmt.Sprintf("%d of %d %s", t.Passed, t.Total(), word)
		if t.Skipped > 0 {
			s += fmt.Sprintf(" (%d skipped)", t.Skipped)
		}
		return s
	}
	var parts []string
	if tests.Total() > 0 {
		parts = append(parts, count(tests, "test", "tests"))
	}
	if examples.Total() > 0 {
		parts = append(parts, count(examples, "example", "examples"))
	}
	summary := strings.Join(parts, " and ")
	switch {
	case build:
		return `<p class="test-status fail"><span aria-hidden="true">✗</span> The code of this chapter does not compile: <code>go test</code> reports the errors at the marked blocks.</p>` + "\n"
	case len(failed) > 0:
		var names []string
		for _, n := range failed {
			name := "<code>" + html.EscapeString(n) + "</code>"
			if b := r.firstBlamed(n); b != nil {
				name = `<a href="#` + html.EscapeString(r.p.bids[b]) + `">` + name + "</a>"
			}
			names = append(names, name)
		}
		return `<p class="test-status fail"><span aria-hidden="true">✗</span> <code>go test</code>: ` + summary + ` passed; failing: ` + strings.Join(names, ", ") + ", at the marked blocks.</p>\n"
	case summary == "":
		return `<p class="test-status pass"><span aria-hidden="true">✓</span> <code>go test</code>: the code of this chapter compiles; it has no tests.</p>` + "\n"
	}
	return `<p class="test-status pass"><span aria-hidden="true">✓</span> <code>go test</code>: ` + summary + ` passed.</p>` + "\n"
}

// firstBlamed returns the first block of the page that the failure of
// test name points at, or nil.
func (r *nodeRenderer) firstBlamed(name string) *lit.Block {
	for _, b := range r.p.Doc.Blocks {
		if slices.ContainsFunc(r.status.blames[b], func(bl blame) bool { return bl.what == name }) {
			return b
		}
	}
	return nil
}

// testBadges writes, into the caption of block b, the results of the
// tests it defines and of the failures that point at it.
func (r *nodeRenderer) testBadges(sb *strings.Builder, b *lit.Block) {
	st := r.status
	if st == nil {
		return
	}
	for _, t := range st.defs[b] {
		switch t.Action {
		case "pass":
			sb.WriteString(` <span class="test-badge pass" title="go test ran it and it passed">✓ ` + html.EscapeString(t.Name) + `</span>`)
		case "skip":
			sb.WriteString(` <span class="test-badge skip" title="go test skipped it">` + html.EscapeString(t.Name) + ` skipped</span>`)
		default:
			if !slices.ContainsFunc(st.blames[b], func(bl blame) bool { return bl.what == t.Name }) {
				sb.WriteString(` <span class="test-badge fail" title="go test ran it and it failed: see the marked blocks">✗ ` + html.EscapeString(t.Name) + `</span>`)
			}
		}
	}
	seen := map[string]bool{}
	for _, bl := range st.blames[b] {
		if seen[bl.what] {
			continue
		}
		seen[bl.what] = true
		what := html.EscapeString(bl.what) + " fails here"
		if bl.what == "build" {
			what = "does not compile"
		}
		sb.WriteString(` <span class="test-badge fail">✗ ` + what + `</span>`)
	}
}

// failed reports whether a failure points at block b.
func (r *nodeRenderer) failed(b *lit.Block) bool {
	return r.status != nil && len(r.status.blames[b]) > 0
}

// failureOutput writes the output of the failures that point at block b,
// after it.
func (r *nodeRenderer) failureOutput(b *lit.Block) string {
	if !r.failed(b) {
		return ""
	}
	var sb strings.Builder
	seen := map[string]bool{}
	for _, bl := range r.status.blames[b] {
		if seen[bl.what] {
			continue
		}
		seen[bl.what] = true
		out := r.outputOf(bl.what)
		if len(out) > maxFailureLines {
			out = append(out[:maxFailureLines:maxFailureLines], fmt.Sprintf("… %d more lines", len(out)-maxFailureLines))
		}
		label := "Output of <code>" + html.EscapeString(bl.what) + "</code>, which failed"
		if bl.what == "build" {
			label = "The compiler's errors"
		}
		sb.WriteString("\n<div class=\"output failure\"><div class=\"output-label\">" + label + `</div><pre><code>` + escText(strings.Join(out, "\n")) + "</code></pre></div>")
	}
	return sb.String()
}

// maxFailureLines is how much of a failure's output a block shows.
const maxFailureLines = 30

// durationRE matches the durations go test prints, which change from run
// to run.
var durationRE = regexp.MustCompile(` \(\d+\.\d+s\)$`)

// outputOf returns the output of test name ("build": the compiler's) in
// the page's packages, without the lines go test adds around it.
func (r *nodeRenderer) outputOf(name string) []string {
	var out []string
	for _, pkg := range r.status.pkgs {
		lines := pkg.Output
		if name != "build" {
			lines = nil
			for _, t := range pkg.Tests {
				if t.Name == name {
					lines = t.Output
				}
			}
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "=== ") || l == "FAIL" || l == "PASS" || strings.HasPrefix(l, "FAIL\t") || strings.HasPrefix(l, "ok  \t") {
				continue
			}
			out = append(out, durationRE.ReplaceAllString(l, ""))
		}
	}
	return out
}
