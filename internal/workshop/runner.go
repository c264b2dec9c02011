package workshop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"ctml/internal/lit"
	"ctml/internal/spell"
)

// ErrReported is returned by a command that has said why it failed: the
// caller exits 1 and prints nothing more.
var ErrReported = errors.New("reported")

// UsageError is a command line the runner cannot act on: an unknown
// exercise, a missing argument. The caller exits 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Runner runs the commands of one practice copy.
type Runner struct {
	Root   string // the practice copy's directory
	M      *Manifest
	Stdout io.Writer
	Stderr io.Writer
	Now    func() time.Time // the clock of the progress records
}

// Open returns the runner of the practice copy that holds dir.
func Open(dir string, stdout, stderr io.Writer) (*Runner, error) {
	root, err := FindRoot(dir)
	if err != nil {
		return nil, err
	}
	m, err := LoadManifest(root)
	if err != nil {
		return nil, err
	}
	return &Runner{Root: root, M: m, Stdout: stdout, Stderr: stderr, Now: clock()}, nil
}

// clock returns the clock of the progress records: the time, or the one
// SOURCE_DATE_EPOCH fixes (seconds since 1970, as reproducible builds
// use it), so that status -json can be compared byte for byte.
func clock() func() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			t := time.Unix(n, 0)
			return func() time.Time { return t }
		}
	}
	return time.Now
}

// Exercise returns the exercise named id, or a usage error that suggests
// the nearest id.
func (r *Runner) Exercise(id string) (*Exercise, error) {
	if e := r.M.Lookup(id); e != nil {
		return e, nil
	}
	msg := fmt.Sprintf("no exercise %s in this practice copy", id)
	if s := spell.Suggest(id, r.M.ids()); s != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", s)
	}
	return nil, &UsageError{msg + "; workshop list shows them all"}
}

func (r *Runner) path(e *Exercise) string { return filepath.Join(r.Root, filepath.FromSlash(e.File)) }

// states returns the state of every exercise.
func (r *Runner) states(p *Progress) map[string]string {
	s := map[string]string{}
	for _, e := range r.M.Exercises {
		s[e.ID] = p.state(e, fileSum(r.path(e)))
	}
	return s
}

// current returns the first exercise that is not done, core exercises
// only if core is set, or nil.
func (r *Runner) current(states map[string]string, core bool) *Exercise {
	for _, e := range r.M.Exercises {
		if states[e.ID] != StateDone && (!core || e.Level != lit.LevelStretch) {
			return e
		}
	}
	return nil
}

// progressLine is "12 of 43 done", with the core exercises' count.
func (r *Runner) progressLine(states map[string]string) string {
	done, core, coreDone := 0, 0, 0
	for _, e := range r.M.Exercises {
		d := states[e.ID] == StateDone
		if d {
			done++
		}
		if e.Level != lit.LevelStretch {
			core++
			if d {
				coreDone++
			}
		}
	}
	s := fmt.Sprintf("%d of %d done", done, len(r.M.Exercises))
	if core != len(r.M.Exercises) {
		s += fmt.Sprintf(" (core: %d of %d)", coreDone, core)
	}
	return s
}

func levelOf(e *Exercise) string {
	if e.Level == "" {
		return "-"
	}
	return e.Level
}

// List prints every exercise with its chapter, state and level.
func (r *Runner) List() error {
	p, err := loadProgress(r.Root)
	if err != nil {
		return err
	}
	states := r.states(p)
	width := 0
	for _, e := range r.M.Exercises {
		width = max(width, len(e.ID))
	}
	chapter := "\x00"
	for _, e := range r.M.Exercises {
		if e.Chapter != chapter {
			if chapter != "\x00" {
				fmt.Fprintln(r.Stdout)
			}
			chapter = e.Chapter
			fmt.Fprintf(r.Stdout, "Chapter %s, %s\n", e.Chapter, e.ChapterTitle)
		}
		title := e.Title
		if e.Kind == KindCompileFail {
			title += " (compile-fail)"
		}
		fmt.Fprintf(r.Stdout, "  %-*s  %-7s  %-7s  %s\n", width, e.ID, states[e.ID], levelOf(e), title)
	}
	fmt.Fprintf(r.Stdout, "\n%s\n", r.progressLine(states))
	return nil
}

// Next prints the first exercise that is not done, with its text.
func (r *Runner) Next(core bool) error {
	p, err := loadProgress(r.Root)
	if err != nil {
		return err
	}
	states := r.states(p)
	e := r.current(states, core)
	if e == nil {
		fmt.Fprintf(r.Stdout, "Every exercise is done. %s\n", r.progressLine(states))
		return nil
	}
	r.describe(e)
	fmt.Fprintln(r.Stdout, r.progressLine(states))
	return nil
}

