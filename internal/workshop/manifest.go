package workshop

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// StateDir is the directory of a practice copy that holds the runner's
// files: the manifest, the progress and the files reset put aside.
const StateDir = ".workshop"

// ManifestFile and ProgressFile are the names, in StateDir, of the
// manifest and of the progress.
const (
	ManifestFile = "exercises.json"
	ProgressFile = "progress.json"
)

// manifestVersion is the version of the manifest's format.
const manifestVersion = 1

// The kinds of exercise.
const (
	// KindCode: the reader writes code (functions, methods); the tests
	// of its tests= blocks check it.
	KindCode = "code"
	// KindTest: the solution is test code (a test or an example) that
	// checks itself; the reader writes it, and it must run and pass.
	KindTest = "test"
	// KindCompileFail: the solution is an expect-error block; the reader
	// writes code that the compiler must refuse with the block's message.
	KindCompileFail = "compile-fail"
)

// Manifest describes a practice copy: its exercises, in the book's order.
// It is written by Init and read by every other command.
type Manifest struct {
	Version   int         `json:"version"`
	Title     string      `json:"title,omitempty"` // the book's
	Exercises []*Exercise `json:"exercises"`
}

// Exercise is one exercise of a practice copy.
type Exercise struct {
	ID           string    `json:"id"`    // as in exercise=1.2
	Title        string    `json:"title"` // the book's italic title, or the names to write
	Chapter      string    `json:"chapter"`
	ChapterTitle string    `json:"chapter_title"`
	Source       string    `json:"source"` // the solution block, book/NN-slug.md:LINE
	Level        string    `json:"level,omitempty"`
	Kind         string    `json:"kind"`
	File         string    `json:"file"`            // the reader's file, slash-separated, from the root
	Names        []string  `json:"names,omitempty"` // the declarations the reader writes
	Tests        []TestRun `json:"tests,omitempty"`
	Hint         string    `json:"hint,omitempty"`
	Text         string    `json:"text,omitempty"`   // the exercise's statement, Markdown
	Expect       string    `json:"expect,omitempty"` // compile-fail: the regexp of the message
	Tag          string    `json:"tag,omitempty"`    // compile-fail: the build tag of the reader's file
	Stub         string    `json:"stub"`             // the reader's file as Init wrote it
	SolutionGz   string    `json:"solution_gz"`      // the book's solution: gzip, then base64

	solution string
}

// TestRun names the tests of an exercise in one package directory.
type TestRun struct {
	Dir   string   `json:"dir"`   // slash-separated, from the root
	Names []string `json:"names"` // Test, Example and Fuzz functions
}

// Solution returns the book's solution of e: the reader's file as it
// would be with the solution in place of the stubs.
func (e *Exercise) Solution() string { return e.solution }

// setSolution stores s, compressed, so that a search of the practice
// copy does not show the solutions.
func (e *Exercise) setSolution(s string) {
	e.solution = s
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write([]byte(s))
	zw.Close()
	e.SolutionGz = base64.StdEncoding.EncodeToString(b.Bytes())
}

func (e *Exercise) decodeSolution() error {
	raw, err := base64.StdEncoding.DecodeString(e.SolutionGz)
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	s, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	e.solution = string(s)
	return nil
}

// Tested reports whether the runner checks e against something the book
// fixes: tests of its own (a tests= block) or the compiler's message.
func (e *Exercise) Tested() bool {
	switch e.Kind {
	case KindCompileFail:
		return true
	case KindCode:
		return len(e.Tests) > 0
	}
	return false
}

// Lookup returns the exercise id of m, or nil.
func (m *Manifest) Lookup(id string) *Exercise {
	for _, e := range m.Exercises {
		if e.ID == id {
			return e
		}
	}
	return nil
}

func (m *Manifest) ids() []string {
	ids := make([]string, len(m.Exercises))
	for i, e := range m.Exercises {
		ids[i] = e.ID
	}
	return ids
}

func (m *Manifest) marshal() []byte {
	b, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		panic(err) // plain structs of strings always marshal
	}
	return append(b, '\n')
}

// LoadManifest reads the manifest of the practice copy at root.
func LoadManifest(root string) (*Manifest, error) {
	name := filepath.Join(root, StateDir, ManifestFile)
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if m.Version != manifestVersion {
		return nil, fmt.Errorf("%s: version %d, want %d: make a new practice copy with this workshop", name, m.Version, manifestVersion)
	}
	for _, e := range m.Exercises {
		if err := e.decodeSolution(); err != nil {
			return nil, fmt.Errorf("%s: exercise %s: solution: %v", name, e.ID, err)
		}
	}
	return &m, nil
}

// FindRoot returns the practice copy that holds dir: dir itself or the
// nearest of its parents with a StateDir holding a manifest.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if fi, err := os.Stat(filepath.Join(d, StateDir, ManifestFile)); err == nil && fi.Mode().IsRegular() {
			return d, nil
		}
		if filepath.Dir(d) == d {
			where := dir
			if filepath.Clean(dir) == "." {
				where = "this directory"
			}
			return "", fmt.Errorf("%s is not in a practice copy (no %s/%s here or above); make one with: workshop init DIR", where, StateDir, ManifestFile)
		}
	}
}

// slug turns an exercise id into a part of a file name or build tag.
func slug(id string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			return r
		}
		return '_'
	}, id)
}
