package tex

// Spaces between atoms, in mu (18 mu = 1 em), from the table on page 170
// of the TeXbook.
const (
	ThinMu   = 3 // \, and the space after punctuation
	MediumMu = 4 // \: and the space around a binary operation
	ThickMu  = 5 // \; and the space around a relation
	QuadMu   = 18
)

// spaceTable[left][right] is the space between two atoms: 0 none, 1 thin,
// 2 medium, 3 thick; negative values (−1 thin, −2 medium, −3 thick) are
// dropped in script styles. Pairs that cannot occur (a Bin next to a Rel)
// are 0.
var spaceTable = [8][8]int8{
	//        Ord Op Bin Rel Open Close Punct Inner
	Ord:   {0, 1, -2, -3, 0, 0, 0, -1},
	Op:    {1, 1, 0, -3, 0, 0, 0, -1},
	Bin:   {-2, -2, 0, 0, -2, 0, 0, -2},
	Rel:   {-3, -3, 0, 0, -3, 0, 0, -3},
	Open:  {0, 0, 0, 0, 0, 0, 0, 0},
	Close: {0, 1, -2, -3, 0, 0, 0, -1},
	Punct: {-1, -1, 0, -1, -1, -1, -1, -1},
	Inner: {-1, 1, -2, -3, -1, 0, -1, -1},
}

// Spacing returns the space, in mu, that TeX puts between an atom of class
// left and a following atom of class right in style s.
func Spacing(left, right Class, s Style) int {
	v := spaceTable[left&7][right&7]
	if v < 0 {
		if s.IsScript() {
			return 0
		}
		v = -v
	}
	return [...]int{0, ThinMu, MediumMu, ThickMu}[v]
}

// Spacing returns, for each item of l, the space in mu that TeX puts
// before it: for an atom, the space its class and that of the previous
// atom call for, in the style in force (explicit spaces between them do
// not change it); 0 for the first atom and for items that are not atoms.
func (l *List) Spacing() []int {
	out := make([]int, len(l.Items))
	style := l.Style
	var prev *Atom
	for i, it := range l.Items {
		switch it := it.(type) {
		case *StyleChange:
			style = it.Style
		case *Atom:
			if prev != nil {
				out[i] = Spacing(prev.Class, it.Class, style)
			}
			prev = it
		}
	}
	return out
}
