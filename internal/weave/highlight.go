package weave

import (
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// noMatchTimeout turns off, in effect, the time limit that chroma sets on
// every match of its lexers' regular expressions (250 ms): a match that
// ran out of time is silently an error token, so that on a busy machine
// the same code was highlighted differently (an error token, or a builtin
// taken for a function name), and a build's bytes must not depend on the
// machine's load. regexp2 checks the limit against a clock that a
// goroutine advances once per period; with a period of a century the
// clock never moves and no match times out, so highlighting depends on
// the text alone (TestNoMatchTimeout). Called before chroma first lexes
// anything.
var noMatchTimeout = sync.OnceFunc(func() {
	regexp2.SetTimeoutCheckPeriod(100 * 365 * 24 * time.Hour)
})

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
	noMatchTimeout()
	lexerMu.Lock()
	defer lexerMu.Unlock()
	lx, ok := lexerCache[lang]
	if !ok {
		if lx = lexers.Get(lang); lx != nil {
			lx = chroma.Coalesce(lx)
		}
		lexerCache[lang] = lx
	}
	return lx
}

// highlightCode returns the HTML of each line of code in language lang:
// Go through goTokens, anything else through chroma.
func highlightCode(lang string, lines []string) []string {
	switch strings.ToLower(lang) {
	case "go", "golang":
		return highlightGo(lines)
	}
	return highlight(lexerFor(lang), lines)
}

// highlight is highlightCode, kept in Options.Memo for the next Build;
// code that chroma highlights is also kept in Options.Code.
func (w *weaver) highlight(lang string, lines []string) []string {
	f := func() []string { return highlightCode(lang, lines) }
	if g := f; w.codeStore != nil && !isGo(lang) && lexerName(lang) {
		f = func() []string { return w.codeStore.highlight(strings.ToLower(lang), lines, g) }
	}
	if w.hlCache == nil {
		return f()
	}
	key := lang + "\x00" + strings.Join(lines, "\n")
	return w.hlCache.Do(key, f)
}

// isGo reports whether lang names Go.
func isGo(lang string) bool {
	l := strings.ToLower(lang)
	return l == "go" || l == "golang"
}

// lexerName reports whether lang may name a chroma lexer (it is not
// plain text).
func lexerName(lang string) bool {
	switch strings.ToLower(lang) {
	case "", "text", "txt", "plain", "plaintext":
		return false
	}
	return true
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
	formatTokens(it.Tokens(), out)
	return true
}

// formatTokens fills out with the lines of HTML of toks, a lexer's
// tokens of the lines joined by line feeds, each token marked by the
// element tokenElement gives its class.
func formatTokens(toks []chroma.Token, out []string) {
	size := 0
	for _, t := range toks {
		size += len(t.Value) + 8
	}
	var w tokenWriter
	w.b.Grow(size)
	w.ends = make([]int, 0, len(out))
	for _, t := range toks {
		el := tokenElement(class(t.Type))
		for v := t.Value; v != ""; {
			seg, rest, nl := strings.Cut(v, "\n")
			w.token(el, seg)
			if nl {
				w.endLine()
			}
			v = rest
		}
	}
	w.lines(out)
}

// writeEscaped writes escText(s) to b.
func writeEscaped(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, "&<>")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		}
		s = s[i+1:]
	}
}

// tokenElement returns the element that marks a token of chroma's CSS
// class cls in woven code, or "" for a token written as plain text. It is
// the one place that says how code is marked: book.css styles these
// elements inside pre.chroma with the colours of chroma's styles
// (assets/palette.css, which TestPalette generates), and every
// highlighter of the weave, chroma's lexers and goTokens, writes its
// tokens through it (formatTokens).
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

// tokenWriter builds the lines of highlighted code: tokens of one element
// separated only by spaces or tabs share one element, and no element
// spans two lines. The lines are slices of one string.
type tokenWriter struct {
	b       strings.Builder
	open    string // the element open at the end of b, or ""
	pending string // white space not yet written
	ends    []int  // where each line ended in b
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
	writeEscaped(&w.b, text)
}

// endLine ends the line built so far and starts the next.
func (w *tokenWriter) endLine() {
	if w.open != "" {
		w.b.WriteString("</" + w.open + ">")
	}
	w.b.WriteString(w.pending)
	w.open, w.pending = "", ""
	w.ends = append(w.ends, w.b.Len())
}

// lines fills out with the lines ended so far; those past the end of
// out are dropped.
func (w *tokenWriter) lines(out []string) {
	all := w.b.String()
	start := 0
	for i, end := range w.ends {
		if i < len(out) {
			out[i] = all[start:end]
		}
		start = end
	}
}

// class returns chroma's CSS class for a token type, as its HTML formatter
// does, or "" for white space: tokenElement decides from it how the token
// is marked. (Every class it marks is coloured by the styles, none looks
// like plain code: TestPalette.)
func class(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			if cls == "w" {
				return ""
			}
			return cls
		}
	}
	return ""
}
