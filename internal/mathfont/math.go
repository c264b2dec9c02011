package mathfont

import (
	"encoding/binary"
	"slices"
)

// The MATH table (OpenType 1.9, "MATH — The Mathematical Typesetting
// Table") holds, besides the font's constants, data for each glyph that
// has any: its italic correction, its top accent attachment, whether it
// is an extended shape, its cut-in kerns, and, for a glyph that stretches,
// its size variants and its assembly of parts. Each list is a coverage
// table of glyphs and one record per glyph covered. Most of those glyphs
// are not among a book's, and the records of glyphs the subset blanks
// are a third of the font's bytes once compressed; pruneMATH leaves them
// out.

// mathConstantsSize is the size of the MathConstants table: four 16-bit
// values, 51 MathValueRecords and one more 16-bit value.
const mathConstantsSize = 8 + 51*4 + 2

// mathWriter builds a table of big-endian 16-bit values.
type mathWriter struct{ b []byte }

func (w *mathWriter) u16(v int) { w.b = binary.BigEndian.AppendUint16(w.b, uint16(v)) }

// put writes v at offset off, which must already be written.
func (w *mathWriter) put(off, v int) { binary.BigEndian.PutUint16(w.b[off:], uint16(v)) }

// coverage writes a coverage table of format 1 listing glyphs, sorted.
func (w *mathWriter) coverage(glyphs []uint16) {
	w.u16(1)
	w.u16(len(glyphs))
	for _, g := range glyphs {
		w.u16(int(g))
	}
}

// pruneMATH returns the MATH table math without the records of the
// glyphs not in keep (italic corrections, top accent attachments,
// extended shapes, kerns, size variants and assemblies), its coverage
// tables listing only the glyphs kept; the constants, and every record
// of a glyph kept, are as they were. A table it cannot rewrite without
// loss is returned as it is: another version, an offset out of bounds,
// or a device table (Latin Modern Math has none).
func pruneMATH(math []byte, keep map[uint16]bool) []byte {
	r := &reader{b: math}
	if r.u16(0) != 1 || len(math) < 10 {
		return math
	}
	w := &mathWriter{}
	w.b = append(w.b, math[:4]...) // the version
	w.u16(10)                      // the constants follow the header
	w.u16(0)                       // glyph info, set below
	w.u16(0)                       // variants, set below
	c := r.u16(4)
	if c == 0 || c+mathConstantsSize > len(math) {
		return math
	}
	for i := range 51 {
		if r.u16(c+8+4*i+2) != 0 {
			return math // a device table
		}
	}
	w.b = append(w.b, math[c:c+mathConstantsSize]...)
	ok := true
	// values writes a coverage-indexed list of MathValueRecords, the
	// MathItalicsCorrectionInfo or MathTopAccentAttachment table at off:
	// a coverage offset, a count and the records.
	values := func(off int) {
		start := len(w.b)
		cov := r.coverage(off + r.u16(off))
		n := min(r.u16(off+2), len(cov))
		var glyphs []uint16
		var recs []int
		for i := range n {
			if keep[cov[i]] {
				if r.u16(off+4+4*i+2) != 0 {
					ok = false
				}
				glyphs = append(glyphs, cov[i])
				recs = append(recs, r.u16(off+4+4*i))
			}
		}
		w.u16(0) // coverage offset, set below
		w.u16(len(recs))
		for _, v := range recs {
			w.u16(v)
			w.u16(0)
		}
		w.put(start, len(w.b)-start)
		w.coverage(glyphs)
	}
	if gi := r.u16(6); gi != 0 {
		base := len(w.b)
		w.put(6, base)
		for range 4 {
			w.u16(0) // the offsets of the four subtables, set below
		}
		if off := r.u16(gi); off != 0 {
			w.put(base, len(w.b)-base)
			values(gi + off)
		}
		if off := r.u16(gi + 2); off != 0 {
			w.put(base+2, len(w.b)-base)
			values(gi + off)
		}
		if off := r.u16(gi + 4); off != 0 {
			w.put(base+4, len(w.b)-base)
			w.coverage(slices.DeleteFunc(r.coverage(gi+off), func(g uint16) bool { return !keep[g] }))
		}
		if off := r.u16(gi + 6); off != 0 {
			w.put(base+6, len(w.b)-base)
			ok = ok && mathKerns(r, w, gi+off, keep)
		}
	}
	if v := r.u16(8); v != 0 {
		ok = ok && mathVariants(r, w, v, keep)
	}
	if !ok || r.bad || len(w.b) > 0xFFFF {
		return math
	}
	return w.b
}

