package weave

import (
	_ "embed"
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-fonts/latin-modern/lmmath"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"ctml/internal/lit"
	"ctml/internal/mathfont"
	"ctml/internal/tex"
)

// The math font, written into the site when a page has a formula, and
// its licence. book.css uses it for every math element. It is Latin
// Modern Math cut down to the characters the book's formulas use
// (package ctml/internal/mathfont), as WOFF2, under a name of its own,
// as the GUST Font License asks of a modified font.
const (
	mathFontPath    = "fonts/latinmodern-math-subset.woff2"
	mathLicencePath = "fonts/latinmodern-math-LICENSE.txt"
	mathFontFamily  = "Latin Modern Math Subset"
)

//go:embed assets/GUST-FONT-LICENSE.txt
var gustLicence []byte

// subsetNote heads the licence written beside the subset font.
const subsetNote = `% ` + mathFontPath + ` is a modified version of Latin Modern Math
% (latinmodern-math.otf, version 1.959, from github.com/go-fonts/latin-modern):
% buildbook removed the outlines of the glyphs this book does not use and
% wrote the rest as WOFF2. Glyph ids, metrics of the glyphs kept and the
% MATH, GSUB and GPOS tables are unchanged. The original font and this
% modified version are distributed under the GUST Font License below.
%
`

// mathFont returns the files of the math font for a book whose formulas
// use runes, those in stretchy in operators that may stretch or grow,
// kept in m (which may be nil).
func mathFont(m *Memo, runes, stretchy []rune) ([]*File, error) {
	data, err := m.subset(runes, stretchy)
	if err != nil {
		return nil, err
	}
	lic := append([]byte(subsetNote), gustLicence...)
	return []*File{{Path: mathFontPath, Data: data}, {Path: mathLicencePath, Data: lic}}, nil
}

// subsetFont returns the WOFF2 subset of Latin Modern Math for runes,
// remembering the last one: the tests build the same book many times.
var subsetFont = func() func(runes, stretchy []rune) ([]byte, error) {
	var mu sync.Mutex
	var lastKey string
	var last []byte
	return func(runes, stretchy []rune) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		key := string(runes) + "\x00" + string(stretchy)
		if key == lastKey && last != nil {
			return last, nil
		}
		f, err := mathfont.Subset(lmmath.TTF, runes, stretchy)
		if err != nil {
			return nil, err
		}
		lastKey, last = key, f.WOFF2()
		return last, nil
	}
}()

// MathRunes returns the characters a browser draws with the math font
// for MathML: the text of the token elements (mi, mo, mn, ms, mtext),
// where a one-character mi without a mathvariant counts as its
// mathematical italic form (MathML Core's text-transform: math-auto,
// which draws 𝑓 for <mi>f</mi>), the quotes
// around an ms, and the spaces; sorted, each once. stretchy holds those
// of the operators (mo) that may stretch or grow: all but those marked
// stretchy="false".
func MathRunes(mathml []string) (runes, stretchy []rune) {
	set := map[rune]bool{' ': true, '\u00a0': true}
	grow := map[rune]bool{}
	for _, m := range mathml {
		addMathRunes(m, set, grow)
	}
	return slices.Sorted(maps.Keys(set)), slices.Sorted(maps.Keys(grow))
}

// addMathRunes adds the runes of the MathML m, as tex.MathML writes it,
// to set, and those of stretchy operators to grow. It reads the markup
// itself, the one thing a build does to every formula twice: tags with
// quoted attributes, text with character references (TestMathRunes
// compares it with golang.org/x/net/html's tokenizer on every formula of
// the book).
func addMathRunes(m string, set, grow map[rune]bool) {
	var tag string
	auto, stretch := false, false
	for i := 0; i < len(m); {
		if m[i] != '<' {
			j := strings.IndexByte(m[i:], '<')
			if j < 0 {
				j = len(m) - i
			}
			text := m[i : i+j]
			i += j
			switch tag {
			case "mi", "mo", "mn", "ms", "mtext":
			default:
				continue
			}
			if strings.IndexByte(text, '&') >= 0 {
				text = html.UnescapeString(text)
			}
			addTokenRunes(text, auto, stretch, set, grow)
			continue
		}
		name, attrs, end, ok := scanTag(m[i:])
		if !ok {
			return
		}
		i += end
		switch {
		case strings.HasPrefix(name, "/"):
			tag = ""
		case strings.HasSuffix(attrs, "/"):
			// A self-closing tag (<mspace/>) opens nothing.
		default:
			tag = name
			auto, stretch = tag == "mi", tag == "mo"
			for k, v := range tagAttrs(attrs) {
				switch k {
				case "mathvariant":
					auto = false
				case "stretchy":
					stretch = stretch && v != "false"
				}
			}
			if tag == "ms" {
				set['"'] = true
			}
		}
	}
}

