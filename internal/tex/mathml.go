package tex

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MathML returns l as a MathML Core <math> element: display="block" when
// l is in display style. The output needs no script and no style sheet:
//
//   - TeX's spacing between atoms is written out: as the lspace and
//     rspace of an operator, or as an <mspace> between two atoms that are
//     not operators. An <mo> leaves lspace and rspace out only where the
//     spacing of MathML's operator dictionary is TeX's (DictionarySpacing),
//     so that the browser adds nothing of its own;
//   - delimiters stretch only where TeX's do (\left…\right, matrices,
//     \big): a browser stretches a fence to the height of its row, and
//     picks a larger, wider glyph even in a row of plain letters, so every
//     other one says stretchy="false";
//   - large operators carry their limits above and below only where TeX
//     puts them (display style, or \limits);
//   - letters are italic where TeX's are: a single-letter <mi> is italic
//     in MathML, so upright ones say mathvariant="normal", and other
//     alphabets are written with Unicode's math alphanumeric symbols.
//
// The result is the same for the same input, byte for byte.
func MathML(l *List) string {
	var b strings.Builder
	if l.Style.Base() == Display {
		b.WriteString(`<math display="block">`)
	} else {
		b.WriteString("<math>")
	}
	for _, e := range elems(l) {
		b.WriteString(e)
	}
	b.WriteString("</math>")
	return b.String()
}

// row returns the elements of l as one element: an <mrow> unless there is
// exactly one.
func row(l *List) string {
	es := elems(l)
	if len(es) == 1 {
		return es[0]
	}
	return "<mrow>" + strings.Join(es, "") + "</mrow>"
}

