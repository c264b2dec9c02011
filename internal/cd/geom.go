package cd

import (
	"math"
	"strings"
)

// pt is a point or a vector in em, y up (mathematical orientation: angles
// are counter-clockwise from east). The SVG writer flips y.
type pt struct{ X, Y float64 }

func (p pt) add(q pt) pt             { return pt{p.X + q.X, p.Y + q.Y} }
func (p pt) sub(q pt) pt             { return pt{p.X - q.X, p.Y - q.Y} }
func (p pt) mul(k float64) pt        { return pt{p.X * k, p.Y * k} }
func (p pt) len() float64            { return math.Hypot(p.X, p.Y) }
func (p pt) left() pt                { return pt{-p.Y, p.X} }
func (p pt) dot(q pt) float64        { return p.X*q.X + p.Y*q.Y }
func (p pt) angle() float64          { return math.Atan2(p.Y, p.X) * 180 / math.Pi }
func (p pt) lerp(q pt, t float64) pt { return p.add(q.sub(p).mul(t)) }

// unit returns p scaled to length 1, or east for the zero vector.
func (p pt) unit() pt {
	l := p.len()
	if l < 1e-12 {
		return pt{1, 0}
	}
	return p.mul(1 / l)
}

// dir returns the unit vector at angle deg.
func dir(deg float64) pt {
	r := deg * math.Pi / 180
	return pt{math.Cos(r), math.Sin(r)}
}

// rect is a node's box around its anchor point c: it reaches hw to each
// side, up above c and down below it (tikz-cd's asymmetrical rectangle,
// whose centre is on the math axis, not in the middle of the box).
type rect struct {
	c            pt
	hw, up, down float64
	point        bool    // a point: arrows end at c
	axis         float64 // how far c is above the baseline
	rot          float64 // degrees, counter-clockwise about c (|[rotate=θ]|)
}

// outerSep is TikZ's outer sep of a node (half the 0.4 pt line width):
// arrows stop this far outside the box.
const outerSep = 0.02

// border returns where the ray from the centre in direction v leaves the
// box, pushed outerSep further out.
func (r rect) border(v pt) pt {
	v = v.unit()
	if r.point {
		return r.c
	}
	if r.rot != 0 {
		u := r
		u.rot = 0
		return rotate(u.border(rotate(v, pt{}, -r.rot)), r.c, r.rot)
	}
	t := math.Inf(1)
	if v.X > 1e-12 {
		t = min(t, r.hw/v.X)
	} else if v.X < -1e-12 {
		t = min(t, r.hw/-v.X)
	}
	if v.Y > 1e-12 {
		t = min(t, r.up/v.Y)
	} else if v.Y < -1e-12 {
		t = min(t, r.down/-v.Y)
	}
	if math.IsInf(t, 1) {
		t = 0
	}
	return r.c.add(v.mul(t + outerSep))
}

// bez is a cubic Bézier curve; straight arrows are cubics too, with
// their control points at a third and two thirds.
type bez [4]pt

func line(a, b pt) bez { return bez{a, a.lerp(b, 1.0/3), a.lerp(b, 2.0/3), b} }

func (b bez) at(t float64) pt {
	u := 1 - t
	return b[0].mul(u * u * u).add(b[1].mul(3 * u * u * t)).add(b[2].mul(3 * u * t * t)).add(b[3].mul(t * t * t))
}

// tangent returns the unit tangent at t, falling back to the chord where
// the derivative vanishes.
func (b bez) tangent(t float64) pt {
	u := 1 - t
	d := b[1].sub(b[0]).mul(3 * u * u).add(b[2].sub(b[1]).mul(6 * u * t)).add(b[3].sub(b[2]).mul(3 * t * t))
	if d.len() < 1e-9 {
		d = b[3].sub(b[0])
		if d.len() < 1e-9 {
			// A degenerate curve: look a little further along.
			e := b.at(min(t+1e-3, 1)).sub(b.at(max(t-1e-3, 0)))
			return e.unit()
		}
	}
	return d.unit()
}

// split returns the parts of b before and after t (de Casteljau).
func (b bez) split(t float64) (bez, bez) {
	p01, p12, p23 := b[0].lerp(b[1], t), b[1].lerp(b[2], t), b[2].lerp(b[3], t)
	p012, p123 := p01.lerp(p12, t), p12.lerp(p23, t)
	m := p012.lerp(p123, t)
	return bez{b[0], p01, p012, m}, bez{m, p123, p23, b[3]}
}

// sub returns the part of b between parameters t0 < t1.
func (b bez) sub(t0, t1 float64) bez {
	if t1 < 1 {
		b, _ = b.split(t1)
	}
	if t0 > 0 && t1 > 0 {
		_, b = b.split(t0 / t1)
	}
	return b
}

const arcSteps = 64

