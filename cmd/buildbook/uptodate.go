package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"ctml/internal/gorun"
	"ctml/internal/manuscript"
	"ctml/internal/memo"
	"ctml/internal/weave"
)

// A build that wrote the book leaves a stamp in the cache directory: a
// hash of everything it read, and the size and time of every file it left
// in the output directory. The next run with the same flags hashes the
// same inputs again and looks at the same files; if nothing changed it
// has nothing to do and says so (the book on disk is what a build would
// write), as make or the go command do for a target that is up to date.
// Which files a build reads is kept to a safe over-approximation:
//
//   - every file under the manuscript and diagrams directories (but the
//     output directory), and book.toml where manuscript.LoadConfig looks;
//   - with -tangle, the go command, its environment and the module's
//     go.mod, go.sum and go.work (gorun.ToolchainKey), and every file of
//     the directories of the packages the figures' programs build (a file
//     added there counts too), hashed before the figure's own key;
//   - the file of -tests FILE; with -tests=run (the default) there is no
//     stamp: go test decides what it reruns;
//   - the build of buildbook (memo.Program) and all its flags.
//
// All of it is hashed before it is read for the build, so that a file
// edited while the book builds makes the next run build again. A build
// with errors, or a figure that could not be drawn, leaves no stamp.
type stamp struct {
	Inputs  []byte       // inputsKey
	Deps    []string     // the package directories of the figures, absolute, sorted
	DepsKey []byte       // depsKey of Deps
	Outputs []outputFile // the output directory as the build left it
	Pages   int
	Figures int
	Tests   string // what testSummary said
}

// outputFile is a file of the output directory as a build left it.
type outputFile struct {
	Path    string // slash path relative to the output directory
	Size    int64
	ModTime int64 // nanoseconds
}

// inputsKey hashes what the build reads but the figures' packages; nil
// if it cannot.
func (b *builder) inputsKey() []byte {
	cfg := b.cfg
	h := sha256.New()
	field := func(format string, args ...any) { fmt.Fprintf(h, format+"\n", args...) }
	field("buildbook stamp 1 %q", memo.Program())
	abs := func(p string) string {
		if p == "" {
			return ""
		}
		a, _ := filepath.Abs(p)
		return a
	}
	out := abs(cfg.outDir)
	field("flags %q %q %q %q %q %v %v %v %q", out, abs(cfg.bookDir), abs(cfg.chapters), cfg.title, cfg.tests,
		cfg.tangle, cfg.runTimeout, cfg.runOutput, abs(cfg.diagrams))
	if err := hashTree(h, cfg.bookDir, out); err != nil {
		return nil
	}
	if cfg.diagrams != "" {
		if err := hashTree(h, cfg.diagrams, out); err != nil {
			return nil
		}
	}
	book := abs(cfg.bookDir)
	for _, dir := range []string{filepath.Dir(book), book} {
		data, err := os.ReadFile(filepath.Join(dir, manuscript.ConfigFile))
		field("config %q %d %v", dir, len(data), err == nil)
		h.Write(data)
	}
	if cfg.tests != testsOff {
		data, err := os.ReadFile(cfg.tests)
		if err != nil {
			return nil
		}
		field("tests %d", len(data))
		h.Write(data)
	}
	if cfg.tangle {
		wd, err := os.Getwd()
		if err != nil {
			return nil
		}
		field("toolchain %s", gorun.ToolchainKey(gorun.ModuleRoot(wd)))
	}
	return h.Sum(nil)
}

// dirKey hashes the files of a package directory, as gorun.Runner.Key
// lists them (test files too, and whether the directory is there); nil if
// one cannot be read.
func dirKey(dir string) []byte {
	h := sha256.New()
	entries, err := os.ReadDir(dir)
	fmt.Fprintf(h, "dir %q %v\n", dir, err == nil)
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "file %q %d\n", e.Name(), len(data))
		h.Write(data)
	}
	return h.Sum(nil)
}

