package tex

import (
	"sort"
	"unicode"
)

// sym is what a symbol command or character stands for.
type sym struct {
	text    string
	short   bool
	class   Class
	kind    Kind
	variant Variant
	large   bool
	limits  Limits
}

func ord(t string) sym     { return sym{text: t, class: Ord, kind: Operator} }
func ident(t string) sym   { return sym{text: t, class: Ord, kind: Ident, variant: Normal} }
func italic(t string) sym  { return sym{text: t, class: Ord, kind: Ident, variant: Italic} }
func bin(t string) sym     { return sym{text: t, class: Bin, kind: Operator} }
func rel(t string) sym     { return sym{text: t, class: Rel, kind: Operator} }
func opening(t string) sym { return sym{text: t, class: Open, kind: Operator} }
func closing(t string) sym { return sym{text: t, class: Close, kind: Operator} }
func punct(t string) sym   { return sym{text: t, class: Punct, kind: Operator} }
func inner(t string) sym   { return sym{text: t, class: Inner, kind: Operator} }
func short(s sym) sym      { s.short = true; return s }
func large(t string, l Limits) sym {
	return sym{text: t, class: Op, kind: Operator, large: true, limits: l}
}
func opname(t string, l Limits) sym {
	return sym{text: t, class: Op, kind: Ident, variant: Normal, limits: l}
}

