package weave

import (
	"testing"

	"github.com/alecthomas/chroma/v2/lexers"
)

// TestPatientLexer: the lexers weave uses give their regexps
// matchTimeout, not chroma's 250ms, and highlight as chroma's do.
func TestPatientLexer(t *testing.T) {
	for _, lang := range []string{"go", "sh", "json"} {
		lx, n := patient(lexers.Get(lang))
		if n < 10 {
			t.Errorf("%s: %d regexps given a longer timeout, want them all", lang, n)
		}
		src := []string{"func F(s string) int { return len(s) } // x", `echo "a $b"`, `{"a": [1, true]}`}
		for _, line := range src {
			got, want := highlight(lx, []string{line}), highlight(lexers.Get(lang), []string{line})
			if got[0] != want[0] {
				t.Errorf("%s: %q highlights as %s, chroma's lexer as %s", lang, line, got[0], want[0])
			}
		}
	}
}