// depsKey hashes the keys of the directories dirs, sorted.
func depsKey(keys map[string][]byte) []byte {
	h := sha256.New()
	for _, dir := range slices.Sorted(maps.Keys(keys)) {
		if keys[dir] == nil {
			return nil
		}
		fmt.Fprintf(h, "%q %x\n", dir, keys[dir])
	}
	return h.Sum(nil)
}

// hashTree writes every entry under dir, skipping skip, to h: names,
// kinds, the targets of symbolic links and the bytes of regular files
// (through the links).
func hashTree(h hash.Hash, dir, skip string) error {
	return filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if a, _ := filepath.Abs(name); a == skip {
				return fs.SkipDir
			}
			fmt.Fprintf(h, "dir %q\n", filepath.ToSlash(name))
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(name)
			fmt.Fprintf(h, "link %q %q\n", filepath.ToSlash(name), target)
		}
		data, err := os.ReadFile(name)
		if d.Type()&fs.ModeSymlink != 0 && err != nil {
			return nil // a dangling link: its target is hashed
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "file %q %d\n", filepath.ToSlash(name), len(data))
		h.Write(data)
		return nil
	})
}

// stampFile is where the stamp of this manuscript is kept; "" for none.
func (b *builder) stampFile() string {
	if b.cfg.tests == testsRun {
		return ""
	}
	return b.cacheFile("stamp")
}

// upToDate returns the outcome of a build that has nothing to do: the
// stamp of the last one says that it read what is there now and that the
// output directory is as it left it; nil if a build is needed. It returns
// the hash of the inputs, for the build's stamp.
func (b *builder) upToDate(start time.Time) (*outcome, []byte) {
	name := b.stampFile()
	if name == "" {
		return nil, nil
	}
	inputs := b.inputsKey()
	data, err := os.ReadFile(name)
	if err != nil || inputs == nil {
		return nil, inputs
	}
	var st stamp
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&st) != nil || !bytes.Equal(inputs, st.Inputs) {
		return nil, inputs
	}
	for _, f := range st.Outputs {
		fi, err := os.Lstat(filepath.Join(b.cfg.outDir, filepath.FromSlash(f.Path)))
		if err != nil || !fi.Mode().IsRegular() || fi.Size() != f.Size || fi.ModTime().UnixNano() != f.ModTime {
			return nil, inputs
		}
	}
	keys := map[string][]byte{}
	for _, dir := range st.Deps {
		keys[dir] = dirKey(dir)
	}
	if dk := depsKey(keys); dk == nil || !bytes.Equal(dk, st.DepsKey) {
		return nil, inputs
	}
	return &outcome{upToDate: true, pages: st.Pages, figures: st.Figures, testsNote: st.Tests, elapsed: time.Since(start)}, inputs
}

// saveStamp writes the stamp of a build that wrote the book without
// errors, whose inputs hashed to inputs before it read them, or removes
// the stamp of one that did not.
func (b *builder) saveStamp(o *outcome, inputs []byte) {
	name := b.stampFile()
	if name == "" {
		return
	}
	dk := depsKey(o.depKeys)
	if !o.ok() || o.site == nil || inputs == nil || dk == nil {
		os.Remove(name)
		return
	}
	st := stamp{Inputs: inputs, DepsKey: dk, Pages: o.pages, Figures: o.figures, Tests: o.testSummary()}
	st.Deps = slices.Sorted(maps.Keys(o.depKeys))
	paths := []string{weave.Marker}
	for _, f := range o.site.Files {
		paths = append(paths, f.Path)
	}
	for _, p := range paths {
		fi, err := os.Lstat(filepath.Join(b.cfg.outDir, filepath.FromSlash(p)))
		if err != nil {
			os.Remove(name)
			return
		}
		st.Outputs = append(st.Outputs, outputFile{Path: p, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()})
	}
	writeCache(name, func(w io.Writer) error { return gob.NewEncoder(w).Encode(st) })
}
