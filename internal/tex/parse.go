package tex

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"ctml/internal/report"
)

// Error is a syntax error in a formula, or a command outside the subset:
// a report.Error whose position is in the formula's source (Offset, and
// Line and Col counted in it), which callers turn into a position in the
// file the formula comes from.
type Error = report.Error

// maxDepth bounds the nesting of groups, so that a pathological formula
// cannot exhaust the stack.
const maxDepth = 64

// Parse parses a formula, the text between the dollar signs, to be set in
// style s: Display for $$…$$, Text for $…$, Script for a label on an
// arrow. It stops at the first error, an *Error.
func Parse(src string, s Style) (*List, error) {
	p := &parser{src: src, font: noFont}
	p.next()
	l := p.list()
	switch t := p.tok; {
	case t.kind == tRBrace:
		p.fail(t.off, "unmatched }")
	case t.kind == tAmp:
		p.fail(t.off, "& separates the cells of a matrix: it is allowed only between \\begin and \\end")
	case t.kind == tCmd && t.text == `\`:
		p.fail(t.off, `\\ starts a new row: it is allowed only between \begin and \end`)
	case t.kind == tCmd && t.text == "end":
		p.fail(t.off, `\end without \begin`)
	case t.kind == tCmd && t.text == "right":
		p.fail(t.off, `\right without \left`)
	}
	if p.err != nil {
		return nil, p.err
	}
	finish(l, s)
	return l, nil
}

// parser is a recursive descent parser. Its first error stops it: fail
// records the error and ends the input, so that every loop ends and every
// caller returns, with a tree that is dropped.
type parser struct {
	src     string
	tok     token
	font    Variant // the alphabet of \mathrm{…} and its relatives; noFont outside them
	depth   int
	arrays  int  // how many \begin…\end we are inside
	bracket bool // inside [ ] of an optional argument: ] ends the list
	err     *Error
}

// next moves to the next token; after an error, the input has ended.
func (p *parser) next() {
	if p.err != nil {
		p.tok = token{kind: tEOF, off: len(p.src), end: len(p.src)}
		return
	}
	p.tok = scan(p.src, p.tok.end)
}

// fail records an error at byte offset off, unless there is one already,
// and ends the input.
func (p *parser) fail(off int, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Pos: report.At(p.src, off), Msg: fmt.Sprintf(format, args...)}
	}
	p.next()
}

// ends reports whether the current token ends a list.
func (p *parser) ends() bool {
	t := p.tok
	switch t.kind {
	case tEOF, tRBrace, tAmp:
		return true
	case tCmd:
		return t.text == `\` || t.text == "end" || t.text == "right"
	case tChar:
		return p.bracket && t.text == "]"
	}
	return false
}

// list parses items up to the end of the formula, a }, an & or \\, \end,
// \right, or in an optional argument a ]; it does not consume the token
// that ends it.
func (p *parser) list() *List {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.tok.off, "formula nested too deeply")
		return &List{Offset: p.tok.off}
	}
	l := &List{Offset: p.tok.off}
	for !p.ends() {
		p.item(l)
	}
	p.depth--
	return l
}

// group parses { list } starting at the current {, or fails with what
// needed it.
func (p *parser) group(what string) *List {
	if p.tok.kind != tLBrace {
		p.fail(p.tok.off, "%s needs an argument in braces", what)
		return &List{Offset: p.tok.off}
	}
	open := p.tok.off
	p.next()
	saved := p.bracket
	p.bracket = false
	l := p.list()
	p.bracket = saved
	if p.tok.kind != tRBrace {
		p.fail(open, "this { is never closed")
	}
	l.Offset = open
	p.next()
	return l
}

// arg parses a macro argument: a {group}, or a single token (a character
// or a command with its own arguments), as in \frac12 or x^\alpha.
func (p *parser) arg(what string) *List {
	t := p.tok
	switch t.kind {
	case tLBrace:
		return p.group(what)
	case tChar, tCmd:
		if p.ends() || t.kind == tCmd && (t.text == "left" || t.text == "begin") {
			break
		}
		l := &List{Offset: t.off}
		if t.kind == tChar {
			p.char(l, false)
		} else {
			p.command(l)
		}
		return l
	}
	p.fail(t.off, "missing argument for %s", what)
	return &List{Offset: t.off}
}

// optArg parses an optional argument [ list ], if there is one.
func (p *parser) optArg() *List {
	if p.tok.kind != tChar || p.tok.text != "[" {
		return nil
	}
	open := p.tok.off
	p.next()
	saved := p.bracket
	p.bracket = true
	l := p.list()
	p.bracket = saved
	if p.tok.kind != tChar || p.tok.text != "]" {
		p.fail(open, "this [ is never closed")
	}
	p.next()
	return l
}

// word reads {letters} for \begin and \end.
func (p *parser) word(what string) (string, int) {
	if p.tok.kind != tLBrace {
		p.fail(p.tok.off, "%s needs a name in braces", what)
		return "", p.tok.off
	}
	start := p.tok.end
	end := strings.IndexByte(p.src[start:], '}')
	if end < 0 {
		p.fail(p.tok.off, "this { is never closed")
		return "", start
	}
	name := strings.TrimSpace(p.src[start : start+end])
	p.tok = token{kind: tRBrace, off: start + end, end: start + end + 1}
	p.next()
	return name, start
}

func (l *List) add(n Node) { l.Items = append(l.Items, n) }

// last returns the last item of l if it is an atom.
func (l *List) last() *Atom {
	if len(l.Items) == 0 {
		return nil
	}
	a, _ := l.Items[len(l.Items)-1].(*Atom)
	return a
}

// item parses one item and appends it to l.
func (p *parser) item(l *List) {
	t := p.tok
	switch t.kind {
	case tSup, tSub:
		p.script(l)
	case tPrime:
		a := p.base(l)
		if a.Sup != nil {
			p.fail(t.off, "double superscript: write x'^2 rather than x^2'")
			return
		}
		a.Sup = &List{Offset: t.off}
		for p.tok.kind == tPrime {
			a.Sup.add(&Atom{Class: Ord, Nucleus: &Symbol{Text: "′", Kind: Operator, Offset: p.tok.off}, Offset: p.tok.off})
			p.next()
		}
		if p.tok.kind == tSup {
			p.next()
			more := p.arg("^")
			a.Sup.Items = append(a.Sup.Items, more.Items...)
		}
	case tLBrace:
		g := p.group("{")
		l.add(groupAtom(Ord, g, t.off))
	case tTilde:
		p.next()
		l.add(&Space{Mu: 6, Offset: t.off})
	case tChar:
		p.char(l, true)
	case tCmd:
		p.command(l)
	}
}

// base returns the atom that a script attaches to: the last item of l, or
// a new empty atom if there is none (as TeX does with ^2 alone).
func (p *parser) base(l *List) *Atom {
	if a := l.last(); a != nil {
		return a
	}
	a := &Atom{Class: Ord, Nucleus: &List{Offset: p.tok.off}, Offset: p.tok.off}
	l.add(a)
	return a
}

// script parses ^arg or _arg.
func (p *parser) script(l *List) {
	t := p.tok
	a := p.base(l)
	p.next()
	if t.kind == tSup {
		if a.Sup != nil {
			p.fail(t.off, "double superscript: group them, as in x^{ab}")
			return
		}
		a.Sup = p.arg("^")
	} else {
		if a.Sub != nil {
			p.fail(t.off, "double subscript: group them, as in x_{ab}")
			return
		}
		a.Sub = p.arg("_")
	}
}

// groupAtom returns an atom of class c holding list g; a group holding
// one plain symbol is that symbol, as in TeX.
func groupAtom(c Class, g *List, off int) *Atom {
	if len(g.Items) == 1 {
		if a, ok := g.Items[0].(*Atom); ok && a.Sup == nil && a.Sub == nil {
			if s, ok := a.Nucleus.(*Symbol); ok && (c == Ord || c == a.Class || c == Op) {
				return &Atom{Class: c, Nucleus: s, Offset: off}
			}
		}
	}
	return &Atom{Class: c, Nucleus: g, Offset: off}
}

// char parses a character. Letters in an alphabet (\mathrm{…}) are joined
// into one word, and digits into one number, when merge is set.
func (p *parser) char(l *List, merge bool) {
	t := p.tok
	c := t.text[0]
	switch {
	case isLetter(c):
		v := Italic
		if p.font != noFont {
			v = p.font
		}
		end := t.end
		if merge && p.font != noFont {
			for end < len(p.src) && isLetter(p.src[end]) {
				end++
			}
		}
		p.tok.end = end
		l.add(&Atom{Class: Ord, Nucleus: &Symbol{Text: p.src[t.off:end], Kind: Ident, Variant: v, Offset: t.off}, Offset: t.off})
	case isDigit(c):
		v := Normal
		if p.font == Bold || p.font == DoubleStruck || p.font == SansSerif || p.font == Monospace {
			v = p.font
		}
		end := t.end
		if merge {
			for end < len(p.src) && (isDigit(p.src[end]) || p.src[end] == '.' && end+1 < len(p.src) && isDigit(p.src[end+1])) {
				end++
			}
		}
		p.tok.end = end
		l.add(&Atom{Class: Ord, Nucleus: &Symbol{Text: p.src[t.off:end], Kind: Number, Variant: v, Offset: t.off}, Offset: t.off})
	case c < utf8.RuneSelf:
		s, ok := chars[rune(c)]
		if !ok {
			switch c {
			case '%':
				p.fail(t.off, `%% starts a comment in TeX: write \%% for a percent sign`)
			case '$':
				p.fail(t.off, "$ inside math: close the formula first")
			case '#':
				p.fail(t.off, `# is not allowed in math: write \# for the sign`)
			default:
				p.fail(t.off, "unsupported character %q in math", t.text)
			}
			return
		}
		l.add(p.symAtom(s, t.off))
	default:
		r, _ := utf8.DecodeRuneInString(t.text)
		s, ok := unicodeSym(r)
		if !ok {
			p.fail(t.off, "unsupported character %q (U+%04X) in math", t.text, r)
			return
		}
		l.add(p.symAtom(s, t.off))
	}
	p.next()
}

