package sitecheck

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// fontURLRE finds the fonts of a style sheet's @font-face rules.
var fontURLRE = regexp.MustCompile(`@font-face\s*\{[^}]*?url\(\s*"?([^")]+)"?\s*\)`)

// PageWeight returns what a browser loads to show page name of the site
// in fsys before anyone interacts with it, in bytes as the files lie on
// disk: the HTML, its style sheets, its scripts and, if the page has a
// formula, the fonts of its style sheets' @font-face rules (the book's
// only one is the math font, which a browser fetches for the first
// formula it draws). Images and what scripts load later (the search
// index, the content of folded blocks) are not counted.
func PageWeight(fsys fs.FS, name string) (int, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0, err
	}
	total := len(data)
	seen := map[string]bool{}
	hasMath := bytes.Contains(data, []byte("<math"))
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return total, nil
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tn, hasAttr := z.TagName()
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = string(v)
		}
		ref := ""
		switch string(tn) {
		case "link":
			if strings.Contains(" "+attrs["rel"]+" ", " stylesheet ") {
				ref = attrs["href"]
			}
		case "script":
			ref = attrs["src"]
		}
		u, err := url.Parse(ref)
		if ref == "" || err != nil || u.Scheme != "" || u.Host != "" {
			continue
		}
		file := path.Join(path.Dir(name), u.Path)
		if seen[file] {
			continue
		}
		seen[file] = true
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return 0, err
		}
		total += len(b)
		if string(tn) != "link" || !hasMath {
			continue
		}
		for _, m := range fontURLRE.FindAllSubmatch(b, -1) {
			font := path.Join(path.Dir(file), string(m[1]))
			if seen[font] {
				continue
			}
			seen[font] = true
			fb, err := fs.ReadFile(fsys, font)
			if err != nil {
				return 0, err
			}
			total += len(fb)
		}
	}
}