// length returns the arc length of b.
func (b bez) length() float64 {
	l := 0.0
	prev := b[0]
	for i := 1; i <= arcSteps; i++ {
		p := b.at(float64(i) / arcSteps)
		l += p.sub(prev).len()
		prev = p
	}
	return l
}

// paramAt returns the parameter at arc length s from the start.
func (b bez) paramAt(s float64) float64 {
	if s <= 0 {
		return 0
	}
	l := 0.0
	prev := b[0]
	for i := 1; i <= arcSteps; i++ {
		t := float64(i) / arcSteps
		p := b.at(t)
		seg := p.sub(prev).len()
		if l+seg >= s && seg > 0 {
			return t - (1-(s-l)/seg)/arcSteps
		}
		l += seg
		prev = p
	}
	return 1
}

// trim cuts arc length s0 from the start of b and s1 from its end; ok is
// false when nothing is left.
func (b bez) trim(s0, s1 float64) (bez, bool) {
	total := b.length()
	if s0+s1 >= total-1e-6 {
		return b, false
	}
	if s0 <= 0 && s1 <= 0 {
		return b, true
	}
	return b.sub(b.paramAt(s0), b.paramAt(total-s1)), true
}

// bounds returns the tight bounding box of b (the extremes of the curve,
// not of its control points).
func (b bez) bounds() (lo, hi pt) {
	lo, hi = b[0], b[0]
	grow := func(p pt) {
		lo = pt{min(lo.X, p.X), min(lo.Y, p.Y)}
		hi = pt{max(hi.X, p.X), max(hi.Y, p.Y)}
	}
	grow(b[3])
	for _, t := range extremes(b[0].X, b[1].X, b[2].X, b[3].X) {
		grow(b.at(t))
	}
	for _, t := range extremes(b[0].Y, b[1].Y, b[2].Y, b[3].Y) {
		grow(b.at(t))
	}
	return
}

// extremes returns the parameters in (0, 1) where the derivative of a 1-D
// cubic with control values p0..p3 is zero.
func extremes(p0, p1, p2, p3 float64) []float64 {
	a := -p0 + 3*p1 - 3*p2 + p3
	bb := 2 * (p0 - 2*p1 + p2)
	c := p1 - p0
	var ts []float64
	if math.Abs(a) < 1e-12 {
		if math.Abs(bb) > 1e-12 {
			ts = append(ts, -c/bb)
		}
	} else if disc := bb*bb - 4*a*c; disc >= 0 {
		s := math.Sqrt(disc)
		ts = append(ts, (-bb+s)/(2*a), (-bb-s)/(2*a))
	}
	out := ts[:0]
	for _, t := range ts {
		if t > 0 && t < 1 {
			out = append(out, t)
		}
	}
	return out
}

// offset returns b moved d to its left, control points moved along the
// normals at the ends: exact for lines, close for the gentle curves of
// diagrams (the two strokes of a double arrow).
func (b bez) offset(d float64) bez {
	n0 := b.tangent(0).left().mul(d)
	n1 := b.tangent(1).left().mul(d)
	return bez{b[0].add(n0), b[1].add(n0), b[2].add(n1), b[3].add(n1)}
}

// anchor returns the point of one of TikZ's anchors of the box (with
// its outer sep): center and the compass points, with east and west and
// center on the math axis as tikz-cd's asymmetrical rectangle has them;
// real center, real east and real west in the middle of the box; base
// and mid on the baseline and 0.5 ex above it; or an angle, the border
// point in that direction.
func (r rect) anchor(name string) pt {
	if r.point {
		return r.c
	}
	if deg, ok := parseNumber(name); ok {
		return r.border(dir(deg))
	}
	x, y := 0.0, 0.0
	hw, up, down := r.hw+outerSep, r.up+outerSep, r.down+outerSep
	vert, horiz, _ := strings.Cut(name, " ")
	if horiz == "" && (vert == "east" || vert == "west") {
		vert, horiz = "", vert
	}
	switch vert {
	case "north":
		y = up
	case "south":
		y = -down
	case "real":
		y = (up - down) / 2
	case "base":
		y = -r.axis
	case "mid":
		y = -r.axis + 0.5*0.4306
	}
	switch horiz {
	case "east":
		x = hw
	case "west":
		x = -hw
	case "center":
		if vert == "real" {
			y = (up - down) / 2
		}
	}
	return rotate(r.c.add(pt{x, y}), r.c, r.rot)
}

// corners returns the corners of the box, rotated.
func (r rect) corners() [4]pt {
	cs := [4]pt{{-r.hw, -r.down}, {r.hw, -r.down}, {r.hw, r.up}, {-r.hw, r.up}}
	for i, c := range cs {
		cs[i] = rotate(r.c.add(c), r.c, r.rot)
	}
	return cs
}