// describe prints what exercise e asks and where to write it.
func (r *Runner) describe(e *Exercise) {
	level := ""
	if e.Level != "" {
		level = " (" + e.Level + ")"
	}
	fmt.Fprintf(r.Stdout, "Exercise %s: %s%s\n", e.ID, e.Title, level)
	fmt.Fprintf(r.Stdout, "Chapter %s, %s. Your file: %s\n", e.Chapter, e.ChapterTitle, e.File)
	if e.Text != "" {
		fmt.Fprintf(r.Stdout, "\n%s\n", indent(e.Text, "  "))
	}
	fmt.Fprintf(r.Stdout, "\nWhen it is done: workshop check %s. Stuck? workshop hint %s.\n", e.ID, e.ID)
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		if ln != "" {
			lines[i] = prefix + ln
		}
	}
	return strings.Join(lines, "\n")
}

// Check checks the exercises ids, or with none the current one (the
// first core one with core set), or with all every exercise. It prints
// each result and the progress, and returns ErrReported if one fails.
func (r *Runner) Check(ctx context.Context, ids []string, all, core bool) error {
	p, err := loadProgress(r.Root)
	if err != nil {
		return err
	}
	var todo []*Exercise
	switch {
	case all:
		todo = r.M.Exercises
	case len(ids) == 0:
		e := r.current(r.states(p), core)
		if e == nil {
			fmt.Fprintf(r.Stdout, "Every exercise is done. %s\n", r.progressLine(r.states(p)))
			return nil
		}
		todo = []*Exercise{e}
	default:
		for _, id := range ids {
			e, err := r.Exercise(id)
			if err != nil {
				return err
			}
			todo = append(todo, e)
		}
	}
	failed := false
	for _, e := range todo {
		res, err := r.check(ctx, p, e)
		if err != nil {
			return err
		}
		r.report(res, !all)
		failed = failed || !res.Passed
	}
	states := r.states(p)
	line := r.progressLine(states)
	if next := r.current(states, core); next != nil && !all {
		line += fmt.Sprintf(". Next: exercise %s, %s (workshop next)", next.ID, next.Title)
	}
	fmt.Fprintln(r.Stdout, line)
	if failed {
		return ErrReported
	}
	return nil
}

// check checks e and records the result.
func (r *Runner) check(ctx context.Context, p *Progress, e *Exercise) (*Result, error) {
	sum := fileSum(r.path(e))
	res, err := Check(ctx, r.Root, r.M, e)
	if err != nil {
		return nil, err
	}
	rec := p.record(e.ID)
	now := r.Now().UTC().Truncate(time.Second)
	rec.Passed, rec.Sum, rec.Summary, rec.Last = res.Passed, sum, res.Summary, now
	rec.Checks++
	if res.Passed && rec.DoneAt.IsZero() {
		rec.DoneAt = now
	}
	if err := p.save(r.Root); err != nil {
		return nil, err
	}
	return res, nil
}

// report prints a result, with its messages if detail is set.
func (r *Runner) report(res *Result, detail bool) {
	e := res.Exercise
	fmt.Fprintf(r.Stdout, "exercise %s (%s): %s\n", e.ID, e.Title, res.Summary)
	if detail && res.Detail != "" {
		fmt.Fprintln(r.Stdout, indent(strings.TrimRight(res.Detail, "\n"), "    "))
	}
}

// Hint prints the hint of exercise id.
func (r *Runner) Hint(id string) error {
	e, err := r.Exercise(id)
	if err != nil {
		return err
	}
	if e.Hint == "" {
		fmt.Fprintf(r.Stderr, "workshop: exercise %s has no hint; its text is in %s (workshop next shows it)\n", e.ID, e.Source)
		return ErrReported
	}
	fmt.Fprintf(r.Stdout, "Hint for exercise %s (%s):\n\n%s\n", e.ID, e.Title, indent(wrap(e.Hint, 74), "  "))
	return nil
}

// wrap fills the paragraphs of s (separated by blank lines) to width
// columns; lines of lists and code are kept as they are.
func wrap(s string, width int) string {
	var out []string
	for _, para := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if strings.HasPrefix(para, "- ") || strings.HasPrefix(para, "    ") || strings.HasPrefix(para, "\t") {
			out = append(out, para)
			continue
		}
		var lines []string
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		out = append(out, strings.Join(append(lines, line), "\n"))
	}
	return strings.Join(out, "\n\n")
}

