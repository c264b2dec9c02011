package tangle

import (
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// squash removes all white space.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestSameBesidesSpace agrees with comparing the lines squashed, on
// generated lines of Go-like text with white space put in and taken out.
func TestSameBesidesSpace(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		alphabet := []rune(" \t\r\nab{}()é→")
		gen := rapid.SliceOfN(rapid.SampledFrom(alphabet), 0, 24)
		a := string(gen.Draw(t, "a"))
		b := a
		switch rapid.IntRange(0, 2).Draw(t, "how") {
		case 0: // the same text, spaced otherwise
			b = strings.ReplaceAll(strings.ReplaceAll(a, " ", ""), "\t", "\n ")
		case 1: // another text
			b = string(gen.Draw(t, "b"))
		}
		if got, want := sameBesidesSpace(a, []byte(b)), squash(a) == squash(b); got != want {
			t.Fatalf("sameBesidesSpace(%q, %q) = %v, want %v", a, b, got, want)
		}
	})
}
