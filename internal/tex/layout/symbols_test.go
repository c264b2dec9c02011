package layout

import (
	"ctml/internal/tex"
	"testing"
)

// TestAmsSymbols checks that every amssymb symbol package tex knows for the
// diagrams (nLab's and quiver's, such as \\shortmid) has a glyph in Latin
// Modern Math.
func TestAmsSymbols(t *testing.T) {
	f, _ := LatinModern()
	for _, c := range []string{"shortmid", "shortparallel", "nshortmid", "nparallel", "leftarrowtail", "twoheadleftarrow", "looparrowleft", "looparrowright", "curvearrowleft", "curvearrowright", "circlearrowleft", "circlearrowright", "upharpoonright", "restriction", "upharpoonleft", "downharpoonright", "downharpoonleft", "rightharpoondown", "leftharpoondown", "leftrightharpoons", "nrightarrow", "nleftarrow", "nRightarrow", "nLeftarrow", "nleftrightarrow", "Lleftarrow", "leftsquigarrow", "leftrightsquigarrow", "upuparrows", "downdownarrows", "Updownarrow", "Lsh", "Rsh", "bowtie", "Join", "vDash", "Vdash", "nvdash", "nvDash", "Vvdash", "vartriangleleft", "vartriangleright", "trianglelefteq", "trianglerighteq", "ncong", "nsim", "eqsim", "backsim", "backsimeq", "thicksim", "thickapprox", "approxeq", "asymp", "bumpeq", "Bumpeq", "sqsubset", "sqsupset", "sqsupseteq", "supsetneq", "nsubseteq", "nsupseteq", "lessdot", "gtrdot", "leqslant", "geqslant", "lesssim", "gtrsim", "lhd", "rhd", "unlhd", "unrhd", "ltimes", "rtimes", "wr", "boxtimes", "boxplus", "boxminus", "boxdot", "circledast", "circledcirc", "circleddash", "centerdot", "intercal", "barwedge", "veebar", "curlywedge", "curlyvee", "ddagger", "bigtriangleup", "bigtriangledown", "smallsetminus", "dotplus", "divideontimes", "Cap", "Cup", "blacksquare", "lozenge", "triangle", "triangledown", "natural", "sharp", "flat", "mho", "wp", "Re", "Im", "complement", "backprime", "hslash", "eth", "surd", "measuredangle", "sphericalangle", "beth", "gimel", "daleth", "imath", "jmath", "ulcorner", "urcorner", "llcorner", "lrcorner"} {
		l, err := tex.Parse(`a\`+c+` b`, tex.Text)
		if err != nil {
			t.Errorf("%s: %v", c, err)
			continue
		}
		if _, err := f.Typeset(l); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
}
