package tex

import (
	"fmt"
	"strconv"
	"strings"
)

// Dump returns a compact, stable text form of a parsed formula, for tests
// and debugging: a list is [style items…]; an atom is class:nucleus with
// ^sup and _sub; a symbol is mi"x", mn"1" or mo"→", followed by
// /variant when the variant is not the usual one for its kind.
//
//	Dump(Parse(`f : A \to B`, Text)) == `[T ord:mi"f" rel:mo":" ord:mi"A" rel:mo"→" ord:mi"B"]`
func Dump(n Node) string {
	var b strings.Builder
	dump(&b, n)
	return b.String()
}

func dump(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *List:
		b.WriteString("[" + n.Style.String())
		for _, it := range n.Items {
			b.WriteByte(' ')
			dump(b, it)
		}
		b.WriteByte(']')
	case *Atom:
		dumpAtom(b, n)
	case *Symbol:
		dumpSymbol(b, n)
	case *Frac:
		if n.NoRule {
			b.WriteString("binom(")
		} else {
			b.WriteString("frac(")
		}
		dump(b, n.Num)
		b.WriteByte(',')
		dump(b, n.Den)
		b.WriteByte(')')
	case *Radical:
		b.WriteString("sqrt(")
		if n.Index != nil {
			dump(b, n.Index)
			b.WriteByte(',')
		}
		dump(b, n.Body)
		b.WriteByte(')')
	case *TextBox:
		b.WriteString("text" + strconv.Quote(n.Text))
		if n.Variant != Normal {
			b.WriteString("/" + n.Variant.String())
		}
	case *Array:
		b.WriteString(n.Env + "(")
		for i, row := range n.Rows {
			if i > 0 {
				b.WriteString(`;`)
			}
			for j, c := range row {
				if j > 0 {
					b.WriteByte('&')
				}
				dump(b, c)
			}
		}
		b.WriteByte(')')
	case *Fenced:
		fmt.Fprintf(b, "left%q", n.Open)
		dump(b, n.Body)
		fmt.Fprintf(b, "right%q", n.Close)
	case *Accent:
		fmt.Fprintf(b, "accent%q(", n.Mark)
		dump(b, n.Body)
		b.WriteByte(')')
	case *Space:
		fmt.Fprintf(b, "space(%d)", n.Mu)
	case *StyleChange:
		b.WriteString("style(" + n.Style.String() + ")")
	default:
		fmt.Fprintf(b, "%T", n)
	}
}

// dumpAtom writes class:nucleus, the limits, ^sup and _sub.
func dumpAtom(b *strings.Builder, n *Atom) {
	b.WriteString(n.Class.String() + ":")
	dump(b, n.Nucleus)
	switch n.Limits {
	case Auto:
		if n.Sup != nil || n.Sub != nil {
			b.WriteString("/limits-auto")
		}
	case Always:
		b.WriteString("/limits")
	}
	if n.Sup != nil {
		b.WriteByte('^')
		dump(b, n.Sup)
	}
	if n.Sub != nil {
		b.WriteByte('_')
		dump(b, n.Sub)
	}
}

// dumpSymbol writes mi"x", mn"1" or mo"→", with the variant when it is
// not the usual one for the kind, and the symbol's flags and size.
func dumpSymbol(b *strings.Builder, n *Symbol) {
	tag, usual := "mo", Normal
	switch n.Kind {
	case Ident:
		tag, usual = "mi", Italic
		if r := []rune(n.Text); len(r) > 1 || greekIndex(r[0]) >= 0 && greekIndex(r[0]) < 26 {
			usual = Normal
		}
	case Number:
		tag = "mn"
	}
	b.WriteString(tag + strconv.Quote(n.Text))
	if n.Variant != usual {
		b.WriteString("/" + n.Variant.String())
	}
	if n.Large {
		b.WriteString("/large")
	}
	if n.Stretchy {
		b.WriteString("/stretchy")
	}
	if n.Size > 0 {
		fmt.Fprintf(b, "/%gem", n.Size)
	}
}
