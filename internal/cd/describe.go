package cd

import (
	"strings"
	"unicode/utf8"

	"ctml/internal/tex"
)

// defaultTitle is the accessible name of a figure without a title.
func defaultTitle(d *Diagram) string {
	for _, a := range d.Arrows {
		for _, l := range a.Labels {
			switch strings.TrimSpace(l.Math) {
			case `\lrcorner`:
				return "Pullback diagram"
			case `\ulcorner`:
				return "Pushout diagram"
			}
		}
	}
	if len(d.Cells) == 4 && d.Rows == 2 && d.Cols == 2 {
		return "Commutative square"
	}
	if len(d.Cells) == 3 && len(d.Arrows) == 3 {
		return "Commutative triangle"
	}
	return "Commutative diagram"
}

// Describe returns the figure in words, for screen readers: its objects
// in reading order, then its arrows, with their math read out ("g
// composed with f from A to C").
func Describe(d *Diagram) string {
	var b strings.Builder
	name := func(r, c int) string {
		if cell := d.Cell(r, c); cell != nil {
			return Speak(cell.Math)
		}
		return "an empty cell"
	}
	if len(d.Cells) > 0 {
		b.WriteString("Objects: ")
		for i, c := range d.Cells {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Speak(c.Math))
		}
		b.WriteString(".")
	}
	// The label texts, to name the arrows a 2-cell goes between.
	named := map[string]string{}
	for _, a := range d.Arrows {
		for _, l := range a.Labels {
			if l.Name == "" {
				continue
			}
			for _, m := range a.Labels {
				if strings.TrimSpace(m.Math) != "" {
					named[l.Name] = "arrow " + Speak(m.Math)
					break
				}
			}
			if named[l.Name] == "" {
				named[l.Name] = "an arrow"
			}
		}
	}
	end := func(e End) string {
		if e.Name != "" {
			return named[e.Name]
		}
		return name(e.Row, e.Col)
	}
	var arrows []string
	for _, a := range d.Arrows {
		var texts []string
		for _, l := range a.Labels {
			if t := strings.TrimSpace(l.Math); t != "" && !l.synthetic {
				texts = append(texts, Speak(t))
			}
		}
		label := strings.Join(texts, " and ")
		from, to := end(a.From), end(a.To)
		var s string
		switch {
		case !a.Draw:
			if label == "" {
				continue
			}
			switch label {
			case "pullback corner":
				s = from + " is a pullback (corner mark)"
			case "pushout corner":
				s = to + " is a pushout (corner mark)"
			case "left adjoint to":
				s = from + " is left adjoint to " + to
			default:
				s = label + " between " + from + " and " + to
			}
		case a.Loop || a.From == a.To && a.From.Name == "":
			s = arrowWords(a, label) + " from " + from + " to itself"
		case a.Double && a.HeadTip == NoTip && a.TailTip == NoTip:
			s = "equality between " + from + " and " + to
			if label != "" {
				s = label + ", an " + s
			}
		default:
			s = arrowWords(a, label) + " from " + from + " to " + to
		}
		arrows = append(arrows, s)
	}
	if len(arrows) > 0 {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString("Arrows: ")
		b.WriteString(strings.Join(arrows, "; "))
		b.WriteString(".")
	}
	return b.String()
}

// arrowWords names an arrow by its label and its kind.
func arrowWords(a *Arrow, label string) string {
	var kind []string
	switch a.Pattern {
	case Dashed:
		kind = append(kind, "dashed")
	case Dotted:
		kind = append(kind, "dotted")
	}
	switch a.TailTip {
	case Hook, HookSwap, Tail:
		kind = append(kind, "mono")
	case Bar:
		kind = append(kind, "maps-to")
	}
	if a.HeadTip == TwoHeads {
		kind = append(kind, "epi")
	}
	if a.Negated {
		kind = append(kind, "negated")
	}
	noun := "arrow"
	if a.Double {
		noun = "2-cell"
	}
	k := strings.Join(kind, " ")
	switch {
	case label != "" && k != "":
		return label + ", a " + k + " " + noun + ","
	case label != "":
		if a.Double {
			return "2-cell " + label
		}
		return label
	case k != "":
		return "a " + k + " " + noun
	}
	return "an " + noun
}

// Speak reads a formula out in words: \eta_A is "eta sub A", F(f) is "F
// of f", g \circ f is "g composed with f", \mathcal{C} is "script C".
// Math that does not parse is returned as written.
func Speak(src string) string {
	l, err := tex.Parse(src, tex.Text)
	if err != nil {
		return strings.TrimSpace(src)
	}
	var w []string
	speakList(&w, l, 0)
	return strings.Join(w, " ")
}

