package weave

import (
	"strings"
	"sync"

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
			lx = chroma.Coalesce(lx)
		}
		lexerCache[lang] = lx
	}
	return lx
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
