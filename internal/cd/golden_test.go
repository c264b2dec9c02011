package cd

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden SVGs in testdata/golden")

// goldens returns the golden sources: name → source.
func goldens(t testing.TB) (names []string, srcs map[string]string) {
	files, _ := filepath.Glob("testdata/golden/*.tikzcd")
	if len(files) == 0 {
		t.Fatal("no golden sources")
	}
	srcs = map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".tikzcd")
		names = append(names, name)
		srcs[name] = string(data)
	}
	return names, srcs
}

// TestGolden renders every testdata/golden/NAME.tikzcd and compares the
// SVG with NAME.svg; -update rewrites them. Rendering twice gives the
// same bytes.
func TestGolden(t *testing.T) {
	names, srcs := goldens(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			opt := Options{Name: name + ".tikzcd", ID: "cd-" + name}
			got, err := Render(srcs[name], opt)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := Render(srcs[name], opt)
			if !bytes.Equal(got, again) {
				t.Error("two renderings differ")
			}
			path := filepath.Join("testdata/golden", name+".svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendering (go test -update rewrites it); first difference at byte %d", path, firstDiff(got, want))
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestQuiverExport checks that the square as quiver exports it (absolute
// arrows after the grid, \[ \], its link) draws exactly the hand-written
// square.
func TestQuiverExport(t *testing.T) {
	_, srcs := goldens(t)
	opt := Options{ID: "x"}
	hand, err := Render(srcs["square"], opt)
	if err != nil {
		t.Fatal(err)
	}
	quiver, err := Render(srcs["quiver-square"], opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(hand, quiver) {
		t.Errorf("quiver's export draws differently from the hand-written square:\n%s\n%s", hand, quiver)
	}
	d, err := Parse("q", srcs["quiver-square"])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Quiver, "https://q.uiver.app/#q=") {
		t.Errorf("Quiver = %q, want the export's link", d.Quiver)
	}
}

func layoutOf(t *testing.T, name, src string) *Figure {
	t.Helper()
	d, err := Parse(name, src)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Layout(name, src, d)
	if err != nil {
		t.Fatal(err)
	}
	return fig
}

const tol = 1e-6

// TestInvariants checks tikz-cd's layout rules on every golden figure:
// gaps between node boxes equal the separation (plus what widen added), arrow tips touch the node
// boxes, labels sit 0.235 em from their arrows, rows are horizontal, and
// bends leave at the chord angle plus the bend angle.
func TestInvariants(t *testing.T) {
	names, srcs := goldens(t)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			fig := layoutOf(t, name, srcs[name])
			checkGaps(t, fig)
			checkTips(t, fig)
			checkLabels(t, fig)
			checkRows(t, fig)
			checkBends(t, fig)
		})
	}
}

// checkGaps: the space between the widest boxes of adjacent columns is the
// column sep, and between adjacent rows the row sep.
func checkGaps(t *testing.T, fig *Figure) {
	d := fig.Diagram
	right := map[int]float64{}
	left := map[int]float64{}
	bottom := map[int]float64{}
	top := map[int]float64{}
	for _, n := range fig.Nodes {
		if n.Rect.rot != 0 {
			continue // turned about its base, as TikZ turns it
		}
		r, c := n.Cell.Row, n.Cell.Col
		x0, x1 := n.Rect.c.X-n.Rect.hw, n.Rect.c.X+n.Rect.hw
		y0, y1 := n.Rect.c.Y-n.Rect.down, n.Rect.c.Y+n.Rect.up
		if v, ok := right[c]; !ok || x1 > v {
			right[c] = x1
		}
		if v, ok := left[c]; !ok || x0 < v {
			left[c] = x0
		}
		if v, ok := bottom[r]; !ok || y0 < v {
			bottom[r] = y0
		}
		if v, ok := top[r]; !ok || y1 > v {
			top[r] = y1
		}
	}
	checked := 0
	for j := 0; j+1 < d.Cols; j++ {
		if _, ok := right[j]; !ok {
			continue
		}
		if _, ok := left[j+1]; !ok {
			continue
		}
		if gap := left[j+1] - right[j]; math.Abs(gap-d.ColSep[j]-fig.colExtra[j]) > tol {
			t.Errorf("gap between columns %d and %d = %.4f em, want column sep %.4f + %.4f", j+1, j+2, gap, d.ColSep[j], fig.colExtra[j])
		}
		checked++
	}
	for i := 0; i+1 < d.Rows; i++ {
		if _, ok := bottom[i]; !ok {
			continue
		}
		if _, ok := top[i+1]; !ok {
			continue
		}
		if gap := bottom[i] - top[i+1]; math.Abs(gap-d.RowSep[i]-fig.rowExtra[i]) > tol {
			t.Errorf("gap between rows %d and %d = %.4f em, want row sep %.4f + %.4f", i+1, i+2, gap, d.RowSep[i], fig.rowExtra[i])
		}
		checked++
	}
	if d.Rows*d.Cols > 1 && checked == 0 && len(fig.Nodes) > 1 {
		t.Error("no gap checked")
	}
}

