package main

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output in the scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"tangle": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the scripts in testdata/script: every behaviour of the
// command, with the exact text of every error.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", UpdateScripts: *update})
}

// TestRepositoryInSync runs tangle -check on this repository: the packages
// under chapters/ must be exactly what the book's Markdown produces.
func TestRepositoryInSync(t *testing.T) {
	var stdout, stderr strings.Builder
	if code := run([]string{"-check", "-book", "../../book", "-out", "../../chapters"}, &stdout, &stderr); code != 0 {
		t.Errorf("tangle -check exited %d; chapters/ is out of sync with book/ (run go run ./cmd/tangle):\n%s", code, stderr.String())
	}
}
