package memo

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCache keeps a result while a build uses it, and drops it after
// two builds that did not.
func TestCache(t *testing.T) {
	var c Cache[int]
	calls := 0
	f := func() int { calls++; return 42 }
	first := c.Do("a", f)
	second := c.Do("a", f)
	if first != 42 || second != 42 || calls != 1 {
		t.Fatalf("Do called f %d times, want 1", calls)
	}
	c.Next()
	if _, ok := c.Get("a"); !ok {
		t.Fatal("a result of the previous build is gone")
	}
	c.Next()
	c.Next() // a was used in the last-but-one generation only: dropped now
	if _, ok := c.Get("a"); ok {
		t.Fatal("a result no build used is kept")
	}
	var none *Cache[int]
	none.Put("a", 1)
	none.Next()
	if _, ok := none.Get("a"); ok {
		t.Fatal("a nil cache keeps results")
	}
}

// TestWriteRead carries the results of one process to the next.
func TestWriteRead(t *testing.T) {
	var c Cache[[]byte]
	c.Put("a", []byte("A"))
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	var d Cache[[]byte]
	d.Read(&buf)
	d.Next()
	if v, ok := d.Get("a"); !ok || string(v) != "A" {
		t.Errorf("after Read: %q, %v", v, ok)
	}
	var e Cache[[]byte]
	e.Read(bytes.NewReader([]byte("not gob")))
	if _, ok := e.Get("a"); ok {
		t.Error("a broken stream added results")
	}
}

// TestProgram names the test binary by the build ID the go command gave
// it (go tool buildid prints the same).
func TestProgram(t *testing.T) {
	id := Program()
	if id == "" {
		t.Fatal("no identity for the running program")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := "go build id " + strings.TrimSpace(string(out)); id != want {
		t.Errorf("Program() = %q, want %q", id, want)
	}
	if got := textBuildID([]byte("junk\xff Go build ID: \"abc/def\"\n junk")); got != "abc/def" {
		t.Errorf("textBuildID = %q, want abc/def", got)
	}
	if got := textBuildID([]byte("no id here")); got != "" {
		t.Errorf("textBuildID of no id = %q", got)
	}
}
