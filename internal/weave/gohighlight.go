package weave

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Go code is most of the book, and chroma's Go lexer, a list of regular
// expressions run by a backtracking engine (regexp2) on every token, was
// most of the cost of a build. goTokens reproduces that lexer's rules
// (chroma v2's lexers/go.go) by hand, in one pass over the text: the same
// tokens with the same types, so that every token has the class chroma
// gives it and the HTML, written by formatTokens for both, does not
// change (TestGoHighlight and FuzzGoHighlight compare the two). Each rule is tried in chroma's
// order at each position, with the semantics of its regular expression:
// \s, \w, \d and \b are Unicode's as regexp2 defines them, an alternation
// takes its first alternative that leads to a match, a greedy repetition
// backs off when what follows fails.
//
// It is not go/scanner: go/scanner tokenizes Go as the compiler does,
// and chroma does not (0o17 is a zero and a name, `//x` and `// x` are
// different kinds of comment, len (x) is a function call but len(x) a
// builtin, a string may run past the end of its line), so go/scanner's
// tokens would change the colours of some code.
//
// Text it does not reproduce, it leaves to chroma (goTokens reports
// false): a raw string holding "{{", which chroma lexes as a Go template;
// a carriage return, which chroma turns into a line feed; bytes that are
// not UTF-8.

// goLexerTypes are the token types goTokens emits, as in chroma's Go lexer.
var (
	goNamespace   = map[string]bool{"import": true, "package": true}
	goDeclaration = map[string]bool{"var": true, "func": true, "struct": true, "map": true, "chan": true, "type": true, "interface": true, "const": true}
	goKeyword     = map[string]bool{"break": true, "default": true, "select": true, "case": true, "defer": true, "go": true, "else": true, "goto": true, "switch": true, "fallthrough": true, "if": true, "range": true, "continue": true, "for": true, "return": true}
	goConstant    = map[string]bool{"true": true, "false": true, "iota": true, "nil": true}
	goBuiltinCall = map[string]bool{"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true, "float": true, "float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true, "string": true, "bool": true, "error": true, "uintptr": true, "print": true, "println": true, "panic": true, "recover": true, "close": true, "complex": true, "real": true, "imag": true, "len": true, "cap": true, "append": true, "copy": true, "delete": true, "new": true, "make": true, "clear": true, "min": true, "max": true}
	goType        = map[string]bool{"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "int": true, "int8": true, "int16": true, "int32": true, "int64": true, "float": true, "float32": true, "float64": true, "complex64": true, "complex128": true, "byte": true, "rune": true, "string": true, "bool": true, "error": true, "uintptr": true, "any": true}
)

// goOperators are chroma's Go operators, longest first for each first
// byte, which is also the order in which its alternation tries them.
var goOperators = []string{"<<=", ">>=", "&^=", "...", "<<", ">>", "<=", ">=", "&^", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "&&", "||", "<-", "++", "--", "==", "!=", ":=", "+", "-", "*", "/", "%", "&"}

// isWordChar is regexp2's \w: letters, non-spacing marks, decimal digits,
// connector punctuation, and the zero-width (non-)joiner.
func isWordChar(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc) || r == '\u200D' || r == '\u200C'
}

// isDigit is regexp2's \d: a decimal digit of any script.
func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// goLex is the state of goTokens.
type goLex struct {
	text string
	toks []chroma.Token
}

func (l *goLex) emit(t chroma.TokenType, s string) {
	if s != "" {
		l.toks = append(l.toks, chroma.Token{Type: t, Value: s})
	}
}

// at returns the rune at byte offset i and its size; 0, 0 at the end.
func (l *goLex) at(i int) (rune, int) {
	if i >= len(l.text) {
		return 0, 0
	}
	if c := l.text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(l.text[i:])
}

// byteAt returns the byte at i, or 0 at the end.
func (l *goLex) byteAt(i int) byte {
	if i < len(l.text) {
		return l.text[i]
	}
	return 0
}

// run returns the end of the run of runes from i that satisfy f.
func (l *goLex) run(i int, f func(rune) bool) int {
	for i < len(l.text) {
		r, n := l.at(i)
		if !f(r) {
			break
		}
		i += n
	}
	return i
}

// digits is \d* from i.
func (l *goLex) digits(i int) int { return l.run(i, isDigit) }

// digitAt reports whether a \d starts at i.
func (l *goLex) digitAt(i int) bool {
	r, n := l.at(i)
	return n > 0 && isDigit(r)
}