// symAtom makes the atom of a symbol, in the alphabet in force.
func (p *parser) symAtom(s sym, off int) *Atom {
	v := s.variant
	if s.kind == Ident && p.font != noFont {
		r, _ := utf8.DecodeRuneInString(s.text)
		greekUpper := s.variant == Normal && greekIndex(r) >= 0 && greekIndex(r) < 25
		switch {
		case p.font == BoldItalic:
			v = BoldItalic
		case greekUpper && (p.font == Italic || p.font == Bold):
			v = p.font
		}
	}
	a := &Atom{Class: s.class, Nucleus: &Symbol{Text: s.text, Kind: s.kind, Variant: v, Large: s.large, Short: s.short, Offset: off}, Offset: off}
	if s.class == Op {
		a.Limits = s.limits
	}
	return a
}

// command parses a control sequence and its arguments: a command of one
// of the tables of symbols.go, or one of macros, each with a parser of
// its own.
func (p *parser) command(l *List) {
	t := p.tok
	if t.text == "" {
		p.fail(t.off, `\ at the end of the formula`)
		return
	}
	if p.tabled(l, t) {
		return
	}
	if parse, ok := macros[t.text]; ok {
		parse(p, l, t)
		return
	}
	msg := fmt.Sprintf(`unsupported command \%s`, t.text)
	if s := suggest(t.text); s != "" {
		msg += fmt.Sprintf(` (did you mean \%s?)`, s)
	}
	p.fail(t.off, "%s", msg)
}

