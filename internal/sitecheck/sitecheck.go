// Package sitecheck checks a built book, the static site buildbook writes:
// that its HTML is well formed, its ids unique, its images and SVG
// figures named for screen readers, its headings in order, and that
// every link and resource inside the site resolves, anchors included.
//
// It reads the site as a file system, so the same checks run over a
// directory on disk (_book) and over a site built in memory.
package sitecheck

import (
	"bytes"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"ctml/internal/report"

	"golang.org/x/net/html"
)

// voids are the HTML elements that have no end tag.
var voids = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// page is what one HTML file defines and refers to.
type page struct {
	ids   map[string]int // id -> line
	links []link
}

// link is a reference from a page to a file of the site, or a fragment.
type link struct {
	line int
	attr string // the attribute: href, src
	ref  string
}

// Check checks every file of the site in fsys and returns the problems,
// sorted by file and line, each at its file (a slash path in the site) and
// line.
func Check(fsys fs.FS) (report.ErrorList, error) {
	var problems report.ErrorList
	pages := map[string]*page{}
	var css []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch path.Ext(name) {
		case ".html":
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			p, probs := checkHTML(name, data)
			pages[name] = p
			problems = append(problems, probs...)
		case ".css":
			css = append(css, name)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	exists := func(name string) bool {
		_, err := fs.Stat(fsys, name)
		return err == nil
	}
	for name, p := range pages {
		for _, l := range p.links {
			if msg := resolve(name, l.ref, pages, exists); msg != "" {
				problems.Add(report.Pos{File: name, Line: l.line}, "%s=%q: %s", l.attr, l.ref, msg)
			}
		}
	}
	for _, name := range css {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		for _, m := range cssURL.FindAllSubmatchIndex(data, -1) {
			ref := string(data[m[2]:m[3]])
			line := 1 + bytes.Count(data[:m[0]], []byte("\n"))
			if msg := resolve(name, ref, pages, exists); msg != "" {
				problems.Add(report.Pos{File: name, Line: line}, "url(%q): %s", ref, msg)
			}
		}
	}
	problems.Sort()
	return problems, nil
}

var cssURL = regexp.MustCompile(`url\(\s*["']?([^"')\s]+)["']?\s*\)`)

// resolve checks a reference from file from; it returns what is wrong, or
// "".
func resolve(from, ref string, pages map[string]*page, exists func(string) bool) string {
	u, err := url.Parse(ref)
	if err != nil {
		return "not a URL: " + err.Error()
	}
	if u.Scheme != "" || u.Host != "" {
		return "" // another site: not fetched when the page opens (checked at the tag)
	}
	target := from
	if u.Path != "" {
		if strings.HasPrefix(u.Path, "/") {
			return "an absolute path, which breaks the book when it is opened from a file"
		}
		target = path.Join(path.Dir(from), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			return "leads outside the site"
		}
		if !exists(target) {
			return "no such file " + target
		}
	}
	if u.Fragment == "" {
		return ""
	}
	p := pages[target]
	if p == nil {
		return "" // a fragment of a non-HTML file
	}
	if _, ok := p.ids[u.Fragment]; !ok {
		return "no element with id " + u.Fragment + " in " + target
	}
	return ""
}

// fetched are the attributes, by element, that make a browser fetch a
// resource as the page opens.
var fetched = map[string]string{
	"img": "src", "script": "src", "iframe": "src", "audio": "src", "video": "src",
	"source": "src", "track": "src", "embed": "src", "input": "src", "link": "href", "object": "data",
}

// checkHTML checks one HTML file: its structure, ids, names and headings;
// it returns the ids and links for the cross-file checks.
func checkHTML(name string, data []byte) (*page, report.ErrorList) {
	c := &htmlCheck{name: name, p: &page{ids: map[string]int{}}}
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	for {
		tt := z.Next()
		tokLine := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				c.add(tokLine, "cannot parse: %v", z.Err())
			}
			c.end()
			return c.p, c.problems
		case html.EndTagToken:
			tn, _ := z.TagName()
			c.endTag(string(tn), tokLine)
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			tag := string(tn)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := string(k)
				if _, dup := attrs[key]; dup {
					c.add(tokLine, "<%s> has attribute %s twice", tag, key)
				}
				attrs[key] = string(v)
			}
			c.startTag(tag, attrs, tokLine, tt == html.SelfClosingTagToken)
		}
	}
}

// htmlCheck is the state of checkHTML: the elements open, the last
// heading's level and the aria-labelledby references to resolve at the
// end.
type htmlCheck struct {
	name        string
	p           *page
	problems    report.ErrorList
	stack       []open
	lastHeading int
	labelledBy  []labelRef
}

// labelRef is an aria-labelledby attribute: the ids it names.
type labelRef struct {
	line int
	ids  string
}

func (c *htmlCheck) add(line int, format string, args ...any) {
	c.problems.Add(report.Pos{File: c.name, Line: line}, format, args...)
}

