// Package cd draws commutative diagrams written in tikz-cd as SVG, with
// tikz-cd's own layout rules, so that a figure looks the way its author
// saw it in LaTeX, and with no TeX, font or script needed to read it.
//
// [Parse] reads a figure, [Layout] places it and [Figure.SVG] writes it;
// [Render] does all three.
//
// # Input
//
// A figure is a tikz-cd environment, \begin{tikzcd}[options] … \end{tikzcd},
// or only its body. Quiver's export parses as it is: its
// % https://q.uiver.app/… comment, \[ \] around the environment,
// ampersand replacement=\&, and its arrows written after the grid with
// from=row-column and to=row-column.
//
// Cells are separated by & (or \& under ampersand replacement) and rows
// by \\; &[length] and \\[length] widen one gap. A cell holds TeX math
// (package tex parses it) and any number of arrows:
//
//	\arrow[options]   or \ar[options]
//	\arrow[options]{target}{label}[label options]{label}…   (the old syntax)
//	\rar{label}, \dar, \lar, \uar, \drar, \dlar, \urar, \ular
//
// A cell holding only white space is empty: it has no node, and an arrow
// to it is an error, as in tikz-cd; {} is an invisible object. A cell may
// start with options, |[alias=Z, red, rotate=-15]| X: alias=Z names the
// cell for from= and to=, a colour (red, text=, color=) colours its
// math, rotate=θ turns it and the border its arrows meet, font= sizes
// it (\small, \large, …); nodes={…} holds more of them. Math that is
// all \textcolor{colour}{math}, or starts with \color{colour}, as quiver
// writes a coloured object, is coloured the same way.
//
// Options apply left to right, and later ones win: no head, Rightarrow
// has a head and Rightarrow, no head has none. An option list is split at
// the commas outside braces, so a label holding a comma is braced:
// "{\langle x,y\rangle}".
//
//   - Targets: a direction made of r, l, u, d (r, dr, urr); from= and to=
//     with row-column (1-based), a direction, a cell's alias or the name
//     of a label. from= alone ends the arrow in the cell it is written in
//     (the manual's cube).
//   - Labels: "math", with ' or swap for the other side, and options
//     after it, "f"{description, pos=0.3} or "f" description: description,
//     marking (at text size, turned with the arrow, centred on it at the
//     math axis, as tikz-cd's), sloped, allow upside down, pos=t, at
//     start, very near start, near start, midway, near end, very near end,
//     at end, above, below, left, right, auto,
//     anchor=center|north|south|east|west, name=N, rotate=θ, inner sep=L,
//     text= or a colour's name, font= (\tiny … \Huge at text style, or
//     \scriptstyle, \textstyle, …), xshift=, yshift=. Written among the
//     arrow's options, these apply to all its labels; a label's own
//     options win.
//   - Tips: rightarrow, leftarrow, leftrightarrow, to head, hook, hook',
//     hookrightarrow, hookleftarrow, tail, rightarrowtail, leftarrowtail,
//     two heads, twoheadrightarrow, twoheadleftarrow, maps to, mapsto,
//     mapsfrom, Mapsto, Mapsfrom, no head, no tail, dash, harpoon,
//     harpoon', rightharpoonup, rightharpoondown, leftharpoonup,
//     leftharpoondown; quiver's tail reversed, 2tail, 2tail reversed. Each
//     sets only the end it names.
//   - Bodies: dashed, dashrightarrow, dashleftarrow, dotted, solid,
//     squiggly, rightsquigarrow, leftsquigarrow, leftrightsquigarrow,
//     equal, equals, Rightarrow, Leftarrow, Leftrightarrow, phantom
//     (invisible, labels centred and at text size), draw=none, crossing
//     over; quiver's no body and scaling nfold=n (tikz-nfold's n lines);
//     negated (beyond tikz-cd, which has no such key: a / marking across
//     the middle, as \not crosses a relation).
//   - Colour and weight: a colour's name or color=colour (the strokes and
//     the labels), draw=colour (the strokes), ultra thin, very thin,
//     thin, semithick, thick, very thick, ultra thick, line width=L; tips
//     grow with the line, as TikZ's do.
//   - Shapes: bend left[=θ], bend right[=θ], shift left[=n or L], shift
//     right, shorten=L, shorten <=L, shorten >=L, loop, loop right, loop
//     left, loop above, loop below, in=θ, out=θ, looseness=x, distance=L,
//     min distance=L, xshift=L, yshift=L (the whole arrow), start anchor=
//     and end anchor= with TikZ's anchors of a cell (center, east and west
//     on the math axis as in tikz-cd, north, south, north east, …, real
//     center, real east, real west, base, base east, base west, mid, mid
//     east, mid west, or an angle); quiver's curve={height=L} and
//     between={a}{b}.
//   - Diagram options: row sep, column sep, sep (tiny, small, scriptsize,
//     normal, large, huge or a length), cramped, ampersand
//     replacement=\&, every arrow/.append style={…}, every label/.append
//     style={…}, every cell/.append style={…} and their short forms
//     arrows=, labels=, cells=.
//
// Colours are xcolor's: its 19 base names, the 68 dvipsnames (a figure
// has no preamble to load them in), mixes (red!50 is half red, half
// white; red!30!blue; -red, the complement) and the extended form quiver
// writes, rgb,255:red,214;green,92;blue,92. White, and tikz-cd's
// \pgfkeysvalueof{/tikz/commutative diagrams/background color}, is the
// page's background, as it is on paper.
//
// Lengths take pt, bp, mm, cm, in, em, ex, mu and px, and a bare number
// is in points, as pgfmath reads it; 1 em is the math size. Anything
// else is an error at file:line:col naming the key, with a suggestion
// when a known key is close (bend lft: did you mean bend left?): TikZ's
// own keys (to path, decorate, double, fill, opacity, …) among them, so
// that nothing a figure writes is silently left out or drawn as text.
//
// # Layout
//
// The rules and numbers are tikz-cd's (tikz-cd 1.0, pgf 3.1.10, measured
// at 10 pt), in em of the math size. Column sep normal is 2.4 em, row sep
// 1.8 em, measured between cell boxes; cells are padded 0.431 × 0.366 em;
// a node's centre is on the math axis, so rows stay horizontal whatever
// the glyphs; arrows stop at the node boxes plus TikZ's outer sep of
// 0.02 em. Labels are in script style, padded 0.215 em, and anchored by
// the tangent in one of eight directions on the left of travel (on the
// right when swapped), 0.235 em from the line. bend left=θ leaves at the
// chord angle plus θ, with control points 0.3915 × chord × looseness
// away; loops reach at least 1.42 em; shift left moves an arrow 0.241 em.
//
// Beyond tikz-cd: a straight horizontal or vertical arrow shorter than its
// label's text plus 0.3 em at each end widens its gap (tikz-cd lets the
// label overlap the nodes), and one with a description label widens it
// until 0.6 em of the arrow shows on each side of the label's box;
// shortening and quiver's between trim curves by arc length or parameter
// rather than along the tangent; and strokes are LineWidth wide, 0.05
// em, rather than TeX's 0.04 em, so that they are a pixel on screen.
//
// # SVG
//
// The SVG is meant to be inline in HTML. It has role="img", a <title> and
// a <desc> linked by aria-labelledby and aria-describedby (the
// description, from [Describe], reads the graph out: "g composed with f
// from A to C"); every id starts with Options.ID; strokes and glyphs are
// currentColor, and description labels are filled with the CSS variable
// --cd-bg (white when unset), so that a page's dark theme reaches the
// figure. A coloured stroke or glyph has two forms: on the light page
// xcolor's colour, darkened only where it would show less than 3:1
// against the page (yellow, lime, pink); on the dark page the same hue
// lightened to at least 4.5:1 (blue becomes a lighter blue), and black
// and greys mirrored (black is the brightest). The light form is a
// presentation attribute; style="stroke:light-dark(light,dark)" picks by
// the page's color-scheme where the browser has light-dark(). Width and
// height are in em, so the figure scales with the text. Glyphs are
// outlines from Latin Modern Math (package layout). Output is
// deterministic: the same source gives the same bytes.
package cd
