package cd

import (
	"strings"
)

// arrowFlags are the options that take no value and set an arrow's tips,
// body, weight or visibility, as tikz-cd's arrow styles and TikZ's line
// widths do. Each sets only what it names: tail, two heads, dashed
// combine.
var arrowFlags = map[string]func(a *Arrow){
	"rightarrow":          func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, Head },
	"to head":             func(a *Arrow) { a.HeadTip = Head },
	"leftarrow":           func(a *Arrow) { a.TailTip, a.HeadTip = Head, NoTip },
	"leftrightarrow":      func(a *Arrow) { a.TailTip, a.HeadTip = Head, Head },
	"hook":                func(a *Arrow) { a.TailTip = Hook },
	"hook'":               func(a *Arrow) { a.TailTip = HookSwap },
	"hookrightarrow":      func(a *Arrow) { a.TailTip, a.HeadTip = Hook, Head },
	"hookleftarrow":       func(a *Arrow) { a.TailTip, a.HeadTip = Head, Hook },
	"tail":                func(a *Arrow) { a.TailTip = Tail },
	"rightarrowtail":      func(a *Arrow) { a.TailTip, a.HeadTip = Tail, Head },
	"leftarrowtail":       func(a *Arrow) { a.TailTip, a.HeadTip = Head, Tail },
	"two heads":           func(a *Arrow) { a.HeadTip = TwoHeads },
	"twoheadrightarrow":   func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, TwoHeads },
	"twoheadleftarrow":    func(a *Arrow) { a.TailTip, a.HeadTip = TwoHeads, NoTip },
	"maps to":             func(a *Arrow) { a.TailTip = Bar },
	"mapsto":              func(a *Arrow) { a.TailTip, a.HeadTip = Bar, Head },
	"mapsfrom":            func(a *Arrow) { a.TailTip, a.HeadTip = Head, Bar },
	"Mapsto":              func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, ImpliesBar, Implies },
	"Mapsfrom":            func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, Implies, ImpliesBar },
	"no head":             func(a *Arrow) { a.HeadTip = NoTip },
	"no tail":             func(a *Arrow) { a.TailTip = NoTip },
	"dash":                func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, NoTip },
	"harpoon":             func(a *Arrow) { a.HeadTip = Harpoon },
	"harpoon'":            func(a *Arrow) { a.HeadTip = HarpoonSwap },
	"rightharpoonup":      func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, Harpoon },
	"rightharpoondown":    func(a *Arrow) { a.TailTip, a.HeadTip = NoTip, HarpoonSwap },
	"leftharpoonup":       func(a *Arrow) { a.TailTip, a.HeadTip = HarpoonSwap, NoTip },
	"leftharpoondown":     func(a *Arrow) { a.TailTip, a.HeadTip = Harpoon, NoTip },
	"dashed":              func(a *Arrow) { a.Pattern = Dashed },
	"dashrightarrow":      func(a *Arrow) { a.Pattern, a.TailTip, a.HeadTip = Dashed, NoTip, Head },
	"dashleftarrow":       func(a *Arrow) { a.Pattern, a.TailTip, a.HeadTip = Dashed, Head, NoTip },
	"dotted":              func(a *Arrow) { a.Pattern = Dotted },
	"solid":               func(a *Arrow) { a.Pattern = Solid },
	"squiggly":            func(a *Arrow) { a.Squiggly = true },
	"rightsquigarrow":     func(a *Arrow) { a.Squiggly, a.TailTip, a.HeadTip = true, NoTip, Head },
	"leftsquigarrow":      func(a *Arrow) { a.Squiggly, a.TailTip, a.HeadTip = true, Head, NoTip },
	"leftrightsquigarrow": func(a *Arrow) { a.Squiggly, a.TailTip, a.HeadTip = true, Head, Head },
	"equal":               func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, NoTip, NoTip },
	"equals":              func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, NoTip, NoTip },
	"Rightarrow":          func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, NoTip, Implies },
	"Leftarrow":           func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, Implies, NoTip },
	"Leftrightarrow":      func(a *Arrow) { a.Double, a.TailTip, a.HeadTip = true, Implies, Implies },
	"phantom":             func(a *Arrow) { a.Draw, a.Phantom = false, true },
	"crossing over":       func(a *Arrow) { a.Crossing = true },
	"negated":             func(a *Arrow) { a.Negated = true },
	// quiver.sty's tails and body.
	"tail reversed":  func(a *Arrow) { a.TailTip = Head },
	"2tail":          func(a *Arrow) { a.TailTip = ImpliesTail },
	"2tail reversed": func(a *Arrow) { a.TailTip = Implies },
	"no body":        func(a *Arrow) { a.NoBody = true },
	"ultra thin":     weight(0.1),
	"very thin":      weight(0.2),
	"thin":           weight(0.4),
	"semithick":      weight(0.6),
	"thick":          weight(0.8),
	"very thick":     weight(1.2),
	"ultra thick":    weight(1.6),
}

