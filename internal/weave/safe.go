package weave

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// The HTML an author may write, and what the site may hold.
//
// Raw HTML in the Markdown (inline tags and HTML blocks) is checked
// against an allow-list of what a book needs: an element or attribute
// outside it is an error at its Markdown position, as is a link whose URL
// has a scheme other than http, https and mailto (javascript:, vbscript:,
// data: …) and an image that is not a file of the book. The list admits
// no script, no event handler, no inline CSS, no form, frame or embedded
// object: nothing in raw HTML runs in the reader's browser or reaches the
// network. The HTML the book's own renderer writes (headings, code,
// MathML, figures) is not held to the list; it is checked with
// everything else the site holds.
//
// Then the rendered pages, the figures the book's programs draw and the
// SVG and CSS files copied from the manuscript are parsed (HTML with
// golang.org/x/net/html's tokenizer, which follows the HTML standard; SVG
// as XML), and every URL they would fetch is checked: src, srcset (every
// candidate), poster, data, background, action, formaction, ping, href
// on anything but a link, xlink:href, and CSS url(), @import and
// image-set() in style attributes, <style> elements and presentation
// attributes. One that leaves the machine (http:, https:, //host, …) is
// an error at the position of what wrote it; so are scripts and event
// handlers in a copied or drawn SVG. HTML files are not copied from the
// manuscript: their scripts would run unchecked.

// rawElements are the elements raw HTML may use, each with the
// attributes of its own it may have (the global ones are in rawGlobal).
var rawElements = map[string][]string{
	// text
	"a": {"href", "rel", "hreflang"}, "abbr": nil, "b": nil, "bdi": nil, "bdo": nil, "br": nil,
	"cite": nil, "code": nil, "del": {"cite", "datetime"}, "dfn": nil, "em": nil, "i": nil,
	"ins": {"cite", "datetime"}, "kbd": nil, "mark": nil, "q": {"cite"}, "rp": nil, "rt": nil,
	"ruby": nil, "s": nil, "samp": nil, "small": nil, "span": nil, "strong": nil, "sub": nil,
	"sup": nil, "time": {"datetime"}, "u": nil, "var": nil, "wbr": nil,
	// blocks
	"blockquote": {"cite"}, "dd": nil, "details": {"open"}, "div": nil, "dl": nil, "dt": nil,
	"figcaption": nil, "figure": nil, "hr": nil, "li": {"value"}, "ol": {"reversed", "start", "type"},
	"p": nil, "pre": nil, "summary": nil, "ul": nil,
	// tables
	"caption": nil, "col": {"span"}, "colgroup": {"span"}, "table": nil, "tbody": nil,
	"td": {"colspan", "rowspan", "headers"}, "tfoot": nil, "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
	"thead": nil, "tr": nil,
	// images, which are files of the book
	"img":     {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
	"picture": nil, "source": {"srcset", "sizes", "media", "type", "width", "height"},
}

// rawGlobal are the attributes any element of raw HTML may have, besides
// aria-*.
var rawGlobal = []string{"id", "class", "title", "lang", "dir", "role", "translate"}

// rawAllowed reports whether raw HTML may give element tag attribute key.
func rawAllowed(tag, key string) bool {
	return strings.HasPrefix(key, "aria-") || slices.Contains(rawGlobal, key) || slices.Contains(rawElements[tag], key)
}

// refKind says what a browser does with a URL attribute.
type refKind int

const (
	notRef   refKind = iota
	navigate         // followed when the reader clicks: href of a link
	fetch            // fetched as the page opens, or sent data to: src, srcset, …
	fetchSet         // a srcset: a list of candidates, each fetched
	fetchCSS         // a presentation attribute: CSS that may hold url()
)

// refAttr says what the value of attribute key of element tag is.
func refAttr(tag, key string) refKind {
	switch key {
	case "href", "xlink:href":
		if tag == "a" || tag == "area" {
			return navigate
		}
		return fetch // link, use, image, feimage, base, script, …
	case "src", "poster", "data", "background", "action", "formaction", "ping", "manifest",
		"codebase", "lowsrc", "dynsrc", "icon", "profile", "longdesc":
		return fetch
	case "srcset", "imagesrcset":
		return fetchSet
	case "fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid", "marker-end", "cursor":
		return fetchCSS
	}
	return notRef
}

// runsScript reports whether the element would run code or load another
// document into the page: a site may hold none of these.
func runsScript(tag string) bool {
	switch tag {
	case "script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base", "handler", "listener":
		return true
	}
	return false
}

// cleanURL returns ref as a browser reads it: without leading and trailing
// spaces and control characters, and without tabs and newlines inside.
func cleanURL(ref string) string {
	ref = strings.TrimFunc(ref, func(r rune) bool { return r <= ' ' })
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, ref)
}

