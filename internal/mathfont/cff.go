package mathfont

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// A CFF font (the Compact Font Format, Adobe's technical note #5176) is a
// header and four INDEXes (names, top DICTs, strings, global
// subroutines), followed by structures the top DICT points at by offset:
// the charset, the CharStrings INDEX (one outline per glyph), the Private
// DICT and its local subroutines. blankCFF replaces the CharStrings INDEX
// by one whose outlines not kept are a bare endchar, rewrites the top DICT
// with the moved offsets, and copies everything else.

// cffIndex is an INDEX: where it starts and ends in the CFF data, and its
// items.
type cffIndex struct {
	start, end int
	items      [][]byte
}

func readIndex(b []byte, off int) (*cffIndex, error) {
	bad := fmt.Errorf("mathfont: CFF INDEX at %d out of bounds", off)
	if off+2 > len(b) {
		return nil, bad
	}
	count := int(binary.BigEndian.Uint16(b[off:]))
	if count == 0 {
		return &cffIndex{start: off, end: off + 2}, nil
	}
	if off+3 > len(b) {
		return nil, bad
	}
	size := int(b[off+2])
	if size < 1 || size > 4 {
		return nil, fmt.Errorf("mathfont: CFF INDEX at %d: offset size %d", off, size)
	}
	offs := off + 3
	data := offs + (count+1)*size - 1 // offsets count from 1
	if offs+(count+1)*size > len(b) {
		return nil, bad
	}
	at := func(i int) int {
		v := 0
		for _, c := range b[offs+i*size : offs+(i+1)*size] {
			v = v<<8 | int(c)
		}
		return data + v
	}
	x := &cffIndex{start: off}
	prev := at(0)
	for i := 1; i <= count; i++ {
		next := at(i)
		if next < prev || next > len(b) {
			return nil, bad
		}
		x.items = append(x.items, b[prev:next])
		prev = next
	}
	x.end = prev
	return x, nil
}

