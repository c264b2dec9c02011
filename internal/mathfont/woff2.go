package mathfont

import (
	"bytes"
	"encoding/binary"
	"slices"

	"github.com/andybalholm/brotli"
)

// woff2Tags are the table tags WOFF2 knows by number (its specification's
// table of known tags); another tag is written out in the directory.
var woff2Tags = []string{
	"cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt ",
	"fpgm", "glyf", "loca", "prep", "CFF ", "VORG", "EBDT", "EBLC", "gasp",
	"hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea", "vmtx", "BASE", "GDEF",
	"GPOS", "GSUB", "EBSC", "JSTF", "MATH", "CBDT", "CBLC", "COLR", "CPAL",
	"SVG ", "sbix", "acnt", "avar", "bdat", "bloc", "bsln", "cvar", "fdsc",
	"feat", "fmtx", "fvar", "gvar", "hsty", "just", "lcar", "mort", "morx",
	"opbd", "prop", "trak", "Zapf", "Silf", "Glat", "Gloc", "Feat", "Sill",
}

// WOFF2 returns the font as a WOFF2 file (W3C, WOFF File Format 2.0): a
// header, the table directory and every table, untransformed (the font
// has CFF outlines, which WOFF2 does not transform), in one Brotli stream
// at the highest quality. The tables are written in tag order.
func (f *Font) WOFF2() []byte {
	tags := make([]string, 0, len(f.Tables))
	for tag := range f.Tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)

	// The size of the font the decoder rebuilds: header, directory and
	// each table padded to 4 bytes.
	sfntSize := 12 + 16*len(tags)
	var dir bytes.Buffer
	var stream bytes.Buffer
	bw := brotli.NewWriterLevel(&stream, brotli.BestCompression)
	for _, tag := range tags {
		t := f.Tables[tag]
		if tag == "head" && len(t) >= 18 {
			// Bit 11 of the flags: the font went through a lossless
			// transformation (WOFF2, section 5.1, requires it).
			t = slices.Clone(t)
			t[16] |= 0x08
		}
		sfntSize += (len(t) + 3) &^ 3
		known := slices.Index(woff2Tags, tag)
		if known >= 0 {
			dir.WriteByte(byte(known)) // transformation version 0: none
		} else {
			dir.WriteByte(63)
			dir.WriteString(tag)
		}
		dir.Write(uintBase128(uint32(len(t))))
		bw.Write(t) // writes to a bytes.Buffer do not fail
	}
	bw.Close()

	const headerSize = 48
	total := headerSize + dir.Len() + stream.Len()
	padded := (total + 3) &^ 3
	out := make([]byte, headerSize, padded)
	be := binary.BigEndian
	copy(out, "wOF2")
	copy(out[4:], "OTTO") // flavor: CFF outlines
	be.PutUint32(out[8:], uint32(padded))
	be.PutUint16(out[12:], uint16(len(tags)))
	be.PutUint32(out[16:], uint32(sfntSize))
	be.PutUint32(out[20:], uint32(stream.Len()))
	be.PutUint16(out[24:], 1) // version 1.0 of the font
	out = append(out, dir.Bytes()...)
	out = append(out, stream.Bytes()...)
	return append(out, make([]byte, padded-total)...)
}

// uintBase128 encodes v as WOFF2's UIntBase128: big-endian groups of seven
// bits, the high bit set on all but the last byte.
func uintBase128(v uint32) []byte {
	var b []byte
	for {
		b = append([]byte{byte(v & 0x7f)}, b...)
		v >>= 7
		if v == 0 {
			break
		}
	}
	for i := 0; i < len(b)-1; i++ {
		b[i] |= 0x80
	}
	return b
}
