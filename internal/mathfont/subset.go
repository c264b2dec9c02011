// Package mathfont cuts an OpenType math font (Latin Modern Math) down to
// the characters a book uses and writes it as WOFF2.
//
// The cut keeps every glyph where it was: glyph ids do not change, so the
// MATH table (size variants and assemblies of stretchy operators, italic
// corrections, constants) and the GPOS table stay valid as they are. A
// glyph that is not kept has its outline replaced by an empty one and its
// metrics by zeros, which compress to almost nothing, and its records in
// the MATH table go (their coverage tables list only the glyphs kept);
// the cmap lists only
// the characters kept, so that a browser falls back to another font for
// any other character instead of drawing nothing. The glyphs kept are
// those of the characters asked for and, for the characters that may
// stretch or grow (operators), everything MATH's size variants and
// assemblies reach from them. The GSUB table goes: its ssty feature (the
// optically sized script forms, a third of the glyphs the book's
// characters reach) is not applied by Chromium, and a browser that
// applies it (Firefox) would otherwise substitute a blanked glyph; without
// GSUB it draws the base glyph scaled, as Chromium does.
//
// Subset is deterministic: the same font and the same characters give the
// same bytes.
package mathfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"golang.org/x/image/font/sfnt"
)

// Font is a subset font: its tables by tag and the characters it maps.
type Font struct {
	Tables map[string][]byte
	Runes  []rune // sorted: the characters the cmap maps
}

// Subset returns the subset of font (an OpenType font with CFF outlines)
// that draws runes, with the size variants and assembly parts of those in
// stretchy; characters the font lacks are left out of it.
func Subset(font []byte, runes, stretchy []rune) (*Font, error) {
	f, err := sfnt.Parse(font)
	if err != nil {
		return nil, fmt.Errorf("mathfont: %w", err)
	}
	tables, err := tableDirectory(font)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"CFF ", "cmap", "hmtx", "hhea", "maxp"} {
		if tables[tag] == nil {
			return nil, fmt.Errorf("mathfont: the font has no %q table", tag)
		}
	}
	runes = slices.Clone(runes)
	slices.Sort(runes)
	runes = slices.Compact(runes)
	var buf sfnt.Buffer
	cmap := map[rune]uint16{}
	keep := map[uint16]bool{0: true} // .notdef
	var kept []rune
	for _, r := range runes {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		cmap[r] = uint16(g)
		keep[uint16(g)] = true
		kept = append(kept, r)
	}
	grow := map[uint16]bool{}
	for _, r := range stretchy {
		if g, ok := cmap[r]; ok {
			grow[g] = true
		}
	}
	if tables["MATH"] != nil {
		closure(keep, grow, tables["MATH"])
	}

	n := f.NumGlyphs()
	out := map[string][]byte{}
	for tag, data := range tables {
		switch tag {
		case "FFTM", "DSIG", "GSUB": // a tool's timestamp; a signature the cut breaks; see above
			continue
		}
		out[tag] = data
	}
	cff, err := blankCFF(tables["CFF "], n, keep)
	if err != nil {
		return nil, err
	}
	out["CFF "] = cff
	hm, err := blankHmtx(tables["hmtx"], tables["hhea"], n, keep)
	if err != nil {
		return nil, err
	}
	out["hmtx"] = hm
	out["cmap"] = writeCmap(kept, cmap)
	if m := tables["MATH"]; m != nil {
		out["MATH"] = pruneMATH(m, keep)
	}
	return &Font{Tables: out, Runes: kept}, nil
}

