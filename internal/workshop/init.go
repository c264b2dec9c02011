package workshop

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"

	"ctml/internal/manuscript"
)

// InitOptions configures Init.
type InitOptions struct {
	// Runner, if set, is copied into the practice copy as ./workshop
	// (workshop.exe on Windows), so that its commands need nothing on
	// the PATH: usually the running executable.
	Runner string
}

// Init writes the practice copy of the book in bookDir into dir, which
// must not exist or be empty. The copy is a module with the book's
// go.mod and go.sum (found at or above bookDir), the chapters with their
// exercises cut out (see Build), the module's other packages that the
// chapters import, the reader's exercise files, a README and the
// manifest. It is written into a temporary directory beside dir and
// renamed into place, so that an error leaves nothing behind.
//
// Errors in the book are returned as a lit.ErrorList.
func Init(bookDir, dir string, opt InitOptions) error {
	absBook, err := filepath.Abs(bookDir)
	if err != nil {
		return err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	switch {
	case within(absDir, absBook):
		return fmt.Errorf("%s is inside the manuscript %s: choose a directory outside it", dir, bookDir)
	case within(absBook, absDir):
		return fmt.Errorf("%s holds the manuscript %s: choose a directory outside it", dir, bookDir)
	}
	if entries, err := os.ReadDir(absDir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s exists and is not empty: a practice copy is never written over anything (choose a new directory)", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	modRoot, err := moduleRoot(absBook)
	if err != nil {
		return err
	}
	bk, errs := manuscript.Load(os.DirFS(bookDir), filepath.ToSlash(bookDir))
	if len(errs) > 0 {
		return errs
	}
	p, errs := Build(bk)
	if len(errs) > 0 {
		return errs
	}
	if err := addModule(p, modRoot); err != nil {
		return err
	}
	p.Files["README.md"] = []byte(readme(p.Manifest))
	p.Files[StateDir+"/"+ManifestFile] = p.Manifest.marshal()

	parent := filepath.Dir(absDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(absDir)+".workshop-*")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	names := make([]string, 0, len(p.Files))
	for name := range p.Files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		full := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, p.Files[name], 0o644); err != nil {
			return err
		}
	}
	if opt.Runner != "" {
		exe := "workshop"
		if runtime.GOOS == "windows" {
			exe += ".exe"
		}
		if err := copyFile(opt.Runner, filepath.Join(tmp, exe), 0o755); err != nil {
			return fmt.Errorf("copying the runner: %v", err)
		}
	}
	if err := os.Remove(absDir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, absDir); err != nil {
		return err
	}
	ok = true
	return nil
}

// within reports whether p is dir or lies inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// moduleRoot returns the directory of the go.mod at or above dir.
func moduleRoot(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod at or above %s: the book's chapters need their module", dir)
		}
	}
}

// addModule adds to p the module's go.mod and go.sum and every package
// of the module, outside the chapters, that the practice copy imports,
// with the packages those import in turn (their non-test files).
func addModule(p *Practice, root string) error {
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	modPath := modfile.ModulePath(gomod)
	if modPath == "" {
		return fmt.Errorf("%s: no module path", filepath.Join(root, "go.mod"))
	}
	p.Files["go.mod"] = gomod
	if sum, err := os.ReadFile(filepath.Join(root, "go.sum")); err == nil {
		p.Files["go.sum"] = sum
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var queue []string
	seen := map[string]bool{}
	scan := func(src []byte) {
		f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
		if err != nil {
			return
		}
		for _, is := range f.Imports {
			ip, _ := strconv.Unquote(is.Path.Value)
			rel, ok := strings.CutPrefix(ip, modPath+"/")
			if !ok || strings.HasPrefix(rel, "chapters/") || seen[rel] {
				continue
			}
			seen[rel] = true
			queue = append(queue, rel)
		}
	}
	for _, name := range sortedKeys(p.Files) {
		if strings.HasSuffix(name, ".go") {
			scan(p.Files[name])
		}
	}
	for len(queue) > 0 {
		rel := queue[0]
		queue = queue[1:]
		entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return fmt.Errorf("the chapters import %s/%s: %v", modPath, rel, err)
		}
		for _, ent := range entries {
			n := ent.Name()
			if !ent.Type().IsRegular() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
				continue
			}
			src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel), n))
			if err != nil {
				return err
			}
			p.Files[path.Join(rel, n)] = src
			scan(src)
		}
	}
	return nil
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func copyFile(from, to string, perm fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// readme is the README of a practice copy.
func readme(m *Manifest) string {
	var b strings.Builder
	title := m.Title
	if title == "" {
		title = "the book"
	}
	fmt.Fprintf(&b, "# Practice copy of %s\n\n", title)
	b.WriteString(`Every exercise of the book is a stub in a file of its own,
chapters/NN-slug/exercise_N_M.go; the rest of each chapter's code and
every exercise's tests are as in the book. Write your answer in the
exercise's file, and keep other experiments in files of your own: the
runner never writes over them.

    ./workshop watch          checks the current exercise on every save
    ./workshop next           the next exercise to do, with its text
    ./workshop check N.M      runs the tests of exercise N.M
    ./workshop hint N.M       a hint
    ./workshop list           every exercise, done or not
    ./workshop reset N.M      the stub again (your version is kept in .workshop/reset)
    ./workshop solution N.M   the book's solution, once the exercise passes
    ./workshop status -json   your progress, for the facilitator

Use workshop check rather than go test while exercises are stubs: a
stub panics, and a panic stops every later test of its package; the
runner runs each exercise's tests on their own.
`)
	return b.String()
}
