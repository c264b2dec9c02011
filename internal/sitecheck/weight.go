package sitecheck

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// PageWeight returns what a browser loads to show page name of the site
// in fsys before anyone interacts with it: the HTML, its style sheets and
// its scripts, in bytes. Fonts, images and what scripts load later (the
// search index) are not counted.
func PageWeight(fsys fs.FS, name string) (int, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return 0, err
	}
	total := len(data)
	seen := map[string]bool{}
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
	}
}