// symbols maps the symbol commands, without their backslash, to what they
// stand for.
var symbols = map[string]sym{
	// Greek: lowercase italic, uppercase upright, as in TeX. \phi is ϕ and
	// \varphi φ; \epsilon is ϵ and \varepsilon ε.
	"alpha": italic("α"), "beta": italic("β"), "gamma": italic("γ"), "delta": italic("δ"),
	"epsilon": italic("ϵ"), "varepsilon": italic("ε"), "zeta": italic("ζ"), "eta": italic("η"),
	"theta": italic("θ"), "vartheta": italic("ϑ"), "iota": italic("ι"), "kappa": italic("κ"),
	"varkappa": italic("ϰ"), "lambda": italic("λ"), "mu": italic("μ"), "nu": italic("ν"),
	"xi": italic("ξ"), "pi": italic("π"), "varpi": italic("ϖ"), "rho": italic("ρ"),
	"varrho": italic("ϱ"), "sigma": italic("σ"), "varsigma": italic("ς"), "tau": italic("τ"),
	"upsilon": italic("υ"), "phi": italic("ϕ"), "varphi": italic("φ"), "chi": italic("χ"),
	"psi": italic("ψ"), "omega": italic("ω"),
	"Gamma": ident("Γ"), "Delta": ident("Δ"), "Theta": ident("Θ"), "Lambda": ident("Λ"),
	"Xi": ident("Ξ"), "Pi": ident("Π"), "Sigma": ident("Σ"), "Upsilon": ident("Υ"),
	"Phi": ident("Φ"), "Psi": ident("Ψ"), "Omega": ident("Ω"),

	// Ordinary symbols.
	"infty": ident("∞"), "partial": italic("∂"), "nabla": ident("∇"), "ell": italic("ℓ"),
	"hbar": italic("ℏ"), "aleph": ident("ℵ"), "emptyset": ident("∅"), "varnothing": ident("∅"),
	"forall": ord("∀"), "exists": ord("∃"), "nexists": ord("∄"), "neg": ord("¬"), "lnot": ord("¬"),
	"top": ord("⊤"), "bot": ord("⊥"), "prime": ord("′"), "angle": ord("∠"),
	"vert": ord("|"), "Vert": ord("‖"), "|": ord("‖"), "backslash": ord("∖"),
	"vdots": ord("⋮"), "ddots": inner("⋱"), "ldots": inner("…"), "dots": inner("…"),
	"cdots": inner("⋯"), "dotsc": inner("…"), "dotsb": inner("⋯"),
	"Box": ord("□"), "square": ord("□"), "checkmark": ord("✓"), "star": bin("⋆"),
	"#": ord("#"), "%": ord("%"), "&": ord("&"), "$": ord("$"), "_": ord("_"),
	"lbrack": opening("["), "rbrack": closing("]"),

	// Binary operations.
	"times": bin("×"), "circ": bin("∘"), "otimes": bin("⊗"), "oplus": bin("⊕"),
	"ominus": bin("⊖"), "odot": bin("⊙"), "cdot": bin("⋅"), "bullet": bin("∙"),
	"pm": bin("±"), "mp": bin("∓"), "div": bin("÷"), "setminus": bin("∖"),
	"cup": bin("∪"), "cap": bin("∩"), "sqcup": bin("⊔"), "sqcap": bin("⊓"),
	"vee": bin("∨"), "lor": bin("∨"), "wedge": bin("∧"), "land": bin("∧"),
	"ast": bin("∗"), "amalg": bin("⨿"), "diamond": bin("⋄"), "dagger": bin("†"),
	"triangleleft": bin("◁"), "triangleright": bin("▷"), "uplus": bin("⊎"),

	// Relations, arrows among them.
	"leq": rel("≤"), "le": rel("≤"), "geq": rel("≥"), "ge": rel("≥"), "neq": rel("≠"), "ne": rel("≠"),
	"ll": rel("≪"), "gg": rel("≫"), "equiv": rel("≡"), "cong": rel("≅"), "simeq": rel("≃"),
	"sim": rel("∼"), "approx": rel("≈"), "propto": rel("∝"), "doteq": rel("≐"),
	"coloneqq": rel("≔"), "eqqcolon": rel("≕"), "triangleq": rel("≜"),
	"in": rel("∈"), "notin": rel("∉"), "ni": rel("∋"),
	"subset": rel("⊂"), "subseteq": rel("⊆"), "supset": rel("⊃"), "supseteq": rel("⊇"),
	"subsetneq": rel("⊊"), "sqsubseteq": rel("⊑"),
	"prec": rel("≺"), "preceq": rel("⪯"), "succ": rel("≻"), "succeq": rel("⪰"),
	"dashv": rel("⊣"), "vdash": rel("⊢"), "models": rel("⊨"), "perp": rel("⊥"),
	"mid": rel("∣"), "nmid": rel("∤"), "parallel": rel("∥"),
	"to": rel("→"), "rightarrow": rel("→"), "gets": rel("←"), "leftarrow": rel("←"),
	"leftrightarrow": rel("↔"), "mapsto": rel("↦"), "longmapsto": rel("⟼"),
	"longrightarrow": rel("⟶"), "longleftarrow": rel("⟵"), "longleftrightarrow": rel("⟷"),
	"Rightarrow": rel("⇒"), "Leftarrow": rel("⇐"), "Leftrightarrow": rel("⇔"),
	"Longrightarrow": rel("⟹"), "Longleftarrow": rel("⟸"), "Longleftrightarrow": rel("⟺"),
	"implies": rel("⟹"), "impliedby": rel("⟸"), "iff": rel("⟺"),
	"hookrightarrow": rel("↪"), "hookleftarrow": rel("↩"), "twoheadrightarrow": rel("↠"),
	"rightarrowtail": rel("↣"), "rightharpoonup": rel("⇀"), "leftharpoonup": rel("↼"),
	"rightleftharpoons": rel("⇌"), "rightrightarrows": rel("⇉"), "leftleftarrows": rel("⇇"),
	"rightleftarrows": rel("⇄"), "leftrightarrows": rel("⇆"), "leadsto": rel("⇝"),
	"rightsquigarrow": rel("⇝"), "multimap": rel("⊸"),
	"uparrow": rel("↑"), "downarrow": rel("↓"), "updownarrow": rel("↕"),
	"Uparrow": rel("⇑"), "Downarrow": rel("⇓"),
	"nearrow": rel("↗"), "searrow": rel("↘"), "nwarrow": rel("↖"), "swarrow": rel("↙"),
	"Rrightarrow": rel("⇛"),

	// More of amssymb's, as nLab pages and quiver's exports use them.
	"shortmid": short(rel("∣")), "shortparallel": short(rel("∥")), "nshortmid": short(rel("∤")), "nparallel": rel("∦"),
	"leftarrowtail": rel("↢"), "twoheadleftarrow": rel("↞"), "looparrowleft": rel("↫"),
	"looparrowright": rel("↬"), "curvearrowleft": rel("↶"), "curvearrowright": rel("↷"),
	"circlearrowleft": rel("↺"), "circlearrowright": rel("↻"), "upharpoonright": rel("↾"),
	"restriction": rel("↾"), "upharpoonleft": rel("↿"), "downharpoonright": rel("⇂"),
	"downharpoonleft": rel("⇃"), "rightharpoondown": rel("⇁"), "leftharpoondown": rel("↽"),
	"leftrightharpoons": rel("⇋"), "nrightarrow": rel("↛"), "nleftarrow": rel("↚"),
	"nRightarrow": rel("⇏"), "nLeftarrow": rel("⇍"), "nleftrightarrow": rel("↮"),
	"Lleftarrow": rel("⇚"), "leftsquigarrow": rel("⇜"), "leftrightsquigarrow": rel("↭"),
	"upuparrows":     rel("⇈"),
	"downdownarrows": rel("⇊"), "Updownarrow": rel("⇕"), "Lsh": rel("↰"), "Rsh": rel("↱"),
	"bowtie": rel("⋈"), "Join": rel("⋈"), "vDash": rel("⊨"),
	"Vdash": rel("⊩"), "nvdash": rel("⊬"), "nvDash": rel("⊭"), "Vvdash": rel("⊪"),
	"vartriangleleft": rel("⊲"), "vartriangleright": rel("⊳"), "trianglelefteq": rel("⊴"),
	"trianglerighteq": rel("⊵"), "ncong": rel("≇"), "nsim": rel("≁"), "eqsim": rel("≂"),
	"backsim": rel("∽"), "backsimeq": rel("⋍"), "thicksim": rel("∼"), "thickapprox": rel("≈"),
	"approxeq": rel("≊"), "asymp": rel("≍"), "bumpeq": rel("≏"), "Bumpeq": rel("≎"),
	"sqsubset": rel("⊏"), "sqsupset": rel("⊐"), "sqsupseteq": rel("⊒"), "supsetneq": rel("⊋"),
	"nsubseteq": rel("⊈"), "nsupseteq": rel("⊉"), "lessdot": rel("⋖"), "gtrdot": rel("⋗"),
	"leqslant": rel("⩽"), "geqslant": rel("⩾"), "lesssim": rel("≲"), "gtrsim": rel("≳"),
	"lhd": bin("⊲"), "rhd": bin("⊳"), "unlhd": bin("⊴"), "unrhd": bin("⊵"),
	"ltimes": bin("⋉"), "rtimes": bin("⋊"), "wr": bin("≀"), "boxtimes": bin("⊠"),
	"boxplus": bin("⊞"), "boxminus": bin("⊟"), "boxdot": bin("⊡"), "circledast": bin("⊛"),
	"circledcirc": bin("⊚"), "circleddash": bin("⊝"), "centerdot": bin("⋅"), "intercal": bin("⊺"),
	"barwedge": bin("⊼"), "veebar": bin("⊻"), "curlywedge": bin("⋏"), "curlyvee": bin("⋎"),
	"ddagger": bin("‡"), "bigtriangleup": bin("△"), "bigtriangledown": bin("▽"), "smallsetminus": bin("∖"),
	"dotplus": bin("∔"), "divideontimes": bin("⋇"), "Cap": bin("⋒"), "Cup": bin("⋓"),
	"blacksquare": ord("■"), "lozenge": ord("◊"),
	"triangle": ord("△"), "triangledown": ord("▽"),
	"natural": ord("♮"), "sharp": ord("♯"), "flat": ord("♭"),
	"mho": ord("℧"), "wp": italic("℘"), "Re": ord("ℜ"), "Im": ord("ℑ"), "complement": ord("∁"),
	"backprime": ord("‵"), "hslash": italic("ℏ"), "eth": ord("ð"), "surd": ord("√"),
	"measuredangle": ord("∡"), "sphericalangle": ord("∢"),
	"beth": ord("ℶ"), "gimel": ord("ℷ"), "daleth": ord("ℸ"),
	"imath": italic("ı"), "jmath": italic("ȷ"),
	"ulcorner": opening("⌜"), "urcorner": closing("⌝"), "llcorner": opening("⌞"), "lrcorner": closing("⌟"),

	// Delimiters.
	"langle": opening("⟨"), "rangle": closing("⟩"), "lbrace": opening("{"), "rbrace": closing("}"),
	"{": opening("{"), "}": closing("}"), "lfloor": opening("⌊"), "rfloor": closing("⌋"),
	"lceil": opening("⌈"), "rceil": closing("⌉"), "lvert": opening("|"), "rvert": closing("|"),
	"lVert": opening("‖"), "rVert": closing("‖"), "llbracket": opening("⟦"), "rrbracket": closing("⟧"),

	// Punctuation.
	// \colon is handled by the parser: amsmath's spacing, 2 mu before
	// and 6 mu after, as in f\colon A \to B.

	// Large operators.
	"sum": large("∑", Auto), "prod": large("∏", Auto), "coprod": large("∐", Auto),
	"bigoplus": large("⨁", Auto), "bigotimes": large("⨂", Auto), "bigodot": large("⨀", Auto),
	"bigcup": large("⋃", Auto), "bigcap": large("⋂", Auto), "bigsqcup": large("⨆", Auto),
	"bigvee": large("⋁", Auto), "bigwedge": large("⋀", Auto), "biguplus": large("⨄", Auto),
	"int": large("∫", NoLimits), "iint": large("∬", NoLimits), "oint": large("∮", NoLimits),

	// Operator names: upright words, with limits (lim) or without (log).
	"lim": opname("lim", Auto), "liminf": opname("lim inf", Auto), "limsup": opname("lim sup", Auto),
	"max": opname("max", Auto), "min": opname("min", Auto), "sup": opname("sup", Auto),
	"inf": opname("inf", Auto), "det": opname("det", Auto), "gcd": opname("gcd", Auto),
	"Pr": opname("Pr", Auto), "colim": opname("colim", Auto), "argmax": opname("arg max", Auto),
	"argmin": opname("arg min", Auto),
	"log":    opname("log", NoLimits), "ln": opname("ln", NoLimits), "lg": opname("lg", NoLimits),
	"exp": opname("exp", NoLimits), "sin": opname("sin", NoLimits), "cos": opname("cos", NoLimits),
	"tan": opname("tan", NoLimits), "sinh": opname("sinh", NoLimits), "cosh": opname("cosh", NoLimits),
	"tanh": opname("tanh", NoLimits), "arg": opname("arg", NoLimits), "dim": opname("dim", NoLimits),
	"ker": opname("ker", NoLimits), "deg": opname("deg", NoLimits), "hom": opname("hom", NoLimits),
	"sgn": opname("sgn", NoLimits), "tr": opname("tr", NoLimits), "id": opname("id", NoLimits),
}

