package weave

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"pgregory.net/rapid"
)

// TestHolds agrees with reading the whole file and comparing, for files
// and data of sizes around the piece holds reads at a time.
func TestHolds(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f")
	rapid.Check(t, func(t *rapid.T) {
		sizes := rapid.SampledFrom([]int{0, 1, 2, 256<<10 - 1, 256 << 10, 256<<10 + 1, 600 << 10})
		old := bytes.Repeat([]byte{'a'}, sizes.Draw(t, "old"))
		data := bytes.Repeat([]byte{'a'}, sizes.Draw(t, "new"))
		if len(data) > 0 && rapid.Bool().Draw(t, "flip") {
			data[rapid.IntRange(0, len(data)-1).Draw(t, "at")] = 'b'
		}
		if err := os.WriteFile(name, old, 0o644); err != nil {
			t.Fatal(err)
		}
		if got, want := holds(name, data), bytes.Equal(old, data); got != want {
			t.Fatalf("holds of a file of %d bytes and %d bytes = %v, want %v", len(old), len(data), got, want)
		}
	})
	if holds(filepath.Join(dir, "none"), nil) {
		t.Error("a missing file holds nothing, not even no bytes")
	}
	if holds(dir, nil) {
		t.Error("a directory holds no bytes")
	}
}
