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
	p := &page{ids: map[string]int{}}
	var problems report.ErrorList
	add := func(line int, format string, args ...any) {
		problems.Add(report.Pos{File: name, Line: line}, format, args...)
	}
	var stack []open
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	lastHeading := 0
	var labelledBy []struct {
		line int
		ids  string
	}
	for {
		tt := z.Next()
		raw := z.Raw()
		tokLine := line
		line += bytes.Count(raw, []byte("\n"))
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				add(tokLine, "cannot parse: %v", z.Err())
			}
			for _, o := range slices.Backward(stack) {
				add(o.line, "<%s> is never closed", o.tag)
			}
			for _, l := range labelledBy {
				for _, id := range strings.Fields(l.ids) {
					if _, ok := p.ids[id]; !ok {
						add(l.line, "aria-labelledby names %s, which is not an id of the page", id)
					}
				}
			}
			return p, problems
		case html.EndTagToken:
			tn, _ := z.TagName()
			tag := string(tn)
			if len(stack) == 0 {
				add(tokLine, "</%s> closes nothing", tag)
				continue
			}
			top := stack[len(stack)-1]
			if top.tag != tag {
				add(tokLine, "</%s> closes <%s> from line %d", tag, top.tag, top.line)
				// Recover: pop to the matching element, if there is one.
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i].tag == tag {
						stack = stack[:i]
						break
					}
				}
				continue
			}
			if top.svgImg && !top.named {
				add(top.line, `<svg role="img"> has no accessible name: give it aria-label, aria-labelledby or a <title>`)
			}
			stack = stack[:len(stack)-1]
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, hasAttr := z.TagName()
			tag := string(tn)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				key := string(k)
				if _, dup := attrs[key]; dup {
					add(tokLine, "<%s> has attribute %s twice", tag, key)
				}
				attrs[key] = string(v)
			}
			if id, ok := attrs["id"]; ok {
				if id == "" {
					add(tokLine, "<%s> has an empty id", tag)
				} else if first, dup := p.ids[id]; dup {
					add(tokLine, "duplicate id %q (first at line %d)", id, first)
				} else {
					p.ids[id] = tokLine
				}
			}
			if ids, ok := attrs["aria-labelledby"]; ok {
				labelledBy = append(labelledBy, struct {
					line int
					ids  string
				}{tokLine, ids})
			}
			named := attrs["aria-label"] != "" || attrs["aria-labelledby"] != ""
			switch tag {
			case "img":
				if strings.TrimSpace(attrs["alt"]) == "" && !named {
					add(tokLine, "<img src=%q> has no accessible name: give it alt text", attrs["src"])
				}
			case "title":
				if n := len(stack); n > 0 && stack[n-1].tag == "svg" {
					stack[n-1].named = true
				}
			case "h1", "h2", "h3", "h4", "h5", "h6":
				level := int(tag[1] - '0')
				if level > lastHeading+1 {
					add(tokLine, "<%s> follows <h%d>: a heading level is skipped", tag, lastHeading)
				}
				lastHeading = level
			}
			if a, ok := fetched[tag]; ok {
				if ref, ok := attrs[a]; ok && (tag != "link" || attrs["rel"] != "" && !strings.Contains(" "+attrs["rel"]+" ", " canonical ")) {
					if u, err := url.Parse(ref); err == nil && (u.Scheme == "http" || u.Scheme == "https" || strings.HasPrefix(ref, "//")) {
						add(tokLine, "<%s %s=%q> would be fetched from the network", tag, a, ref)
					}
				}
			}
			for _, a := range []string{"href", "src"} {
				if ref, ok := attrs[a]; ok {
					p.links = append(p.links, link{line: tokLine, attr: a, ref: ref})
				}
			}
			if tt == html.SelfClosingTagToken && !voids[tag] {
				if !inForeign(stack) && tag != "svg" && tag != "math" {
					add(tokLine, "<%s/> is not a void element: HTML ignores the slash", tag)
				}
				if tag == "svg" && attrs["role"] == "img" && !named {
					add(tokLine, `<svg role="img"> has no accessible name: give it aria-label, aria-labelledby or a <title>`)
				}
				continue
			}
			if voids[tag] {
				continue
			}
			stack = append(stack, open{tag: tag, line: tokLine, svgImg: tag == "svg" && attrs["role"] == "img", named: named})
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
