package memo

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// Program returns the identity of the running executable, for results
// kept on disk between runs: they are good for the program that computed
// them and for no other. It is the Go build ID, which the go command
// derives from the executable's content, so that a program rebuilt from
// other code has another one; read from the ELF note where Go puts it
// (Linux and most Unix systems), from the text that other formats carry
// it in (macOS, Windows), or else a hash of the whole file. It returns ""
// if the executable cannot be read: then nothing should be kept.
var Program = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	if id := elfBuildID(f); id != "" {
		return "go build id " + id
	}
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	if id := textBuildID(head[:n]); id != "" {
		return "go build id " + id
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return ""
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha256 " + hex.EncodeToString(h.Sum(nil))
})

// elfBuildID returns the build ID of the ELF note .note.go.buildid: a
// name "Go\0\0", note type 4, and the ID as its description.
func elfBuildID(r io.ReaderAt) string {
	ef, err := elf.NewFile(r)
	if err != nil {
		return ""
	}
	s := ef.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	note, err := s.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	order := ef.ByteOrder
	namesz, descsz, typ := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if namesz != 4 || typ != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(len(note)) < 16+uint64(descsz) {
		return ""
	}
	return string(note[16 : 16+descsz])
}

// textBuildID finds the build ID that the Go linker writes near the
// start of the text of an executable: \xff Go build ID: "ID".
func textBuildID(data []byte) string {
	prefix := []byte("\xff Go build ID: \"")
	i := bytes.Index(data, prefix)
	if i < 0 {
		return ""
	}
	rest := data[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}