// tabled parses command t if it is in one of the tables of symbols.go:
// a symbol, a space, an alphabet, a text, an accent, a class, a style or
// a big delimiter. It reports whether it was.
func (p *parser) tabled(l *List, t token) bool {
	name := t.text
	if s, ok := symbols[name]; ok {
		p.next()
		l.add(p.symAtom(s, t.off))
	} else if mu, ok := spaces[name]; ok {
		p.next()
		l.add(&Space{Mu: mu, Offset: t.off})
	} else if v, ok := fonts[name]; ok {
		p.next()
		saved := p.font
		p.font = v
		g := p.arg(`\` + name)
		p.font = saved
		l.add(groupAtom(Ord, g, t.off))
	} else if v, ok := texts[name]; ok {
		p.next()
		l.add(&Atom{Class: Ord, Nucleus: p.text(`\`+name, v), Offset: t.off})
	} else if ac, ok := accents[name]; ok {
		p.next()
		body := p.arg(`\` + name)
		l.add(&Atom{Class: Ord, Nucleus: &Accent{Mark: ac.mark, Body: body, Under: ac.under, Stretchy: ac.stretchy, Offset: t.off}, Offset: t.off})
	} else if c, ok := classes[name]; ok {
		p.next()
		a := groupAtom(c, p.arg(`\`+name), t.off)
		if c == Op {
			a.Limits = Auto
		}
		l.add(a)
	} else if st, ok := styles[name]; ok {
		p.next()
		l.add(&StyleChange{Style: st, Offset: t.off})
	} else if b, ok := bigs[name]; ok {
		p.next()
		p.big(l, t, b.class, b.size)
	} else {
		return false
	}
	return true
}

// big parses the delimiter of \big and its relatives, of class class
// ("open", "close", "rel" or "" to take the delimiter's) and size size.
func (p *parser) big(l *List, t token, class string, size float64) {
	d := p.delimiter(`\` + t.text)
	c := Ord
	switch class {
	case "open":
		c = Open
	case "close":
		c = Close
	case "rel":
		c = Rel
	default:
		if s, ok := byText[d]; ok && (s.class == Open || s.class == Close) {
			c = s.class
		}
	}
	l.add(&Atom{Class: c, Nucleus: &Symbol{Text: d, Kind: Operator, Size: size, Offset: t.off}, Offset: t.off})
}

// macros are the commands with arguments or rules of their own, by name,
// each with its parser; the parser is called on the command's token.
var macros map[string]func(p *parser, l *List, t token)

func init() {
	// Set in init: the parsers parse arguments, which may be commands.
	macros = map[string]func(*parser, *List, token){
		"colon":        (*parser).colon,
		"sqrt":         (*parser).sqrt,
		"operatorname": (*parser).operatorname,
		"left":         (*parser).left,
		"begin":        func(p *parser, l *List, t token) { p.next(); l.add(p.array(t.off)) },
		"not":          func(p *parser, l *List, t token) { p.next(); l.add(p.negate(t.off)) },
		"end":          func(p *parser, _ *List, t token) { p.fail(t.off, `\end without \begin`) },
		"right":        func(p *parser, _ *List, t token) { p.fail(t.off, `\right without \left`) },
		"middle": func(p *parser, _ *List, t token) {
			p.fail(t.off, `\middle is not supported: split the formula, or use \mid`)
		},
	}
	for _, name := range []string{"frac", "dfrac", "tfrac", "binom", "dbinom", "tbinom"} {
		macros[name] = (*parser).frac
	}
	for _, name := range []string{"limits", "nolimits", "displaylimits"} {
		macros[name] = (*parser).limits
	}
	for _, name := range []string{"overset", "underset", "stackrel"} {
		macros[name] = (*parser).overset
	}
	for name := range extensible {
		macros[name] = (*parser).extensible
	}
}

// colon is \colon: a colon with the spacing of a punctuation mark.
func (p *parser) colon(l *List, t token) {
	p.next()
	l.add(&Space{Mu: 2, Offset: t.off})
	l.add(&Atom{Class: Punct, Nucleus: &Symbol{Text: ":", Kind: Operator, Offset: t.off}, Offset: t.off})
	l.add(&Space{Mu: 6 - ThinMu, Offset: t.off})
}

// frac parses \frac, \binom and their display and text forms.
func (p *parser) frac(l *List, t token) {
	name := t.text
	p.next()
	num := p.arg(`\` + name)
	den := p.arg(`\` + name)
	f := &Frac{Num: num, Den: den, Offset: t.off}
	if strings.HasSuffix(name, "binom") {
		f.NoRule, f.Open, f.Close = true, "(", ")"
	}
	a := &Atom{Class: Inner, Nucleus: f, Offset: t.off}
	switch name[0] {
	case 'd':
		a = &Atom{Class: Inner, Nucleus: &List{Items: []Node{&StyleChange{Style: Display, Offset: t.off}, a}, Offset: t.off}, Offset: t.off}
	case 't':
		a = &Atom{Class: Inner, Nucleus: &List{Items: []Node{&StyleChange{Style: Text, Offset: t.off}, a}, Offset: t.off}, Offset: t.off}
	}
	l.add(a)
}

// sqrt parses \sqrt[index]{body}.
func (p *parser) sqrt(l *List, t token) {
	p.next()
	idx := p.optArg()
	body := p.arg(`\sqrt`)
	l.add(&Atom{Class: Ord, Nucleus: &Radical{Index: idx, Body: body, Offset: t.off}, Offset: t.off})
}

// operatorname parses \operatorname{name} and \operatorname*{name}.
func (p *parser) operatorname(l *List, t token) {
	p.next()
	limits := NoLimits
	if p.tok.kind == tChar && p.tok.text == "*" {
		limits = Auto
		p.next()
	}
	saved := p.font
	p.font = Normal
	g := p.group(`\operatorname`)
	p.font = saved
	a := groupAtom(Op, g, t.off)
	a.Limits = limits
	l.add(a)
}

// limits parses \limits, \nolimits and \displaylimits, which set where
// the scripts of the large operator before them go.
func (p *parser) limits(l *List, t token) {
	a := l.last()
	if a == nil || a.Class != Op {
		p.fail(t.off, `\%s is allowed only after a large operator such as \sum`, t.text)
		return
	}
	a.Limits = map[string]Limits{"limits": Always, "nolimits": NoLimits, "displaylimits": Auto}[t.text]
	p.next()
}

// left parses \left delimiter … \right delimiter.
func (p *parser) left(l *List, t token) {
	p.next()
	open := p.delimiter(`\left`)
	body := p.list()
	if p.tok.kind != tCmd || p.tok.text != "right" {
		p.fail(t.off, `\left has no matching \right`)
		return
	}
	p.next()
	cl := p.delimiter(`\right`)
	l.add(&Atom{Class: Inner, Nucleus: &Fenced{Open: open, Close: cl, Body: body, Offset: t.off}, Offset: t.off})
}

// overset parses \overset{mark}{base}, \underset and \stackrel.
func (p *parser) overset(l *List, t token) {
	name := t.text
	p.next()
	mark := p.arg(`\` + name)
	base := p.arg(`\` + name)
	c := Ord
	if name == "stackrel" {
		c = Rel
	} else if len(base.Items) == 1 {
		if a, ok := base.Items[0].(*Atom); ok && (a.Class == Rel || a.Class == Bin) {
			c = a.Class
		}
	}
	a := groupAtom(c, base, t.off)
	if _, ok := a.Nucleus.(*Symbol); !ok {
		a.Nucleus = base
	}
	if name == "underset" {
		a.Sub = mark
	} else {
		a.Sup = mark
	}
	a.Limits = Always
	l.add(a)
}

// extensible maps the arrows that stretch under their labels to their
// characters.
var extensible = map[string]string{
	"xrightarrow": "→", "xleftarrow": "←", "xmapsto": "↦", "xRightarrow": "⇒",
	"xLeftarrow": "⇐", "xleftrightarrow": "↔", "xhookrightarrow": "↪",
}

// extensible parses \xrightarrow[below]{above} and its relatives.
func (p *parser) extensible(l *List, t token) {
	p.next()
	below := p.optArg()
	above := p.group(`\` + t.text)
	l.add(&Atom{Class: Rel, Nucleus: &Symbol{Text: extensible[t.text], Kind: Operator, Stretchy: true, Offset: t.off}, Sup: above, Sub: below, Limits: Always, Offset: t.off})
}

// text reads the braced argument of \text as it is: spaces kept, \{ \} \$
// \% \& \_ \# and \  for their characters, nested braces allowed.
func (p *parser) text(what string, v Variant) *TextBox {
	if p.tok.kind != tLBrace {
		p.fail(p.tok.off, "%s needs an argument in braces", what)
		return &TextBox{Variant: v, Offset: p.tok.off}
	}
	open := p.tok.off
	var b strings.Builder
	depth := 0
	i := p.tok.end
	for ; i < len(p.src); i++ {
		c := p.src[i]
		switch c {
		case '{':
			depth++
			continue
		case '}':
			if depth == 0 {
				p.tok = token{kind: tRBrace, off: i, end: i + 1}
				p.next()
				return &TextBox{Text: b.String(), Variant: v, Offset: open}
			}
			depth--
			continue
		case '$':
			p.fail(i, "math inside %s is not supported", what)
			return &TextBox{Variant: v, Offset: open}
		case '\\':
			if i+1 < len(p.src) && strings.IndexByte(`{}$%&_# \`, p.src[i+1]) >= 0 {
				i++
				if p.src[i] == '\\' {
					p.fail(i-1, `\\ inside %s is not supported`, what)
					return &TextBox{Variant: v, Offset: open}
				}
				b.WriteByte(p.src[i])
				continue
			}
			p.fail(i, "commands inside %s are not supported", what)
			return &TextBox{Variant: v, Offset: open}
		case '\n', '\r', '\t':
			c = ' '
		}
		b.WriteByte(c)
	}
	p.fail(open, "this { is never closed")
	return &TextBox{Variant: v, Offset: open}
}