// distToRect returns how far p is outside r's box (0 inside).
func distToRect(p pt, r rect) float64 {
	dx := max(r.c.X-r.hw-p.X, 0, p.X-(r.c.X+r.hw))
	dy := max(r.c.Y-r.down-p.Y, 0, p.Y-(r.c.Y+r.up))
	return math.Hypot(dx, dy)
}

// checkTips: the apex of a head lies outer sep plus half a line width
// outside its target's box, measured along the arrow: the round tip's ink
// touches the box's outer sep.
func checkTips(t *testing.T, fig *Figure) {
	byCell := map[*Cell]*Node{}
	for _, n := range fig.Nodes {
		byCell[n.Cell] = n
	}
	for i, dr := range fig.Arrows {
		a := dr.Arrow
		if a.HeadTip != Head || a.To.Name != "" || a.ShortEnd != 0 || len(dr.Tips) == 0 ||
			a.To.Anchor != "" || a.XShift != 0 || a.YShift != 0 || a.Between != [2]float64{0, 1} {
			continue
		}
		n := byCell[fig.Diagram.Cell(a.To.Row, a.To.Col)]
		if n.Rect.rot != 0 {
			continue
		}
		strokes := dr.Tips[0].strokes
		apex := strokes[0][3]
		// The apex is LineWidth/2 back along the path from the border
		// point, which is outerSep outside the box along the path.
		end := dr.Curve[3]
		if got := apex.sub(end).len(); math.Abs(got-a.width()/2) > 1e-3 {
			t.Errorf("arrow %d: apex %.4f em from the path's end, want %.4f", i+1, got, a.width()/2)
		}
		d := distToRect(end, n.Rect)
		// Along a straight arrow the border point is outerSep out along
		// the arrow; its distance to the box is at most that.
		if d > outerSep+tol || d < outerSep*0.5 {
			t.Errorf("arrow %d: path ends %.4f em outside the target box, want about %.2f", i+1, d, outerSep)
		}
	}
}

// checkLabels: an auto-placed label's text box is labelSep + outerSep
// (0.235 em) from its point on the path, on the side its anchor says.
func checkLabels(t *testing.T, fig *Figure) {
	const want = 0.235
	for i, dr := range fig.Arrows {
		for _, p := range dr.Labels {
			l := p.Label
			if l.Anchor != Auto || dr.Arrow.Phantom || l.innerSet || p.Rotate != 0 {
				continue
			}
			lo, hi := p.Box[0], p.Box[1]
			dx := max(lo.X-p.At.X, p.At.X-hi.X)
			dy := max(lo.Y-p.At.Y, p.At.Y-hi.Y)
			ax, ay := autoAnchor(dr.Curve.tangent(l.Pos), l.Swap)
			if ax != 0 && math.Abs(dx-want) > 0.01 {
				t.Errorf("arrow %d, label %q: horizontal gap %.4f em, want %.3f ± 0.01", i+1, l.Math, dx, want)
			}
			if ay != 0 && math.Abs(dy-want) > 0.01 {
				t.Errorf("arrow %d, label %q: vertical gap %.4f em, want %.3f ± 0.01", i+1, l.Math, dy, want)
			}
			if ax == 0 && math.Abs((lo.X+hi.X)/2-p.At.X) > tol || ay == 0 && math.Abs((lo.Y+hi.Y)/2-p.At.Y) > tol {
				t.Errorf("arrow %d, label %q: not centred on its point along the arrow", i+1, l.Math)
			}
		}
	}
}

