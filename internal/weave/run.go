package weave

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"ctml/internal/lit"
)

// A runFigure is an image drawn by a program of the book: ![alt](run:DIR)
// names the main package tangled into DIR of the page's chapter directory.
// The build runs it (Options.Run) and writes what it prints, an SVG image,
// to figures/SLUG/DIR.svg. Figures are drawn from real runs of the book's
// code, never pasted.
type runFigure struct {
	pkg  string  // the package directory, as tangle wrote it: chapters/05-training/lossplot
	file string  // the SVG in the site: figures/05-training/lossplot.svg
	pos  lit.Pos // the first image that shows it
}

// runFigure resolves the destination run:dir of an image on page p.
func (w *weaver) runFigure(p *page, dest, dir string) (t target, ok bool, msg string) {
	if w.out.Out == "" {
		return t, false, fmt.Sprintf("%s: figures are drawn by the book's programs, so the book must be tangled to build them", dest)
	}
	clean := path.Clean(dir)
	if dir == "" || path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
		return t, false, fmt.Sprintf("%s: a figure is run:DIR, with DIR a directory of the chapter's package, such as run:lossplot", dest)
	}
	pkg := path.Join(w.out.Out, p.Slug, clean)
	found := false
	for _, f := range p.gen {
		if path.Dir(f.Path) == pkg && !strings.HasSuffix(f.Path, "_test.go") {
			found = true
			break
		}
	}
	if !found {
		return t, false, fmt.Sprintf("%s: no go block of this page writes a Go file to %s; a figure is drawn by a main package tangled there", dest, clean)
	}
	return target{file: path.Join("figures", p.Slug, clean+".svg"), run: pkg}, true, ""
}

// drawFigures runs the program of every figure, in manifest order, and
// adds the images to the site. Without run, figures are not drawn.
func (w *weaver) drawFigures(figs []runFigure, run func(pkg string) ([]byte, error), site *siteBuilder) lit.ErrorList {
	var errs lit.ErrorList
	if run == nil {
		return nil
	}
	done := map[string]bool{}
	for _, f := range figs {
		if done[f.file] {
			continue
		}
		done[f.file] = true
		svg, err := run(f.pkg)
		if err != nil {
			errs.Add(f.pos, "run:%s: %v", path.Base(f.pkg), err)
			continue
		}
		if !isSVG(svg) {
			errs.Add(f.pos, "run:%s printed %d bytes that are not an SVG image; a figure program writes SVG to standard output", path.Base(f.pkg), len(svg))
			continue
		}
		site.add(f.file, svg, f.pos)
	}
	return errs
}

// isSVG reports whether data looks like an SVG document.
func isSVG(data []byte) bool {
	head := data[:min(len(data), 512)]
	return bytes.Contains(head, []byte("<svg"))
}