// addTokenRunes adds the runes of the text of a token element: for a
// one-character mi drawn in the math-auto style (auto), its italic form;
// with stretch, to grow too.
func addTokenRunes(text string, auto, stretch bool, set, grow map[rune]bool) {
	if r, n := utf8.DecodeRuneInString(text); auto && n == len(text) && n > 0 {
		// The browser draws the italic form, never this one.
		if it, ok := mathItalic(r); ok {
			set[it] = true
			return
		}
	}
	for _, r := range text {
		set[r] = true
		if stretch {
			grow[r] = true
		}
	}
}

// scanTag reads the tag that s starts with: its name ("/mi" for an end
// tag), what follows the name, and the length of the tag; quoted values
// may hold '>'.
func scanTag(s string) (name, attrs string, end int, ok bool) {
	var quote byte
	for j := 1; j < len(s); j++ {
		switch c := s[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			body := s[1:j]
			name, attrs, _ = strings.Cut(body, " ")
			if n, ok := strings.CutSuffix(name, "/"); ok {
				name, attrs = n, "/"
			}
			return strings.ToLower(name), strings.TrimSpace(attrs), j + 1, true
		}
	}
	return "", "", 0, false
}

// tagAttrs yields the attributes of a tag, name="value" or name='value'.
func tagAttrs(attrs string) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for s := attrs; ; {
			s = strings.TrimLeft(s, " \t\n")
			if s == "" || s == "/" {
				return
			}
			k, rest, hasValue := strings.Cut(s, "=")
			if sp := strings.IndexAny(k, " \t\n"); sp >= 0 || !hasValue {
				if sp < 0 {
					sp = len(k)
				}
				if !yield(strings.ToLower(k[:sp]), "") {
					return
				}
				s = s[sp:]
				continue
			}
			v := ""
			if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
				if e := strings.IndexByte(rest[1:], rest[0]); e >= 0 {
					v, s = html.UnescapeString(rest[1:1+e]), rest[2+e:]
				} else {
					v, s = rest[1:], ""
				}
			} else {
				e := strings.IndexAny(rest, " \t\n")
				if e < 0 {
					e = len(rest)
				}
				v, s = rest[:e], rest[e:]
			}
			if !yield(strings.ToLower(k), v) {
				return
			}
		}
	}
}

// mathItalic returns the mathematical italic form of r, as MathML Core's
// math-auto text transform maps a one-character mi.
func mathItalic(r rune) (rune, bool) {
	switch {
	case r == 'h':
		return 0x210E, true
	case r >= 'A' && r <= 'Z':
		return 0x1D434 + r - 'A', true
	case r >= 'a' && r <= 'z':
		return 0x1D44E + r - 'a', true
	case r == 0x131:
		return 0x1D6A4, true
	case r == 0x237:
		return 0x1D6A5, true
	case r >= 0x391 && r <= 0x3A9 && r != 0x3A2:
		return 0x1D6E2 + r - 0x391, true
	case r == 0x3F4:
		return 0x1D6F1, true
	case r == 0x2207:
		return 0x1D6FB, true
	case r >= 0x3B1 && r <= 0x3C9:
		return 0x1D6FC + r - 0x3B1, true
	}
	if i := strings.IndexRune("∂ϵϑϰϕϱϖ", r); i >= 0 {
		return 0x1D715 + rune(len([]rune("∂ϵϑϰϕϱϖ"[:i]))), true
	}
	return 0, false
}

// typeset parses every formula of the page and keeps its MathML for both
// renderings; it returns the errors, at their Markdown positions.
func (r *nodeRenderer) typeset() lit.ErrorList {
	return r.p.Doc.ParseMath(func(n ast.Node, l *tex.List) {
		if r.math == nil {
			r.math = map[ast.Node]string{}
		}
		r.math[n] = tex.MathML(l)
	})
}

// formula writes the MathML of a formula.
func (r *nodeRenderer) formula(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(r.math[n])
		if n.Kind() == lit.KindMathBlock {
			w.WriteByte('\n')
		}
	}
	return ast.WalkSkipChildren, nil
}