// scheme returns the lower-case scheme of a cleaned URL, "" if it has
// none.
func scheme(ref string) string {
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(ref[:i])
		default:
			return ""
		}
	}
	return ""
}

// networked reports whether a cleaned URL names another machine: a network
// scheme, or a path that starts with two slashes (a backslash counts, as
// in browsers).
func networked(ref string) bool {
	if len(ref) >= 2 && (ref[0] == '/' || ref[0] == '\\') && (ref[1] == '/' || ref[1] == '\\') {
		return true
	}
	switch scheme(ref) {
	case "http", "https", "ftp", "ws", "wss", "file":
		return true
	}
	return false
}

// linkSchemes are the schemes a link of the book may have, besides none.
var linkSchemes = []string{"http", "https", "mailto"}

// linkProblem returns what is wrong with ref as the URL of a link, or "".
func linkProblem(ref string) string {
	if s := scheme(cleanURL(ref)); s != "" && !slices.Contains(linkSchemes, s) {
		return fmt.Sprintf("%s: the book links to its own files (relative paths) and to http:, https: and mailto: URLs only", short(ref))
	}
	return ""
}

// fetchProblem returns what is wrong with ref as a URL that the page
// fetches, or "": local reports whether raw HTML wrote it, which may
// name only files of the book.
func fetchProblem(ref string, raw bool) string {
	c := cleanURL(ref)
	switch {
	case networked(c):
		return short(ref) + " would be fetched from the network: put the file in the book directory and use a relative path"
	case scheme(c) == "data" && !raw:
		return ""
	case scheme(c) != "":
		return short(ref) + " is not a file of the book: name one by a relative path"
	}
	return ""
}

// short shortens a URL for a message (a data: URL can be long) and
// quotes it if it holds spaces or control characters.
func short(ref string) string {
	if len(ref) > 60 {
		ref = ref[:57] + "…"
	}
	if strings.IndexFunc(ref, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return strconv.Quote(ref)
	}
	return ref
}

// srcsetURLs returns the URLs of a srcset, every candidate, with the
// HTML standard's parsing: a URL runs to white space; commas separate
// candidates, and a URL's own trailing commas end it.
func srcsetURLs(s string) []string {
	var urls []string
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	for i := 0; i < len(s); {
		for i < len(s) && (space(s[i]) || s[i] == ',') {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) && !space(s[j]) {
			j++
		}
		u := s[i:j]
		i = j
		if trimmed := strings.TrimRight(u, ","); trimmed != u {
			urls = append(urls, trimmed)
			continue
		}
		urls = append(urls, u)
		// The descriptors, to the next comma outside parentheses.
		depth := 0
		for ; i < len(s); i++ {
			if s[i] == '(' {
				depth++
			} else if s[i] == ')' && depth > 0 {
				depth--
			} else if s[i] == ',' && depth == 0 {
				break
			}
		}
	}
	return urls
}

// cssRef is a URL in CSS, at a byte offset.
type cssRef struct {
	off int
	url string
}

