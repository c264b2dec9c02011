package weave

import (
	"bytes"
	"fmt"
	"html"
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
// adds the images to the site. Without run, figures are not drawn. It
// returns the figures that could not be drawn, at their first image, and
// records them for the pages, which show the error in their place.
func (w *weaver) drawFigures(figs []runFigure, run func(pkg string) ([]byte, error), site *siteBuilder) lit.ErrorList {
	var failed lit.ErrorList
	w.figFailed = map[string]string{}
	w.figThemed = map[string]bool{}
	if run == nil {
		return nil
	}
	done := map[string]bool{}
	for _, f := range figs {
		if done[f.file] {
			continue
		}
		done[f.file] = true
		name := path.Base(f.pkg)
		svg, err := run(f.pkg)
		var msg string
		switch {
		case err != nil:
			msg = err.Error()
		case !isSVG(svg):
			msg = fmt.Sprintf("the program printed %d bytes that are not an SVG image; a figure program writes SVG to standard output", len(svg))
		case len(checkSVG(svg)) > 0:
			var lines []string
			for _, pr := range checkSVG(svg) {
				line, _ := lineCol(svg, pr.off)
				lines = append(lines, fmt.Sprintf("line %d: %s", line, pr.msg))
			}
			msg = "the SVG it printed is refused:\n" + strings.Join(lines, "\n")
		default:
			site.add(f.file, svg, f.pos)
			w.figThemed[f.file] = themed(svg)
			continue
		}
		failed.Add(f.pos, "run:%s: %s", name, msg)
		w.figFailed[f.file] = msg
	}
	return failed
}

// figureFailure writes, in place of the figure drawn by run:name, why it
// could not be drawn: the first line of msg, then the rest (the
// compiler's messages, the end of what the program printed). It is
// inline markup, since the image it replaces sits in a paragraph.
func figureFailure(name, alt, msg string) string {
	head, rest, _ := strings.Cut(msg, "\n")
	var sb strings.Builder
	sb.WriteString(`<span class="figure-failure" role="note"><span class="output-label"><span aria-hidden="true">✗</span> The figure <code>run:` + html.EscapeString(name) + `</code>`)
	if alt != "" {
		sb.WriteString(" (" + html.EscapeString(alt) + ")")
	}
	sb.WriteString(" could not be drawn: " + html.EscapeString(strings.TrimSuffix(head, ":")) + "</span>")
	if rest = strings.TrimSpace(rest); rest != "" {
		sb.WriteString(`<code class="figure-failure-text">` + escText(rest) + "</code>")
	}
	sb.WriteString("</span>")
	return sb.String()
}

// themed reports whether an SVG image has colours of its own for dark
// mode: a style sheet that asks prefers-color-scheme. A browser answers it
// for an image from the color-scheme of the page around it, which the
// book's theme sets, so such a figure is shown as it is, on the page's
// background; any other is shown on a light card in dark mode.
func themed(svg []byte) bool {
	return bytes.Contains(svg, []byte("prefers-color-scheme"))
}

// isSVG reports whether data looks like an SVG document.
func isSVG(data []byte) bool {
	head := data[:min(len(data), 512)]
	return bytes.Contains(head, []byte("<svg"))
}