// checkRows: the objects of a row share their centre line, and a straight
// arrow between two of them is horizontal.
func checkRows(t *testing.T, fig *Figure) {
	centre := map[int]float64{}
	turned := map[[2]int]bool{}
	for _, n := range fig.Nodes {
		if n.Rect.rot != 0 {
			turned[[2]int{n.Cell.Row, n.Cell.Col}] = true
			continue
		}
		if y, ok := centre[n.Cell.Row]; ok && math.Abs(y-n.Rect.c.Y) > tol {
			t.Errorf("row %d: centres at %.4f and %.4f", n.Cell.Row+1, y, n.Rect.c.Y)
		}
		centre[n.Cell.Row] = n.Rect.c.Y
	}
	for i, dr := range fig.Arrows {
		a := dr.Arrow
		if a.From.Name != "" || a.To.Name != "" || a.From.Row != a.To.Row || a.Bend != 0 || a.Loop || a.Curve != nil ||
			turned[[2]int{a.From.Row, a.From.Col}] || turned[[2]int{a.To.Row, a.To.Col}] || a.YShift != 0 || a.From.Anchor != "" || a.To.Anchor != "" {
			continue
		}
		c := dr.Curve
		if math.Abs(c[0].Y-c[3].Y) > tol || math.Abs(c[1].Y-c[0].Y) > tol {
			t.Errorf("arrow %d joins a row but is not horizontal: %v", i+1, c)
		}
	}
}

// checkBends: bend left=θ leaves its source at the chord angle plus θ and
// reaches its target at the chord angle plus 180 − θ.
func checkBends(t *testing.T, fig *Figure) {
	for i, dr := range fig.Arrows {
		a := dr.Arrow
		if a.Bend == 0 || a.From.Name != "" || a.To.Name != "" {
			continue
		}
		var src, dst *Node
		for _, n := range fig.Nodes {
			if n.Cell.Row == a.From.Row && n.Cell.Col == a.From.Col {
				src = n
			}
			if n.Cell.Row == a.To.Row && n.Cell.Col == a.To.Col {
				dst = n
			}
		}
		chord := dst.Rect.c.sub(src.Rect.c).angle()
		out := dr.Curve[1].sub(dr.Curve[0]).angle()
		in := dr.Curve[2].sub(dr.Curve[3]).angle()
		if diff := angleDiff(out, chord+a.Bend); math.Abs(diff) > 0.01 {
			t.Errorf("arrow %d: leaves at %.2f°, want chord %.2f° + %.0f°", i+1, out, chord, a.Bend)
		}
		if diff := angleDiff(in, chord+180-a.Bend); math.Abs(diff) > 0.01 {
			t.Errorf("arrow %d: arrives at %.2f°, want chord %.2f° + 180° − %.0f°", i+1, in, chord, a.Bend)
		}
		// The control distance is 0.3915 times the chord between the ends.
		k := dr.Curve[1].sub(dr.Curve[0]).len()
		if want := 0.3915 * dr.Curve[3].sub(dr.Curve[0]).len(); math.Abs(k-want) > 1e-6 {
			t.Errorf("arrow %d: control distance %.4f, want %.4f", i+1, k, want)
		}
	}
}

func angleDiff(a, b float64) float64 {
	d := math.Mod(a-b, 360)
	if d > 180 {
		d -= 360
	}
	if d < -180 {
		d += 360
	}
	return d
}

// TestCompareRender writes our rendering of every golden and corpus
// figure to $CD_COMPARE_OUT/NAME.svg for testdata/compare.sh (make
// compare-diagrams); without the variable it does nothing.
func TestCompareRender(t *testing.T) {
	dir := os.Getenv("CD_COMPARE_OUT")
	if dir == "" {
		t.Skip("CD_COMPARE_OUT is not set (make compare-diagrams sets it)")
	}
	files, _ := filepath.Glob("testdata/golden/*.tikzcd")
	corpus, _ := filepath.Glob("testdata/corpus/*.tikzcd")
	for _, f := range append(files, corpus...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".tikzcd")
		svg, err := Render(string(data), Options{Name: f, ID: "cd-" + name})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".svg"), svg, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDescriptionShaft checks that a description label on a short
// vertical arrow leaves descStub of the shaft visible on each side: the
// product's ⟨f, g⟩ showed only a stub.
func TestDescriptionShaft(t *testing.T) {
	_, srcs := goldens(t)
	fig := layoutOf(t, "description-stub", srcs["description-stub"])
	for _, dr := range fig.Arrows {
		for _, p := range dr.Labels {
			if !p.Label.Description {
				continue
			}
			top, bottom := p.Box[1].Y+p.Pad, p.Box[0].Y-p.Pad
			above := dr.Curve[0].Y - top
			below := bottom - dr.Curve[3].Y
			if above < descStub-1e-6 || below < descStub-1e-6 {
				t.Errorf("label %q leaves %.3f em above and %.3f below, want %.2f", p.Label.Math, above, below, descStub)
			}
		}
	}
}