func writeIndex(items [][]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	size := 1
	for total >= 1<<(8*size) {
		size++
	}
	out := []byte{byte(len(items) >> 8), byte(len(items)), byte(size)}
	put := func(v int) {
		for i := size - 1; i >= 0; i-- {
			out = append(out, byte(v>>(8*i)))
		}
	}
	v := 1
	put(v)
	for _, it := range items {
		v += len(it)
		put(v)
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

// dictEntry is one operator of a DICT with its operands, each operand as
// its bytes and, for an integer, its value.
type dictEntry struct {
	op       int // 0–21, or 1200+n for the two-byte operator 12 n
	operands [][]byte
	ints     []int
}

func parseDict(b []byte) ([]dictEntry, error) {
	var out []dictEntry
	var e dictEntry
	for i := 0; i < len(b); {
		c := int(b[i])
		start := i
		switch {
		case c <= 21:
			e.op = c
			i++
			if c == 12 {
				if i >= len(b) {
					return nil, errors.New("mathfont: CFF DICT: truncated operator")
				}
				e.op = 1200 + int(b[i])
				i++
			}
			out = append(out, e)
			e = dictEntry{}
			continue
		case c == 28:
			if i+3 > len(b) {
				return nil, errors.New("mathfont: CFF DICT: truncated number")
			}
			e.ints = append(e.ints, int(int16(binary.BigEndian.Uint16(b[i+1:]))))
			i += 3
		case c == 29:
			if i+5 > len(b) {
				return nil, errors.New("mathfont: CFF DICT: truncated number")
			}
			e.ints = append(e.ints, int(int32(binary.BigEndian.Uint32(b[i+1:]))))
			i += 5
		case c == 30: // a real: nibbles up to an 0xf nibble
			i++
			for i < len(b) && b[i]&0x0f != 0x0f && b[i]&0xf0 != 0xf0 {
				i++
			}
			i++
			e.ints = append(e.ints, 0)
		case c >= 32 && c <= 246:
			e.ints = append(e.ints, c-139)
			i++
		case c >= 247 && c <= 250:
			if i+2 > len(b) {
				return nil, errors.New("mathfont: CFF DICT: truncated number")
			}
			e.ints = append(e.ints, (c-247)*256+int(b[i+1])+108)
			i += 2
		case c >= 251 && c <= 254:
			if i+2 > len(b) {
				return nil, errors.New("mathfont: CFF DICT: truncated number")
			}
			e.ints = append(e.ints, -(c-251)*256-int(b[i+1])-108)
			i += 2
		default:
			return nil, fmt.Errorf("mathfont: CFF DICT: byte %d", c)
		}
		if i > len(b) {
			return nil, errors.New("mathfont: CFF DICT: truncated number")
		}
		e.operands = append(e.operands, b[start:i])
	}
	return out, nil
}

func int32Operand(v int) []byte {
	return []byte{29, byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}
}

func writeDict(es []dictEntry) []byte {
	var out []byte
	for _, e := range es {
		for _, o := range e.operands {
			out = append(out, o...)
		}
		if e.op >= 1200 {
			out = append(out, 12, byte(e.op-1200))
		} else {
			out = append(out, byte(e.op))
		}
	}
	return out
}

// The top DICT operators whose last operand is an offset from the start
// of the CFF data: charset, Encoding, CharStrings, Private (size, offset),
// FDArray, FDSelect. charset and Encoding below 3 name predefined ones.
const (
	opCharset     = 15
	opEncoding    = 16
	opCharStrings = 17
	opPrivate     = 18
	opSubrs       = 19
	opFDArray     = 1236
	opFDSelect    = 1237
)

// blankCFF returns the CFF table cff with the outline of every glyph not
// in keep replaced by endchar, the local subroutines no kept outline
// calls replaced by return, and the names of the glyphs not kept
// dropped (they are all named .notdef); n is the font's number of
// glyphs. The result is laid out anew: header and name INDEX, top DICT,
// strings, global subroutines, charset, CharStrings, Private DICT, local
// subroutines.
func blankCFF(cff []byte, n int, keep map[uint16]bool) ([]byte, error) {
	f, err := readCFF(cff, n)
	if err != nil {
		return nil, err
	}
	items := slices.Clone(f.cs.items)
	for g := range items {
		if !keep[uint16(g)] {
			items[g] = []byte{14} // endchar
		}
	}
	priv, subrs, err := f.blankPrivate(items)
	if err != nil {
		return nil, err
	}
	strIdx, sidOf := f.keptStrings(keep)
	// charset, format 0: the name of each glyph after .notdef.
	charset := make([]byte, 1+2*(n-1))
	for g := 1; g < n; g++ {
		sid := 0
		if keep[uint16(g)] {
			sid = sidOf(f.sids[g])
		}
		binary.BigEndian.PutUint16(charset[1+2*(g-1):], uint16(sid))
	}
	newCS := writeIndex(items)
	gsubrIdx := cff[f.gsubrs.start:f.gsubrs.end]

	// The top DICT with every offset and string id as a 5-byte integer,
	// so that its size does not depend on their values.
	rewrite := func(charsetAt, csAt, privAt int) []byte {
		es := slices.Clone(f.top)
		for i, e := range es {
			ops := slices.Clone(e.operands)
			switch {
			case e.op == opCharset:
				ops[0] = int32Operand(charsetAt)
			case e.op == opCharStrings:
				ops[0] = int32Operand(csAt)
			case e.op == opPrivate:
				ops[0], ops[1] = int32Operand(len(priv)), int32Operand(privAt)
			case isStringOp(e.op):
				for k, v := range e.ints {
					ops[k] = int32Operand(sidOf(v))
				}
			default:
				continue
			}
			es[i].operands = ops
		}
		return writeIndex([][]byte{writeDict(es)})
	}
	head := cff[:f.names.end]
	topLen := len(rewrite(0, 0, 0))
	charsetAt := len(head) + topLen + len(strIdx) + len(gsubrIdx)
	csAt := charsetAt + len(charset)
	privAt := csAt + len(newCS)
	return slices.Concat(head, rewrite(charsetAt, csAt, privAt), strIdx, gsubrIdx, charset, newCS, priv, subrs), nil
}

// cffFont is what blankCFF reads of a CFF table: its INDEXes, its one top
// DICT, the CharStrings, the charset's string ids and where the Private
// DICT is.
type cffFont struct {
	cff                     []byte
	names, strs, gsubrs, cs *cffIndex
	top                     []dictEntry
	sids                    []int
	privOff, privSize       int
}

// readCFF reads the parts of CFF table cff, of a font of n glyphs, that
// blankCFF rewrites.
func readCFF(cff []byte, n int) (*cffFont, error) {
	if len(cff) < 4 {
		return nil, errors.New("mathfont: CFF table too short")
	}
	f := &cffFont{cff: cff}
	var tops *cffIndex
	var err error
	if f.names, err = readIndex(cff, int(cff[2])); err != nil {
		return nil, err
	}
	if tops, err = readIndex(cff, f.names.end); err != nil {
		return nil, err
	}
	if f.strs, err = readIndex(cff, tops.end); err != nil {
		return nil, err
	}
	if f.gsubrs, err = readIndex(cff, f.strs.end); err != nil {
		return nil, err
	}
	if len(tops.items) != 1 {
		return nil, fmt.Errorf("mathfont: CFF with %d fonts, want 1", len(tops.items))
	}
	if f.top, err = parseDict(tops.items[0]); err != nil {
		return nil, err
	}
	csOff, charsetOff := -1, 0
	f.privOff = -1
	for _, e := range f.top {
		switch e.op {
		case opCharStrings:
			if len(e.ints) == 1 {
				csOff = e.ints[0]
			}
		case opCharset:
			if len(e.ints) == 1 {
				charsetOff = e.ints[0]
			}
		case opEncoding:
			if len(e.ints) != 1 || e.ints[0] > 1 {
				return nil, errors.New("mathfont: CFF with a custom encoding")
			}
		case opPrivate:
			if len(e.ints) == 2 {
				f.privSize, f.privOff = e.ints[0], e.ints[1]
			}
		case opFDArray, opFDSelect:
			return nil, errors.New("mathfont: CID-keyed CFF fonts are not supported")
		}
	}
	if f.cs, err = readIndex(cff, csOff); err != nil {
		return nil, err
	}
	if len(f.cs.items) != n {
		return nil, fmt.Errorf("mathfont: CFF has %d outlines for %d glyphs", len(f.cs.items), n)
	}
	if f.sids, err = readCharset(cff, charsetOff, n); err != nil {
		return nil, err
	}
	return f, nil
}

// blankPrivate returns the Private DICT and the local subroutines it
// points at, for the outlines items: those no outline calls become a bare
// return, their numbers unchanged.
func (f *cffFont) blankPrivate(items [][]byte) (priv, subrs []byte, err error) {
	cff, privOff, privSize := f.cff, f.privOff, f.privSize
	if privOff < 0 {
		return nil, nil, nil
	}
	if privOff+privSize > len(cff) || privSize < 0 {
		return nil, nil, errors.New("mathfont: CFF Private DICT out of bounds")
	}
	pd, err := parseDict(cff[privOff : privOff+privSize])
	if err != nil {
		return nil, nil, err
	}
	priv = cff[privOff : privOff+privSize]
	for i, e := range pd {
		if e.op != opSubrs || len(e.ints) != 1 {
			continue
		}
		ls, err := readIndex(cff, privOff+e.ints[0])
		if err != nil {
			return nil, nil, err
		}
		used, err := usedSubrs(items, ls.items, f.gsubrs.items)
		if err != nil {
			return nil, nil, err
		}
		list := slices.Clone(ls.items)
		for k := range list {
			if !used[k] {
				list[k] = []byte{11} // return
			}
		}
		subrs = writeIndex(list)
		// The subroutines follow the Private DICT, whose Subrs offset
		// is a 5-byte integer: its size is that of the DICT.
		pd = slices.Clone(pd)
		pd[i].operands = [][]byte{int32Operand(0)}
		size := len(writeDict(pd))
		pd[i].operands = [][]byte{int32Operand(size)}
		priv = writeDict(pd)
	}
	return priv, subrs, nil
}

// keptStrings returns the string INDEX of the blanked font, the strings
// the top DICT names and then the names of the glyphs kept, in their old
// order, and the new string id of each old one.
func (f *cffFont) keptStrings(keep map[uint16]bool) ([]byte, func(int) int) {
	need := map[int]bool{}
	for _, e := range f.top {
		if isStringOp(e.op) {
			for _, v := range e.ints {
				need[v] = true
			}
		}
	}
	for g, sid := range f.sids {
		if keep[uint16(g)] {
			need[sid] = true
		}
	}
	remap := map[int]int{}
	var strings [][]byte
	for sid := 391; sid < 391+len(f.strs.items); sid++ {
		if need[sid] {
			remap[sid] = 391 + len(strings)
			strings = append(strings, f.strs.items[sid-391])
		}
	}
	sidOf := func(old int) int {
		if old < 391 {
			return old
		}
		return remap[old]
	}
	return writeIndex(strings), sidOf
}

// isStringOp reports whether a top DICT operator's operands are string
// ids: version, Notice, FullName, FamilyName, Weight, Copyright,
// PostScript, BaseFontName, FontName.
func isStringOp(op int) bool {
	switch op {
	case 0, 1, 2, 3, 4, 1200, 1221, 1222, 1238:
		return true
	}
	return false
}

// readCharset returns the string id of each glyph's name from the
// charset at off (formats 0, 1 and 2; the predefined charsets 0 to 2 are
// refused).
func readCharset(b []byte, off, n int) ([]int, error) {
	if off < 3 || off >= len(b) {
		return nil, errors.New("mathfont: CFF without a charset of its own")
	}
	r := &reader{b: b}
	sids := make([]int, 1, n)
	format := int(b[off])
	p := off + 1
	for len(sids) < n && !r.bad {
		switch format {
		case 0:
			sids = append(sids, r.u16(p))
			p += 2
		case 1, 2:
			first := r.u16(p)
			left := 0
			if format == 1 {
				if p+2 >= len(b) {
					return nil, errors.New("mathfont: CFF charset out of bounds")
				}
				left = int(b[p+2])
				p += 3
			} else {
				left = r.u16(p + 2)
				p += 4
			}
			for k := 0; k <= left && len(sids) < n; k++ {
				sids = append(sids, first+k)
			}
		default:
			return nil, fmt.Errorf("mathfont: CFF charset format %d", format)
		}
	}
	if r.bad {
		return nil, errors.New("mathfont: CFF charset out of bounds")
	}
	return sids, nil
}

// bias returns the number added to a subroutine operand (Type 2
// charstrings, section 4.7).
func bias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// usedSubrs returns the local subroutines that charstrings call, directly
// or through other subroutines, by running each charstring far enough to
// follow its calls: the operands of callsubr and callgsubr, and the stem
// hints that say how many bytes a hintmask takes.
func usedSubrs(charstrings, subrs, gsubrs [][]byte) (map[int]bool, error) {
	used := map[int]bool{}
	var run func(cs []byte, st *t2state, depth int) (bool, error)
	run = func(cs []byte, st *t2state, depth int) (bool, error) {
		if depth > 10 {
			return false, errors.New("mathfont: CFF subroutines nest too deep")
		}
		for i := 0; i < len(cs); {
			c := int(cs[i])
			switch {
			case c == 28:
				if i+3 > len(cs) {
					return false, errors.New("mathfont: CFF charstring: truncated number")
				}
				st.push(int(int16(binary.BigEndian.Uint16(cs[i+1:]))))
				i += 3
			case c >= 32 && c <= 246:
				st.push(c - 139)
				i++
			case c >= 247 && c <= 250:
				if i+2 > len(cs) {
					return false, errors.New("mathfont: CFF charstring: truncated number")
				}
				st.push((c-247)*256 + int(cs[i+1]) + 108)
				i += 2
			case c >= 251 && c <= 254:
				if i+2 > len(cs) {
					return false, errors.New("mathfont: CFF charstring: truncated number")
				}
				st.push(-(c-251)*256 - int(cs[i+1]) - 108)
				i += 2
			case c == 255: // 16.16 fixed
				if i+5 > len(cs) {
					return false, errors.New("mathfont: CFF charstring: truncated number")
				}
				st.push(int(int32(binary.BigEndian.Uint32(cs[i+1:]))) >> 16)
				i += 5
			case c == 10 || c == 29: // callsubr, callgsubr
				list := subrs
				if c == 29 {
					list = gsubrs
				}
				if len(st.stack) == 0 {
					return false, errors.New("mathfont: CFF charstring: call without operand")
				}
				k := st.stack[len(st.stack)-1] + bias(len(list))
				st.stack = st.stack[:len(st.stack)-1]
				if k < 0 || k >= len(list) {
					return false, fmt.Errorf("mathfont: CFF charstring: subroutine %d of %d", k, len(list))
				}
				if c == 10 {
					used[k] = true
				}
				end, err := run(list[k], st, depth+1)
				if err != nil || end {
					return end, err
				}
				i++
			case c == 11: // return
				return false, nil
			case c == 14: // endchar
				return true, nil
			case c == 1 || c == 3 || c == 18 || c == 23: // stems
				st.hints += len(st.stack) / 2
				st.stack = st.stack[:0]
				i++
			case c == 19 || c == 20: // hintmask, cntrmask: vstem hints may come first
				st.hints += len(st.stack) / 2
				st.stack = st.stack[:0]
				i += 1 + (st.hints+7)/8
			case c == 12:
				st.stack = st.stack[:0]
				i += 2
			default: // any other operator clears the stack
				st.stack = st.stack[:0]
				i++
			}
		}
		return false, nil
	}
	for _, cs := range charstrings {
		if _, err := run(cs, &t2state{}, 0); err != nil {
			return nil, err
		}
	}
	return used, nil
}

// t2state is what usedSubrs tracks of a running charstring.
type t2state struct {
	stack []int
	hints int
}

func (s *t2state) push(v int) { s.stack = append(s.stack, v) }
