package weave

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// lexers, by the language word of a fence; nil for plain text.
var (
	lexerMu    sync.Mutex
	lexerCache = map[string]chroma.Lexer{}
)

// lexerFor returns the chroma lexer for a fenced block's language, or nil
// when the block is shown as plain text: "text", no language, or a
// language chroma does not know.
func lexerFor(lang string) chroma.Lexer {
	lang = strings.ToLower(lang)
	switch lang {
	case "", "text", "txt", "plain", "plaintext":
		return nil
	}
	lexerMu.Lock()
	defer lexerMu.Unlock()
	lx, ok := lexerCache[lang]
	if !ok {
		if lx = lexers.Get(lang); lx != nil {
			lx, _ = patient(lx)
			lx = chroma.Coalesce(lx)
		}
		lexerCache[lang] = lx
	}
	return lx
}

// matchTimeout is how long a lexer's regexp may take to match. chroma
// gives each match 250ms of wall time, and on a loaded machine a match
// that ran out of it made the same code highlight differently from build
// to build (an error token, or a builtin taken for a function name); a
// build's bytes must not depend on the machine's load.
const matchTimeout = 10 * time.Second

// patient returns a copy of the regexp lexer lx whose regexps have
// matchTimeout to match, and their number; other lexers come back as they
// are. It adds to the lexer's first state a rule that never matches,
// whose mutator (chroma's hook for rewriting a lexer as it compiles)
// removes it and hands over the compiled rules.
func patient(lx chroma.Lexer) (chroma.Lexer, int) {
	rl, ok := lx.(*chroma.RegexLexer)
	if !ok {
		return lx, 0
	}
	raw, err := rl.Rules()
	if err != nil {
		return lx, 0
	}
	rules := maps.Clone(raw)
	grab := &compiledRules{}
	rules["root"] = append(slices.Clone(rules["root"]), chroma.Rule{Pattern: `(?!)`, Mutator: grab})
	nl, err := chroma.NewLexer(rl.Config(), func() chroma.Rules { return rules })
	if err != nil {
		return lx, 0
	}
	if _, err := nl.Tokenise(nil, ""); err != nil || grab.rules == nil {
		return lx, 0
	}
	n := 0
	for _, state := range grab.rules {
		for _, r := range state {
			if r.Regexp != nil && r.Regexp.MatchTimeout != matchTimeout {
				r.Regexp.MatchTimeout = matchTimeout
				n++
			}
		}
	}
	return nl, n
}

// compiledRules is the mutator of patient's rule: it removes the rule and
// keeps the lexer's compiled rules.
type compiledRules struct{ rules chroma.CompiledRules }

func (*compiledRules) Mutate(*chroma.LexerState) error { return nil }

func (m *compiledRules) MutateLexer(rules chroma.CompiledRules, state string, i int) error {
	rules[state] = slices.Delete(rules[state], i, i+1)
	m.rules = rules
	return nil
}

// escText escapes text for HTML outside attributes.
var escText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

// highlight returns the HTML of each line. A token is marked by the
// element tokenElement gives its chroma class, <u>Compose</u> for a
// function name. Plain text (lx nil) is only escaped.
func highlight(lx chroma.Lexer, lines []string) []string {
	out := make([]string, len(lines))
	if lx == nil || !tokenise(lx, lines, out) {
		for i, l := range lines {
			out[i] = escText(l)
		}
	}
	return out
}

// tokenise fills out with the highlighted lines; it reports false if the
// lexer failed.
func tokenise(lx chroma.Lexer, lines []string, out []string) (ok bool) {
	// chroma's iterators report lexer errors by panicking.
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	it, err := lx.Tokenise(nil, strings.Join(lines, "\n")+"\n")
	if err != nil {
		return false
	}
	var b tokenWriter
	i := 0
	for t := it(); t != chroma.EOF; t = it() {
		el := tokenElement(class(t.Type))
		for v := t.Value; v != ""; {
			seg, rest, nl := strings.Cut(v, "\n")
			b.token(el, seg)
			if nl {
				if i < len(out) {
					out[i] = b.line()
				}
				i++
			}
			v = rest
		}
	}
	return true
}

// tokenElement returns the element that marks a token of chroma's CSS
// class cls in woven code, or "" for a token written as plain text. It is
// the one place that says how code is marked: book.css styles these
// elements inside pre.chroma with the colours of chroma's styles (see
// palettes), and every highlighter of the weave writes its tokens through
// it (a tokenWriter).
//
// Code is most of a chapter's bytes, so the markup is short: the phrase
// elements of HTML, each for one group of classes, set as literate
// programs have long been set (keywords in bold, comments in italic):
//
//	b   keywords and type names (k, kd, kn, kr, kp, kt)
//	i   comments (c, c1, cm, cs, ch, cp, cpf)
//	q   strings and characters (s, s1, s2, sa, sb, sc, sd, se, sh, si, sr, ss, sx, dl)
//	u   function names (nf, fm)
//	em  numbers and predeclared constants (m, mb, mf, mh, mi, il, mo, kc)
//
// Operators, punctuation, builtins (nb), other names and the classes of
// other languages' lexers (tags, attributes, variables…) are plain text.
func tokenElement(cls string) string {
	switch cls {
	case "", "o", "ow", "nb", "bp":
		return ""
	case "k", "kd", "kn", "kr", "kp", "kt":
		return "b"
	case "c", "c1", "cm", "cs", "ch", "cp", "cpf":
		return "i"
	case "s", "s1", "s2", "sa", "sb", "sc", "sd", "se", "sh", "si", "sr", "ss", "sx", "dl":
		return "q"
	case "nf", "fm":
		return "u"
	case "m", "mb", "mf", "mh", "mi", "il", "mo", "kc":
		return "em"
	}
	return ""
}

// tokenGroups are the elements of tokenElement with the chroma class
// whose style each takes, in the order book.css lists them.
var tokenGroups = []struct{ element, class string }{
	{"b", "k"}, {"i", "c1"}, {"q", "s"}, {"u", "nf"}, {"em", "m"},
}

// tokenWriter builds a line of highlighted code: tokens of one element
// separated only by spaces or tabs share one element.
type tokenWriter struct {
	b       strings.Builder
	open    string // the element open at the end of b, or ""
	pending string // white space not yet written
}

// token adds text marked by element el ("" for plain text).
func (w *tokenWriter) token(el, text string) {
	if text == "" {
		return
	}
	if strings.Trim(text, " \t") == "" {
		w.pending += text
		return
	}
	if el != w.open {
		if w.open != "" {
			w.b.WriteString("</" + w.open + ">")
		}
		w.b.WriteString(w.pending)
		if el != "" {
			w.b.WriteString("<" + el + ">")
		}
		w.open = el
	} else {
		w.b.WriteString(w.pending)
	}
	w.pending = ""
	w.b.WriteString(escText(text))
}

// line returns the line built so far and starts the next.
func (w *tokenWriter) line() string {
	if w.open != "" {
		w.b.WriteString("</" + w.open + ">")
	}
	w.b.WriteString(w.pending)
	s := w.b.String()
	*w = tokenWriter{}
	return s
}

// class returns chroma's CSS class for a token type, as its HTML formatter
// does, or "" for white space and tokens that look like plain code, which
// need no span.
func class(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			if cls == "w" || plainClasses()[cls] {
				return ""
			}
			return cls
		}
	}
	return ""
}
