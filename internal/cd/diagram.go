package cd

import "ctml/internal/tex"

// Diagram is a parsed tikz-cd figure: a grid of cells and the arrows
// between them, in source order. Lengths are in em of the math font size.
type Diagram struct {
	Rows, Cols int
	Cells      []*Cell   // the objects, row by row; empty cells are absent
	Arrows     []*Arrow  // in source order, which is drawing order
	ColSep     []float64 // the gap after each column but the last
	RowSep     []float64 // the gap after each row but the last
	Cramped    bool
	Quiver     string // the q.uiver.app link of a quiver export, if any

	grid map[[2]int]*Cell
}

// Cell is an object of the diagram: the math of one cell of the grid.
// Row and Col are 0-based.
type Cell struct {
	Row, Col int
	Math     string  // TeX math, with the \arrow commands and cell options removed
	Offset   int     // byte offset of Math in the source
	Alias    string  // |[alias=Z]|: arrows may name the cell Z
	Color    *Color  // the math's colour; nil for the text colour
	Rotate   float64 // degrees, counter-clockwise, about the node's centre
	Size     float64 // the math's size, in em of the diagram's math size (1 unless font= says)
}

// Cell returns the object at row r, column c (0-based), or nil if that
// cell is empty.
func (d *Diagram) Cell(r, c int) *Cell { return d.grid[[2]int{r, c}] }

// Tip is what an arrow has at one of its ends.
type Tip uint8

// The tips. The names follow tikz-cd's options.
const (
	NoTip       Tip = iota
	Head            // → at the head; at the tail (leftarrow) it points back
	TwoHeads        // ↠
	Hook            // ↪, the hook on the left of the direction of travel
	HookSwap        // hook', on the right
	Tail            // ↣
	Bar             // ↦, maps to
	Harpoon         // ⇀, the left barb only
	HarpoonSwap     // ⇁, the right barb only
	Implies         // the head of ⇒ (at the tail it points back, as in ⇐)
	ImpliesTail     // quiver's 2tail: ⇒'s head at the start, pointing along the arrow
	ImpliesBar      // the bar across the start of ⟾ (Mapsto)
)

// Pattern is the dash pattern of an arrow's body.
type Pattern uint8

// The patterns.
const (
	Solid Pattern = iota
	Dashed
	Dotted
)

// Arrow is an arrow of the diagram (tikz-cd's \arrow), with its options
// applied left to right.
type Arrow struct {
	Offset     int // of the \arrow command
	From, To   End
	TailTip    Tip
	HeadTip    Tip
	Double     bool // equal, Rightarrow: two parallel lines
	Pattern    Pattern
	Draw       bool     // false for phantom and draw=none
	Phantom    bool     // labels centred and at full size
	Crossing   bool     // crossing over
	Bend       float64  // degrees; positive bends left
	In, Out    *float64 // degrees, absolute
	Looseness  float64
	Distance   *float64 // control distance, em
	MinDist    float64  // em
	Loop       bool
	Shift      float64    // em, to the left of travel
	ShortStart float64    // em
	ShortEnd   float64    // em
	Curve      *float64   // quiver's curve height, em; positive bends right
	Between    [2]float64 // quiver's between={a}{b}: the kept parameter range
	Labels     []*Label

	Color    *Color  // color= or a colour's name: the strokes and, unless they say otherwise, the labels
	Stroke   *Color  // draw=: the strokes only
	Weight   float64 // the stroke width as a multiple of tikz-cd's 0.4 pt (thick is 2)
	Squiggly bool    // a zigzag body (squiggly, rightsquigarrow)
	NFold    int     // scaling nfold=n (tikz-nfold, as quiver writes it): n parallel lines, for n ≥ 3
	NoBody   bool    // quiver's no body: tips only
	Negated  bool    // a slash across the middle
	XShift   float64 // em: the whole arrow and its labels moved
	YShift   float64
}

// End is one end of an arrow: a cell, or a named label.
type End struct {
	Row, Col int    // the cell, 0-based, when Name is ""
	Name     string // a label named with name=
	Anchor   string // start anchor= or end anchor=: "" for the border, else a TikZ anchor (center, north east, base, 30, …)
	Offset   int    // where the end is given in the source
}

// Anchor is where a label sits relative to its point on the arrow.
type Anchor uint8

// The anchors. Auto is tikz-cd's default: left of the direction of
// travel, on the side chosen from the tangent.
const (
	Auto Anchor = iota
	Center
	Above // the label above the point (its south anchor on the point)
	Below
	Left
	Right
)

// Label is text on an arrow.
type Label struct {
	Math        string
	Offset      int // byte offset of Math in the source
	Swap        bool
	Description bool // centred, on a background-coloured box
	Marking     bool // centred, no box
	Pos         float64
	Anchor      Anchor
	Name        string
	Rotate      float64 // degrees, counter-clockwise
	InnerSep    float64 // em; TikZ's 0.215 (0.5 ex) unless set
	Color       *Color  // text= or a colour's name; nil for the arrow's colour
	Sloped      bool    // turned with the arrow (sloped, and marking)
	UpsideDown  bool    // allow upside down: a sloped label may read upside down
	Style       tex.Style
	Size        float64 // em of the math size: 1, or what font= says
	Shift       pt      // xshift=, yshift= of the label alone

	opts      []option // the label's own options, applied after the arrow's
	innerSet  bool
	styleSet  bool
	synthetic bool // drawn, not read out: negated's slash
}