// cssURLs returns the URLs that CSS text would fetch: url(…) (quoted or
// not), the strings of src(), image() and image-set(), and @import's
// string, with CSS escapes decoded (u\72l( is url(). @namespace names a
// namespace and fetches nothing.
func cssURLs(css string) []cssRef {
	var refs []cssRef
	var fns []string // open functions, innermost last
	var fnAt []int   // where each starts
	at := ""         // the at-rule whose prelude this is
	for i := 0; i < len(css); {
		c := css[i]
		switch {
		case strings.HasPrefix(css[i:], "/*"):
			if end := strings.Index(css[i+2:], "*/"); end >= 0 {
				i += end + 4
			} else {
				i = len(css)
			}
		case c == '"' || c == '\'':
			s, n := cssString(css[i:])
			fn := ""
			if len(fns) > 0 {
				fn = fns[len(fns)-1]
			}
			switch {
			case fn == "url":
				refs = append(refs, cssRef{fnAt[len(fnAt)-1], s})
			case fn == "src" || fn == "image" || fn == "image-set" || fn == "-webkit-image-set":
				refs = append(refs, cssRef{i, s})
			case len(fns) == 0 && at == "import":
				refs = append(refs, cssRef{i, s})
			}
			i += n
		case c == '@':
			name, n := cssIdent(css[i+1:])
			at = strings.ToLower(name)
			i += 1 + n
		case cssNameStart(css[i:]):
			start := i
			name, n := cssIdent(css[i:])
			i += n
			if i >= len(css) || css[i] != '(' {
				continue
			}
			i++
			name = strings.ToLower(name)
			if name == "url" {
				j := i
				for j < len(css) && cssSpace(css[j]) {
					j++
				}
				if j < len(css) && css[j] != '"' && css[j] != '\'' {
					u, n := cssURLToken(css[j:])
					if at != "namespace" {
						refs = append(refs, cssRef{start, u})
					}
					i = j + n
					continue
				}
				if at == "namespace" {
					name = "" // its string names, it does not fetch
				}
			}
			fns, fnAt = append(fns, name), append(fnAt, start)
		case c == '(' || c == '[':
			fns, fnAt = append(fns, ""), append(fnAt, i)
			i++
		case c == ')' || c == ']':
			if len(fns) > 0 {
				fns, fnAt = fns[:len(fns)-1], fnAt[:len(fnAt)-1]
			}
			i++
		case c == ';' || c == '{' || c == '}':
			at, fns, fnAt = "", fns[:0], fnAt[:0]
			i++
		default:
			i++
		}
	}
	return refs
}

func cssSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func cssHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// cssNameStart reports whether s starts an identifier: a letter, _, a
// non-ASCII byte or an escape, possibly after one -, or --.
func cssNameStart(s string) bool {
	start := func(s string) bool {
		if s == "" {
			return false
		}
		c := s[0]
		return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 || c == '\\' && len(s) > 1 && s[1] != '\n'
	}
	if strings.HasPrefix(s, "-") {
		return strings.HasPrefix(s, "--") || start(s[1:])
	}
	return start(s)
}

// cssEscape decodes the escape at the start of s (after the backslash)
// and returns the text and the bytes it takes.
func cssEscape(s string) (string, int) {
	if s == "" {
		return "\uFFFD", 0
	}
	n := 0
	for n < len(s) && n < 6 && cssHex(s[n]) {
		n++
	}
	if n == 0 {
		return s[:1], 1 // the next byte as it is (UTF-8 continuation bytes follow as name bytes)
	}
	var r rune
	for _, c := range s[:n] {
		switch {
		case c <= '9':
			r = r*16 + (c - '0')
		case c >= 'a':
			r = r*16 + (c - 'a' + 10)
		default:
			r = r*16 + (c - 'A' + 10)
		}
	}
	if n < len(s) && cssSpace(s[n]) {
		n++
	}
	if r == 0 || r > 0x10FFFF || 0xD800 <= r && r <= 0xDFFF {
		r = '\uFFFD'
	}
	return string(r), n
}

// cssIdent reads the identifier at the start of s, decoding escapes.
func cssIdent(s string) (string, int) {
	var b strings.Builder
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] != '\n':
			t, n := cssEscape(s[i+1:])
			b.WriteString(t)
			i += 1 + n
		case c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80:
			b.WriteByte(c)
			i++
		default:
			return b.String(), i
		}
	}
	return b.String(), i
}

