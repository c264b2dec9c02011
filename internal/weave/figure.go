package weave

import (
	"errors"
	"html"
	"io/fs"
	"math"
	"path"
	"regexp"
	"strconv"
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
		r.figs[b] = r.shareGlyphs(r.figure(b, &errs), "cd-"+r.p.fids[b]+"-")
	}
	return errs
}

// glyphDefRE finds the glyph outlines package cd defines in a figure,
// with the figure's id prefix; glyphUseRE the references to them.
var (
	glyphDefRE = regexp.MustCompile(`<path id="([^"]+)-g(\d+)" d="([^"]*)"/>\n?`)
	glyphUseRE = regexp.MustCompile(`href="#([^"]+-g\d+)"`)
	emptyDefs  = regexp.MustCompile(`<defs>\n?</defs>\n?`)
)

// relativePath rewrites SVG path data made of absolute M, L, C and Z
// commands with integer coordinates (a glyph outline in font units, as
// package cd writes it) with relative commands, whose numbers are shorter,
// and without the spaces a minus sign makes unneeded. Data in any other
// form is returned with only those spaces dropped.
func relativePath(d string) string {
	f := strings.Fields(strings.NewReplacer("M", " M ", "L", " L ", "C", " C ", "Z", " Z ").Replace(d))
	var b strings.Builder
	x, y, sx, sy := 0, 0, 0, 0
	num := func(v int) {
		s := strconv.Itoa(v)
		if last := b.String(); v >= 0 && last != "" && !strings.ContainsRune("MmLlCcZz", rune(last[len(last)-1])) {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	for i := 0; i < len(f); {
		cmd := f[i]
		i++
		n := map[string]int{"M": 2, "L": 2, "C": 6, "Z": 0}[cmd]
		if _, ok := map[string]int{"M": 2, "L": 2, "C": 6, "Z": 0}[cmd]; !ok || i+n > len(f) {
			return strings.ReplaceAll(d, " -", "-")
		}
		vals := make([]int, n)
		for k := range n {
			v, err := strconv.Atoi(f[i+k])
			if err != nil {
				return strings.ReplaceAll(d, " -", "-")
			}
			vals[k] = v
		}
		i += n
		switch cmd {
		case "M":
			b.WriteByte('m')
			num(vals[0] - x)
			num(vals[1] - y)
			x, y, sx, sy = vals[0], vals[1], vals[0], vals[1]
		case "L":
			b.WriteByte('l')
			num(vals[0] - x)
			num(vals[1] - y)
			x, y = vals[0], vals[1]
		case "C":
			b.WriteByte('c')
			for k := 0; k < 6; k += 2 {
				num(vals[k] - x)
				num(vals[k+1] - y)
			}
			x, y = vals[4], vals[5]
		case "Z":
			b.WriteByte('z')
			x, y = sx, sy
		}
	}
	return b.String()
}

// shareGlyphs moves the glyph outlines of figure svg, whose ids start
// with prefix, into the page's glyph sprite (r.glyphs): a label's letters
// recur from figure to figure, and each outline is then written once a
// page. The outlines' path data lose the spaces before minus signs. The
// figure's <use> elements point at the sprite's ids, g and the glyph
// number (with a suffix in the unlikely case of two outlines under one
// number).
func (r *nodeRenderer) shareGlyphs(svg, prefix string) string {
	if svg == "" {
		return svg
	}
	if r.glyphIDs == nil {
		r.glyphIDs = map[string]string{}
		r.glyphByData = map[string]string{}
	}
	local := map[string]string{}
	svg = glyphDefRE.ReplaceAllStringFunc(svg, func(m string) string {
		sub := glyphDefRE.FindStringSubmatch(m)
		if sub[1]+"-" != prefix {
			return m
		}
		d := relativePath(sub[3])
		id, ok := r.glyphByData[d]
		if !ok {
			id = "g" + sub[2]
			for n := 1; r.glyphIDs[id] != ""; n++ {
				id = "g" + sub[2] + "-" + strconv.Itoa(n)
			}
			r.glyphIDs[id] = d
			r.glyphByData[d] = id
			r.glyphs = append(r.glyphs, `<path id="`+id+`" d="`+d+`"/>`)
		}
		local[prefix+"g"+sub[2]] = id
		return ""
	})
	svg = emptyDefs.ReplaceAllString(svg, "")
	svg = glyphUseRE.ReplaceAllStringFunc(svg, func(m string) string {
		sub := glyphUseRE.FindStringSubmatch(m)
		if id, ok := local[sub[1]]; ok {
			return `href="#` + id + `"`
		}
		return m
	})
	return scaledUses(svg)
}

// useRE finds a glyph placed by a scaling matrix, as package cd writes
// each glyph of a label.
var useRE = regexp.MustCompile(`<use href="(#[^"]+)" transform="matrix\(([0-9.]+) 0 0 ([0-9.]+) (-?[0-9.]+) (-?[0-9.]+)\)"/>\n?`)

// scaledUses writes each run of glyphs placed at one scale as a group
// with that scale and the glyphs at x and y in its units: <g
// transform="scale(0.01)"><use href="#g42" x="-903"/>…</g> draws what the
// matrices drew, in half the bytes.
func scaledUses(svg string) string {
	var b strings.Builder
	scale := ""
	last := 0
	closeGroup := func() {
		if scale != "" {
			b.WriteString("</g>\n")
			scale = ""
		}
	}
	for _, m := range useRE.FindAllStringSubmatchIndex(svg, -1) {
		sub := func(i int) string { return svg[m[2*i]:m[2*i+1]] }
		if sub(2) != sub(3) {
			continue
		}
		k, err := strconv.ParseFloat(sub(2), 64)
		x, err1 := strconv.ParseFloat(sub(4), 64)
		y, err2 := strconv.ParseFloat(sub(5), 64)
		if err != nil || err1 != nil || err2 != nil || k == 0 {
			continue
		}
		if m[0] != last || sub(2) != scale {
			closeGroup()
			b.WriteString(svg[last:m[0]])
			scale = sub(2)
			b.WriteString(`<g transform="scale(` + scale + `)">`)
		}
		b.WriteString(`<use href="` + sub(1) + `"`)
		if v := strconv.FormatFloat(math.Round(x/k*10)/10, 'f', -1, 64); v != "0" {
			b.WriteString(` x="` + v + `"`)
		}
		if v := strconv.FormatFloat(math.Round(y/k*10)/10, 'f', -1, 64); v != "0" {
			b.WriteString(` y="` + v + `"`)
		}
		b.WriteString("/>")
		last = m[1]
	}
	closeGroup()
	b.WriteString(svg[last:])
	return b.String()
}

// glyphSprite returns the page's glyph sprite, an SVG that draws nothing
// and defines the outlines its figures use, or "" if it has none.
func (r *nodeRenderer) glyphSprite() string {
	if len(r.glyphs) == 0 {
		return ""
	}
	return `<svg class="glyphs" aria-hidden="true" focusable="false"><defs>` + "\n" + strings.Join(r.glyphs, "\n") + "\n</defs></svg>\n"
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
