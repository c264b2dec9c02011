package tex

// Class is the TeX class of an atom (TeXbook, chapter 17): it decides the
// space around the atom.
type Class uint8

// The atom classes, in TeX's order.
const (
	Ord   Class = iota // ordinary: x, 1, ∞, a {group}
	Op                 // large operator: ∑, ∏, lim, \operatorname{softmax}
	Bin                // binary operation: + − × ∘ ⊗
	Rel                // relation: = → ↦ ≅ ⇒ :
	Open               // opening delimiter: ( [ ⟨
	Close              // closing delimiter: ) ] ⟩
	Punct              // punctuation: , ; \colon
	Inner              // a fraction, \left…\right, …
)

var classNames = [...]string{"ord", "op", "bin", "rel", "open", "close", "punct", "inner"}

// String returns the class's name in lower case, as TeX's \show does: "ord".
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "class?"
}

// Style is one of TeX's eight styles: display, text, script and
// scriptscript, each normal or cramped (TeXbook, chapter 17). A cramped
// style raises superscripts less.
type Style uint8

// The four styles; Cramped of each gives the cramped one.
const (
	Display      Style = 0
	Text         Style = 2
	Script       Style = 4
	ScriptScript Style = 6
)

// Cramped returns the cramped form of s.
func (s Style) Cramped() Style { return s | 1 }

// IsCramped reports whether s is cramped.
func (s Style) IsCramped() bool { return s&1 == 1 }

// Base returns s without cramping: Display, Text, Script or ScriptScript.
func (s Style) Base() Style { return s &^ 1 }

// IsScript reports whether s is script or scriptscript style, where TeX
// drops the spaces around binary operations and relations.
func (s Style) IsScript() bool { return s >= Script }

// Sup returns the style of a superscript of an atom in style s.
func (s Style) Sup() Style {
	if s.Base() <= Text {
		return Script | s&1
	}
	return ScriptScript | s&1
}

// Sub returns the style of a subscript of an atom in style s: always
// cramped.
func (s Style) Sub() Style { return s.Sup().Cramped() }

// Num returns the style of the numerator of a fraction in style s.
func (s Style) Num() Style {
	switch s.Base() {
	case Display:
		return Text | s&1
	case Text:
		return Script | s&1
	}
	return ScriptScript | s&1
}

// Den returns the style of the denominator of a fraction in style s:
// always cramped.
func (s Style) Den() Style { return s.Num().Cramped() }

// Scale returns the size of s relative to text style: 1 for display and
// text, 0.7 for script and 0.5 for scriptscript (the sizes of Latin
// Modern Math and of TeX's usual 10/7/5 pt fonts).
func (s Style) Scale() float64 {
	switch s.Base() {
	case Script:
		return 0.7
	case ScriptScript:
		return 0.5
	}
	return 1
}

var styleNames = [...]string{"D", "D'", "T", "T'", "S", "S'", "SS", "SS'"}

// String returns TeX's short name of s: D, T', SS and so on.
func (s Style) String() string {
	if int(s) < len(styleNames) {
		return styleNames[s]
	}
	return "style?"
}

// Variant is the font variant of a symbol: the math alphabet it is drawn
// from.
type Variant uint8

// The variants. Italic is the default for Latin letters and lowercase
// Greek; Normal (upright) for digits, uppercase Greek, operator names and
// \mathrm.
const (
	Normal       Variant = iota // \mathrm
	Italic                      // \mathit
	Bold                        // \mathbf
	BoldItalic                  // \boldsymbol
	Calligraphic                // \mathcal: Unicode's script letters, which Latin Modern Math draws as TeX's calligraphic ones
	DoubleStruck                // \mathbb
	Fraktur                     // \mathfrak
	SansSerif                   // \mathsf
	Monospace                   // \mathtt
)

var variantNames = [...]string{"normal", "italic", "bold", "bold-italic", "script", "double-struck", "fraktur", "sans-serif", "monospace"}

// String returns the variant's name as MathML's mathvariant spells it.
func (v Variant) String() string {
	if int(v) < len(variantNames) {
		return variantNames[v]
	}
	return "variant?"
}

// Kind says what a symbol is, which decides how a backend writes it: an
// identifier, a number or an operator (MathML's mi, mn and mo).
type Kind uint8

// The kinds of symbols.
const (
	Ident    Kind = iota // a letter, a word in \mathrm, an operator name, ∞, ∂
	Number               // digits, with a decimal point between them
	Operator             // everything else: + = → ( , ∑ ′
)

// Limits says where the scripts of an atom go.
type Limits uint8

// The placements of scripts. Auto puts them above and below a large
// operator in display style, and beside it otherwise; \limits forces
// above and below, \nolimits beside.
const (
	NoLimits Limits = iota // beside the nucleus, as sub- and superscripts
	Auto                   // above and below in display style only
	Always                 // above and below, in every style
)

// Node is a node of a parsed formula: *List, *Atom, *Space, *StyleChange,
// *Symbol, *Frac, *Radical, *TextBox, *Array, *Fenced or *Accent.
type Node interface {
	// Pos returns the byte offset in the source where the node starts.
	Pos() int
	node()
}

// List is a math list: a whole formula, a {group}, a script, a numerator
// or a cell of a matrix. Parse sets the style of every list; the classes
// of its atoms are final (TeX's rules 5 and 6 have turned a Bin that
// follows no operand into an Ord).
type List struct {
	Style  Style
	Items  []Node // *Atom, *Space and *StyleChange
	Offset int
}

