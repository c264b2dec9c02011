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

// highlight returns the HTML of each line. A token is an element named
// after chroma's CSS class for it, <c-nf>Compose</c-nf> for a function
// name: a custom element, styled by book.css like a span with that class
// but with half the markup, which matters because code is most of a
// chapter's bytes (the page budget). Plain text (lx nil) is only escaped.
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
	var b strings.Builder
	i := 0
	for t := it(); t != chroma.EOF; t = it() {
		cls := class(t.Type)
		for v := t.Value; v != ""; {
			seg, rest, nl := strings.Cut(v, "\n")
			if seg != "" {
				if cls != "" {
					b.WriteString("<c-" + cls + ">")
				}
				b.WriteString(escText(seg))
				if cls != "" {
					b.WriteString("</c-" + cls + ">")
				}
			}
			if nl {
				if i < len(out) {
					out[i] = b.String()
				}
				b.Reset()
				i++
			}
			v = rest
		}
	}
	return true
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