// em formats a length in mu as em.
func em(mu int) string {
	if mu == 0 {
		return "0"
	}
	s := strconv.FormatFloat(float64(mu)/18, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "em"
}

func mspace(mu int) string {
	if mu < 0 {
		return `<mspace style="margin-left:` + em(mu) + `"></mspace>`
	}
	return `<mspace width="` + em(mu) + `"></mspace>`
}

// isMo reports whether atom a is written as an operator, <mo>, possibly
// with scripts: TeX's spacing around it then becomes its lspace and
// rspace.
func isMo(a *Atom) bool {
	s, ok := a.Nucleus.(*Symbol)
	return ok && s.Kind == Operator
}

// elems returns the elements of list l, with TeX's spacing.
func elems(l *List) []string {
	gaps := l.Spacing()
	n := len(l.Items)
	lsp, rsp, pre := make([]int, n), make([]int, n), make([]int, n)
	prev := -1
	for i, it := range l.Items {
		a, ok := it.(*Atom)
		if !ok {
			continue
		}
		if g := gaps[i]; g > 0 {
			switch {
			case isMo(a):
				lsp[i] = g
			case prev >= 0 && isMo(l.Items[prev].(*Atom)):
				rsp[prev] = g
			default:
				pre[i] = g
			}
		}
		prev = i
	}
	var out []string
	style := l.Style
	for i, it := range l.Items {
		switch it := it.(type) {
		case *StyleChange:
			rest := &List{Style: it.Style, Items: l.Items[i+1:]}
			attrs := ` displaystyle="false"`
			if it.Style.Base() == Display {
				attrs = ` displaystyle="true"`
			}
			if lv := scriptLevel(it.Style); lv != scriptLevel(style) {
				attrs += ` scriptlevel="` + strconv.Itoa(lv) + `"`
			}
			return append(out, "<mrow"+attrs+">"+strings.Join(elems(rest), "")+"</mrow>")
		case *Space:
			out = append(out, mspace(it.Mu))
		case *Atom:
			if pre[i] > 0 {
				out = append(out, mspace(pre[i]))
			}
			out = append(out, atom(it, style, lsp[i], rsp[i]))
		}
	}
	return out
}

// scriptLevel returns MathML's script level of style s: 0 for display and
// text, 1 for script, 2 for scriptscript.
func scriptLevel(s Style) int { return max(int(s.Base())/2-1, 0) }

// atom writes an atom in style s; lsp and rsp are the spaces around it if
// it is an operator.
func atom(a *Atom, s Style, lsp, rsp int) string {
	base := nucleus(a, s, lsp, rsp)
	if a.Sup != nil && !a.LimitsIn(s) && isPrime(a.Sup.Items[0]) {
		// A math font draws ′ raised already, to be set at full size
		// after the base: f′, not a tiny mark in a superscript.
		primes := 0
		for primes < len(a.Sup.Items) && isPrime(a.Sup.Items[primes]) {
			primes++
		}
		marks := [...]string{"′", "″", "‴", "⁗"}[min(primes, 4)-1] + strings.Repeat("′", max(primes-4, 0))
		base = "<mrow>" + base + symbol(&Symbol{Text: marks, Kind: Operator}, 0, 0) + "</mrow>"
		b := *a
		b.Sup = &List{Style: a.Sup.Style, Items: a.Sup.Items[primes:]}
		if len(b.Sup.Items) == 0 {
			b.Sup = nil
		}
		a = &b
		if a.Sup == nil && a.Sub == nil {
			return base
		}
	}
	if a.Sup == nil && a.Sub == nil {
		return base
	}
	if a.LimitsIn(s) {
		if a.Limits == Always {
			base = strings.Replace(base, "<mo ", `<mo movablelimits="false" `, 1)
		}
		switch {
		case a.Sub == nil:
			return "<mover>" + base + row(a.Sup) + "</mover>"
		case a.Sup == nil:
			return "<munder>" + base + row(a.Sub) + "</munder>"
		}
		return "<munderover>" + base + row(a.Sub) + row(a.Sup) + "</munderover>"
	}
	switch {
	case a.Sub == nil:
		return "<msup>" + base + row(a.Sup) + "</msup>"
	case a.Sup == nil:
		return "<msub>" + base + row(a.Sub) + "</msub>"
	}
	return "<msubsup>" + base + row(a.Sub) + row(a.Sup) + "</msubsup>"
}

// isPrime reports whether n is the ′ that f' puts in a superscript.
func isPrime(n Node) bool {
	a, ok := n.(*Atom)
	if !ok {
		return false
	}
	s, ok := a.Nucleus.(*Symbol)
	return ok && s.Text == "′" && a.Sup == nil && a.Sub == nil
}

// fences are the characters that MathML's operator dictionary makes
// stretchy; TeX's plain delimiters are not.
const fences = "()[]{}|‖⟨⟩⌊⌋⌈⌉⟦⟧/∣"

func nucleus(a *Atom, s Style, lsp, rsp int) string {
	switch n := a.Nucleus.(type) {
	case *Symbol:
		return symbol(n, lsp, rsp)
	case *List:
		return row(n)
	case *Frac:
		f := "<mfrac>" + row(n.Num) + row(n.Den) + "</mfrac>"
		if n.NoRule {
			f = `<mfrac linethickness="0">` + row(n.Num) + row(n.Den) + "</mfrac>"
		}
		if n.Open != "" || n.Close != "" {
			f = "<mrow>" + delim(n.Open) + f + delim(n.Close) + "</mrow>"
		}
		return f
	case *Radical:
		if n.Index == nil {
			return "<msqrt>" + strings.Join(elems(n.Body), "") + "</msqrt>"
		}
		return "<mroot>" + row(n.Body) + row(n.Index) + "</mroot>"
	case *TextBox:
		return textBox(n)
	case *Array:
		return array(n)
	case *Fenced:
		return "<mrow>" + delim(n.Open) + strings.Join(elems(n.Body), "") + delim(n.Close) + "</mrow>"
	case *Accent:
		stretchy := `"false"`
		if n.Stretchy {
			stretchy = `"true"`
		}
		mark := `<mo stretchy=` + stretchy + ` lspace="0" rspace="0">` + escape(n.Mark) + "</mo>"
		if n.Under {
			return `<munder accentunder="true">` + row(n.Body) + mark + "</munder>"
		}
		return `<mover accent="true">` + row(n.Body) + mark + "</mover>"
	}
	return "<mrow></mrow>"
}

// delim writes a delimiter that grows with what it encloses; "" is none.
func delim(d string) string {
	if d == "" {
		return ""
	}
	if _, ok := dictionary[d]; ok {
		return "<mo>" + escape(d) + "</mo>" // spaced 0 by the dictionary
	}
	return `<mo lspace="0" rspace="0">` + escape(d) + "</mo>"
}

// dictionary holds the operators whose spacing in MathML Core's operator
// dictionary is the same in every form (prefix, infix, postfix), in mu:
// an operator whose TeX spacing is that needs no lspace and rspace. The
// values are Chromium's, and a browser test checks them.
var dictionary = map[string][2]int{
	"(": {0, 0}, ")": {0, 0}, "[": {0, 0}, "]": {0, 0}, "{": {0, 0}, "}": {0, 0},
	"⟨": {0, 0}, "⟩": {0, 0}, "‖": {0, 0}, "′": {0, 0}, "!": {0, 0},
	",": {0, 3}, ";": {0, 3},
	"=": {5, 5}, "<": {5, 5}, ">": {5, 5}, "≠": {5, 5}, "≤": {5, 5}, "≥": {5, 5},
	"≡": {5, 5}, "≅": {5, 5}, "≃": {5, 5}, "∈": {5, 5}, "⊣": {5, 5},
	"→": {5, 5}, "←": {5, 5}, "↦": {5, 5}, "⇒": {5, 5}, "⟹": {5, 5}, "↪": {5, 5},
}

// DictionarySpacing returns the space, in mu, that a browser puts before
// and after operator op when its <mo> has no lspace and rspace, for the
// operators MathML writes that way; ok is false for others.
func DictionarySpacing(op string) (lspace, rspace int, ok bool) {
	d, ok := dictionary[op]
	return d[0], d[1], ok
}

// DictionaryOperators returns the operators of DictionarySpacing, sorted.
func DictionaryOperators() []string {
	ops := make([]string, 0, len(dictionary))
	for op := range dictionary {
		ops = append(ops, op)
	}
	slices.Sort(ops)
	return ops
}

func symbol(n *Symbol, lsp, rsp int) string {
	switch n.Kind {
	case Ident:
		text := n.Text
		attrs := ""
		switch {
		case n.Variant == Normal:
			if r, size := utf8.DecodeRuneInString(text); size == len(text) && (r < utf8.RuneSelf && isLetter(byte(r)) || greekIndex(r) >= 0) {
				attrs = ` mathvariant="normal"`
			}
		case n.Variant == Italic && utf8.RuneCountInString(text) == 1:
			// A single-letter <mi> is italic already.
		default:
			text = MathAlphabet(text, n.Variant)
		}
		return "<mi" + attrs + ">" + escape(text) + "</mi>"
	case Number:
		return "<mn>" + escape(MathAlphabet(n.Text, n.Variant)) + "</mn>"
	}
	var b strings.Builder
	b.WriteString("<mo")
	switch {
	case n.Size > 0:
		size := strconv.FormatFloat(n.Size, 'f', -1, 64) + "em"
		b.WriteString(` stretchy="true" symmetric="true" minsize="` + size + `" maxsize="` + size + `"`)
	case n.Stretchy:
		b.WriteString(` stretchy="true"`)
	case strings.Contains(fences, n.Text):
		b.WriteString(` stretchy="false"`)
	}
	if n.Large {
		b.WriteString(` largeop="true"`)
	}
	if d, ok := dictionary[n.Text]; !ok || d != [2]int{lsp, rsp} {
		b.WriteString(` lspace="` + em(lsp) + `" rspace="` + em(rsp) + `"`)
	}
	b.WriteString(">")
	b.WriteString(escape(n.Text))
	b.WriteString("</mo>")
	return b.String()
}

func textBox(n *TextBox) string {
	// MathML trims the white space at the ends of a token; TeX keeps it.
	t := n.Text
	lead := len(t) - len(strings.TrimLeft(t, " "))
	trail := len(t) - len(strings.TrimRight(t, " "))
	if lead == len(t) {
		t = strings.Repeat("\u00a0", lead)
	} else {
		t = strings.Repeat("\u00a0", lead) + t[lead:len(t)-trail] + strings.Repeat("\u00a0", trail)
	}
	style := ""
	switch n.Variant {
	case Italic:
		style = ` style="font-style:italic"`
	case Bold:
		style = ` style="font-weight:bold"`
	case Monospace:
		style = ` style="font-family:monospace"`
	}
	return "<mtext" + style + ">" + escape(t) + "</mtext>"
}

func array(n *Array) string {
	var b strings.Builder
	if n.Open != "" || n.Close != "" {
		b.WriteString("<mrow>" + delim(n.Open))
	}
	if n.Env == "aligned" || n.Env == "gathered" {
		b.WriteString(`<mtable displaystyle="true">`)
	} else {
		b.WriteString(`<mtable displaystyle="false">`)
	}
	for _, r := range n.Rows {
		b.WriteString("<mtr>")
		for j, c := range r {
			b.WriteString("<mtd")
			switch al := n.ColumnAlign(j); {
			case n.Env == "aligned" && al == 'r':
				b.WriteString(` style="text-align:right;padding-right:0"`)
			case n.Env == "aligned" && al == 'l':
				b.WriteString(` style="text-align:left;padding-left:0"`)
			case al == 'l':
				b.WriteString(` style="text-align:left"`)
			case al == 'r':
				b.WriteString(` style="text-align:right"`)
			}
			b.WriteString(">" + strings.Join(elems(c), "") + "</mtd>")
		}
		b.WriteString("</mtr>")
	}
	b.WriteString("</mtable>")
	if n.Open != "" || n.Close != "" {
		b.WriteString(delim(n.Close) + "</mrow>")
	}
	return b.String()
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escape(s string) string { return escaper.Replace(s) }
