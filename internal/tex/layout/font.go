package layout

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"codeberg.org/go-fonts/latin-modern/lmmath"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Font is an OpenType math font with the parts of its MATH table that
// TeX's layout rules need. Its methods are safe for concurrent use: glyph
// metrics and outlines are cached behind a mutex.
type Font struct {
	f    *sfnt.Font
	upem float64

	// C holds the font's MATH constants, in em.
	C Constants

	italics map[sfnt.GlyphIndex]float64           // italic correction, em
	vvars   map[sfnt.GlyphIndex][]variant         // vertical size variants
	hvars   map[sfnt.GlyphIndex][]variant         // horizontal size variants
	ssty    map[sfnt.GlyphIndex][]sfnt.GlyphIndex // script and scriptscript forms
	mu      sync.Mutex
	buf     sfnt.Buffer
	metrics map[sfnt.GlyphIndex]Metrics
	paths   map[sfnt.GlyphIndex]string
	index   map[rune]sfnt.GlyphIndex
}

type variant struct {
	g       sfnt.GlyphIndex
	advance float64 // em: height+depth for vertical variants, width for horizontal ones
}

// Metrics are a glyph's advance width and ink extent, in em: Height above
// the baseline, Depth below it, Left and Right the ink's horizontal
// bounds, Italic its italic correction from the MATH table.
type Metrics struct {
	Advance, Height, Depth, Left, Right, Italic float64
}

// Constants are the MATH table constants that the layout uses, in em
// (TeX's font parameters σ and ξ in OpenType form).
type Constants struct {
	ScriptScale, ScriptScriptScale float64 // 0.7 and 0.5 for Latin Modern Math

	AxisHeight, AccentBaseHeight float64

	SubscriptShiftDown, SubscriptTopMax, SubscriptBaselineDropMin          float64
	SuperscriptShiftUp, SuperscriptShiftUpCramped, SuperscriptBottomMin    float64
	SuperscriptBaselineDropMax, SubSuperscriptGapMin                       float64
	SuperscriptBottomMaxWithSubscript, SpaceAfterScript                    float64
	UpperLimitGapMin, UpperLimitBaselineRiseMin                            float64
	LowerLimitGapMin, LowerLimitBaselineDropMin                            float64
	FractionNumeratorShiftUp, FractionNumeratorDisplayStyleShiftUp         float64
	FractionDenominatorShiftDown, FractionDenominatorDisplayStyleShiftDown float64
	FractionNumeratorGapMin, FractionNumDisplayStyleGapMin                 float64
	FractionRuleThickness                                                  float64
	FractionDenominatorGapMin, FractionDenomDisplayStyleGapMin             float64
	StackTopShiftUp, StackTopDisplayStyleShiftUp                           float64
	StackBottomShiftDown, StackBottomDisplayStyleShiftDown                 float64
	StackGapMin, StackDisplayStyleGapMin                                   float64
	OverbarVerticalGap, OverbarRuleThickness, OverbarExtraAscender         float64
	UnderbarVerticalGap, UnderbarRuleThickness, UnderbarExtraDescender     float64
	RadicalVerticalGap, RadicalDisplayStyleVerticalGap                     float64
	RadicalRuleThickness, RadicalExtraAscender                             float64
	RadicalKernBeforeDegree, RadicalKernAfterDegree                        float64
	RadicalDegreeBottomRaisePercent                                        float64
	DisplayOperatorMinHeight, DelimitedSubFormulaMinHeight                 float64
}

var (
	lmOnce sync.Once
	lm     *Font
	lmErr  error
)

// LatinModern returns Latin Modern Math (codeberg.org/go-fonts/latin-modern),
// parsed once. An error means the embedded font is broken, which the
// tests would catch.
func LatinModern() (*Font, error) {
	lmOnce.Do(func() { lm, lmErr = Parse(lmmath.TTF) })
	return lm, lmErr
}