// weight returns the flag that sets TikZ's line width to w points.
func weight(w float64) func(a *Arrow) {
	return func(a *Arrow) { a.Weight = w / 0.4 }
}

// arrowKey applies one option of an arrow that may take a value.
type arrowKey func(c *arrowCtx, o option, key, v string, has bool)

// arrowKeys are the arrow options that take a value, or may.
var arrowKeys = map[string]arrowKey{
	"from":          endKey,
	"to":            endKey,
	"draw":          drawKey,
	"color":         colorKey(func(a *Arrow, col *Color) { a.Color = col }),
	"bend left":     bendKey,
	"bend right":    bendKey,
	"shift left":    shiftKey,
	"shift right":   shiftKey,
	"shorten":       shortenKey,
	"shorten <":     shortenKey,
	"shorten >":     shortenKey,
	"loop":          loopKey,
	"loop right":    loopKey,
	"loop left":     loopKey,
	"loop above":    loopKey,
	"loop below":    loopKey,
	"in":            angleKey,
	"out":           angleKey,
	"looseness":     numberKey(func(a *Arrow, x float64) { a.Looseness = x }),
	"distance":      lengthKey(func(a *Arrow, x float64) { a.Distance = &x }),
	"min distance":  lengthKey(func(a *Arrow, x float64) { a.MinDist = x }),
	"line width":    lengthKey(func(a *Arrow, x float64) { a.Weight = x / (0.4 * units["pt"]) }),
	"xshift":        lengthKey(func(a *Arrow, x float64) { a.XShift += x }),
	"yshift":        lengthKey(func(a *Arrow, x float64) { a.YShift += x }),
	"curve":         curveKey,
	"between":       betweenKey,
	"start anchor":  anchorKey,
	"end anchor":    anchorKey,
	"scaling nfold": nfoldKey,
}

// loops are the out and in angles of tikz-cd's loops.
var loops = map[string][2]float64{
	"loop": {105, 75}, "loop above": {105, 75}, "loop right": {15, -15},
	"loop left": {195, 165}, "loop below": {285, 255},
}

func (c *arrowCtx) bad(o option, key, v, want string) {
	c.p.e.add(o.off, "%s=%s: want %s", key, v, want)
}

func (c *arrowCtx) number(o option, key, v string) (float64, bool) {
	x, ok := parseNumber(v)
	if !ok {
		c.bad(o, key, v, "a number")
	}
	return x, ok
}

func (c *arrowCtx) length(o option, key, v string) (float64, bool) {
	x, ok := parseLength(v)
	if !ok {
		c.bad(o, key, v, "a length such as 2pt or 0.3em")
	}
	return x, ok
}

func (c *arrowCtx) needValue(o option, key string, has bool, example string) bool {
	if !has {
		c.p.e.add(o.off, "%s needs a value, as in %s=%s", key, key, example)
	}
	return has
}

func numberKey(set func(a *Arrow, x float64)) arrowKey {
	return func(c *arrowCtx, o option, key, v string, has bool) {
		if x, ok := c.number(o, key, v); ok {
			set(c.a, x)
		}
	}
}

func lengthKey(set func(a *Arrow, x float64)) arrowKey {
	return func(c *arrowCtx, o option, key, v string, has bool) {
		if !c.needValue(o, key, has, "2pt") {
			return
		}
		if x, ok := c.length(o, key, v); ok {
			set(c.a, x)
		}
	}
}

func colorKey(set func(a *Arrow, col *Color)) arrowKey {
	return func(c *arrowCtx, o option, key, v string, has bool) {
		if !c.needValue(o, key, has, "red") {
			return
		}
		col, err := parseColor(v)
		if err != nil {
			c.p.e.add(o.off, "%s=%s: %v", key, v, err)
			return
		}
		set(c.a, col)
	}
}

func endKey(c *arrowCtx, o option, key, v string, has bool) {
	if !c.needValue(o, key, has, "1-2 (row-column, a direction or a label name)") {
		return
	}
	e := End{Name: v, Offset: o.off}
	switch {
	case c.p.absolute(v, o.off, &e):
	case isDirection(v):
		dr, dc := step(v)
		e = End{Row: c.row + dr, Col: c.col + dc, Offset: o.off}
	}
	if key == "from" {
		e.Anchor = c.a.From.Anchor
		c.a.From = e
		c.relative = false
	} else {
		e.Anchor = c.a.To.Anchor
		c.a.To = e
	}
}