// cssString reads the string at the start of s, quote included.
func cssString(s string) (string, int) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == q:
			return b.String(), i + 1
		case c == '\n':
			return b.String(), i // a bad string ends at the newline
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i++
		case c == '\\':
			t, n := cssEscape(s[i+1:])
			b.WriteString(t)
			i += n
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), len(s)
}

// cssURLToken reads an unquoted url( token's value at the start of s, to
// its closing parenthesis, which it consumes.
func cssURLToken(s string) (string, int) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ')':
			return strings.TrimRight(b.String(), " \t\n\r\f"), i + 1
		case c == '\\' && i+1 < len(s) && s[i+1] != '\n':
			t, n := cssEscape(s[i+1:])
			b.WriteString(t)
			i += n
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimRight(b.String(), " \t\n\r\f"), len(s)
}

// A markupProblem is something wrong in checked markup, at a byte offset.
type markupProblem struct {
	off int
	msg string
}

// span is a run of a page's HTML that came from one place of the
// Markdown: raw HTML copied as it is (src is the offset of its first byte
// in the Markdown), or the HTML of a link or image, whose URL the weave
// checked already.
type span struct {
	start, end int // in the HTML
	src        int // raw: where start is in the Markdown; -1 for a link or image
	group      int // the raw HTML node it belongs to: one tag may span its lines
}

// checkPage checks the HTML of a page's content: the tokens that raw
// HTML wrote against the allow-list, and everything else (the book's own
// markup) for what no page may hold. local returns what is wrong with a
// relative URL that raw HTML fetches (a missing file), or "".
func checkPage(data []byte, spans []span, local func(ref string) string) []markupProblem {
	c := &pageCheck{z: html.NewTokenizer(bytes.NewReader(data)), local: local}
	x := newSpanIndex(spans)
	for {
		tt := c.z.Next()
		raw := c.z.Raw()
		start, end := c.off, c.off+len(raw)
		c.off = end
		i := x.at(start)
		if tt == html.ErrorToken {
			if len(raw) > 0 && i >= 0 && spans[i].src >= 0 {
				c.add(start, "this raw HTML tag does not end where the HTML does: close it (a > or a quote is missing)")
			}
			return c.probs
		}
		var sp *span
		if i >= 0 {
			sp = &spans[i]
		}
		if sp != nil && sp.src < 0 {
			continue // a link or image: its URL is checked in the Markdown
		}
		if sp != nil && tt != html.TextToken && end > x.groupEnd[i] {
			what := "tag"
			if tt == html.CommentToken {
				what = "comment"
			}
			c.add(start, "this raw HTML %s does not end where the HTML does: close it (a > or a quote is missing)", what)
			continue
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			c.startTag(tt, start, sp != nil)
		case html.EndTagToken:
			name, _ := c.z.TagName()
			if n := len(c.foreign); n > 0 && string(name) == c.foreign[n-1] {
				c.foreign = c.foreign[:n-1]
				c.z.AllowCDATA(len(c.foreign) > 0)
			}
		}
	}
}

// spanIndex finds the span an offset of a page's HTML lies in.
type spanIndex struct {
	spans []span
	// groupEnd is the end of each span's group: a raw HTML node written
	// in pieces (lines) is one run of the HTML.
	groupEnd []int
}

func newSpanIndex(spans []span) *spanIndex {
	x := &spanIndex{spans: spans, groupEnd: make([]int, len(spans))}
	for i := len(spans) - 1; i >= 0; i-- {
		x.groupEnd[i] = spans[i].end
		if i+1 < len(spans) && spans[i+1].group == spans[i].group && spans[i+1].start == spans[i].end {
			x.groupEnd[i] = x.groupEnd[i+1]
		}
	}
	return x
}