// Parse parses an OpenType font with a MATH table.
func Parse(data []byte) (*Font, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	ft := &Font{
		f:       f,
		upem:    float64(f.UnitsPerEm()),
		italics: map[sfnt.GlyphIndex]float64{},
		vvars:   map[sfnt.GlyphIndex][]variant{},
		hvars:   map[sfnt.GlyphIndex][]variant{},
		ssty:    map[sfnt.GlyphIndex][]sfnt.GlyphIndex{},
		metrics: map[sfnt.GlyphIndex]Metrics{},
		paths:   map[sfnt.GlyphIndex]string{},
		index:   map[rune]sfnt.GlyphIndex{},
	}
	math, err := table(data, "MATH")
	if err != nil {
		return nil, err
	}
	if err := ft.parseMath(math); err != nil {
		return nil, fmt.Errorf("layout: MATH table: %w", err)
	}
	if gsub, err := table(data, "GSUB"); err == nil {
		ft.parseSsty(gsub)
	}
	return ft, nil
}

// table returns the bytes of the table tag of an OpenType font, read from
// its table directory (package sfnt does not expose the MATH table).
func table(data []byte, tag string) ([]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("layout: font too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			break
		}
		if string(data[rec:rec+4]) != tag {
			continue
		}
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		length := int(binary.BigEndian.Uint32(data[rec+12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, fmt.Errorf("layout: %s table out of bounds", tag)
		}
		return data[off : off+length], nil
	}
	return nil, fmt.Errorf("layout: the font has no %s table", tag)
}

// reader reads big-endian values, recording the first out-of-bounds read.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) u16(off int) int {
	if off < 0 || off+2 > len(r.b) {
		r.bad = true
		return 0
	}
	return int(binary.BigEndian.Uint16(r.b[off:]))
}

func (r *reader) i16(off int) int { return int(int16(r.u16(off))) }

func (ft *Font) parseMath(b []byte) error {
	r := &reader{b: b}
	consts := r.u16(4)
	glyphInfo := r.u16(6)
	variants := r.u16(8)
	em := func(v int) float64 { return float64(v) / ft.upem }
	// MathConstants: four 16-bit values, then MathValueRecords of 4 bytes.
	c := &ft.C
	c.ScriptScale = float64(r.i16(consts)) / 100
	c.ScriptScriptScale = float64(r.i16(consts+2)) / 100
	c.DelimitedSubFormulaMinHeight = em(r.u16(consts + 4))
	c.DisplayOperatorMinHeight = em(r.u16(consts + 6))
	rec := func(i int) float64 { return em(r.i16(consts + 8 + 4*i)) }
	fields := []*float64{
		nil, &c.AxisHeight, &c.AccentBaseHeight, nil,
		&c.SubscriptShiftDown, &c.SubscriptTopMax, &c.SubscriptBaselineDropMin,
		&c.SuperscriptShiftUp, &c.SuperscriptShiftUpCramped, &c.SuperscriptBottomMin,
		&c.SuperscriptBaselineDropMax, &c.SubSuperscriptGapMin,
		&c.SuperscriptBottomMaxWithSubscript, &c.SpaceAfterScript,
		&c.UpperLimitGapMin, &c.UpperLimitBaselineRiseMin,
		&c.LowerLimitGapMin, &c.LowerLimitBaselineDropMin,
		&c.StackTopShiftUp, &c.StackTopDisplayStyleShiftUp,
		&c.StackBottomShiftDown, &c.StackBottomDisplayStyleShiftDown,
		&c.StackGapMin, &c.StackDisplayStyleGapMin,
		nil, nil, nil, nil, // stretch stacks
		&c.FractionNumeratorShiftUp, &c.FractionNumeratorDisplayStyleShiftUp,
		&c.FractionDenominatorShiftDown, &c.FractionDenominatorDisplayStyleShiftDown,
		&c.FractionNumeratorGapMin, &c.FractionNumDisplayStyleGapMin,
		&c.FractionRuleThickness,
		&c.FractionDenominatorGapMin, &c.FractionDenomDisplayStyleGapMin,
		nil, nil, // skewed fractions
		&c.OverbarVerticalGap, &c.OverbarRuleThickness, &c.OverbarExtraAscender,
		&c.UnderbarVerticalGap, &c.UnderbarRuleThickness, &c.UnderbarExtraDescender,
		&c.RadicalVerticalGap, &c.RadicalDisplayStyleVerticalGap,
		&c.RadicalRuleThickness, &c.RadicalExtraAscender,
		&c.RadicalKernBeforeDegree, &c.RadicalKernAfterDegree,
	}
	for i, p := range fields {
		if p != nil {
			*p = rec(i)
		}
	}
	c.RadicalDegreeBottomRaisePercent = float64(r.i16(consts+8+4*len(fields))) / 100

	// MathGlyphInfo → MathItalicsCorrectionInfo.
	if glyphInfo != 0 {
		ic := glyphInfo + r.u16(glyphInfo)
		if ic != glyphInfo {
			cov := ft.coverage(r, ic+r.u16(ic))
			n := r.u16(ic + 2)
			for i := 0; i < n && i < len(cov); i++ {
				ft.italics[cov[i]] = em(r.i16(ic + 4 + 4*i))
			}
		}
	}
	// MathVariants: the size variants of delimiters, radicals, large
	// operators and accents (glyph assemblies are not used).
	if variants != 0 {
		vcov := ft.coverage(r, variants+r.u16(variants+2))
		hcov := ft.coverage(r, variants+r.u16(variants+4))
		nv, nh := r.u16(variants+6), r.u16(variants+8)
		read := func(cov []sfnt.GlyphIndex, n, first int, into map[sfnt.GlyphIndex][]variant) {
			for i := 0; i < n && i < len(cov); i++ {
				con := variants + r.u16(variants+first+2*i)
				count := r.u16(con + 2)
				for j := 0; j < count; j++ {
					g := sfnt.GlyphIndex(r.u16(con + 4 + 4*j))
					into[cov[i]] = append(into[cov[i]], variant{g, em(r.u16(con + 6 + 4*j))})
				}
			}
		}
		read(vcov, nv, 10, ft.vvars)
		read(hcov, nh, 10+2*nv, ft.hvars)
	}
	if r.bad {
		return errors.New("truncated")
	}
	return nil
}