// tableDirectory returns the tables of an OpenType font by tag.
func tableDirectory(data []byte) (map[string][]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("mathfont: font too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	tables := map[string][]byte{}
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, errors.New("mathfont: table directory out of bounds")
		}
		off := int(binary.BigEndian.Uint32(data[rec+8:]))
		length := int(binary.BigEndian.Uint32(data[rec+12:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return nil, fmt.Errorf("mathfont: table %q out of bounds", data[rec:rec+4])
		}
		tables[string(data[rec:rec+4])] = data[off : off+length]
	}
	return tables, nil
}

// reader reads big-endian values of a table; a read out of bounds gives
// zero and marks the reader bad.
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

// coverage returns the glyphs of an OpenType coverage table, in
// coverage-index order.
func (r *reader) coverage(off int) []uint16 {
	var out []uint16
	switch r.u16(off) {
	case 1:
		for i, n := 0, r.u16(off+2); i < n && !r.bad; i++ {
			out = append(out, uint16(r.u16(off+4+2*i)))
		}
	case 2:
		for i, n := 0, r.u16(off+2); i < n && !r.bad; i++ {
			start, end := r.u16(off+4+6*i), r.u16(off+6+6*i)
			for g := start; g <= end; g++ {
				out = append(out, uint16(g))
			}
		}
	}
	return out
}

// closure adds to keep the glyphs that the MathVariants of a MATH table
// reach from those in grow: their size variants and assembly parts, and
// theirs, to a fixed point.
func closure(keep, grow map[uint16]bool, math []byte) {
	edges := map[uint16][]uint16{}
	mathEdges(&reader{b: math}, edges)
	var todo []uint16
	for g := range grow {
		todo = append(todo, g)
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, h := range edges[g] {
			if !grow[h] {
				keep[h], grow[h] = true, true
				todo = append(todo, h)
			}
		}
	}
}

// mathEdges reads the MathVariants of a MATH table: for each glyph its
// size variants and the parts of its assembly.
func mathEdges(r *reader, edges map[uint16][]uint16) {
	v := r.u16(8)
	if v == 0 {
		return
	}
	vcov := r.coverage(v + r.u16(v+2))
	hcov := r.coverage(v + r.u16(v+4))
	nv, nh := r.u16(v+6), r.u16(v+8)
	construction := func(g uint16, con int) {
		if asm := r.u16(con); asm != 0 {
			a := con + asm
			for i, n := 0, r.u16(a+4); i < n && !r.bad; i++ {
				edges[g] = append(edges[g], uint16(r.u16(a+6+10*i)))
			}
		}
		for i, n := 0, r.u16(con+2); i < n && !r.bad; i++ {
			edges[g] = append(edges[g], uint16(r.u16(con+4+4*i)))
		}
	}
	for i := 0; i < nv && i < len(vcov); i++ {
		construction(vcov[i], v+r.u16(v+10+2*i))
	}
	for i := 0; i < nh && i < len(hcov); i++ {
		construction(hcov[i], v+r.u16(v+10+2*nv+2*i))
	}
}

// blankHmtx zeroes the metrics of the glyphs not kept.
func blankHmtx(hmtx, hhea []byte, n int, keep map[uint16]bool) ([]byte, error) {
	if len(hhea) < 36 {
		return nil, errors.New("mathfont: hhea table too short")
	}
	long := int(binary.BigEndian.Uint16(hhea[34:]))
	if long > n || len(hmtx) < 4*long+2*(n-long) {
		return nil, errors.New("mathfont: hmtx table too short")
	}
	out := slices.Clone(hmtx)
	for g := range n {
		if keep[uint16(g)] {
			continue
		}
		if g < long {
			clear(out[4*g : 4*g+4])
		} else {
			o := 4*long + 2*(g-long)
			clear(out[o : o+2])
		}
	}
	return out, nil
}

// writeCmap returns a cmap table mapping runes (sorted) by m: a format 4
// subtable for the Basic Multilingual Plane and a format 12 one for all.
func writeCmap(runes []rune, m map[rune]uint16) []byte {
	be := binary.BigEndian
	// Format 4: one segment for each character, then the final 0xFFFF.
	var bmp []rune
	for _, r := range runes {
		if r < 0xFFFF {
			bmp = append(bmp, r)
		}
	}
	segs := len(bmp) + 1
	f4 := make([]byte, 16+8*segs)
	be.PutUint16(f4[0:], 4)
	be.PutUint16(f4[2:], uint16(len(f4)))
	be.PutUint16(f4[6:], uint16(2*segs))
	sr := 1
	for sr*2 <= segs {
		sr *= 2
	}
	be.PutUint16(f4[8:], uint16(2*sr))
	sel := 0
	for 1<<(sel+1) <= sr {
		sel++
	}
	be.PutUint16(f4[10:], uint16(sel))
	be.PutUint16(f4[12:], uint16(2*segs-2*sr))
	ends, starts := 14, 16+2*segs
	deltas := starts + 2*segs
	for i := range segs {
		c, g := uint16(0xFFFF), uint16(0)
		if i < len(bmp) {
			c, g = uint16(bmp[i]), m[bmp[i]]
		}
		be.PutUint16(f4[ends+2*i:], c)
		be.PutUint16(f4[starts+2*i:], c)
		be.PutUint16(f4[deltas+2*i:], g-c) // modulo 65536
		if i == len(bmp) {
			be.PutUint16(f4[deltas+2*i:], 1)
		}
		// idRangeOffset stays 0.
	}
	// Format 12: one group for each character.
	f12 := make([]byte, 16+12*len(runes))
	be.PutUint16(f12[0:], 12)
	be.PutUint32(f12[4:], uint32(len(f12)))
	be.PutUint32(f12[12:], uint32(len(runes)))
	for i, r := range runes {
		o := 16 + 12*i
		be.PutUint32(f12[o:], uint32(r))
		be.PutUint32(f12[o+4:], uint32(r))
		be.PutUint32(f12[o+8:], uint32(m[r]))
	}
	// The encoding records, sorted by platform and encoding: Unicode BMP
	// and full, Windows BMP and full.
	head := make([]byte, 4+8*4)
	be.PutUint16(head[2:], 4)
	off4, off12 := uint32(len(head)), uint32(len(head)+len(f4))
	for i, rec := range [][3]uint32{{0, 3, off4}, {0, 4, off12}, {3, 1, off4}, {3, 10, off12}} {
		o := 4 + 8*i
		be.PutUint16(head[o:], uint16(rec[0]))
		be.PutUint16(head[o+2:], uint16(rec[1]))
		be.PutUint32(head[o+4:], rec[2])
	}
	return slices.Concat(head, f4, f12)
}