// at returns the index of the span holding offset off, or -1.
func (x *spanIndex) at(off int) int {
	i, found := slices.BinarySearchFunc(x.spans, off, func(s span, off int) int {
		switch {
		case s.end <= off:
			return -1
		case s.start > off:
			return 1
		}
		return 0
	})
	if !found {
		return -1
	}
	return i
}

// rawText are the HTML elements whose content the tokenizer reads as text
// (raw text and escapable raw text), which inside SVG and MathML hold
// markup.
var rawText = map[string]bool{
	"style": true, "title": true, "textarea": true, "xmp": true, "iframe": true,
	"noembed": true, "noframes": true, "noscript": true, "script": true,
}

// pageCheck is the state of checkPage: the tokenizer, the offset of the
// next token, the svg and math elements open (their <style> is not raw
// text) and the problems found.
type pageCheck struct {
	z       *html.Tokenizer
	off     int
	foreign []string
	probs   []markupProblem
	local   func(ref string) string
}

func (c *pageCheck) add(off int, format string, args ...any) {
	c.probs = append(c.probs, markupProblem{off, fmt.Sprintf(format, args...)})
}

// startTag checks the start tag at offset start, against the allow-list
// if raw HTML wrote it, and the URLs of a <style> element's CSS.
func (c *pageCheck) startTag(tt html.TokenType, start int, raw bool) {
	name, hasAttr := c.z.TagName()
	tag := string(name)
	var attrs []html.Attribute
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = c.z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
	}
	if raw {
		checkRawTag(tag, attrs, start, c.add, c.local)
	} else {
		checkTag(tag, attrs, start, c.add, false)
	}
	switch {
	case tag == "svg" || tag == "math":
		if tt == html.StartTagToken {
			c.foreign = append(c.foreign, tag)
		}
	case len(c.foreign) > 0 && tt == html.StartTagToken && rawText[tag]:
		c.z.NextIsNotRawText() // SVG and MathML have no raw text elements
	}
	c.z.AllowCDATA(len(c.foreign) > 0)
	if tag == "style" && tt == html.StartTagToken && len(c.foreign) == 0 {
		// Its text is the next token: CSS.
		if c.z.Next() == html.TextToken {
			css := c.z.Raw()
			for _, r := range cssURLs(string(css)) {
				if msg := fetchProblem(r.url, false); msg != "" {
					c.add(c.off+r.off, "<style> %s", msg)
				}
			}
			c.off += len(css)
		} else {
			c.off += len(c.z.Raw())
		}
	}
}

// checkRawTag checks a tag written in raw HTML against the allow-list.
func checkRawTag(tag string, attrs []html.Attribute, off int, add func(int, string, ...any), local func(string) string) {
	if _, ok := rawElements[tag]; !ok {
		add(off, "<%s> is not allowed in raw HTML (cmd/tangle/doc.go lists what is)", tag)
		return
	}
	for _, a := range attrs {
		if !rawAllowed(tag, a.Key) {
			add(off, "<%s %s> is not allowed in raw HTML (cmd/tangle/doc.go lists what is)", tag, a.Key)
			continue
		}
		var refs []string
		switch refAttr(tag, a.Key) {
		case navigate:
			if msg := linkProblem(a.Val); msg != "" {
				add(off, "<%s %s> %s", tag, a.Key, msg)
			}
			continue
		case fetch:
			refs = []string{a.Val}
		case fetchSet:
			refs = srcsetURLs(a.Val)
		}
		for _, ref := range refs {
			if msg := fetchProblem(ref, true); msg != "" {
				add(off, "<%s %s> %s", tag, a.Key, msg)
			} else if msg := local(ref); msg != "" {
				add(off, "%s", msg)
			}
		}
	}
}