// goTokens lexes text as chroma's Go lexer does, or reports false for
// text it leaves to chroma.
func goTokens(text string) ([]chroma.Token, bool) {
	if strings.IndexByte(text, '\r') >= 0 || !utf8.ValidString(text) {
		return nil, false
	}
	l := &goLex{text: text, toks: make([]chroma.Token, 0, len(text)/3)}
	for p := 0; p < len(text); {
		end, ok := l.token(p)
		if !ok {
			return nil, false
		}
		if end == p {
			// No rule matches: chroma emits the rune as an error.
			_, n := l.at(p)
			l.emit(chroma.Error, text[p:p+n])
			end = p + n
		}
		p = end
	}
	return l.toks, true
}

// token emits the token(s) of the first rule that matches at p and
// returns where they end, p if none does; false for text left to chroma.
// The rules are tried in chroma's order: white space, comments, the
// words of the language, numbers, literals, operators, function names,
// punctuation, other names.
func (l *goLex) token(p int) (int, bool) {
	r, n := l.at(p)
	// \n and \s+
	if unicode.IsSpace(r) {
		end := l.run(p, unicode.IsSpace)
		l.emit(chroma.TextWhitespace, l.text[p:end])
		return end, true
	}
	if end, ok := l.comment(p); ok {
		return end, true
	}
	if end, ok := l.word(p, r); ok {
		return end, true
	}
	if end, ok := l.numberToken(p, r); ok {
		return end, true
	}
	if end, matched, ok := l.literal(p); !ok || matched {
		return end, ok
	}
	return l.operatorOrName(p, r, n), true
}

// comment matches chroma's comment rules at p: //[^\s\n\r][^\n\r]*,
// //[^\n\r]* and /(\\\n)?[*](.|\n)*?[*](\\\n)?/. It reports whether one
// matched, and where it ends.
func (l *goLex) comment(p int) (int, bool) {
	text := l.text
	if text[p] != '/' {
		return 0, false
	}
	if l.byteAt(p+1) == '/' {
		end := p + 2
		for end < len(text) && text[end] != '\n' && text[end] != '\r' {
			end++
		}
		typ := chroma.CommentSingle
		if r2, n2 := l.at(p + 2); n2 > 0 && !unicode.IsSpace(r2) {
			typ = chroma.CommentPreproc
		}
		l.emit(typ, text[p:end])
		return end, true
	}
	q := p + 1
	if strings.HasPrefix(text[q:], "\\\n") {
		q += 2
	}
	if l.byteAt(q) != '*' {
		return 0, false
	}
	for i := q + 1; i < len(text); i++ {
		if text[i] != '*' {
			continue
		}
		end := 0
		switch {
		case strings.HasPrefix(text[i+1:], "\\\n/"):
			end = i + 4
		case strings.HasPrefix(text[i+1:], "/"):
			end = i + 2
		default:
			continue
		}
		l.emit(chroma.CommentMultiline, text[p:end])
		return end, true
	}
	return 0, false
}

// word matches the rules on the words of the language at p, which holds
// r: (import|package)\b and the others. It reports whether one matched,
// and where it ends.
func (l *goLex) word(p int, r rune) (int, bool) {
	if !isWordChar(r) || isDigit(r) {
		return 0, false
	}
	end := l.run(p, isWordChar)
	w := l.text[p:end]
	switch {
	case goNamespace[w]:
		l.emit(chroma.KeywordNamespace, w)
	case goDeclaration[w]:
		l.emit(chroma.KeywordDeclaration, w)
	case goKeyword[w]:
		l.emit(chroma.Keyword, w)
	case goConstant[w]:
		l.emit(chroma.KeywordConstant, w)
	case goBuiltinCall[w] && l.byteAt(end) == '(':
		l.emit(chroma.NameBuiltin, w)
		l.emit(chroma.Punctuation, "(")
		return end + 1, true
	case goType[w]:
		l.emit(chroma.KeywordType, w)
	default:
		return 0, false
	}
	return end, true
}

// numberToken matches chroma's number rules at p, which holds r: those
// that start with a digit (number), then those that start with a dot.
// It reports whether one matched, and where it ends.
func (l *goLex) numberToken(p int, r rune) (int, bool) {
	text := l.text
	if isDigit(r) {
		if end, typ, ok := l.number(p); ok {
			l.emit(typ, text[p:end])
			return end, true
		}
	}
	if text[p] != '.' || !l.digitAt(p+1) {
		return 0, false
	}
	e := l.digits(p + 1)
	// \.\d+([Ee][-+]\d+)?i
	if k := l.signedExp(e, true); k > 0 && l.byteAt(k) == 'i' {
		l.emit(chroma.LiteralNumber, text[p:k+1])
		return k + 1, true
	}
	if l.byteAt(e) == 'i' {
		l.emit(chroma.LiteralNumber, text[p:e+1])
		return e + 1, true
	}
	// \.\d+([eE][+\-]?\d+)?
	end := e
	if k := l.signedExp(e, false); k > 0 {
		end = k
	}
	l.emit(chroma.LiteralNumberFloat, text[p:end])
	return end, true
}

