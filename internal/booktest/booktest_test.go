package booktest

import (
	"strings"
	"testing"
)

func TestGenerateSize(t *testing.T) {
	fsys := Generate(100)
	size, blocks := 0, 0
	for _, f := range fsys {
		size += len(f.Data)
		blocks += strings.Count(string(f.Data), "```go ")
	}
	if size < 250_000 || size > 350_000 {
		t.Errorf("Generate(100) has %d bytes of Markdown, want about 300 KB", size)
	}
	if blocks != 1000 {
		t.Errorf("Generate(100) has %d go blocks, want 1000", blocks)
	}
}
