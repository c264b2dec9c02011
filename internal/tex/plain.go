package tex

import (
	"strings"
)

// PlainText returns formula src as plain Unicode text, for places that
// cannot hold MathML: link titles, search results, alt text. "g \circ f :
// A \to B" becomes "g ∘ f : A → B", x^2 becomes x², \frac{a}{b} becomes
// a/b. A formula that does not parse is returned as it is.
func PlainText(src string) string {
	l, err := Parse(src, Text)
	if err != nil {
		return src
	}
	var b strings.Builder
	plainList(&b, l)
	return strings.Join(strings.Fields(b.String()), " ")
}

func plainList(b *strings.Builder, l *List) {
	gaps := l.Spacing()
	for i, it := range l.Items {
		switch it := it.(type) {
		case *Space:
			if it.Mu >= ThickMu {
				b.WriteByte(' ')
			}
		case *Atom:
			if gaps[i] >= MediumMu || gaps[i] > 0 && it.Class != Op {
				b.WriteByte(' ')
			}
			plainAtom(b, it)
		}
	}
}

var superscripts = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '−': '⁻', 'n': 'ⁿ', 'i': 'ⁱ', 'T': 'ᵀ', '′': '′', '*': '*',
}

var subscripts = map[rune]rune{
	'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
	'+': '₊', '−': '₋', 'i': 'ᵢ', 'j': 'ⱼ', 'k': 'ₖ', 'n': 'ₙ', 't': 'ₜ', 'x': 'ₓ',
}

func plainAtom(b *strings.Builder, a *Atom) {
	switch n := a.Nucleus.(type) {
	case *Symbol:
		if n.Variant == Normal || n.Variant == Italic {
			b.WriteString(n.Text)
		} else {
			b.WriteString(n.Glyphs())
		}
	case *List:
		plainList(b, n)
	case *Frac:
		b.WriteString(n.Open)
		plainGroup(b, n.Num)
		if n.NoRule {
			b.WriteByte(' ')
		} else {
			b.WriteByte('/')
		}
		plainGroup(b, n.Den)
		b.WriteString(n.Close)
	case *Radical:
		if n.Index != nil {
			plainScript(b, n.Index, superscripts, "^")
		}
		b.WriteString("√")
		plainGroup(b, n.Body)
	case *TextBox:
		b.WriteString(n.Text)
	case *Array:
		b.WriteString(n.Open)
		for i, row := range n.Rows {
			if i > 0 {
				b.WriteString("; ")
			}
			for j, c := range row {
				if j > 0 {
					b.WriteByte(' ')
				}
				plainList(b, c)
			}
		}
		b.WriteString(n.Close)
	case *Fenced:
		b.WriteString(n.Open)
		plainList(b, n.Body)
		b.WriteString(n.Close)
	case *Accent:
		plainList(b, n.Body)
		if !n.Under {
			b.WriteString(map[string]string{"^": "\u0302", "~": "\u0303", "¯": "\u0304", "‾": "\u0305", "\u20d7": "\u20d7", "˙": "\u0307", "¨": "\u0308"}[n.Mark])
		}
	}
	if a.Sub != nil {
		plainScript(b, a.Sub, subscripts, "_")
	}
	if a.Sup != nil {
		plainScript(b, a.Sup, superscripts, "^")
	}
}

// plainGroup writes a list, in parentheses if it has more than one atom.
func plainGroup(b *strings.Builder, l *List) {
	var inner strings.Builder
	plainList(&inner, l)
	s := strings.TrimSpace(inner.String())
	if len(l.Items) > 1 {
		s = "(" + s + ")"
	}
	b.WriteString(s)
}

// plainScript writes a script with Unicode's small digits and letters if
// it has them all, and as ^(…) or _(…) otherwise.
func plainScript(b *strings.Builder, l *List, small map[rune]rune, mark string) {
	var inner strings.Builder
	plainList(&inner, l)
	s := strings.TrimSpace(inner.String())
	var t strings.Builder
	for _, r := range s {
		m, ok := small[r]
		if !ok {
			if len([]rune(s)) > 1 {
				s = "(" + s + ")"
			}
			b.WriteString(mark + s)
			return
		}
		t.WriteRune(m)
	}
	b.WriteString(t.String())
}
