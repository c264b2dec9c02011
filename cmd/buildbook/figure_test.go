package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFigureFollowsTheMarkdown builds the repository's book twice, the
// second time with a different learning rate in chapter 5's Markdown and
// without re-tangling chapters/: the loss figure must come out different,
// because it is drawn by a real run of the code in the Markdown.
func TestFigureFollowsTheMarkdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the book twice and runs its figure program (-short)")
	}
	const chapter, constant = "05-training.md", "const BookLearningRate = 1.0"
	changed := t.TempDir()
	entries, err := os.ReadDir("../../book")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("../../book", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == chapter {
			if !bytes.Contains(data, []byte(constant)) {
				t.Fatalf("book/%s no longer holds %q; update this test", chapter, constant)
			}
			data = bytes.Replace(data, []byte(constant), []byte("const BookLearningRate = 0.5"), 1)
		}
		if err := os.WriteFile(filepath.Join(changed, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	figure := func(bookDir string) []byte {
		t.Helper()
		out := t.TempDir()
		var stdout, stderr strings.Builder
		if code := run([]string{"-book", bookDir, "-chapters", "../../chapters", "-o", out, "-tests=off"}, &stdout, &stderr); code != 0 {
			t.Fatalf("buildbook -book %s exited %d:\n%s", bookDir, code, stderr.String())
		}
		svg, err := os.ReadFile(filepath.Join(out, "figures", "05-training", "lossplot.svg"))
		if err != nil {
			t.Fatal(err)
		}
		return svg
	}
	before, after := figure("../../book"), figure(changed)
	if bytes.Equal(before, after) {
		t.Fatal("the loss figure did not change when the learning rate in the Markdown did")
	}
	if !bytes.Contains(after, []byte("learning rate 0.5")) {
		t.Error("the new figure does not say it was drawn with learning rate 0.5")
	}
}
