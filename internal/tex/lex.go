package tex

import (
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind uint8

const (
	tEOF    tokKind = iota
	tCmd            // \name or \c; text is name or c
	tChar           // any other character; text is the character
	tLBrace         // {
	tRBrace         // }
	tSup            // ^
	tSub            // _
	tAmp            // &
	tTilde          // ~
	tPrime          // '
)

// token is one token of a formula.
type token struct {
	kind tokKind
	text string
	off  int // byte offset of its first byte
	end  int // byte offset after it
}

// scan returns the token at offset off of src, skipping white space (which
// math mode ignores). A control word swallows the spaces after it, as in
// TeX.
func scan(src string, off int) token {
	for off < len(src) && isSpace(src[off]) {
		off++
	}
	if off >= len(src) {
		return token{kind: tEOF, off: len(src), end: len(src)}
	}
	c := src[off]
	one := func(k tokKind) token { return token{kind: k, text: src[off : off+1], off: off, end: off + 1} }
	switch c {
	case '\\':
		i := off + 1
		for i < len(src) && isLetter(src[i]) {
			i++
		}
		if i > off+1 {
			return token{kind: tCmd, text: src[off+1 : i], off: off, end: i}
		}
		if i >= len(src) {
			return token{kind: tCmd, text: "", off: off, end: i}
		}
		_, n := utf8.DecodeRuneInString(src[i:])
		return token{kind: tCmd, text: src[i : i+n], off: off, end: i + n}
	case '{':
		return one(tLBrace)
	case '}':
		return one(tRBrace)
	case '^':
		return one(tSup)
	case '_':
		return one(tSub)
	case '&':
		return one(tAmp)
	case '~':
		return one(tTilde)
	case '\'':
		return one(tPrime)
	}
	_, n := utf8.DecodeRuneInString(src[off:])
	return token{kind: tChar, text: src[off : off+n], off: off, end: off + n}
}

func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