func drawKey(c *arrowCtx, o option, key, v string, has bool) {
	switch {
	case !has:
		c.a.Draw = true
	case v == "none":
		c.a.Draw = false
	default:
		colorKey(func(a *Arrow, col *Color) { a.Stroke, a.Draw = col, true })(c, o, key, v, has)
	}
}

func bendKey(c *arrowCtx, o option, key, v string, has bool) {
	theta := 30.0
	if has {
		x, ok := c.number(o, key, v)
		if !ok {
			return
		}
		theta = x
	}
	if key == "bend right" {
		theta = -theta
	}
	a := c.a
	a.Bend, a.In, a.Out, a.Loop = theta, nil, nil, false
}

func shiftKey(c *arrowCtx, o option, key, v string, has bool) {
	s := shiftUnit
	if has {
		if x, ok := parseNumber(v); ok {
			s *= x
		} else if x, ok := parseLength(v); ok {
			s = x
		} else {
			c.bad(o, key, v, "a number of shift units or a length")
			return
		}
	}
	if key == "shift right" {
		s = -s
	}
	c.a.Shift = s
}

func shortenKey(c *arrowCtx, o option, key, v string, has bool) {
	x, ok := c.length(o, key, v)
	if !ok {
		return
	}
	if key != "shorten >" {
		c.a.ShortStart = x
	}
	if key != "shorten <" {
		c.a.ShortEnd = x
	}
}

func loopKey(c *arrowCtx, o option, key, v string, has bool) {
	if has {
		c.p.e.add(o.off, "%s takes no value", key)
		return
	}
	a := c.a
	a.Loop, a.Bend = true, 0
	out, in := loops[key][0], loops[key][1]
	a.Out, a.In = &out, &in
	a.Looseness, a.MinDist, a.ShortEnd = 8, 1.42, 0.1
}

func angleKey(c *arrowCtx, o option, key, v string, has bool) {
	x, ok := c.number(o, key, v)
	if !ok {
		return
	}
	if key == "in" {
		c.a.In = &x
	} else {
		c.a.Out = &x
	}
	c.a.Bend = 0
}

func curveKey(c *arrowCtx, o option, key, v string, has bool) {
	inner := option{v, o.off}
	k, hv, _ := inner.key()
	x, ok := parseLength(hv)
	if k != "height" || !ok {
		c.p.e.add(o.off, "curve=%s: want curve={height=L} with a length L such as 12pt", v)
		return
	}
	c.a.Curve = &x
}

// betweenKey reads between={a}{b}: the value keeps both groups.
func betweenKey(c *arrowCtx, o option, key, v string, has bool) {
	s := strings.TrimSpace(o.text[strings.IndexByte(o.text, '=')+1:])
	var vals []float64
	for len(s) > 0 && s[0] == '{' {
		e := strings.IndexByte(s, '}')
		if e < 0 {
			break
		}
		x, ok := parseNumber(s[1:e])
		if !ok {
			break
		}
		vals = append(vals, x)
		s = strings.TrimSpace(s[e+1:])
	}
	if len(vals) != 2 || s != "" || vals[0] < 0 || vals[1] > 1 || vals[0] >= vals[1] {
		c.p.e.add(o.off, "between=%s: want between={a}{b} with 0 ≤ a < b ≤ 1", v)
		return
	}
	c.a.Between = [2]float64{vals[0], vals[1]}
}

// anchors are the anchors of tikz-cd's cells (an asymmetrical rectangle):
// center, east and west on the math axis, real center and the rest as
// TikZ's rectangle has them.
var anchors = map[string]bool{
	"center": true, "real center": true, "north": true, "south": true, "east": true, "west": true,
	"north east": true, "north west": true, "south east": true, "south west": true,
	"base": true, "base east": true, "base west": true, "mid": true, "mid east": true, "mid west": true,
	"real east": true, "real west": true,
}

func anchorKey(c *arrowCtx, o option, key, v string, has bool) {
	v = strings.Join(strings.Fields(v), " ")
	if _, ok := parseNumber(v); !ok && !anchors[v] {
		msg := "%s=%s: want an anchor such as center, north, south east, base or an angle such as 30"
		if s := suggest(v, sortedKeys(anchors)); s != "" {
			msg += " (did you mean " + s + "?)"
		}
		c.p.e.add(o.off, msg, key, v)
		return
	}
	if key == "start anchor" {
		c.a.From.Anchor = v
	} else {
		c.a.To.Anchor = v
	}
}

func nfoldKey(c *arrowCtx, o option, key, v string, has bool) {
	x, ok := parseNumber(v)
	if !ok || x != float64(int(x)) || x < 1 || x > 6 {
		c.bad(o, key, v, "a whole number of lines from 1 to 6")
		return
	}
	c.a.NFold = int(x)
	c.a.Double = x >= 2
	if x < 2 && c.a.HeadTip == Implies {
		c.a.HeadTip = Head
	}
}
