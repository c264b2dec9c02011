// Package hygiene checks what the repository commits: no executables and
// no large files, so that a stray go build at the root or a generated
// artifact never lands in the history, where it stays for good.
//
// [Check] is run by TestRepository on the files of the git index (git
// ls-files), so go test ./... and make check fail on a committed
// executable or on a file over [MaxSize] that [Allowed] does not list.
package hygiene

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// MaxSize is the size above which a committed file must be allowed by
// name.
const MaxSize = 1 << 20

// Allowed reports whether a file over MaxSize may be committed: fonts,
// which the book needs and no module provides.
func Allowed(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".otf", ".ttf", ".woff", ".woff2":
		return true
	}
	return false
}

// File is one committed file.
type File struct {
	Path string // slash-separated, relative to the repository root
	Mode string // git's mode: "100644", "100755", "120000" (symlink), ...
	Size int64
	Head []byte // the first bytes of the file, enough to recognise an executable
}

// headSize is how much of each file Check looks at.
const headSize = 512

// Check returns one message per file that must not be committed: an
// executable binary (ELF, Mach-O, PE, WebAssembly) or a file with git's
// executable bit that is not a script starting with #!, a file over
// MaxSize that Allowed does not list, and a failure file that rapid wrote
// under testdata/rapid/ (it replays on every run of the tests). The
// messages are in the order of files.
func Check(files []File) []string {
	var msgs []string
	for _, f := range files {
		if kind := binaryKind(f.Head); kind != "" {
			msgs = append(msgs, fmt.Sprintf("%s: a committed %s executable: build artifacts are not committed (git rm --cached %s)", f.Path, kind, f.Path))
		} else if f.Mode == "100755" && !bytes.HasPrefix(f.Head, []byte("#!")) {
			msgs = append(msgs, fmt.Sprintf("%s: executable bit set on a file that is not a #! script (git update-index --chmod=-x %s)", f.Path, f.Path))
		}
		if strings.HasPrefix(f.Path, "testdata/rapid/") || strings.Contains(f.Path, "/testdata/rapid/") {
			msgs = append(msgs, fmt.Sprintf("%s: a failure file of rapid: it replays a failing case on every run and is not committed (git rm --cached %s)", f.Path, f.Path))
		}
		if f.Size > MaxSize && !Allowed(f.Path) {
			msgs = append(msgs, fmt.Sprintf("%s: %.1f MB, over the %d MB limit for committed files (only fonts may be larger)", f.Path, float64(f.Size)/(1<<20), MaxSize>>20))
		}
	}
	return msgs
}

// binaryKind names the executable format data starts with, or "".
func binaryKind(data []byte) string {
	has := func(magic string) bool { return bytes.HasPrefix(data, []byte(magic)) }
	switch {
	case has("\x7fELF"):
		return "ELF"
	case has("\xfe\xed\xfa\xce"), has("\xfe\xed\xfa\xcf"), has("\xce\xfa\xed\xfe"), has("\xcf\xfa\xed\xfe"), has("\xca\xfe\xba\xbe"):
		return "Mach-O"
	case has("MZ") && bytes.IndexByte(data, 0) >= 0:
		return "PE"
	case has("\x00asm"):
		return "WebAssembly"
	}
	return ""
}

// GitFiles lists the files of the git index of the repository at dir
// (git ls-files), with their size and first bytes as found in the working
// tree. Files of the index missing from the working tree are skipped.
func GitFiles(dir string) ([]File, error) {
	cmd := exec.Command("git", "ls-files", "--stage", "-z")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return nil, fmt.Errorf("git ls-files: %v: %s", err, bytes.TrimSpace(ee.Stderr))
		}
		return nil, fmt.Errorf("git ls-files: %v", err)
	}
	var files []File
	for _, rec := range bytes.Split(out, []byte{0}) {
		// "MODE OBJECT STAGE\tPATH"
		meta, name, ok := bytes.Cut(rec, []byte("\t"))
		if !ok {
			continue
		}
		mode, _, _ := bytes.Cut(meta, []byte(" "))
		f := File{Path: string(name), Mode: string(mode)}
		if f.Mode == "160000" { // a submodule: nothing in this tree
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		fi, err := os.Lstat(p)
		if err != nil {
			continue
		}
		f.Size = fi.Size()
		if fi.Mode().IsRegular() {
			h, err := os.Open(p)
			if err != nil {
				return nil, err
			}
			buf := make([]byte, headSize)
			n, err := io.ReadFull(h, buf)
			h.Close()
			if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
				return nil, err
			}
			f.Head = buf[:n]
		}
		files = append(files, f)
	}
	return files, nil
}