// chars maps the ASCII characters that are not letters or digits to what
// they are in math mode (TeX's mathcodes). '-' is the minus sign; ':' is a
// relation, as in TeX (\colon is the punctuation). Characters missing
// here are errors: # $ % & \ ^ _ { } ~ ' are syntax, and ` " @ are not
// math.
var chars = map[rune]sym{
	'+': bin("+"), '-': bin("−"), '*': bin("∗"),
	'=': rel("="), '<': rel("<"), '>': rel(">"), ':': rel(":"),
	',': punct(","), ';': punct(";"),
	'(': opening("("), '[': opening("["), ')': closing(")"), ']': closing("]"),
	'!': closing("!"), '?': closing("?"),
	'.': ord("."), '/': ord("/"), '|': ord("|"),
}

// byText maps the Unicode characters of the tables back to what they are,
// so that "→" typed as such is a relation like \to. Built once, the first
// command in sorted order winning.
var byText = func() map[string]sym {
	m := map[string]sym{}
	for _, c := range chars {
		m[c.text] = c
	}
	names := make([]string, 0, len(symbols))
	for name := range symbols {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := symbols[name]
		if _, ok := m[s.text]; !ok && s.kind == Operator {
			m[s.text] = s
		}
	}
	return m
}()

// unicodeSym returns what a non-ASCII character stands for: an operator
// of the tables, or a letter (Greek lowercase italic and uppercase
// upright, as with the commands).
func unicodeSym(r rune) (sym, bool) {
	if s, ok := byText[string(r)]; ok {
		return s, true
	}
	switch {
	case unicode.IsUpper(r) && unicode.Is(unicode.Greek, r):
		return ident(string(r)), true
	case unicode.IsLetter(r):
		return italic(string(r)), true
	case unicode.IsDigit(r):
		return sym{text: string(r), class: Ord, kind: Number, variant: Normal}, true
	case unicode.IsSymbol(r) || unicode.IsPunct(r):
		return ord(string(r)), true
	}
	return sym{}, false
}

