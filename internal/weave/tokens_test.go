package weave

import "testing"

func TestJoinTokens(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<i>// a</i>\n<i>// b</i>", "<i>// a\n// b</i>"},
		{"<i>// a</i>\n\t\t<i>// b</i>\n\t<i>// c</i>", "<i>// a\n\t\t// b\n\t// c</i>"},
		// Another kind of token, or text between, keeps both.
		{"<i>// a</i>\n<b>func</b>", "<i>// a</i>\n<b>func</b>"},
		{"<i>// a</i>\nx <i>// b</i>", "<i>// a</i>\nx <i>// b</i>"},
		{"<c-kt>int</c-kt>\n<c-kt>int</c-kt>", "<c-kt>int\nint</c-kt>"},
		// On one line, tokens stay apart: a space is not a line break.
		{"<b>return</b> <b>func</b>", "<b>return</b> <b>func</b>"},
	}
	for _, tc := range tests {
		if got := joinTokens(tc.in); got != tc.want {
			t.Errorf("joinTokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
