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
// the same code was highlighted differently. regexp2 checks the limit
// against a clock that a goroutine advances once per period; with a
// period of a century the clock never moves and no match times out, so
// highlighting depends on the text alone. Called before chroma first
// lexes anything.
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

// highlight is highlightCode, kept in Options.Highlighted.
// Code that chroma highlights is also kept in Options.Code.
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
	formatTokens(it.Tokens(), out)
	return true
}

// formatTokens fills out with the lines of HTML of toks, a lexer's
// tokens of the lines joined by line feeds.
func formatTokens(toks []chroma.Token, out []string) {
	// One string for all the lines, which are slices of it.
	size := 0
	for _, t := range toks {
		size += len(t.Value) + 12
	}
	var b strings.Builder
	b.Grow(size)
	ends := make([]int, 0, len(out))
	for _, t := range toks {
		cls := class(t.Type)
		for v := t.Value; v != ""; {
			seg, rest, nl := strings.Cut(v, "\n")
			if seg != "" {
				if cls != "" {
					b.WriteString("<c-")
					b.WriteString(cls)
					b.WriteByte('>')
				}
				writeEscaped(&b, seg)
				if cls != "" {
					b.WriteString("</c-")
					b.WriteString(cls)
					b.WriteByte('>')
				}
			}
			if nl {
				ends = append(ends, b.Len())
			}
			v = rest
		}
	}
	all := b.String()
	start := 0
	for i, end := range ends {
		if i < len(out) {
			out[i] = all[start:end]
		}
		start = end
	}
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

// class returns chroma's CSS class for a token type, as its HTML formatter
// does, or "" for white space and tokens that look like plain code, which
// need no span.
func class(t chroma.TokenType) string {
	for ; t != 0; t = t.Parent() {
		if cls, ok := chroma.StandardTypes[t]; ok {
			if !styledClasses()[cls] {
				return ""
			}
			return cls
		}
	}
	return ""
}