// coverage reads an OpenType coverage table: the glyphs it lists, in
// coverage-index order.
func (ft *Font) coverage(r *reader, off int) []sfnt.GlyphIndex {
	var out []sfnt.GlyphIndex
	switch r.u16(off) {
	case 1:
		n := r.u16(off + 2)
		for i := 0; i < n && !r.bad; i++ {
			out = append(out, sfnt.GlyphIndex(r.u16(off+4+2*i)))
		}
	case 2:
		n := r.u16(off + 2)
		for i := 0; i < n && !r.bad; i++ {
			start, end := r.u16(off+4+6*i), r.u16(off+6+6*i)
			for g := start; g <= end && g-start < 1<<16; g++ {
				out = append(out, sfnt.GlyphIndex(g))
			}
		}
	}
	return out
}

// Glyph returns the glyph of r, or false if the font has none.
func (ft *Font) Glyph(r rune) (sfnt.GlyphIndex, bool) {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if g, ok := ft.index[r]; ok {
		return g, g != 0
	}
	g, err := ft.f.GlyphIndex(&ft.buf, r)
	if err != nil {
		g = 0
	}
	ft.index[r] = g
	return g, g != 0
}

// Metrics returns the metrics of glyph g, in em.
func (ft *Font) Metrics(g sfnt.GlyphIndex) Metrics {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if m, ok := ft.metrics[g]; ok {
		return m
	}
	ppem := fixed.Int26_6(ft.upem * 64)
	b, adv, err := ft.f.GlyphBounds(&ft.buf, g, ppem, font.HintingNone)
	var m Metrics
	if err == nil {
		u := func(v fixed.Int26_6) float64 { return float64(v) / 64 / ft.upem }
		m = Metrics{Advance: u(adv), Height: -u(b.Min.Y), Depth: u(b.Max.Y), Left: u(b.Min.X), Right: u(b.Max.X)}
		if b.Empty() {
			m.Height, m.Depth, m.Left, m.Right = 0, 0, 0, 0
		}
	}
	m.Italic = ft.italics[g]
	ft.metrics[g] = m
	return m
}

// VerticalVariant returns the first size variant of g whose height plus
// depth is at least size em (the largest there is if none is), and g
// itself when size is not more than g's own.
func (ft *Font) VerticalVariant(g sfnt.GlyphIndex, size float64) sfnt.GlyphIndex {
	vs := ft.vvars[g]
	for _, v := range vs {
		if v.advance >= size {
			return v.g
		}
	}
	if len(vs) > 0 {
		return vs[len(vs)-1].g
	}
	return g
}

// NextVariant returns the next larger vertical variant of g (a large
// operator's display form), or g if there is none.
func (ft *Font) NextVariant(g sfnt.GlyphIndex) sfnt.GlyphIndex {
	for _, v := range ft.vvars[g] {
		if v.g != g {
			return v.g
		}
	}
	return g
}