// fonts maps the math alphabet commands to their variants.
var fonts = map[string]Variant{
	"mathrm": Normal, "mathit": Italic, "mathbf": Bold, "boldsymbol": BoldItalic, "bm": BoldItalic,
	"mathcal": Calligraphic, "mathscr": Calligraphic, "mathbb": DoubleStruck,
	"mathfrak": Fraktur, "mathsf": SansSerif, "mathtt": Monospace,
}

// texts maps the text commands to their variants.
var texts = map[string]Variant{
	"text": Normal, "textrm": Normal, "textnormal": Normal, "mbox": Normal,
	"textit": Italic, "textbf": Bold, "texttt": Monospace,
}

// spaces maps the spacing commands to their width in mu.
var spaces = map[string]int{
	",": 3, "thinspace": 3, ":": 4, ">": 4, "medspace": 4, ";": 5, "thickspace": 5,
	"!": -3, "negthinspace": -3, "negmedspace": -4, "negthickspace": -5,
	" ": 6, "enspace": 9, "quad": 18, "qquad": 36,
}

// accents maps the accent commands to their mark and whether it
// stretches.
var accents = map[string]struct {
	mark            string
	under, stretchy bool
}{
	"hat": {mark: "^"}, "widehat": {mark: "^", stretchy: true},
	"tilde": {mark: "~"}, "widetilde": {mark: "~", stretchy: true},
	"bar": {mark: "¯"}, "overline": {mark: "‾", stretchy: true},
	"underline": {mark: "_", under: true, stretchy: true},
	"vec":       {mark: "\u20d7"}, "overrightarrow": {mark: "→", stretchy: true},
	"overleftarrow": {mark: "←", stretchy: true},
	"dot":           {mark: "˙"}, "ddot": {mark: "¨"}, "check": {mark: "ˇ"},
	"breve": {mark: "˘"}, "acute": {mark: "´"}, "grave": {mark: "`"},
}