// literal matches chroma's rune, raw string and string rules at p. It
// reports where the literal ends and whether one matched; ok is false
// for text left to chroma (a raw string that holds "{{").
func (l *goLex) literal(p int) (end int, matched, ok bool) {
	text := l.text
	switch text[p] {
	case '\'':
		if end := l.char(p); end > 0 {
			l.emit(chroma.LiteralStringChar, text[p:end])
			return end, true, true
		}
	case '`':
		// (`)([^`]*)(`), the middle lexed as a Go template whose text is
		// a string: [^{]+ and { are its tokens when it has no "{{".
		j := strings.IndexByte(text[p+1:], '`')
		if j < 0 {
			break
		}
		body := text[p+1 : p+1+j]
		if strings.Contains(body, "{{") {
			return 0, false, false
		}
		l.emit(chroma.LiteralString, "`")
		for body != "" {
			k := strings.IndexByte(body, '{')
			switch {
			case k < 0:
				k = len(body)
			case k == 0:
				k = 1
			}
			l.emit(chroma.LiteralString, body[:k])
			body = body[k:]
		}
		l.emit(chroma.LiteralString, "`")
		return p + 2 + j, true, true
	case '"':
		if end := l.str(p); end > 0 {
			l.emit(chroma.LiteralString, text[p:end])
			return end, true, true
		}
	}
	return 0, false, true
}

// operatorOrName matches the last of chroma's rules at p, which holds r
// of n bytes: operators, a function name, punctuation, another name. It
// returns where the token ends, p if none matches.
func (l *goLex) operatorOrName(p int, r rune, n int) int {
	text := l.text
	c := text[p]
	for _, op := range goOperators {
		if strings.HasPrefix(text[p:], op) {
			l.emit(chroma.Operator, op)
			return p + len(op)
		}
	}

	// ([a-zA-Z_]\w*)(\s*)(\()
	if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		end := l.run(p, isWordChar)
		sp := l.run(end, unicode.IsSpace)
		if l.byteAt(sp) == '(' {
			l.emit(chroma.NameFunction, text[p:end])
			l.emit(chroma.TextWhitespace, text[end:sp])
			l.emit(chroma.Punctuation, "(")
			return sp + 1
		}
	}

	if strings.IndexByte("|^<>=!()[]{}.,;:~", c) >= 0 {
		l.emit(chroma.Punctuation, text[p:p+1])
		return p + 1
	}

	// [^\W\d]\w*, which regexp2 reads as \w\w*: its class test stops at
	// the first category that decides, and \W decides for every word
	// character, digits of other scripts included (ASCII digits never
	// get here).
	if isWordChar(r) {
		end := l.run(p+n, isWordChar)
		l.emit(chroma.NameOther, text[p:end])
		return end
	}
	return p
}

// signedExp matches an exponent at i: [Ee][-+]\d+ if signed, else
// [eE][+\-]?\d+. It returns its end, or 0.
func (l *goLex) signedExp(i int, signed bool) int {
	if c := l.byteAt(i); c != 'e' && c != 'E' {
		return 0
	}
	j := i + 1
	if c := l.byteAt(j); c == '+' || c == '-' {
		if l.digitAt(j + 1) {
			return l.digits(j + 1)
		}
		return 0
	}
	if !signed && l.digitAt(j) {
		return l.digits(j)
	}
	return 0
}