// Atom is one of TeX's noads: a nucleus with optional scripts, and a class
// that decides the spacing around it.
type Atom struct {
	Class   Class
	Nucleus Node  // *Symbol, *List, *Frac, *Radical, *TextBox, *Array, *Fenced or *Accent
	Sup     *List // nil when there is no superscript (or limit above)
	Sub     *List // nil when there is no subscript (or limit below)
	Limits  Limits
	Offset  int
}

// LimitsIn reports whether the scripts of a go above and below the
// nucleus when a is set in style s.
func (a *Atom) LimitsIn(s Style) bool {
	return a.Limits == Always || a.Limits == Auto && s.Base() == Display
}

// Symbol is a character or a word set as one unit.
type Symbol struct {
	// Text is the symbol's characters in Unicode, as typed or as a command
	// names them: "x", "12.5", "α", "→", "−" for -, "Tokenize" for the
	// word in \mathrm{Tokenize}, "lim".
	Text    string
	Kind    Kind
	Variant Variant
	// Large is set for large operators (∑ ∏ ∫ ⨁ …), which are bigger in
	// display style.
	Large bool
	// Stretchy is set for delimiters and arrows that grow to fit what they
	// enclose or carry: those of \left…\right, of matrices and of
	// \xrightarrow.
	Stretchy bool
	// Size is the height, in em, of a delimiter sized with \big, \Big,
	// \bigg or \Bigg; 0 otherwise.
	Size float64
	// Short is set for amssymb's short bars, \shortmid and
	// \shortparallel: the character of \mid and \parallel, half as tall.
	Short  bool
	Offset int
}

// Glyphs returns the symbol's text with its variant applied: letters and
// digits are mapped to Unicode's mathematical alphanumeric symbols (𝐴 for
// an italic A, 𝒞 for \mathcal{C}, ℝ for \mathbb{R}, 𝛼 for an italic α),
// which is how a math font such as Latin Modern Math holds them. Other
// characters, and Normal symbols, are returned as they are.
func (s *Symbol) Glyphs() string { return MathAlphabet(s.Text, s.Variant) }

// Frac is a fraction, or with NoRule a binomial coefficient.
type Frac struct {
	Num, Den *List
	NoRule   bool   // \binom: no fraction bar
	Open     string // delimiters around it: "(" and ")" for \binom
	Close    string
	Offset   int
}

// Radical is a square root, or a root with an index.
type Radical struct {
	Index  *List // nil for a square root
	Body   *List
	Offset int
}

// TextBox is text inside a formula: \text{…} and its relatives. Spaces are
// kept.
type TextBox struct {
	Text    string
	Variant Variant // Normal, Italic, Bold or Monospace
	Offset  int
}

// Array is a matrix or an alignment: \begin{pmatrix}…\end{pmatrix}.
type Array struct {
	Env    string    // the environment: "pmatrix", "cases", "aligned", …
	Rows   [][]*List // cells, row by row; rows may be shorter than others
	Align  string    // per column: 'l', 'c' or 'r'; the last applies to the columns after it
	Open   string    // delimiters around it ("" for none)
	Close  string
	Offset int
}

// ColumnAlign returns the alignment of column j: 'l', 'c' or 'r'.
func (a *Array) ColumnAlign(j int) byte {
	if a.Align == "" {
		return 'c'
	}
	return a.Align[min(j, len(a.Align)-1)]
}

// Fenced is a list between \left and \right: its delimiters grow to the
// height of the list. An empty delimiter is \left. or \right. .
type Fenced struct {
	Open, Close string
	Body        *List
	Offset      int
}

// Accent is a mark over or under a list: \hat, \bar, \vec, \overline,
// \underline and the like.
type Accent struct {
	Mark     string // the mark's character: "^" (U+005E) for \hat, "‾" for \overline, …
	Body     *List
	Under    bool // below the body (\underline)
	Stretchy bool // the mark grows to the body's width (\overline, \widehat)
	Offset   int
}

// Space is explicit space, in mu (18 mu = 1 em); negative for \!.
type Space struct {
	Mu     int
	Offset int
}

// StyleChange switches the style of the rest of its list:
// \displaystyle, \textstyle, \scriptstyle, \scriptscriptstyle.
type StyleChange struct {
	Style  Style
	Offset int
}

func (n *List) Pos() int        { return n.Offset }
func (n *Atom) Pos() int        { return n.Offset }
func (n *Symbol) Pos() int      { return n.Offset }
func (n *Frac) Pos() int        { return n.Offset }
func (n *Radical) Pos() int     { return n.Offset }
func (n *TextBox) Pos() int     { return n.Offset }
func (n *Array) Pos() int       { return n.Offset }
func (n *Fenced) Pos() int      { return n.Offset }
func (n *Accent) Pos() int      { return n.Offset }
func (n *Space) Pos() int       { return n.Offset }
func (n *StyleChange) Pos() int { return n.Offset }

func (*List) node()        {}
func (*Atom) node()        {}
func (*Symbol) node()      {}
func (*Frac) node()        {}
func (*Radical) node()     {}
func (*TextBox) node()     {}
func (*Array) node()       {}
func (*Fenced) node()      {}
func (*Accent) node()      {}
func (*Space) node()       {}
func (*StyleChange) node() {}
