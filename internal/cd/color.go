package cd

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Color is a colour of a figure's ink, as xcolor defines it, in the two
// forms the page shows: Light on the light theme and Dark on the dark
// one, both #rrggbb. Background is the page's background colour (white
// as a text colour, or tikz-cd's background color), which follows the
// theme through the CSS variable --cd-bg.
type Color struct {
	Light, Dark string
	Background  bool
}

// The backgrounds the two forms are checked against: the book's light
// and dark page colours.
var (
	lightPage = rgb{0xfc / 255.0, 0xfb / 255.0, 0xf8 / 255.0}
	darkPage  = rgb{0x12 / 255.0, 0x15 / 255.0, 0x19 / 255.0}
)

// The contrast ratios (WCAG 2) the two forms are kept at, at least. On
// the light page a colour is the one xcolor gives unless it would be
// nearly invisible (yellow, lime, pink, white on paper): below 3:1, the
// level WCAG asks of graphics, it is darkened until it reaches that. On
// the dark page a colour is lightened, keeping its hue, until it reaches
// 4.5:1, the level WCAG asks of text, since labels are small text.
const (
	lightContrast = 3.0
	darkContrast  = 4.5
)

type rgb struct{ r, g, b float64 } // 0..1, sRGB

// xcolor's base colours (xcolor.sty) and, since a figure has no preamble
// to load them in, the 68 dvipsnames (dvipsnam.def, converted from CMYK
// the way xcolor does), in 0..255.
var baseColors = map[string][3]int{
	"red": {255, 0, 0}, "green": {0, 255, 0}, "blue": {0, 0, 255},
	"brown": {191, 128, 64}, "lime": {191, 255, 0}, "orange": {255, 128, 0},
	"pink": {255, 191, 191}, "purple": {191, 0, 64}, "teal": {0, 128, 128},
	"violet": {128, 0, 128}, "cyan": {0, 255, 255}, "magenta": {255, 0, 255},
	"yellow": {255, 255, 0}, "olive": {128, 128, 0}, "black": {0, 0, 0},
	"darkgray": {64, 64, 64}, "gray": {128, 128, 128}, "lightgray": {191, 191, 191},
	"white": {255, 255, 255},
}

// colorByName returns a named colour.
func colorByName(s string) (rgb, bool) {
	c, ok := baseColors[s]
	if !ok {
		c, ok = dvipsColors[s]
	}
	if !ok {
		return rgb{}, false
	}
	return rgb{float64(c[0]) / 255, float64(c[1]) / 255, float64(c[2]) / 255}, true
}

// parseColor reads a colour as xcolor does: a name (red, Periwinkle), a
// mix (red!50 is half red and half white, red!30!blue 30 % red and 70 %
// blue, and so on along the chain), a complement (-red), or the extended
// form quiver writes, rgb,255:red,214;green,92;blue,92 (and rgb:…, with
// weights divided by their sum). It returns a description of what is
// wrong otherwise.
func parseColor(s string) (*Color, error) {
	s = strings.TrimSpace(stripBraces(strings.TrimSpace(s)))
	if s == `\pgfkeysvalueof{/tikz/commutative diagrams/background color}` {
		return &Color{Background: true}, nil
	}
	var c rgb
	var err error
	if strings.Contains(s, ":") {
		c, err = extendedColor(s)
	} else {
		c, err = mixColor(s)
	}
	if err != nil {
		return nil, err
	}
	return themed(c), nil
}

// mixColor reads name!p!name!p… with an optional leading -.
func mixColor(s string) (rgb, error) {
	neg := strings.HasPrefix(s, "-")
	parts := strings.Split(strings.TrimPrefix(s, "-"), "!")
	c, ok := colorByName(strings.TrimSpace(parts[0]))
	if !ok {
		return rgb{}, unknownColor(parts[0])
	}
	for i := 1; i < len(parts); i += 2 {
		p, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil || p < 0 || p > 100 {
			return rgb{}, fmt.Errorf("%q in %q is not a percentage from 0 to 100", parts[i], s)
		}
		other := rgb{1, 1, 1}
		if i+1 < len(parts) {
			o, ok := colorByName(strings.TrimSpace(parts[i+1]))
			if !ok {
				return rgb{}, unknownColor(parts[i+1])
			}
			other = o
		}
		c = c.mix(other, p/100)
	}
	if neg {
		c = rgb{1 - c.r, 1 - c.g, 1 - c.b}
	}
	return c, nil
}

func unknownColor(name string) error {
	name = strings.TrimSpace(name)
	msg := fmt.Sprintf("unknown colour %q", name)
	known := make([]string, 0, len(baseColors)+len(dvipsColors))
	for k := range baseColors {
		known = append(known, k)
	}
	for k := range dvipsColors {
		known = append(known, k)
	}
	sortStrings(known)
	if s := suggest(name, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	} else {
		msg += " (xcolor's names such as red, blue!50, red!30!blue, or rgb,255:red,R;green,G;blue,B)"
	}
	return fmt.Errorf("%s", msg)
}