// number matches chroma's number rules at p, which holds a \d, in their
// order, and returns the end and type of the first that matches.
func (l *goLex) number(p int) (int, chroma.TokenType, bool) {
	text := l.text
	d := l.digits(p)
	// \d+i
	if l.byteAt(d) == 'i' {
		return d + 1, chroma.LiteralNumber, true
	}
	// \d+\.\d*([Ee][-+]\d+)?i
	if l.byteAt(d) == '.' {
		e := l.digits(d + 1)
		if k := l.signedExp(e, true); k > 0 && l.byteAt(k) == 'i' {
			return k + 1, chroma.LiteralNumber, true
		}
		if l.byteAt(e) == 'i' {
			return e + 1, chroma.LiteralNumber, true
		}
	}
	// \d+[Ee][-+]\d+i
	if k := l.signedExp(d, true); k > 0 && l.byteAt(k) == 'i' {
		return k + 1, chroma.LiteralNumber, true
	}
	// \d+(\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)
	if l.byteAt(d) == '.' {
		e := l.digits(d + 1)
		if e > d+1 {
			if k := l.signedExp(e, false); k > 0 {
				return k, chroma.LiteralNumberFloat, true
			}
		}
		return e, chroma.LiteralNumberFloat, true
	}
	if k := l.signedExp(d, false); k > 0 {
		return k, chroma.LiteralNumberFloat, true
	}
	isOct := func(c byte) bool { return '0' <= c && c <= '7' }
	isHex := func(c byte) bool {
		return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' || c == '_'
	}
	isBin := func(c byte) bool { return c == '0' || c == '1' || c == '_' }
	isDec := func(c byte) bool { return '0' <= c && c <= '9' || c == '_' }
	span := func(i int, f func(byte) bool) int {
		for i < len(text) && f(text[i]) {
			i++
		}
		return i
	}
	switch c := text[p]; {
	case c == '0' && isOct(l.byteAt(p+1)): // 0[0-7]+
		return span(p+1, isOct), chroma.LiteralNumberOct, true
	case c == '0' && (l.byteAt(p+1) == 'x' || l.byteAt(p+1) == 'X') && isHex(l.byteAt(p+2)): // 0[xX][0-9a-fA-F_]+
		return span(p+2, isHex), chroma.LiteralNumberHex, true
	case c == '0' && l.byteAt(p+1) == 'b' && isBin(l.byteAt(p+2)): // 0b[01_]+
		return span(p+2, isBin), chroma.LiteralNumberBin, true
	case c == '0': // (0|[1-9][0-9_]*)
		return p + 1, chroma.LiteralNumberInteger, true
	case '1' <= c && c <= '9':
		return span(p+1, isDec), chroma.LiteralNumberInteger, true
	}
	return 0, 0, false
}

// char matches chroma's rune literal at p, which holds a quote:
// '(\\['"\\abfnrtv]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|[^\\])'.
// It returns the end, or 0.
func (l *goLex) char(p int) int {
	text := l.text
	q := p + 1
	closes := func(end int) bool { return l.byteAt(end) == '\'' }
	hexRun := func(i, n int) bool {
		if i+n > len(text) {
			return false
		}
		for _, c := range []byte(text[i : i+n]) {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
		return true
	}
	if l.byteAt(q) == '\\' {
		c := l.byteAt(q + 1)
		if strings.IndexByte(`'"\abfnrtv`, c) >= 0 && c != 0 && closes(q+2) {
			return q + 3
		}
		if c == 'x' && hexRun(q+2, 2) && closes(q+4) {
			return q + 5
		}
		oct := 0
		for oct < 3 && '0' <= l.byteAt(q+1+oct) && l.byteAt(q+1+oct) <= '7' {
			oct++
		}
		for k := oct; k >= 1; k-- {
			if closes(q + 1 + k) {
				return q + 2 + k
			}
		}
		if c == 'u' && hexRun(q+2, 4) && closes(q+6) {
			return q + 7
		}
		if c == 'U' && hexRun(q+2, 8) && closes(q+10) {
			return q + 11
		}
		return 0
	}
	if _, n := l.at(q); n > 0 && closes(q+n) {
		return q + n + 1
	}
	return 0
}

// str matches chroma's string literal at p, which holds a double quote:
// "(\\\\|\\"|[^"])*". The repetition runs greedily, over line ends,
// to the first quote not escaped; with none before the end of the text,
// the engine backs off to the last escaped quote, which then closes the
// string. It returns the end, or 0.
func (l *goLex) str(p int) int {
	text := l.text
	lastEscaped := -1
	for j := p + 1; j < len(text); {
		switch {
		case text[j] == '\\' && l.byteAt(j+1) == '\\':
			j += 2
		case text[j] == '\\' && l.byteAt(j+1) == '"':
			lastEscaped = j + 1
			j += 2
		case text[j] == '"':
			return j + 1
		default:
			_, n := l.at(j)
			j += n
		}
	}
	if lastEscaped >= 0 {
		return lastEscaped + 1
	}
	return 0
}

// highlightGo is highlight for Go code.
func highlightGo(lines []string) []string {
	text := strings.Join(lines, "\n") + "\n"
	toks, ok := goTokens(text)
	if !ok {
		return highlight(lexerFor("go"), lines)
	}
	out := make([]string, len(lines))
	formatTokens(coalesce(toks), out)
	return out
}

// coalesce merges adjacent tokens of one type as chroma.Coalesce does:
// while the merged value is under 8192 bytes.
func coalesce(toks []chroma.Token) []chroma.Token {
	var out []chroma.Token
	for _, t := range toks {
		if t.Value == "" {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].Type == t.Type && len(out[k].Value) < 8192 {
			out[k].Value += t.Value
			continue
		}
		out = append(out, t)
	}
	return out
}
