package spell

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"hide", "hide", 0},
		{"hid", "hide", 1},
		{"lamda", "lambda", 1},
		{"kitten", "sitting", 3},
		{"bend lft", "bend left", 1},
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"compose body", "identity law", "hide", "lambda", "lamda2", "caption", "1.1", "ab", "abc"}
	tests := []struct{ word, want string }{
		{"compose bdy", "compose body"},
		{"identity laws", "identity law"},
		{"hid", "hide"},
		{"hidden", "hide"},
		{"lamda", "lambda"}, // lamda2 is one edit away too: the first in byte order wins
		{"capton", "caption"},
		{"1.2", "1.1"},
		{"something else entirely", ""},
		{"hide", ""},  // an exact match is not a suggestion
		{"a", ""},     // too short for a suggestion: any word is one edit from it
		{"ac", ""},    // two bytes: one edit is half the word
		{"abd", "ab"}, // three: one edit; ab and abc are both one away, ab sorts first
		{"hdie", ""},  // four: a swap is two edits, half the word
		{"cpation", "caption"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Suggest(tc.word, known); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
}

// TestSuggestOrder: the answer does not depend on the order of the known
// words.
func TestSuggestOrder(t *testing.T) {
	a := Suggest("lamda", []string{"lamdb", "lambda", "lamda2"})
	b := Suggest("lamda", []string{"lamda2", "lambda", "lamdb"})
	if a != b || a != "lambda" {
		t.Errorf("Suggest depends on the order of known: %q, %q; want lambda", a, b)
	}
}