var spokenSymbols = map[string]string{
	"∘": "composed with", "×": "times", "⊗": "tensor", "⊕": "direct sum", "+": "plus",
	"−": "minus", "⋅": "dot", "→": "to", "←": "from", "↦": "maps to", "⇒": "implies",
	"=": "equals", "≅": "is isomorphic to", "≃": "is equivalent to", "∈": "in",
	"⊣": "left adjoint to", "⊢": "right adjoint to", "⌟": "pullback corner", "⌜": "pushout corner",
	"⌝": "corner", "⌞": "corner", "′": "prime", "∞": "infinity", "⊔": "disjoint union",
	"∐": "coproduct", "∏": "product", "∑": "sum", ":": "colon", "≤": "at most", "≥": "at least",
	"∼": "similar to", "/": "over", "↪": "into", "↠": "onto",
}

var greekNames = map[rune]string{
	'α': "alpha", 'β': "beta", 'γ': "gamma", 'δ': "delta", 'ϵ': "epsilon", 'ε': "epsilon",
	'ζ': "zeta", 'η': "eta", 'θ': "theta", 'ϑ': "theta", 'ι': "iota", 'κ': "kappa",
	'λ': "lambda", 'μ': "mu", 'ν': "nu", 'ξ': "xi", 'π': "pi", 'ρ': "rho", 'σ': "sigma",
	'τ': "tau", 'υ': "upsilon", 'ϕ': "phi", 'φ': "phi", 'χ': "chi", 'ψ': "psi", 'ω': "omega",
	'Γ': "Gamma", 'Δ': "Delta", 'Θ': "Theta", 'Λ': "Lambda", 'Ξ': "Xi", 'Π': "Pi",
	'Σ': "Sigma", 'Υ': "Upsilon", 'Φ': "Phi", 'Ψ': "Psi", 'Ω': "Omega",
}

func speakList(w *[]string, l *tex.List, depth int) {
	if l == nil || depth > 20 {
		return
	}
	var prev *tex.Atom
	skipClose := 0
	for _, it := range l.Items {
		a, ok := it.(*tex.Atom)
		if !ok {
			continue
		}
		if sym, ok := a.Nucleus.(*tex.Symbol); ok {
			switch {
			case sym.Text == "(" && prev != nil && (prev.Class == tex.Ord || prev.Class == tex.Op):
				*w = append(*w, "of")
				skipClose++
				prev = a
				continue
			case sym.Text == ")" && skipClose > 0:
				skipClose--
				prev = a
				continue
			case sym.Text == "(" || sym.Text == ")" || sym.Text == "⟩" || sym.Text == "]":
				prev = a
				continue
			case sym.Text == "⟨":
				*w = append(*w, "the pair")
				prev = a
				continue
			case sym.Text == "[":
				*w = append(*w, "the copairing")
				prev = a
				continue
			case sym.Text == ",":
				if n := len(*w); n > 0 {
					(*w)[n-1] += ","
				}
				prev = a
				continue
			}
		}
		speakAtom(w, a, depth)
		prev = a
	}
}

func speakAtom(w *[]string, a *tex.Atom, depth int) {
	switch n := a.Nucleus.(type) {
	case *tex.Symbol:
		*w = append(*w, speakSymbol(n))
	case *tex.List:
		speakList(w, n, depth+1)
	case *tex.TextBox:
		*w = append(*w, strings.TrimSpace(n.Text))
	case *tex.Frac:
		speakList(w, n.Num, depth+1)
		*w = append(*w, "over")
		speakList(w, n.Den, depth+1)
	case *tex.Fenced:
		speakList(w, n.Body, depth+1)
	case *tex.Accent:
		speakList(w, n.Body, depth+1)
		*w = append(*w, map[string]string{"^": "hat", "¯": "bar", "‾": "bar", "~": "tilde"}[n.Mark])
	case *tex.Radical:
		*w = append(*w, "root of")
		speakList(w, n.Body, depth+1)
	}
	if a.Sub != nil {
		*w = append(*w, "sub")
		speakList(w, a.Sub, depth+1)
	}
	if a.Sup != nil {
		if len(a.Sup.Items) == 1 {
			if s, ok := a.Sup.Items[0].(*tex.Atom); ok {
				if sym, ok := s.Nucleus.(*tex.Symbol); ok && sym.Text == "′" {
					*w = append(*w, "prime")
					return
				}
			}
		}
		*w = append(*w, "sup")
		speakList(w, a.Sup, depth+1)
	}
}

func speakSymbol(s *tex.Symbol) string {
	if t, ok := spokenSymbols[s.Text]; ok {
		return t
	}
	if r, size := utf8.DecodeRuneInString(s.Text); size == len(s.Text) {
		if g, ok := greekNames[r]; ok {
			return g
		}
	}
	prefix := map[tex.Variant]string{
		tex.Calligraphic: "script ", tex.DoubleStruck: "double-struck ", tex.Fraktur: "fraktur ",
		tex.Bold: "bold ", tex.BoldItalic: "bold ",
	}[s.Variant]
	return prefix + s.Text
}
