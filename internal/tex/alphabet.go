package tex

import "strings"

// alphabet gives where a variant's letters and digits start in Unicode's
// Mathematical Alphanumeric Symbols block, and the letters that live
// elsewhere (the "holes", which predate the block: ℝ, ℋ, ℎ, …).
type alphabet struct {
	upper, lower, digit, greek rune // 0 if the variant has none
	holes                      map[rune]rune
}

var alphabets = map[Variant]*alphabet{
	Italic:     {upper: 0x1D434, lower: 0x1D44E, greek: 0x1D6E2, holes: map[rune]rune{'h': 'ℎ'}},
	Bold:       {upper: 0x1D400, lower: 0x1D41A, digit: 0x1D7CE, greek: 0x1D6A8},
	BoldItalic: {upper: 0x1D468, lower: 0x1D482, greek: 0x1D71C},
	Calligraphic: {upper: 0x1D49C, lower: 0x1D4B6, holes: map[rune]rune{
		'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ',
		'e': 'ℯ', 'g': 'ℊ', 'o': 'ℴ',
	}},
	Fraktur: {upper: 0x1D504, lower: 0x1D51E, holes: map[rune]rune{
		'C': 'ℭ', 'H': 'ℌ', 'I': 'ℑ', 'R': 'ℜ', 'Z': 'ℨ',
	}},
	DoubleStruck: {upper: 0x1D538, lower: 0x1D552, digit: 0x1D7D8, holes: map[rune]rune{
		'C': 'ℂ', 'H': 'ℍ', 'N': 'ℕ', 'P': 'ℙ', 'Q': 'ℚ', 'R': 'ℝ', 'Z': 'ℤ',
	}},
	SansSerif: {upper: 0x1D5A0, lower: 0x1D5BA, digit: 0x1D7E2},
	Monospace: {upper: 0x1D670, lower: 0x1D68A, digit: 0x1D7F6},
}

// greekIndex returns the place of r in the 58-letter Greek run of each
// mathematical alphabet (Α…Ω with ϴ, ∇, α…ω, ∂ ϵ ϑ ϰ ϕ ϱ ϖ), or -1.
func greekIndex(r rune) int {
	switch {
	case r >= 'Α' && r <= 'Ω' && r != 0x3A2:
		return int(r - 'Α')
	case r == 'ϴ':
		return 17
	case r == '∇':
		return 25
	case r >= 'α' && r <= 'ω':
		return 26 + int(r-'α')
	}
	if i := strings.IndexRune("∂ϵϑϰϕϱϖ", r); i >= 0 {
		return 51 + len([]rune("∂ϵϑϰϕϱϖ"[:i]))
	}
	return -1
}

// MathAlphabet returns s with its ASCII letters and digits, and its Greek
// letters, replaced by their mathematical alphanumeric symbols of variant
// v: MathAlphabet("R", DoubleStruck) is "ℝ". Characters the variant does
// not have are kept, and Normal returns s unchanged.
func MathAlphabet(s string, v Variant) string {
	a := alphabets[v]
	if a == nil {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if h, ok := a.holes[r]; ok {
			b.WriteRune(h)
			continue
		}
		switch {
		case r >= 'A' && r <= 'Z' && a.upper != 0:
			r = a.upper + r - 'A'
		case r >= 'a' && r <= 'z' && a.lower != 0:
			r = a.lower + r - 'a'
		case r >= '0' && r <= '9' && a.digit != 0:
			r = a.digit + r - '0'
		case a.greek != 0:
			if i := greekIndex(r); i >= 0 {
				r = a.greek + rune(i)
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
