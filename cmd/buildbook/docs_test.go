package main

import (
	"os"
	"strings"
	"testing"
)

// firstSh returns the first ```sh block of file after the line heading.
func firstSh(t *testing.T, file, heading string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Skipf("%s is not there: %v", file, err)
	}
	_, rest, ok := strings.Cut(string(data), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("%s has no %q", file, heading)
	}
	_, rest, ok = strings.Cut(rest, "```sh\n")
	if !ok {
		t.Fatalf("%s has no sh block after %q", file, heading)
	}
	block, _, _ := strings.Cut(rest, "```")
	return block
}

// TestTwoCommands: the README and the welcome page name the same two
// commands, and the first is buildbook's default build, which gives the
// chapters their test status.
func TestTwoCommands(t *testing.T) {
	readme := firstSh(t, "../../README.md", "## Two commands")
	welcome := firstSh(t, "../../book/welcome.md", "## A first result")
	if readme != welcome {
		t.Errorf("the README's two commands\n%s\nare not the welcome page's\n%s", readme, welcome)
	}
	if !strings.HasPrefix(readme, "go run ./cmd/buildbook ") {
		t.Errorf("the first command is not buildbook's default build:\n%s", readme)
	}
}