// delimiter reads the delimiter after \left, \right or \big.
func (p *parser) delimiter(what string) string {
	t := p.tok
	key := t.text
	if t.kind == tCmd {
		key = `\` + t.text
	}
	d, ok := delimiters[key]
	if !ok || (t.kind != tChar && t.kind != tCmd) {
		p.fail(t.off, "%s needs a delimiter, such as ( [ \\{ | \\langle or . for none", what)
		return ""
	}
	p.next()
	return d
}

// array parses \begin{env} … \end{env}; the current token follows \begin.
func (p *parser) array(off int) *Atom {
	env, at := p.word(`\begin`)
	if p.err != nil {
		return &Atom{Class: Inner, Nucleus: &List{Offset: off}, Offset: off}
	}
	e, ok := environments[env]
	if !ok {
		var names []string
		for n := range environments {
			names = append(names, n)
		}
		sort.Strings(names)
		p.fail(at, "unsupported environment {%s}: the supported ones are %s", env, strings.Join(names, ", "))
		return &Atom{Class: Inner, Nucleus: &List{Offset: off}, Offset: off}
	}
	a := &Array{Env: env, Align: e.align, Open: e.open, Close: e.close, Offset: off}
	p.arrays++
	row := []*List{}
	for {
		cell := p.list()
		if env == "aligned" && len(row)%2 == 1 {
			// The right side of an alignment starts with an empty group,
			// so that a relation there keeps its space: {}={}.
			cell.Items = append([]Node{&Atom{Class: Ord, Nucleus: &List{Offset: cell.Offset}, Offset: cell.Offset}}, cell.Items...)
		}
		row = append(row, cell)
		t := p.tok
		switch {
		case t.kind == tAmp:
			p.next()
			continue
		case t.kind == tCmd && t.text == `\`:
			p.next()
			a.Rows = append(a.Rows, row)
			row = []*List{}
			continue
		case t.kind == tCmd && t.text == "end":
			p.next()
			name, at := p.word(`\end`)
			if name != env {
				p.fail(at, `\begin{%s} ended by \end{%s}`, env, name)
			}
			if len(row) > 1 || len(row[0].Items) > 0 {
				a.Rows = append(a.Rows, row)
			}
			p.arrays--
			return &Atom{Class: Inner, Nucleus: a, Offset: off}
		case t.kind == tRBrace:
			p.fail(t.off, `unmatched } inside \begin{%s}`, env)
		case t.kind == tCmd && t.text == "right":
			p.fail(t.off, `\right inside \begin{%s} without \left`, env)
		default:
			p.fail(off, `\begin{%s} has no matching \end{%s}`, env, env)
		}
		return &Atom{Class: Inner, Nucleus: a, Offset: off}
	}
}

// negated maps relations to their negations, for \not.
var negated = map[string]string{
	"=": "≠", "∈": "∉", "⊂": "⊄", "⊆": "⊈", "⊃": "⊅", "⊇": "⊉", "≡": "≢", "∼": "≁",
	"≅": "≇", "≃": "≄", "≈": "≉", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∣": "∤",
	"∥": "∦", "⊢": "⊬", "⊨": "⊭", "→": "↛", "←": "↚", "↔": "↮", "⇒": "⇏", "⇔": "⇎",
}

// negate parses \not followed by a relation.
func (p *parser) negate(off int) *Atom {
	l := &List{}
	if p.ends() || p.tok.kind != tChar && p.tok.kind != tCmd {
		p.fail(off, `\not needs a relation after it, as in \not\in`)
		return &Atom{Class: Rel, Nucleus: l, Offset: off}
	}
	if p.tok.kind == tChar {
		p.char(l, false)
	} else {
		p.command(l)
	}
	a := l.last()
	var s *Symbol
	if a != nil {
		s, _ = a.Nucleus.(*Symbol)
	}
	if s == nil || a.Class != Rel {
		p.fail(off, `\not needs a relation after it, as in \not\in`)
		return &Atom{Class: Rel, Nucleus: l, Offset: off}
	}
	if n, ok := negated[s.Text]; ok {
		s.Text = n
	} else {
		s.Text += "\u0338"
	}
	a.Offset, s.Offset = off, off
	return a
}

// finish sets the style of l and of everything in it, and applies TeX's
// rules 5 and 6: a Bin that follows no operand (at the start of a list or
// after a Bin, Op, Rel, Open or Punct) or that is followed by no operand
// (a Rel, Close or Punct, or the end of the list) becomes an Ord.
func finish(l *List, s Style) {
	l.Style = s
	cur := s
	var prev *Atom
	for _, it := range l.Items {
		switch it := it.(type) {
		case *StyleChange:
			cur = it.Style
		case *Atom:
			finishAtom(it, cur)
			if it.Class == Bin && (prev == nil || prev.Class == Bin || prev.Class == Op || prev.Class == Rel || prev.Class == Open || prev.Class == Punct) {
				it.Class = Ord
			}
			if prev != nil && prev.Class == Bin && (it.Class == Rel || it.Class == Close || it.Class == Punct) {
				prev.Class = Ord
			}
			prev = it
		}
	}
	if prev != nil && prev.Class == Bin {
		prev.Class = Ord
	}
}

func finishAtom(a *Atom, s Style) {
	switch n := a.Nucleus.(type) {
	case *List:
		finish(n, s)
	case *Frac:
		finish(n.Num, s.Num())
		finish(n.Den, s.Den())
	case *Radical:
		finish(n.Body, s.Cramped())
		if n.Index != nil {
			finish(n.Index, ScriptScript)
		}
	case *Fenced:
		finish(n.Body, s)
	case *Accent:
		finish(n.Body, s.Cramped())
	case *Array:
		cs := Text
		if n.Env == "aligned" || n.Env == "gathered" {
			cs = Display
		}
		for _, row := range n.Rows {
			for _, c := range row {
				finish(c, cs)
			}
		}
	}
	if a.Sup != nil {
		finish(a.Sup, s.Sup())
	}
	if a.Sub != nil {
		finish(a.Sub, s.Sub())
	}
}

// noFont is the parser's font outside \mathrm{…} and its relatives.
const noFont Variant = 255
