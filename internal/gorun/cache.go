package gorun

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"

	"ctml/internal/disk"
)

// Key returns a hash of everything the build of the main package in pkg
// reads, so that a program's output can be kept and reused while its key
// stays the same: the go command (its path, size and time), the
// environment variables that change a build, go.mod, go.sum and go.work,
// and every file of every package of the module that pkg imports,
// directly or not (as tangled in memory, or on disk), its own directory
// included, test files excepted. Build constraints are ignored: a file
// counts whether it is built or not. Packages of other modules are
// fixed by go.sum. What a program reads when it runs, other than its
// code, is not part of the key: a figure program draws from its code.
func (r *Runner) Key(pkg string) (string, error) {
	root := ModuleRoot(r.wd)
	if root == "" {
		return "", ErrNoModule
	}
	h := sha256.New()
	field := func(name string, data []byte) {
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	field("key", []byte("gorun figure key 1"))
	writeToolchain(h, root)

	dirs, err := r.Deps([]string{pkg}, false)
	if err != nil {
		return "", err
	}
	for _, dir := range dirs {
		for _, name := range r.dirFiles(dir, false) {
			data, err := r.read(filepath.Join(dir, name))
			if err != nil {
				return "", err
			}
			rel, _ := filepath.Rel(root, filepath.Join(dir, name))
			field("file "+filepath.ToSlash(rel), data)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ToolchainKey hashes what a build in the module at root reads besides
// the module's packages: the go command (its path, size and time), the
// environment variables that change a build, go.mod, go.sum and go.work.
func ToolchainKey(root string) string {
	h := sha256.New()
	writeToolchain(h, root)
	return hex.EncodeToString(h.Sum(nil))
}

func writeToolchain(h io.Writer, root string) {
	field := func(name string, data []byte) {
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	if gocmd, err := exec.LookPath("go"); err == nil {
		if fi, err := os.Stat(gocmd); err == nil {
			field("go", []byte(fmt.Sprintf("%s %d %d", gocmd, fi.Size(), fi.ModTime().UnixNano())))
		}
	}
	for _, v := range []string{"GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOTOOLCHAIN", "GOAMD64", "GOARM", "GO386", "GOWORK", "CC"} {
		field("env "+v, []byte(os.Getenv(v)))
	}
	for _, name := range []string{"go.mod", "go.sum", "go.work", "go.work.sum"} {
		data, _ := os.ReadFile(filepath.Join(root, name))
		field(name, data)
	}
}

// Deps returns the directories of the packages in pkgs (slash paths
// relative to the working directory) and of every package of the module
// they import, directly or not, as tangled or on disk: absolute, sorted.
// With tests, the imports of their test files count too.
func (r *Runner) Deps(pkgs []string, tests bool) ([]string, error) {
	root := ModuleRoot(r.wd)
	if root == "" {
		return nil, ErrNoModule
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, err
	}
	modPath := modfile.ModulePath(gomod)
	seen := map[string]bool{}
	var queue []string
	for _, pkg := range pkgs {
		start := filepath.FromSlash(pkg)
		if !filepath.IsAbs(start) {
			start = filepath.Join(r.wd, start)
		}
		queue = append(queue, filepath.Clean(start))
	}
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		if seen[dir] {
			continue
		}
		seen[dir] = true
		for _, name := range r.dirFiles(dir, tests) {
			if !strings.HasSuffix(name, ".go") {
				continue
			}
			data, err := r.read(filepath.Join(dir, name))
			if err != nil {
				return nil, err
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, data, parser.ImportsOnly)
			if err != nil {
				continue // the build reports it
			}
			for _, imp := range f.Imports {
				path, err := strconv.Unquote(imp.Path.Value)
				if err != nil {
					continue
				}
				if rest, ok := strings.CutPrefix(path, modPath); ok && (rest == "" || rest[0] == '/') {
					queue = append(queue, filepath.Join(root, filepath.FromSlash(rest)))
				}
			}
		}
	}
	dirs := slices.Collect(maps.Keys(seen))
	slices.Sort(dirs)
	return dirs, nil
}

// dirFiles returns the names of the files in dir, on disk or tangled
// there, sorted, without test files unless tests.
func (r *Runner) dirFiles(dir string, tests bool) []string {
	var names []string
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() {
				names = append(names, e.Name())
			}
		}
	}
	for abs := range r.files {
		if filepath.Dir(abs) == dir {
			names = append(names, filepath.Base(abs))
		}
	}
	names = slices.DeleteFunc(names, func(n string) bool {
		return !tests && strings.HasSuffix(n, "_test.go") || strings.HasPrefix(n, ".")
	})
	slices.Sort(names)
	return slices.Compact(names)
}

// read returns the file as the build sees it: tangled in memory, or on
// disk.
func (r *Runner) read(name string) ([]byte, error) {
	if data, ok := r.files[name]; ok {
		return data, nil
	}
	return os.ReadFile(name)
}

// A Cache keeps what programs printed, by key, in a directory, one file
// per program: a new output replaces the old one, so the cache holds one
// entry per figure.
type Cache struct{ dir string }

// cacheHeader starts every file of a Cache.
const cacheHeader = "buildbook figure cache 1\n"

// OpenCache returns the cache in the subdirectory figures of dir; nil if
// dir is "" or "off" or the directory cannot be made, and then nothing is
// kept.
func OpenCache(dir string) *Cache {
	if dir == "" || dir == "off" {
		return nil
	}
	dir = filepath.Join(dir, "figures")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	return &Cache{dir: dir}
}

// file is the cache's file for the program id.
func (c *Cache) file(id string) string {
	sum := sha256.Sum256([]byte(id))
	return filepath.Join(c.dir, hex.EncodeToString(sum[:16]))
}

// Get returns what program id printed when its key was key, if the cache
// has it.
func (c *Cache) Get(id, key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	f, err := os.Open(c.file(id))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<30))
	if err != nil {
		return nil, false
	}
	rest, ok := bytes.CutPrefix(data, []byte(cacheHeader+key+"\n"))
	return rest, ok
}

// Put records that program id printed data when its key was key. A
// failure to write is ignored: the cache is only a cache.
func (c *Cache) Put(id, key string, data []byte) {
	if c == nil {
		return
	}
	data = append([]byte(cacheHeader+key+"\n"), data...)
	_ = disk.WriteFile(c.file(id), ".tmp-*", data)
}
