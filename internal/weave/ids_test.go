package weave

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIDSetUnique(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
		want []string
	}{
		{"distinct", []string{"a", "b"}, []string{"a", "b"}},
		{"repeated", []string{"intro", "intro", "intro"}, []string{"intro", "intro-1", "intro-2"}},
		{"suffix already taken", []string{"x-1", "x", "x"}, []string{"x-1", "x", "x-2"}},
		{"goldmark's own suffix", []string{"x", "x", "x-1"}, []string{"x", "x-1", "x-1-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := idSet{}
			var got []string
			for _, base := range tc.in {
				got = append(got, s.unique(base))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("unique(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

// TestHeadingIDsPerPage checks that ids are unique on each page, not
// across the book: a heading keeps its plain id whatever the other pages
// hold (02-domain.html#recap, not #recap-1), a second equal heading on
// one page gets -1, and chunk ids do not clash with headings.
func TestHeadingIDsPerPage(t *testing.T) {
	fsys := mapFS(
		"SUMMARY.md", "# B\n\n- [One](one.md)\n- [Two](two.md)\n",
		"one.md", "# Intro\n\n## Setup\n\n## Setup\n",
		"two.md", "# Intro\n\n## Setup\n\n## Two setup 1\n\n```go file=f.go\npackage two\n\n<<setup>>\n```\n\n```go name=setup\nvar x = 1\n```\n",
	)
	bk, out := load(t, fsys)
	w := &weaver{bk: bk, out: out, byPath: map[string]*page{}}
	w.assignIDs()
	got := map[string][]string{}
	for _, p := range w.pages {
		got[p.Path] = append(got[p.Path], p.id)
		for _, local := range p.anchors {
			got[p.Path] = append(got[p.Path], local+"→"+p.headings[local])
		}
		for _, b := range p.Doc.Blocks {
			got[p.Path] = append(got[p.Path], "block→"+p.bids[b])
		}
	}
	want := map[string][]string{
		"one.md": {"one", "intro→intro", "setup→setup", "setup-1→setup-1"},
		"two.md": {"two", "intro→intro", "setup→setup", "two-setup-1→two-setup-1", "block→f.go-1", "block→setup-1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	for _, p := range w.pages {
		var all []string
		for _, id := range p.hids {
			all = append(all, id)
		}
		for _, id := range p.bids {
			all = append(all, id)
		}
		slices.Sort(all)
		if len(slices.Compact(slices.Clone(all))) != len(all) {
			t.Errorf("%s: ids are not unique on the page: %q", p.Path, all)
		}
	}
}