// mathKerns writes the MathKernInfo table at off without the glyphs not
// in keep: a coverage offset, a count, per glyph the offsets of its four
// MathKern tables (top right, top left, bottom right, bottom left; 0 for
// none), then the coverage and the MathKern tables, copied. It reports
// false if a MathKern has a device table.
func mathKerns(r *reader, w *mathWriter, off int, keep map[uint16]bool) bool {
	start := len(w.b)
	cov := r.coverage(off + r.u16(off))
	n := min(r.u16(off+2), len(cov))
	var glyphs []uint16
	var recs [][4]int // the MathKern tables' offsets in the original
	for i := range n {
		if keep[cov[i]] {
			glyphs = append(glyphs, cov[i])
			var rec [4]int
			for k := range 4 {
				if o := r.u16(off + 4 + 8*i + 2*k); o != 0 {
					rec[k] = off + o
				}
			}
			recs = append(recs, rec)
		}
	}
	w.u16(0) // coverage offset
	w.u16(len(recs))
	for range recs {
		for range 4 {
			w.u16(0) // set below
		}
	}
	w.put(start, len(w.b)-start)
	w.coverage(glyphs)
	for i, rec := range recs {
		for k, at := range rec {
			if at == 0 {
				continue
			}
			h := r.u16(at)
			size := 2 + 4*h + 4*(h+1)
			if at+size > len(r.b) {
				r.bad = true
				return false
			}
			for j := 0; j < 2*h+1; j++ {
				if r.u16(at+2+4*j+2) != 0 {
					return false // a device table
				}
			}
			w.put(start+4+8*i+2*k, len(w.b)-start)
			w.b = append(w.b, r.b[at:at+size]...)
		}
	}
	return true
}

// mathVariants writes the MathVariants table at off with the
// constructions of the glyphs in keep only, and sets the header's offset
// to it: the minimum connector overlap, the two coverage offsets and
// counts, the constructions' offsets, then the coverages and the
// constructions, each its variant records followed by its assembly. It
// reports false if an assembly has a device table.
func mathVariants(r *reader, w *mathWriter, off int, keep map[uint16]bool) bool {
	start := len(w.b)
	w.put(8, start)
	vcov := r.coverage(off + r.u16(off+2))
	hcov := r.coverage(off + r.u16(off+4))
	nv, nh := min(r.u16(off+6), len(vcov)), min(r.u16(off+8), len(hcov))
	type con struct {
		g  uint16
		at int // the MathGlyphConstruction in the original
	}
	pick := func(cov []uint16, n, first int) []con {
		var out []con
		for i := range n {
			if keep[cov[i]] {
				out = append(out, con{cov[i], off + r.u16(first+2*i)})
			}
		}
		return out
	}
	vert := pick(vcov, nv, off+10)
	horiz := pick(hcov, nh, off+10+2*nv)
	w.u16(r.u16(off)) // minConnectorOverlap
	w.u16(0)          // vertical coverage, set below
	w.u16(0)          // horizontal coverage, set below
	w.u16(len(vert))
	w.u16(len(horiz))
	for range len(vert) + len(horiz) {
		w.u16(0) // set below
	}
	glyphs := func(cs []con) []uint16 {
		var gs []uint16
		for _, c := range cs {
			gs = append(gs, c.g)
		}
		return gs
	}
	w.put(start+2, len(w.b)-start)
	w.coverage(glyphs(vert))
	w.put(start+4, len(w.b)-start)
	w.coverage(glyphs(horiz))
	for i, c := range append(vert, horiz...) {
		w.put(start+10+2*i, len(w.b)-start)
		cstart := len(w.b)
		variants := r.u16(c.at + 2)
		w.u16(0) // assembly offset, set below
		w.u16(variants)
		if c.at+4+4*variants > len(r.b) {
			r.bad = true
			return false
		}
		w.b = append(w.b, r.b[c.at+4:c.at+4+4*variants]...)
		if asm := r.u16(c.at); asm != 0 {
			a := c.at + asm
			parts := r.u16(a + 4)
			if r.u16(a+2) != 0 || a+6+10*parts > len(r.b) {
				return false // a device table, or out of bounds
			}
			w.put(cstart, len(w.b)-cstart)
			w.b = append(w.b, r.b[a:a+6+10*parts]...)
		}
	}
	return true
}
