package cd

import "math"

// Arrow tips, drawn as strokes of the arrow's width with round caps and
// joins, with the geometry of tikz-cd's Computer Modern tips, in em
// (measured from its output at 10 pt) at tikz-cd's line width; like
// TikZ's, they grow with the line width.
const (
	headBack    = 0.207 // → : from the barbs to the apex, along the arrow
	headHalf    = 0.239 // → : half the width between the barbs
	twoHeadGap  = 0.144 // ↠ : the second head behind the first
	hookAlong   = 0.123 // ↪ : how far the hook reaches back
	hookHalf    = 0.098 // ↪ : its radius across
	barHalf     = 0.1635
	impliesBack = 0.328 // ⇒
	impliesHalf = 0.255
	impliesGap  = 0.20 // the lines of ⇒ stop this far before the apex
	crossWidth  = 0.646
)

// The zigzag of squiggly arrows (tikz-cd's squiggly: segments of 9.25
// line widths, an amplitude of 1.9, and 6 straight at each end).
const (
	zigSegment   = 0.37
	zigAmplitude = 0.076
	zigStraight  = 0.24
)

// tipShape is a tip as strokes.
type tipShape struct {
	strokes []bez
}

func (t tipShape) points() []pt {
	var ps []pt
	for _, s := range t.strokes {
		ps = append(ps, s[:]...)
	}
	return ps
}

// frame maps tip coordinates to the drawing: x along fwd from the point
// o (negative behind it), y to the left of fwd, both scaled by k (the
// arrow's weight).
type frame struct {
	o, fwd pt
	k      float64
}

func (f frame) at(x, y float64) pt {
	return f.o.add(f.fwd.mul(x * f.k)).add(f.fwd.left().mul(y * f.k))
}

// head returns the barbs of → with its apex at f.o: both, or only the
// left (side 1) or right (side -1) one.
func head(f frame, side int) tipShape {
	var t tipShape
	for _, s := range []float64{1, -1} {
		if side != 0 && float64(side) != s {
			continue
		}
		t.strokes = append(t.strokes, bez{f.at(-headBack, s*headHalf), f.at(-0.170, s*0.095), f.at(-0.085, s*0.028), f.at(0, 0)})
	}
	return t
}

func implies(f frame) tipShape {
	var t tipShape
	for _, s := range []float64{1, -1} {
		t.strokes = append(t.strokes, bez{f.at(-impliesBack, s*impliesHalf), f.at(-0.27, s*0.11), f.at(-0.13, s*0.03), f.at(0, 0)})
	}
	return t
}

// hook returns ↪'s hook: half an ellipse from the start of the shaft at
// f.o, bulging back along -fwd, on side 1 (left of fwd) or -1.
func hook(f frame, side float64) tipShape {
	const k = 0.5523 // a quarter circle as a cubic
	a, b := hookAlong, hookHalf
	o := func(x, y float64) pt { return f.at(x, side*(y+b)) }
	return tipShape{strokes: []bez{
		{o(0, -b), o(-a*k, -b), o(-a, -b*k), o(-a, 0)},
		{o(-a, 0), o(-a, b*k), o(-a*k, b), o(0, b)},
	}}
}

func bar(f frame, half float64) tipShape {
	return tipShape{strokes: []bez{line(f.at(0, half), f.at(0, -half))}}
}

// shaft works out what of the arrow is drawn: the path between its ends,
// less the shortening, less the room its tips take.
func (dr *Drawn) shaft() {
	a := dr.Arrow
	c := dr.Curve
	if a.Between != [2]float64{0, 1} {
		c = c.sub(a.Between[0], a.Between[1])
	}
	c, ok := c.trim(a.ShortStart, a.ShortEnd)
	if !ok {
		return
	}
	total := c.length()
	s1 := dr.tip(a.HeadTip, c, total, false)
	s0 := dr.tip(a.TailTip, c, total, true)
	if s, ok := c.trim(s0, s1); ok && !a.NoBody {
		dr.Shaft, dr.Shown = s, true
		if a.Squiggly {
			dr.Zigzag = zigzag(s, a.Weight)
		}
	}
}