// Reset writes the stub of exercise id back into its file, keeping the
// reader's version in .workshop/reset.
func (r *Runner) Reset(id string) error {
	e, err := r.Exercise(id)
	if err != nil {
		return err
	}
	name := r.path(e)
	saved := ""
	if data, err := os.ReadFile(name); err == nil && string(data) != e.Stub {
		dir := filepath.Join(r.Root, StateDir, "reset")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for n := 1; ; n++ {
			s := filepath.Join(dir, fmt.Sprintf("%s.%d", filepath.Base(name), n))
			if _, err := os.Lstat(s); err == nil {
				continue
			}
			if err := writeFileAtomic(s, data, 0o644); err != nil {
				return err
			}
			saved = s
			break
		}
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	if err := writeFileAtomic(name, []byte(e.Stub), 0o644); err != nil {
		return err
	}
	p, err := loadProgress(r.Root)
	if err != nil {
		return err
	}
	if rec := p.Exercises[e.ID]; rec != nil {
		rec.Passed, rec.Sum, rec.Summary = false, "", "reset"
		if err := p.save(r.Root); err != nil {
			return err
		}
	}
	fmt.Fprintf(r.Stdout, "exercise %s: %s is the stub again", e.ID, e.File)
	if saved != "" {
		rel, _ := filepath.Rel(r.Root, saved)
		fmt.Fprintf(r.Stdout, "; your version is in %s", filepath.ToSlash(rel))
	}
	fmt.Fprintln(r.Stdout)
	return nil
}

// Solution prints the book's solution of exercise id, once the exercise
// is done, or with reveal at any time (and records that it was revealed).
func (r *Runner) Solution(id string, reveal bool) error {
	e, err := r.Exercise(id)
	if err != nil {
		return err
	}
	p, err := loadProgress(r.Root)
	if err != nil {
		return err
	}
	done := p.state(e, fileSum(r.path(e))) == StateDone
	if !done && !reveal {
		fmt.Fprintf(r.Stderr, "workshop: exercise %s is not done yet, so its solution stays hidden: workshop check %s when you have written it, or workshop solution -reveal %s to see it anyway\n", e.ID, e.ID, e.ID)
		return ErrReported
	}
	if !done {
		p.record(e.ID).Revealed = true
		if err := p.save(r.Root); err != nil {
			return err
		}
	}
	fmt.Fprint(r.Stdout, e.Solution())
	return nil
}

// Status is what status -json prints, for a facilitator to collect.
type Status struct {
	Version   int            `json:"version"`
	Title     string         `json:"title,omitempty"`
	Time      time.Time      `json:"time"`
	Done      int            `json:"done"`
	Total     int            `json:"total"`
	CoreDone  int            `json:"core_done"`
	CoreTotal int            `json:"core_total"`
	Current   string         `json:"current,omitempty"`
	Exercises []StatusRecord `json:"exercises"`
}

// StatusRecord is one exercise in Status.
type StatusRecord struct {
	ID        string     `json:"id"`
	Chapter   string     `json:"chapter"`
	Title     string     `json:"title"`
	Level     string     `json:"level,omitempty"`
	Kind      string     `json:"kind"`
	State     string     `json:"state"`
	Checks    int        `json:"checks"`
	LastCheck *time.Time `json:"last_check,omitempty"`
	DoneAt    *time.Time `json:"done_at,omitempty"`
	Revealed  bool       `json:"revealed"`
	Summary   string     `json:"summary,omitempty"`
}

// Status prints the progress: a line, or with asJSON the Status.
func (r *Runner) Status(asJSON bool) error {
	p, err := loadProgress(r.Root)
	if err != nil {
		return err
	}
	states := r.states(p)
	if !asJSON {
		fmt.Fprintln(r.Stdout, r.progressLine(states))
		for _, st := range []string{StateFailing, StateEdited} {
			var ids []string
			for _, e := range r.M.Exercises {
				if states[e.ID] == st {
					ids = append(ids, e.ID)
				}
			}
			if len(ids) > 0 {
				fmt.Fprintf(r.Stdout, "%s: %s\n", st, strings.Join(ids, ", "))
			}
		}
		return nil
	}
	s := Status{Version: 1, Title: r.M.Title, Time: r.Now().UTC().Truncate(time.Second), Total: len(r.M.Exercises), Exercises: []StatusRecord{}}
	if e := r.current(states, false); e != nil {
		s.Current = e.ID
	}
	for _, e := range r.M.Exercises {
		sr := StatusRecord{ID: e.ID, Chapter: e.Chapter, Title: e.Title, Level: e.Level, Kind: e.Kind, State: states[e.ID]}
		if rec := p.Exercises[e.ID]; rec != nil {
			sr.Checks, sr.Revealed, sr.Summary = rec.Checks, rec.Revealed, rec.Summary
			if !rec.Last.IsZero() {
				t := rec.Last
				sr.LastCheck = &t
			}
			if !rec.DoneAt.IsZero() {
				t := rec.DoneAt
				sr.DoneAt = &t
			}
		}
		done := sr.State == StateDone
		if done {
			s.Done++
		}
		if e.Level != lit.LevelStretch {
			s.CoreTotal++
			if done {
				s.CoreDone++
			}
		}
		s.Exercises = append(s.Exercises, sr)
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(r.Stdout, "%s\n", data)
	return err
}
