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
// to it is an error, as in tikz-cd; {} is an invisible object.
//
// Options apply left to right, and later ones win: no head, Rightarrow
// has a head and Rightarrow, no head has none. An option list is split at
// the commas outside braces, so a label holding a comma is braced:
// "{\langle x,y\rangle}".
//
//   - Targets: a direction made of r, l, u, d (r, dr, urr); from= and to=
//     with row-column (1-based), a direction or the name of a label.
//   - Labels: "math", with ' or swap for the other side, and options
//     after it, "f"{description, pos=0.3} or "f" description: description,
//     marking, pos=t, at start, very near start, near start, midway, near
//     end, very near end, at end, above, below, left, right,
//     anchor=center|north|south|east|west, name=N, rotate=θ, inner sep=L.
//     Written among the arrow's options, these apply to all its labels;
//     a label's own options win.
//   - Tips: rightarrow, leftarrow, leftrightarrow, hook, hook',
//     hookrightarrow, tail, rightarrowtail, two heads, twoheadrightarrow,
//     maps to, mapsto, no head, no tail, dash, harpoon, harpoon'. Each
//     sets only the end it names.
//   - Bodies: dashed, dotted, equal, equals, Rightarrow, Leftarrow,
//     Leftrightarrow, phantom (invisible, labels centred and full size),
//     draw=none, crossing over.
//   - Shapes: bend left[=θ], bend right[=θ], shift left[=n or L], shift
//     right, shorten=L, shorten <=L, shorten >=L, loop, loop right, loop
//     left, loop above, loop below, in=θ, out=θ, looseness=x, distance=L,
//     min distance=L, start anchor=center, end anchor=center; quiver's
//     curve={height=L} and between={a}{b}.
//   - Diagram options: row sep, column sep, sep (tiny, small, scriptsize,
//     normal, large, huge or a length), cramped, ampersand replacement=\&.
//
// Lengths take pt, bp, mm, cm, in, em, ex, mu and px; 1 em is the math
// size. Anything else is an error at file:line:col naming the key, with a
// suggestion when a known key is close (bend lft: did you mean bend
// left?).
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
// label overlap the nodes), shortening and quiver's between trim curves
// by arc length or parameter rather than along the tangent, and strokes
// are LineWidth wide, one pixel at 16 px, rather than TeX's 0.04 em.
//
// # SVG
//
// The SVG is meant to be inline in HTML. It has role="img", a <title> and
// a <desc> linked by aria-labelledby and aria-describedby (the
// description, from [Describe], reads the graph out: "g composed with f
// from A to C"); every id starts with Options.ID; strokes and glyphs are
// currentColor, and description labels are filled with the CSS variable
// --cd-bg (white when unset), so that a page's dark theme reaches the
// figure; width and height are in em, so it scales with the text. Glyphs
// are outlines from Latin Modern Math (package layout). Output is
// deterministic: the same source gives the same bytes.
package cd