// lines returns how many parallel lines the arrow's body has.
func (a *Arrow) lines() int {
	switch {
	case a.NFold >= 2:
		return a.NFold
	case a.Double:
		return 2
	}
	return 1
}

// width is the arrow's stroke width, em.
func (a *Arrow) width() float64 { return LineWidth * a.Weight }

// tip draws tip t at one end of c (of length total): the start when
// start, else the end. It returns how much of the shaft the tip takes
// from that end. Tips are described looking out of the arrow: a head at
// the start points back, as in ←.
func (dr *Drawn) tip(t Tip, c bez, total float64, start bool) float64 {
	a := dr.Arrow
	k := a.Weight
	h := a.width() / 2
	spread := 1.0 // ⇛ and wider: ⇒'s head grows by half for each line more
	if n := a.lines(); n > 2 {
		spread += 0.5 * float64(n-2)
	}
	// out returns the frame at arc length s from this end, pointing out
	// of the arrow (in = false) or into it.
	out := func(s float64, in bool) frame {
		if !start {
			s = total - s
		}
		tt := c.paramAt(s)
		d := c.tangent(tt)
		if start != in {
			d = d.mul(-1)
		}
		return frame{c.at(tt), d, k}
	}
	// Hooks and harpoons are on the left or right of travel; in the
	// frame at the start, which points back, left and right swap.
	side := 1.0
	if start {
		side = -1
	}
	switch t {
	case Head:
		dr.Tips = append(dr.Tips, head(out(h, false), 0))
		return 2 * h
	case TwoHeads:
		dr.Tips = append(dr.Tips, head(out(h, false), 0), head(out(h+twoHeadGap*k, false), 0))
		return 2 * h
	case Harpoon, HarpoonSwap:
		s := 1.0
		if t == HarpoonSwap {
			s = -1
		}
		dr.Tips = append(dr.Tips, head(out(h, false), int(s)))
		return 2 * h
	case Implies:
		f := out(h, false)
		f.k *= spread
		dr.Tips = append(dr.Tips, implies(f))
		return h + impliesGap*k*spread
	case ImpliesTail:
		s := h + impliesBack*k*spread
		f := out(s, true)
		f.k *= spread
		dr.Tips = append(dr.Tips, implies(f))
		return s
	case Hook, HookSwap:
		s := h + hookAlong*k
		hs := side
		if t == HookSwap {
			hs = -side
		}
		// The frame points into the arrow, so that the hook bulges out.
		dr.Tips = append(dr.Tips, hook(out(s, true), -hs))
		return s
	case Tail:
		s := h + headBack*k
		dr.Tips = append(dr.Tips, head(out(s, true), 0))
		return s
	case Bar:
		dr.Tips = append(dr.Tips, bar(out(h, false), barHalf))
	case ImpliesBar:
		dr.Tips = append(dr.Tips, bar(out(h, false), barHalf*spread+doubleGap))
	}
	return h
}

// zigzag returns the points of a squiggly body along c: straight at
// both ends, zigzag between, with amplitude and segments grown by the
// weight k.
func zigzag(c bez, k float64) []pt {
	total := c.length()
	seg, amp, straight := zigSegment*k, zigAmplitude*k, zigStraight*k
	n := int(math.Floor((total - 2*straight) / seg))
	if n < 1 {
		return nil
	}
	start := (total - float64(n)*seg) / 2
	ps := []pt{c[0], c.at(c.paramAt(start))}
	for i := 0; i < n; i++ {
		for _, q := range [][2]float64{{0.25, 1}, {0.75, -1}} {
			t := c.paramAt(start + (float64(i)+q[0])*seg)
			ps = append(ps, c.at(t).add(c.tangent(t).left().mul(q[1]*amp)))
		}
	}
	ps = append(ps, c.at(c.paramAt(start+float64(n)*seg)), c[3])
	return ps
}