// checkTag checks a tag of markup that raw HTML did not write (the book's
// own, a figure's, a copied file's): nothing in it may run a script or
// fetch from the network.
//
// With links, a link's URL may not run code either (javascript:,
// vbscript:, data:); the links of a page are checked in the Markdown.
func checkTag(tag string, attrs []html.Attribute, off int, add func(int, string, ...any), links bool) {
	if runsScript(tag) {
		add(off, "<%s> is not allowed in the book: it would run code or load a document", tag)
		return
	}
	for _, a := range attrs {
		key := a.Key
		switch {
		case strings.HasPrefix(key, "on"):
			add(off, "<%s %s> is an event handler, which would run in the reader's browser", tag, key)
			continue
		case tag == "meta" && key == "http-equiv":
			add(off, "<meta http-equiv> is not allowed in the book")
			continue
		case key == "style":
			for _, r := range cssURLs(a.Val) {
				if msg := fetchProblem(r.url, false); msg != "" {
					add(off, "<%s style> %s", tag, msg)
				}
			}
			continue
		}
		var refs []string
		switch refAttr(tag, localName(key)) {
		case navigate:
			if s := scheme(cleanURL(a.Val)); links && (s == "javascript" || s == "vbscript" || s == "data") {
				add(off, "<%s %s> %s: a link of the book may not run code", tag, key, short(a.Val))
			}
		case fetch:
			refs = []string{a.Val}
		case fetchSet:
			refs = srcsetURLs(a.Val)
		case fetchCSS:
			for _, r := range cssURLs(a.Val) {
				refs = append(refs, r.url)
			}
		}
		for _, ref := range refs {
			if msg := fetchProblem(ref, false); msg != "" {
				add(off, "<%s %s> %s", tag, key, msg)
			}
		}
	}
}

// localName drops an attribute's namespace prefix, except xlink:'s.
func localName(key string) string {
	if strings.HasPrefix(key, "xlink:") {
		return key
	}
	if _, name, ok := strings.Cut(key, ":"); ok {
		return name
	}
	return key
}

// checkSVG checks an SVG document (a copied file, or a figure a program
// drew), which a reader may open on its own, where scripts run: it must
// parse as XML, and hold no script, event handler or reference to the
// network.
func checkSVG(data []byte) []markupProblem {
	var probs []markupProblem
	add := func(off int, format string, args ...any) {
		probs = append(probs, markupProblem{off, fmt.Sprintf(format, args...)})
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			return probs
		}
		if err != nil {
			add(int(d.InputOffset()), "not a well-formed SVG file: %v", unwrapXML(err))
			return probs
		}
		switch t := tok.(type) {
		case xml.StartElement:
			tag := strings.ToLower(t.Name.Local)
			stack = append(stack, tag)
			var attrs []html.Attribute
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue // a namespace, not a reference
				}
				key := strings.ToLower(a.Name.Local)
				if a.Name.Space == "xlink" {
					key = "xlink:" + key
				}
				attrs = append(attrs, html.Attribute{Key: key, Val: a.Value})
			}
			checkTag(tag, attrs, off, add, true)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "style" {
				for _, r := range cssURLs(string(t)) {
					if msg := fetchProblem(r.url, false); msg != "" {
						add(off+r.off, "<style> %s", msg)
					}
				}
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				add(off, "an SVG file may not declare entities")
			}
		}
	}
}

// checkCSS checks a CSS file copied from the manuscript.
func checkCSS(data []byte) []markupProblem {
	var probs []markupProblem
	for _, r := range cssURLs(string(data)) {
		if msg := fetchProblem(r.url, false); msg != "" {
			probs = append(probs, markupProblem{r.off, msg})
		}
	}
	return probs
}

// unwrapXML drops the line an xml.SyntaxError repeats.
func unwrapXML(err error) error {
	if se, ok := err.(*xml.SyntaxError); ok {
		return fmt.Errorf("%s", se.Msg)
	}
	return err
}

// lineCol returns the 1-based line and byte column of offset off in data.
func lineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	return line, off - bytes.LastIndexByte(data[:off], '\n')
}

// activeDocument reports whether a file of the manuscript, by its name,
// is one a browser would run as a page of its own: an HTML or XML
// document. Such files are not copied into the site.
func activeDocument(name string) bool {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return false
	}
	switch strings.ToLower(name[i:]) {
	case ".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".xml", ".xsl", ".xslt":
		return true
	}
	return false
}
