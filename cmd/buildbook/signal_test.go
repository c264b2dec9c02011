//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sleeperBook has a figure whose program writes its process id to the file
// pid and then never finishes.
var sleeperBook = map[string]string{
	"go.mod":          "module m\n\ngo 1.26\n",
	"book/SUMMARY.md": "- [One](01-one.md)\n",
	"book/01-one.md": "# One\n\n```go file=sleeper/main.go\npackage main\n\nimport (\n\t\"os\"\n\t\"strconv\"\n\t\"time\"\n)\n\n" +
		"func main() {\n\tos.WriteFile(\"pid.tmp\", []byte(strconv.Itoa(os.Getpid())), 0o644)\n\tos.Rename(\"pid.tmp\", \"pid\")\n\ttime.Sleep(time.Hour)\n}\n```\n\n" +
		"![It sleeps](run:sleeper)\n",
}

// TestSignal stops buildbook with SIGINT and with SIGTERM while a
// figure's program runs: the program must die with it, buildbook must
// leave no temporary tree behind and write nothing, and it must die of
// the signal, as a shell expects.
func TestSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a figure program (-short)")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range sleeperBook {
				writeFile(t, filepath.Join(dir, name), data)
			}
			tmp := filepath.Join(dir, "tmp")
			if err := os.Mkdir(tmp, 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-book", "book", "-chapters", "chapters", "-o", "_book")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "CTML_TEST_BUILDBOOK=1", "TMPDIR="+tmp)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			pid := 0
			for deadline := time.Now().Add(2 * time.Minute); pid == 0; {
				if data, err := os.ReadFile(filepath.Join(dir, "pid")); err == nil {
					pid, _ = strconv.Atoi(string(data))
				} else if time.Now().After(deadline) {
					t.Fatalf("the figure program never started:\n%s", stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			defer syscall.Kill(pid, syscall.SIGKILL)
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(time.Minute):
				t.Fatalf("buildbook did not stop on %v:\n%s", sig, stderr.String())
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != sig {
				t.Errorf("buildbook ended with %v, want death by %v; stderr:\n%s", err, sig, stderr.String())
			}
			for deadline := time.Now().Add(time.Minute); alive(pid); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the figure program (pid %d) outlived buildbook", pid)
				}
			}
			if entries, _ := os.ReadDir(tmp); len(entries) > 0 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("buildbook left %s in its temporary directory", strings.Join(names, ", "))
			}
			if _, err := os.Stat(filepath.Join(dir, "_book")); err == nil {
				t.Errorf("an interrupted build wrote _book")
			}
		})
	}
}

// alive reports whether process pid exists and is not a zombie waiting to
// be reaped.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	_, rest, _ := bytes.Cut(stat, []byte(") "))
	return !bytes.HasPrefix(rest, []byte("Z"))
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
