package weave

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"ctml/internal/lit"
	"ctml/internal/spell"
)

// target is where a link or image inside the book leads.
type target struct {
	page *page  // a page of the book; nil for a file
	file string // a copied file of the manuscript, relative to the site's root
	frag string // the book-wide id on page, or the fragment of file
	run  string // for a figure: the package that draws file
}

// checkLinks resolves every link and image of the page, recording the
// targets for rendering and returning what is wrong, at its Markdown
// position.
func (r *nodeRenderer) checkLinks() lit.ErrorList {
	var errs lit.ErrorList
	doc := r.p.Doc
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		image := false
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest, image = n.Destination, true
		case *ast.AutoLink:
			// Its raw HTML and tags are checked in the page's HTML.
			if msg := linkProblem(string(n.URL(doc.Source))); msg != "" && n.AutoLinkType == ast.AutoLinkURL {
				errs.Add(nodePos(doc, n), "link to %s", msg)
			}
			return ast.WalkContinue, nil
		default:
			return ast.WalkContinue, nil
		}
		t, ok, msg := r.w.resolve(r.p, string(dest), image)
		if msg != "" {
			errs.Add(nodePos(doc, n), "%s", msg)
		} else if ok {
			r.links[n] = t
			if t.run != "" {
				r.runFigs = append(r.runFigs, runFigure{pkg: t.run, file: t.file, pos: nodePos(doc, n)})
			}
		}
		return ast.WalkContinue, nil
	})
	return errs
}

// resolve says where dest, the destination of a link (or an image) on page
// p, leads. ok is false for destinations that are left as they are: other
// sites, mail addresses. msg says what is wrong with dest, if anything.
func (w *weaver) resolve(p *page, dest string, image bool) (t target, ok bool, msg string) {
	u, err := url.Parse(dest)
	if err != nil {
		return t, false, fmt.Sprintf("invalid link destination %q: %v", dest, unwrapURLError(err))
	}
	if image && u.Scheme == "run" {
		return w.runFigure(p, dest, u.Opaque)
	}
	if image {
		if msg := fetchProblem(dest, true); msg != "" {
			return t, false, "image " + msg
		}
	} else if msg := linkProblem(dest); msg != "" {
		return t, false, "link to " + msg
	}
	if u.Scheme != "" || u.Host != "" {
		return t, false, ""
	}
	if u.Path == "" {
		if u.Fragment == "" {
			return t, false, ""
		}
		id, msg := p.anchor(u.Fragment)
		return target{page: p, frag: id}, msg == "", msg
	}
	if strings.HasPrefix(u.Path, "/") {
		return t, false, fmt.Sprintf("%s is an absolute path: use a path relative to the page, so that the book works from any directory", dest)
	}
	name := path.Join(path.Dir(p.Path), u.Path)
	if name == ".." || strings.HasPrefix(name, "../") {
		return t, false, fmt.Sprintf("%s leads outside the book directory", dest)
	}
	if strings.HasSuffix(name, ".md") {
		q := w.byPath[name]
		if q == nil {
			msg := "link to unknown page " + name
			var paths []string
			for _, pg := range w.pages {
				paths = append(paths, pg.Path)
			}
			if _, err := fs.Stat(w.fsys, name); err == nil {
				msg += " (SUMMARY.md does not list it)"
			} else if s := spell.Suggest(name, paths); s != "" {
				msg += fmt.Sprintf(" (did you mean %s?)", s)
			}
			return t, false, msg
		}
		if u.Fragment == "" {
			return target{page: q}, true, ""
		}
		id, msg := q.anchor(u.Fragment)
		return target{page: q, frag: id}, msg == "", msg
	}
	if w.refused[name] {
		return t, false, "" // reported where it is
	}
	if !w.isRes[name] {
		what := "link to missing file"
		if image {
			what = "missing image"
		}
		return t, false, fmt.Sprintf("%s %s: there is no %s in the book directory", what, dest, name)
	}
	return target{file: name, frag: u.Fragment}, true, ""
}

// anchor returns the book-wide id of the heading that goldmark calls
// local on page p, or a message saying there is none.
func (p *page) anchor(local string) (id, msg string) {
	if id, ok := p.headings[local]; ok {
		return id, ""
	}
	msg = fmt.Sprintf("unknown anchor #%s in %s", local, p.Path)
	if s := spell.Suggest(local, p.anchors); s != "" {
		msg += fmt.Sprintf(" (did you mean #%s?)", s)
	}
	return "", msg
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// nodePos returns the Markdown position of an inline node, or failing that
// of the block that holds it.
func nodePos(doc *lit.Document, n ast.Node) lit.Pos {
	for ; n != nil; n = n.Parent() {
		if n.Pos() >= 0 {
			return doc.Position(n.Pos())
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return doc.Position(n.Lines().At(0).Start)
		}
	}
	return lit.Pos{File: doc.Path}
}