// classes maps \mathord and its relatives to the class they impose.
var classes = map[string]Class{
	"mathord": Ord, "mathop": Op, "mathbin": Bin, "mathrel": Rel,
	"mathopen": Open, "mathclose": Close, "mathpunct": Punct, "mathinner": Inner,
}

// styles maps the style commands to their styles.
var styles = map[string]Style{
	"displaystyle": Display, "textstyle": Text, "scriptstyle": Script, "scriptscriptstyle": ScriptScript,
}

// bigs maps \big and its relatives to the height of the delimiter, in em,
// and the class they give it ("" keeps the delimiter's own).
var bigs = map[string]struct {
	size  float64
	class string
}{
	"big": {1.2, ""}, "Big": {1.8, ""}, "bigg": {2.4, ""}, "Bigg": {3, ""},
	"bigl": {1.2, "open"}, "Bigl": {1.8, "open"}, "biggl": {2.4, "open"}, "Biggl": {3, "open"},
	"bigr": {1.2, "close"}, "Bigr": {1.8, "close"}, "biggr": {2.4, "close"}, "Biggr": {3, "close"},
	"bigm": {1.2, "rel"}, "Bigm": {1.8, "rel"}, "biggm": {2.4, "rel"}, "Biggm": {3, "rel"},
}

// environments lists the supported \begin{…} environments: their
// delimiters and column alignment.
var environments = map[string]struct{ open, close, align string }{
	"matrix":   {"", "", "c"},
	"pmatrix":  {"(", ")", "c"},
	"bmatrix":  {"[", "]", "c"},
	"Bmatrix":  {"{", "}", "c"},
	"vmatrix":  {"|", "|", "c"},
	"Vmatrix":  {"‖", "‖", "c"},
	"cases":    {"{", "", "l"},
	"aligned":  {"", "", "rl"},
	"gathered": {"", "", "c"},
}

// delimiters are what may follow \left, \right and \big: characters and
// commands, with the delimiter they stand for ("" for the empty one, .).
var delimiters = map[string]string{
	"(": "(", ")": ")", "[": "[", "]": "]", "|": "|", ".": "", "/": "/",
	`\{`: "{", `\}`: "}", `\|`: "‖", `\lbrace`: "{", `\rbrace`: "}",
	`\langle`: "⟨", `\rangle`: "⟩", `\lfloor`: "⌊", `\rfloor`: "⌋",
	`\lceil`: "⌈", `\rceil`: "⌉", `\vert`: "|", `\Vert`: "‖",
	`\lvert`: "|", `\rvert`: "|", `\lVert`: "‖", `\rVert`: "‖",
	`\uparrow`: "↑", `\downarrow`: "↓", `\llbracket`: "⟦", `\rrbracket`: "⟧",
	`\backslash`: "∖",
}
