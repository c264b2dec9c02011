package tangle

import "testing"

func TestLineWidth(t *testing.T) {
	tests := []struct {
		text        string
		width, over int
	}{
		{"", 0, 0},
		{"abc", 3, 3},
		{"\tx", 5, 2},
		{"ab\tx", 5, 4},   // the tab goes from column 2 to 4
		{"abcd\tx", 9, 6}, // from 4 to 8
		{"∘∘∘", 3, 9},     // runes, not bytes
		{"\t\tabcd", 12, 6},
	}
	for _, tc := range tests {
		if w, over := lineWidth(tc.text, 80); w != tc.width || over != tc.over {
			t.Errorf("lineWidth(%q, 80) = %d, %d, want %d, %d", tc.text, w, over, tc.width, tc.over)
		}
	}
	if w, over := lineWidth("\t\tabcdefgh", 10); w != 16 || over != 4 {
		t.Errorf("lineWidth(two tabs and 8 letters, 10) = %d, %d, want 16, 4 (the third letter is column 11)", w, over)
	}
}