// Path returns the outline of glyph g as SVG path data, in font units of
// 1/1000 em (y down, origin on the baseline at the glyph's left).
func (ft *Font) Path(g sfnt.GlyphIndex) string {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	if p, ok := ft.paths[g]; ok {
		return p
	}
	ppem := fixed.Int26_6(1000 * 64)
	segs, err := ft.f.LoadGlyph(&ft.buf, g, ppem, nil)
	var b strings.Builder
	if err == nil {
		num := func(v fixed.Int26_6) {
			x := math.Round(float64(v)/64*10) / 10
			s := strconv.FormatFloat(x, 'f', -1, 64)
			if s == "-0" {
				s = "0"
			}
			b.WriteString(s)
		}
		pt := func(p fixed.Point26_6) {
			num(p.X)
			b.WriteByte(' ')
			num(p.Y)
		}
		for i, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				if i > 0 {
					b.WriteByte('Z')
				}
				b.WriteByte('M')
				pt(s.Args[0])
			case sfnt.SegmentOpLineTo:
				b.WriteByte('L')
				pt(s.Args[0])
			case sfnt.SegmentOpQuadTo:
				b.WriteByte('Q')
				pt(s.Args[0])
				b.WriteByte(' ')
				pt(s.Args[1])
			case sfnt.SegmentOpCubeTo:
				b.WriteByte('C')
				pt(s.Args[0])
				b.WriteByte(' ')
				pt(s.Args[1])
				b.WriteByte(' ')
				pt(s.Args[2])
			}
		}
		if len(segs) > 0 {
			b.WriteByte('Z')
		}
	}
	p := b.String()
	ft.paths[g] = p
	return p
}

// parseSsty reads the font's ssty feature (GSUB): the optically sized
// forms of glyphs for script (first alternate) and scriptscript (second)
// sizes, which are wider and sturdier than the text forms scaled down, as
// TeX's 7 pt and 5 pt fonts are.
func (ft *Font) parseSsty(b []byte) {
	r := &reader{b: b}
	features, lookups := r.u16(6), r.u16(8)
	u32 := func(off int) int { return r.u16(off)<<16 | r.u16(off+2) }
	var indices []int
	for i, n := 0, r.u16(features); i < n && !r.bad; i++ {
		rec := features + 2 + 6*i
		if off := rec; off+4 <= len(b) && string(b[off:off+4]) == "ssty" {
			f := features + r.u16(rec+4)
			for j, m := 0, r.u16(f+2); j < m; j++ {
				indices = append(indices, r.u16(f+4+2*j))
			}
		}
	}
	for _, li := range indices {
		l := lookups + r.u16(lookups+2+2*li)
		typ := r.u16(l)
		for s, n := 0, r.u16(l+4); s < n && !r.bad; s++ {
			sub := l + r.u16(l+6+2*s)
			t := typ
			if t == 7 { // extension: the real subtable is further on
				t = r.u16(sub + 2)
				sub += u32(sub + 4)
			}
			cov := ft.coverage(r, sub+r.u16(sub+2))
			switch {
			case t == 1 && r.u16(sub) == 1:
				delta := r.i16(sub + 4)
				for _, g := range cov {
					ft.ssty[g] = append(ft.ssty[g], sfnt.GlyphIndex((int(g)+delta)&0xFFFF))
				}
			case t == 1 && r.u16(sub) == 2:
				for i, g := range cov {
					if i < r.u16(sub+4) {
						ft.ssty[g] = append(ft.ssty[g], sfnt.GlyphIndex(r.u16(sub+6+2*i)))
					}
				}
			case t == 3:
				for i, g := range cov {
					if i >= r.u16(sub+4) {
						break
					}
					set := sub + r.u16(sub+6+2*i)
					for k, m := 0, r.u16(set); k < m; k++ {
						ft.ssty[g] = append(ft.ssty[g], sfnt.GlyphIndex(r.u16(set+2+2*k)))
					}
				}
			}
		}
	}
}

// ScriptForm returns the form of g for script (level 1) or scriptscript
// (level 2) size, or g if the font has none.
func (ft *Font) ScriptForm(g sfnt.GlyphIndex, level int) sfnt.GlyphIndex {
	alts := ft.ssty[g]
	switch {
	case level <= 0 || len(alts) == 0:
		return g
	case level > len(alts):
		return alts[len(alts)-1]
	}
	return alts[level-1]
}
