package cd

import (
	"fmt"
	"strings"
	"testing"
)

// The tikz-cd and TikZ keys and commands that figures may write but this
// package does not draw: keys of tikz-cd's manual (its diagram, arrow,
// label and cell options) that do nothing in an SVG drawn here or that it
// leaves out, TikZ's keys people reach for in arrows and labels, and the
// TikZ and TeX commands that put other things in a cell.
var (
	unsupportedDiagram = []string{
		"math mode=false", "arrow style=tikz", "arrow style=math font", "arrow style=Latin Modern",
		"background color=black", "every diagram/.append style={red}", "every matrix/.append style={red}",
		"diagrams={red}", "execute before arrows={}", "baseline=0pt", "scale=2", "transform shape",
		"remember picture", "overlay", "nodes={red}", "column 2/.style={red}", "row 1/.style={red}",
		"every arrow/.style={thick}", "every label/.style={red}", "every cell/.style={red}",
		"1-row diagram/.style={}", "center yshift=0pt", "crossing over clearance=2ex",
		"row sep/normal=2em", "execute at end picture={}", "font=\\small", "inner sep=0pt", "thick",
	}
	unsupportedArrow = []string{
		"to path={-- (\\tikztotarget)}", "controls=+(1,0)", "decorate", "decoration={zigzag}",
		"postaction={draw}", "preaction={draw}", "line cap=butt", "line join=miter", "opacity=0.5",
		"draw opacity=0.5", "double", "double distance=2pt", "rounded corners", "relative",
		"out looseness=2", "in looseness=2", "->", "-Stealth", "arrows=->", ">=stealth", "tikzcd to",
		"shift={(1,0)}", "transform nodes={red}", "on layer=front", "bend angle=45",
		"dash pattern=on 2pt off 1pt", "densely dotted", "loosely dashed", "dash dot", "fill=red",
		"text width=2em", "start anchor={[xshift=1ex]north}", "end anchor=top",
		"execute at begin to={}", "every to/.style={}", "cm to", "Glyph", "color=rouge", "draw=blu",
		"red!50!bleu", "scaling nfold=9", "squiggly=2", "very near middle",
	}
	unsupportedLabel = []string{
		"fill=white", "draw", "circle", "text width=3em", "align=center", "minimum size=1em",
		"outer sep=0pt", "inner xsep=1pt", "label distance=1pt", "scale=2", "opacity=0.5",
		"text opacity=0.5", "node font=\\tiny", "shape=circle", "font=\\bfseries", "anchor=north east",
		"transform shape", "pin=x", "rounded corners", "text=sienna", "magenta!200",
	}
	unsupportedCell = []string{
		"draw", "fill=red", "circle", "inner sep=2pt", "minimum width=1em", "shape=circle",
		"anchor=base", "xshift=1em", "scale=2", "name=X", "label=above:x", "font=\\bfseries",
		"text width=2em", "alias=", "rotate=a lot", "outer sep=1pt", "color=sepia",
	}
	unsupportedCommands = []string{
		`\tikzcdset{every arrow/.append style={thick}}`, `\draw (0,0) -- (1,1);`, `\node {x};`,
		`\path (0,0);`, `\coordinate (x);`, `\foreach \x in {1,2} {}`, `\tikz \draw;`,
		`\pgfmatrixnextcell`, `\tikzcdmatrixname`, `\usetikzlibrary{cd}`, `\tikzset{red}`,
		`\phantom{A}`, `\hphantom{A}`, `\vphantom{A}`, `\smash{A}`, `\textcolor{red}{B} C`,
		`\colorbox{red}{B}`, `\begin{scope}`, `\matrix`, `\pgfsetlinewidth{1pt}`, `\tikzcdset`,
	}
)

// TestUnsupported feeds every key and command of the lists above, in its
// place in a figure, and checks that each is an error at its file:line:col
// that names it: never text in the figure, never ignored.
func TestUnsupported(t *testing.T) {
	type tc struct{ src, item, name string }
	var cases []tc
	for _, k := range unsupportedDiagram {
		cases = append(cases, tc{"\\begin{tikzcd}[" + k + "]\nA \\arrow[r] & B\n\\end{tikzcd}", k, keyName(k)})
	}
	for _, k := range unsupportedArrow {
		cases = append(cases, tc{"A \\arrow[r, " + k + "] & B", k, keyName(k)})
	}
	for _, k := range unsupportedLabel {
		cases = append(cases, tc{"A \\arrow[r, \"f\"{" + k + "}] & B", k, keyName(k)})
	}
	for _, k := range unsupportedCell {
		cases = append(cases, tc{"A & |[" + k + "]| B", k, keyName(k)})
	}
	for _, c := range unsupportedCommands {
		name, _, _ := strings.Cut(c, "{")
		name, _, _ = strings.Cut(name, " ")
		item := c
		if env, ok := strings.CutPrefix(c, `\begin`); ok {
			env = strings.Trim(env, "{}")
			item, name = env, env // the error is at the environment's name
		}
		cases = append(cases, tc{"A \\arrow[r] & " + c + " B", item, name})
	}
	for _, c := range cases {
		t.Run(c.item, func(t *testing.T) {
			off := strings.Index(c.src, c.item)
			line := 1 + strings.Count(c.src[:off], "\n")
			col := off - strings.LastIndexByte(c.src[:off], '\n')
			pos := fmt.Sprintf("f.tikzcd:%d:%d: ", line, col)
			svg, err := Render(c.src, Options{Name: "f.tikzcd"})
			if err == nil {
				t.Fatalf("%q renders (%d bytes), want an error", c.src, len(svg))
			}
			msg := err.Error()
			if !strings.Contains(msg, pos) {
				t.Errorf("%q: %v\nwant an error at %s", c.src, err, pos)
			}
			if !strings.Contains(msg, c.name) {
				t.Errorf("%q: %v\nwant an error naming %q", c.src, err, c.name)
			}
		})
	}
}

// keyName is what an error about option k must name: its key, or, for a
// colour given as a bare option, the colour.
func keyName(k string) string {
	key, _, _ := option{text: k}.key()
	if strings.Contains(key, "!") {
		_, after, _ := strings.Cut(key, "!50!")
		return after
	}
	return key
}
