package weave

import (
	"errors"
	"html"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"ctml/internal/cd"
	"ctml/internal/disk"
	"ctml/internal/lit"
)

var testNameRE = regexp.MustCompile(`^Test[A-Za-z0-9_]*$`)

// figures renders the page's tikzcd blocks into r.figs, once for the
// page and print.html, and returns their errors at Markdown positions
// (or at positions in the diagrams/ file a block names).
func (r *nodeRenderer) figures() lit.ErrorList {
	var errs lit.ErrorList
	for _, b := range r.p.Doc.Blocks {
		if b.Lang != "tikzcd" {
			continue
		}
		r.figs[b] = r.figure(b, &errs)
	}
	return errs
}

// figure renders one tikzcd block: an SVG in a <figure>, with its caption
// and the test that checks it.
func (r *nodeRenderer) figure(b *lit.Block, errs *lit.ErrorList) string {
	attrs, aerrs := b.CheckAttrs()
	*errs = append(*errs, aerrs...)

	// The source: the block's body, or a file of diagrams/.
	var src string
	locate := func(e *cd.Error) lit.Pos { // a position in the block's body
		if e.Line-1 < len(b.Lines) {
			p := b.Lines[e.Line-1].Pos
			p.Col += e.Col - 1
			return p
		}
		return b.Pos
	}
	if s, ok := attrs["src"]; ok {
		name, ok := r.diagramFile(s, b, errs)
		if !ok {
			return ""
		}
		file := strings.TrimPrefix(name, "diagrams/")
		data, err := fs.ReadFile(r.w.diagrams, file)
		if err != nil {
			errs.Add(s.Pos, "src=%s: %v", s.Value, disk.Reason(err))
			return ""
		}
		src = string(data)
		shown := path.Join(r.w.diagPath, file)
		locate = func(e *cd.Error) lit.Pos { return lit.Pos{File: shown, Line: e.Line, Col: e.Col} }
	} else {
		lines := make([]string, len(b.Lines))
		for i, l := range b.Lines {
			lines[i] = l.Text
		}
		src = strings.Join(lines, "\n")
	}
	id := r.p.fids[b]
	title := attrs["title"].Value
	if title == "" {
		title = attrs["caption"].Value
	}
	svg, err := cd.Render(src, cd.Options{Title: title, ID: "cd-" + id})
	if err != nil {
		var list cd.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				errs.Add(locate(e), "%s", e.Msg)
			}
		} else {
			errs.Add(b.Pos, "%v", err)
		}
		return ""
	}

	var sb strings.Builder
	sb.WriteString(`<figure class="cd-figure" id="` + html.EscapeString(id) + `">` + "\n")
	sb.Write(svg)
	caption := attrs["caption"].Value
	check := r.checkNote(attrs, errs)
	if caption != "" || check != "" {
		sb.WriteString("<figcaption>")
		sb.WriteString(html.EscapeString(caption))
		if caption != "" && check != "" {
			sb.WriteByte(' ')
		}
		sb.WriteString(check)
		sb.WriteString("</figcaption>\n")
	}
	sb.WriteString("</figure>\n")
	return sb.String()
}

// diagramFile checks the value of src=: a .tikzcd file in diagrams/.
func (r *nodeRenderer) diagramFile(s lit.Attr, b *lit.Block, errs *lit.ErrorList) (string, bool) {
	name := path.Clean(s.Value)
	dir, file := path.Split(name)
	switch {
	case dir != "diagrams/" || !strings.HasSuffix(file, ".tikzcd") || file == ".tikzcd":
		errs.Add(s.Pos, "src=%s: name a figure file as src=diagrams/NAME.tikzcd", s.Value)
		return "", false
	case len(b.Lines) > 0:
		errs.Add(b.Lines[0].Pos, "a tikzcd block with src= has no body: the figure is in %s", name)
		return "", false
	case r.w.diagrams == nil:
		errs.Add(s.Pos, "src=%s: this build has no diagrams directory", s.Value)
		return "", false
	}
	return name, true
}

// checkNote returns the "checked by" note of a figure whose check= names
// a test: the test must be a func of the chapter's tangled test files,
// and the note links to the go block that defines it. A book built
// without tangling has no tests to look in: the note is not linked.
func (r *nodeRenderer) checkNote(attrs map[string]lit.Attr, errs *lit.ErrorList) string {
	c, ok := attrs["check"]
	if !ok {
		return ""
	}
	name := c.Value
	if !testNameRE.MatchString(name) {
		errs.Add(c.Pos, "check=%s: name a test function, as in check=TestComposeAssociative", name)
		return ""
	}
	code := `<code>` + html.EscapeString(name) + `</code>`
	if len(r.w.out.Files) == 0 {
		return `<span class="cd-check">Checked by ` + code + `.</span>`
	}
	decl := "func " + name + "("
	found := false
	for _, f := range r.p.gen {
		if strings.HasSuffix(f.Name, "_test.go") && strings.Contains(string(f.Data), "\n"+decl) {
			found = true
			break
		}
	}
	if !found {
		dir := "this chapter"
		if len(r.p.gen) > 0 {
			dir = path.Dir(r.p.gen[0].Path)
		}
		errs.Add(c.Pos, "check=%s: no test %s in the tangled test files of %s", name, name, dir)
		return ""
	}
	for _, b := range r.p.Doc.Blocks {
		if !b.Tangled() {
			continue
		}
		for _, l := range b.Lines {
			if strings.HasPrefix(strings.TrimSpace(l.Text), decl) {
				return `<span class="cd-check">Checked by <a href="#` + html.EscapeString(r.p.bids[b]) + `">` + code + `</a>.</span>`
			}
		}
	}
	return `<span class="cd-check">Checked by ` + code + `.</span>`
}
