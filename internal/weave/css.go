package weave

import (
	"bytes"
	"slices"
	"strings"
	"sync"
)

// mathFontFace is the rule that makes the math font of the site
// available, added to book.css when the site has it.
const mathFontFace = `
/* The math font, written into the site with the formulas. */
@font-face {
  font-family: "` + mathFontFamily + `";
  src: url("` + mathFontPath + `") format("woff2");
  font-display: swap;
}
`

// stylesheet returns book.css, with the @font-face rule of the math font
// if the site has formulas.
func stylesheet(math bool) []byte {
	css := baseStylesheet()
	if !math {
		return css
	}
	return append(slices.Clip(css), minifyCSS([]byte(mathFontFace))...)
}

// baseStylesheet returns the hand-written rules followed by the code
// palettes of chroma's styles, the dark one for the system's dark mode
// and for the reader's: assets/palette.css, which TestPalette generates
// from chroma's styles (go test -update rewrites it), so that buildbook
// does not load chroma's styles, all of them, when it starts.
var baseStylesheet = sync.OnceValue(func() []byte {
	base, err := files.ReadFile("assets/book.css")
	if err != nil {
		panic("weave: " + err.Error()) // embedded
	}
	var b strings.Builder
	b.Write(base)
	b.WriteString(palette())
	return minifyCSS([]byte(b.String()))
})

// palette returns assets/palette.css.
func palette() string {
	data, err := files.ReadFile("assets/palette.css")
	if err != nil {
		panic("weave: " + err.Error()) // embedded
	}
	return string(data)
}

// favicon returns favicon.svg: two objects and a morphism between them.
func favicon() []byte {
	data, err := files.ReadFile("assets/favicon.svg")
	if err != nil {
		panic("weave: " + err.Error()) // embedded
	}
	return data
}

// script returns book.js, without its comments and indentation.
var script = sync.OnceValue(func() []byte {
	data, err := files.ReadFile("assets/book.js")
	if err != nil {
		panic("weave: " + err.Error()) // embedded
	}
	return minifyJS(data)
})

// minifyJS drops the comment lines, blank lines and indentation of a
// script written in the style of book.js; lines stay lines, so automatic
// semicolons are unaffected.
func minifyJS(js []byte) []byte {
	var b bytes.Buffer
	for line := range bytes.Lines(js) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || bytes.HasPrefix(t, []byte("//")) {
			continue
		}
		b.Write(t)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// minifyCSS drops the comments of a stylesheet and the white space it
// does not need: runs of white space become one space, and none is kept
// next to { } ; , or >, nor before }. Strings are kept as they are.
func minifyCSS(css []byte) []byte {
	var b bytes.Buffer
	tight := func(c byte) bool { return strings.IndexByte("{};,>", c) >= 0 }
	last := func() byte {
		if b.Len() == 0 {
			return '{'
		}
		return b.Bytes()[b.Len()-1]
	}
	for i := 0; i < len(css); i++ {
		c := css[i]
		switch {
		case c == '/' && i+1 < len(css) && css[i+1] == '*':
			end := bytes.Index(css[i+2:], []byte("*/"))
			if end < 0 {
				return b.Bytes()
			}
			i += end + 3
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(css) && css[j] != c {
				if css[j] == '\\' {
					j++
				}
				j++
			}
			b.Write(css[i:min(j+1, len(css))])
			i = j
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			j := i
			for j+1 < len(css) && strings.IndexByte(" \n\t\r", css[j+1]) >= 0 {
				j++
			}
			// After a colon a space is never needed: in a declaration it
			// only separates, and selectors have none there.
			if j+1 < len(css) && !tight(last()) && last() != ':' && !tight(css[j+1]) && !(css[j+1] == '/' && j+2 < len(css) && css[j+2] == '*') {
				b.WriteByte(' ')
			}
			i = j
		case c == '}' && last() == ';':
			b.Bytes()[b.Len()-1] = '}'
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\n')
	return b.Bytes()
}
