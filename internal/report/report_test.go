package report

import "testing"

func TestErrorListSort(t *testing.T) {
	var l ErrorList
	l.Add(Pos{File: "b.md", Line: 1, Col: 1}, "b")
	l.Add(Pos{File: "a.md", Line: 2, Col: 1}, "second")
	l.Add(Pos{File: "a.md", Line: 1, Col: 5}, "first")
	l.Add(Pos{File: "a.md", Line: 2, Col: 1}, "second")
	l.Sort()
	want := "a.md:1:5: first\na.md:2:1: second\nb.md:1:1: b"
	if got := l.Error(); got != want {
		t.Errorf("sorted ErrorList = %q, want %q", got, want)
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.md"}, "a.md"},
		{Pos{File: "a.md", Line: 3}, "a.md:3"},
		{Pos{File: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
		{Pos{Line: 3, Col: 7, Offset: 40}, "3:7"},
		{Pos{Line: 3}, "3"},
	}
	for _, tc := range tests {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.pos, got, tc.want)
		}
	}
}

func TestError(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{Pos: Pos{File: "a.md", Line: 2, Col: 1}, Msg: "bad"}, "a.md:2:1: bad"},
		{Error{Pos: At("ab\ncd", 4), Msg: "bad"}, "2:2: bad"},
		{Error{Msg: "no position"}, "no position"},
		{Error{Pos: Pos{Offset: 7}, Msg: "offset only"}, "offset only"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%#v.Error() = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestAt(t *testing.T) {
	src := "ab\ncd\n"
	tests := []struct {
		off  int
		want Pos
	}{
		{0, Pos{Line: 1, Col: 1}},
		{2, Pos{Line: 1, Col: 3, Offset: 2}},
		{3, Pos{Line: 2, Col: 1, Offset: 3}},
		{-5, Pos{Line: 1, Col: 1}},
		{99, Pos{Line: 3, Col: 1, Offset: 6}},
	}
	for _, tc := range tests {
		if got := At(src, tc.off); got != tc.want {
			t.Errorf("At(%q, %d) = %#v, want %#v", src, tc.off, got, tc.want)
		}
	}
}