// end reports, at the end of the file, the elements never closed and the
// aria-labelledby ids the page does not have.
func (c *htmlCheck) end() {
	for _, o := range slices.Backward(c.stack) {
		c.add(o.line, "<%s> is never closed", o.tag)
	}
	for _, l := range c.labelledBy {
		for _, id := range strings.Fields(l.ids) {
			if _, ok := c.p.ids[id]; !ok {
				c.add(l.line, "aria-labelledby names %s, which is not an id of the page", id)
			}
		}
	}
}

// endTag checks that </tag> closes the innermost open element, and that
// an <svg role="img"> it closes had a name.
func (c *htmlCheck) endTag(tag string, line int) {
	if len(c.stack) == 0 {
		c.add(line, "</%s> closes nothing", tag)
		return
	}
	top := c.stack[len(c.stack)-1]
	if top.tag != tag {
		c.add(line, "</%s> closes <%s> from line %d", tag, top.tag, top.line)
		// Recover: pop to the matching element, if there is one.
		for i := len(c.stack) - 1; i >= 0; i-- {
			if c.stack[i].tag == tag {
				c.stack = c.stack[:i]
				break
			}
		}
		return
	}
	if top.svgImg && !top.named {
		c.add(top.line, `<svg role="img"> has no accessible name: give it aria-label, aria-labelledby or a <title>`)
	}
	c.stack = c.stack[:len(c.stack)-1]
}

// startTag runs the checks of a start tag, or of a self-closing one, and
// opens the element unless it is void or closed.
func (c *htmlCheck) startTag(tag string, attrs map[string]string, line int, selfClosing bool) {
	c.checkID(tag, attrs, line)
	if ids, ok := attrs["aria-labelledby"]; ok {
		c.labelledBy = append(c.labelledBy, labelRef{line, ids})
	}
	named := attrs["aria-label"] != "" || attrs["aria-labelledby"] != ""
	c.checkElement(tag, attrs, line, named)
	c.checkFetched(tag, attrs, line)
	for _, a := range []string{"href", "src"} {
		if ref, ok := attrs[a]; ok {
			c.p.links = append(c.p.links, link{line: line, attr: a, ref: ref})
		}
	}
	if selfClosing && !voids[tag] {
		if !inForeign(c.stack) && tag != "svg" && tag != "math" {
			c.add(line, "<%s/> is not a void element: HTML ignores the slash", tag)
		}
		if tag == "svg" && attrs["role"] == "img" && !named {
			c.add(line, `<svg role="img"> has no accessible name: give it aria-label, aria-labelledby or a <title>`)
		}
		return
	}
	if voids[tag] {
		return
	}
	c.stack = append(c.stack, open{tag: tag, line: line, svgImg: tag == "svg" && attrs["role"] == "img", named: named})
}

// checkID records the element's id, which must be neither empty nor taken.
func (c *htmlCheck) checkID(tag string, attrs map[string]string, line int) {
	id, ok := attrs["id"]
	switch {
	case !ok:
	case id == "":
		c.add(line, "<%s> has an empty id", tag)
	default:
		if first, dup := c.p.ids[id]; dup {
			c.add(line, "duplicate id %q (first at line %d)", id, first)
		} else {
			c.p.ids[id] = line
		}
	}
}

// checkElement checks what some elements need: an image its name, an SVG
// title names its figure, and a heading follows one of its level or the
// next above.
func (c *htmlCheck) checkElement(tag string, attrs map[string]string, line int, named bool) {
	switch tag {
	case "img":
		if strings.TrimSpace(attrs["alt"]) == "" && !named {
			c.add(line, "<img src=%q> has no accessible name: give it alt text", attrs["src"])
		}
	case "title":
		if n := len(c.stack); n > 0 && c.stack[n-1].tag == "svg" {
			c.stack[n-1].named = true
		}
	case "h1", "h2", "h3", "h4", "h5", "h6":
		level := int(tag[1] - '0')
		if level > c.lastHeading+1 {
			c.add(line, "<%s> follows <h%d>: a heading level is skipped", tag, c.lastHeading)
		}
		c.lastHeading = level
	}
}

// checkFetched reports a resource the element would fetch from the
// network as the page opens.
func (c *htmlCheck) checkFetched(tag string, attrs map[string]string, line int) {
	a, ok := fetched[tag]
	if !ok {
		return
	}
	if ref, ok := attrs[a]; ok && (tag != "link" || attrs["rel"] != "" && !strings.Contains(" "+attrs["rel"]+" ", " canonical ")) {
		if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https" || strings.HasPrefix(ref, "//")) {
			c.add(line, "<%s %s=%q> would be fetched from the network", tag, a, ref)
		}
	}
}

// open is an element whose end tag has not come yet.
type open struct {
	tag  string
	line int
	// for <svg role="img">: whether it has a name so far
	svgImg, named bool
}

// inForeign reports whether the innermost open element is inside SVG or
// MathML, where <x/> closes an element.
func inForeign(stack []open) bool {
	for _, o := range slices.Backward(stack) {
		if o.tag == "svg" || o.tag == "math" {
			return true
		}
		if o.tag == "foreignobject" {
			return false
		}
	}
	return false
}