// extendedColor reads xcolor's extended expressions in the rgb model:
// rgb[,div]:expr,w;expr,w…
func extendedColor(s string) (rgb, error) {
	head, body, _ := strings.Cut(s, ":")
	model, divText, hasDiv := strings.Cut(head, ",")
	if strings.TrimSpace(model) != "rgb" {
		return rgb{}, fmt.Errorf("colour model %q: only rgb is supported in %q", strings.TrimSpace(model), s)
	}
	var sum rgb
	total := 0.0
	for _, term := range strings.Split(body, ";") {
		name, wText, ok := strings.Cut(term, ",")
		if !ok {
			return rgb{}, fmt.Errorf("%q in %q: want colour,weight", term, s)
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(wText), 64)
		if err != nil || w < 0 || w > 1e4 {
			return rgb{}, fmt.Errorf("weight %q in %q is not a number", wText, s)
		}
		c, err := mixColor(strings.TrimSpace(name))
		if err != nil {
			return rgb{}, err
		}
		sum = rgb{sum.r + w*c.r, sum.g + w*c.g, sum.b + w*c.b}
		total += w
	}
	div := total
	if hasDiv {
		d, err := strconv.ParseFloat(strings.TrimSpace(divText), 64)
		if err != nil || d <= 0 || d > 1e4 {
			return rgb{}, fmt.Errorf("divisor %q in %q is not a positive number", divText, s)
		}
		div = d
	}
	if div <= 0 {
		return rgb{}, fmt.Errorf("colour %q has no weight", s)
	}
	c := rgb{sum.r / div, sum.g / div, sum.b / div}
	return c.clamp(), nil
}

// mix returns p of c and 1-p of o.
func (c rgb) mix(o rgb, p float64) rgb {
	return rgb{p*c.r + (1-p)*o.r, p*c.g + (1-p)*o.g, p*c.b + (1-p)*o.b}
}

func (c rgb) clamp() rgb {
	f := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	return rgb{f(c.r), f(c.g), f(c.b)}
}

func (c rgb) hex() string {
	b := func(v float64) int { return int(math.Round(math.Max(0, math.Min(1, v)) * 255)) }
	return fmt.Sprintf("#%02x%02x%02x", b(c.r), b(c.g), b(c.b))
}

// themed returns the colour for the two themes (see lightContrast).
func themed(c rgb) *Color {
	if c.hex() == "#ffffff" {
		// White ink is what erases on paper: the page's background.
		return &Color{Background: true}
	}
	l, a, b := c.oklab()
	light := c
	if contrast(c, lightPage) < lightContrast {
		light = towards(l, a, b, 0, lightPage, lightContrast)
	}
	dark := c
	if math.Hypot(a, b) < 0.02 {
		// Black and greys are shades of the ink, not colours: on the
		// dark page their lightness is mirrored, so that black is the
		// brightest and light grey stays faint.
		l = 1 - l
		a, b = 0, 0
		dark = fromOklab(l, 0, 0)
	}
	if contrast(dark, darkPage) < darkContrast {
		dark = towards(l, a, b, 1, darkPage, darkContrast)
	}
	return &Color{Light: light.hex(), Dark: dark.hex()}
}

// towards moves the OKLab lightness l towards target (0 or 1), keeping
// the hue and reducing the chroma where sRGB cannot show it, until the
// colour's contrast with bg reaches want.
func towards(l, a, b, target float64, bg rgb, want float64) rgb {
	lo, hi := l, target // the answer lies between
	for range 40 {
		mid := (lo + hi) / 2
		if contrast(inGamut(mid, a, b), bg) >= want {
			hi = mid
		} else {
			lo = mid
		}
	}
	return inGamut(hi, a, b)
}

// inGamut returns the OKLab colour l, a, b with its chroma reduced until
// it is a colour sRGB has.
func inGamut(l, a, b float64) rgb {
	k := 1.0
	for range 30 {
		c := fromOklab(l, a*k, b*k)
		if c.r >= -1e-6 && c.r <= 1+1e-6 && c.g >= -1e-6 && c.g <= 1+1e-6 && c.b >= -1e-6 && c.b <= 1+1e-6 {
			return c.clamp()
		}
		k *= 0.9
	}
	return fromOklab(l, 0, 0).clamp()
}

// luminance is the relative luminance of WCAG 2.
func (c rgb) luminance() float64 {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(x, y rgb) float64 {
	a, b := x.luminance(), y.luminance()
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

func (c rgb) oklab() (l, a, b float64) {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	r, g, bl := lin(c.r), lin(c.g), lin(c.b)
	lc := math.Cbrt(0.4122214708*r + 0.5363325363*g + 0.0514459929*bl)
	mc := math.Cbrt(0.2119034982*r + 0.6806995451*g + 0.1073969566*bl)
	sc := math.Cbrt(0.0883024619*r + 0.2817188376*g + 0.6299787005*bl)
	return 0.2104542553*lc + 0.7936177850*mc - 0.0040720468*sc,
		1.9779984951*lc - 2.4285922050*mc + 0.4505937099*sc,
		0.0259040371*lc + 0.7827717662*mc - 0.8086757660*sc
}

func fromOklab(l, a, b float64) rgb {
	lc := l + 0.3963377774*a + 0.2158037573*b
	mc := l - 0.1055613458*a - 0.0638541728*b
	sc := l - 0.0894841775*a - 1.2914855480*b
	lc, mc, sc = lc*lc*lc, mc*mc*mc, sc*sc*sc
	r := 4.0767416621*lc - 3.3077115913*mc + 0.2309699292*sc
	g := -1.2684380046*lc + 2.6097574011*mc - 0.3413193965*sc
	bl := -0.0041960863*lc - 0.7034186147*mc + 1.7076147010*sc
	gam := func(v float64) float64 {
		if v <= 0.0031308 {
			return 12.92 * v
		}
		return 1.055*math.Pow(v, 1/2.4) - 0.055
	}
	return rgb{gam(r), gam(g), gam(bl)}
}
