package cd

// Arrow tips, drawn as strokes of LineWidth with round caps and joins,
// with the geometry of tikz-cd's Computer Modern tips, in em (measured
// from its output at 10 pt).
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

// frame maps tip coordinates (x back along the arrow from the point o,
// negative behind it; y to the left) to the drawing.
type frame struct{ o, fwd pt }

func (f frame) at(x, y float64) pt { return f.o.add(f.fwd.mul(x)).add(f.fwd.left().mul(y)) }

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
// f.o, bulging back towards the source, on side 1 (left) or -1.
func hook(f frame, side float64) tipShape {
	const k = 0.5523 // a quarter circle as a cubic
	a, b := hookAlong, hookHalf
	o := func(x, y float64) pt { return f.at(x, side*(y+b)) }
	return tipShape{strokes: []bez{
		{o(0, -b), o(-a*k, -b), o(-a, -b*k), o(-a, 0)},
		{o(-a, 0), o(-a, b*k), o(-a*k, b), o(0, b)},
	}}
}

func bar(f frame) tipShape {
	return tipShape{strokes: []bez{line(f.at(0, barHalf), f.at(0, -barHalf))}}
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
	const h = LineWidth / 2
	total := c.length()
	frameAt := func(s float64, back bool) frame {
		t := c.paramAt(s)
		d := c.tangent(t)
		if back {
			d = d.mul(-1)
		}
		return frame{c.at(t), d}
	}
	s0, s1 := h, h
	switch a.HeadTip {
	case Head, TwoHeads, Harpoon, HarpoonSwap:
		side := map[Tip]int{Harpoon: 1, HarpoonSwap: -1}[a.HeadTip]
		dr.Tips = append(dr.Tips, head(frameAt(total-h, false), side))
		if a.HeadTip == TwoHeads {
			dr.Tips = append(dr.Tips, head(frameAt(total-h-twoHeadGap, false), 0))
		}
		s1 = 2 * h
	case Implies:
		dr.Tips = append(dr.Tips, implies(frameAt(total-h, false)))
		s1 = h + impliesGap
	}
	switch a.TailTip {
	case Head:
		dr.Tips = append(dr.Tips, head(frameAt(h, true), 0))
		s0 = 2 * h
	case Implies:
		dr.Tips = append(dr.Tips, implies(frameAt(h, true)))
		s0 = h + impliesGap
	case Hook, HookSwap:
		s0 = h + hookAlong
		side := 1.0
		if a.TailTip == HookSwap {
			side = -1
		}
		dr.Tips = append(dr.Tips, hook(frameAt(s0, false), side))
	case Tail:
		s0 = h + headBack
		dr.Tips = append(dr.Tips, head(frameAt(s0, false), 0))
	case Bar:
		dr.Tips = append(dr.Tips, bar(frameAt(h, false)))
	}
	if s, ok := c.trim(s0, s1); ok {
		dr.Shaft, dr.Shown = s, true
	}
}
