package cd

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestErrors checks that each mistake is reported at its position, as
// file:line:col: message, naming what is wrong.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unsupported key", `A \arrow[r, opacity=0.5] & B`, `f.tikzcd:1:13: unsupported arrow option "opacity"`},
		{"suggestion", `A \arrow[r, bend lft] & B`, `f.tikzcd:1:13: unsupported arrow option "bend lft" (did you mean "bend left"?)`},
		{"label option", `A \arrow[r, "f"{text width=3em}] & B`, `f.tikzcd:1:17: unsupported label option "text width"`},
		{"diagram option", "\\begin{tikzcd}[math mode=false]\nA \\end{tikzcd}", `f.tikzcd:1:16: unsupported diagram option "math mode"`},
		{"empty target", `A \arrow[r] & `, `f.tikzcd:1:10: arrow to the empty cell at row 1, column 2: tikz-cd draws no node there (write {} for an invisible object)`},
		{"empty source", "A & \\arrow[l]", `f.tikzcd:1:5: arrow from the empty cell at row 1, column 2`},
		{"outside", `A \arrow[dr]`, `f.tikzcd:1:10: arrow to row 2, column 2, outside the diagram (1 rows, 1 columns)`},
		{"unknown name", `A \arrow[r, Rightarrow, from=U, to=1-2] & B`, `f.tikzcd:1:25: from=U names no label of an earlier arrow`},
		{"unbraced comma", `A \arrow[r, "\langle x,y\rangle"] & B`, `f.tikzcd:1:13: label "\langle x has no closing "`},
		{"math", "A \\arrow[r, \"\\lamda\"] & B", `f.tikzcd:1:14: unsupported command \lamda (did you mean \lambda?)`},
		{"math in a cell", "A & B \\\\\n C^ & D", `f.tikzcd:2:4: missing argument for ^`},
		{"unclosed options", `A \arrow[r, "f" & B`, `f.tikzcd:1:9: this [ is never closed by ]`},
		{"no end", "\\begin{tikzcd}\nA & B", `f.tikzcd:1:1: \begin{tikzcd} is never closed by \end{tikzcd}`},
		{"bad sep", "\\begin{tikzcd}[row sep=wide]\nA\n\\end{tikzcd}", `f.tikzcd:1:16: row sep=wide: want tiny, small, scriptsize, normal, large, huge or a length such as 2em`},
		{"no target", `A \arrow["f"] & B`, `f.tikzcd:1:3: arrow without a target`},
		{"bad bend", `A \arrow[r, bend left=much] & B`, `f.tikzcd:1:13: bend left=much: want a number`},
		{"flag with value", `A \arrow[r, dashed=yes] & B`, `f.tikzcd:1:13: dashed takes no value`},
		{"draw colour", `A \arrow[r, draw=rouge] & B`, `f.tikzcd:1:13: draw=rouge: unknown colour "rouge"`},
		{"unmatched brace", `A } \arrow[r] & B`, `f.tikzcd:1:3: unmatched }`},
		{"between", `A \arrow[r, between={0.8}{0.2}] & B`, `f.tikzcd:1:13: between={0.8}{0.2}: want between={a}{b} with 0 ≤ a < b ≤ 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(tc.src, Options{Name: "f.tikzcd"})
			if err == nil {
				t.Fatalf("Render(%q) succeeded, want an error %q", tc.src, tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Render(%q) = %v\nwant an error containing %q", tc.src, err, tc.want)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Errorf("error is %T, want an ErrorList", err)
			}
		})
	}
}

// TestOptionOrder checks that options apply left to right: later ones win.
func TestOptionOrder(t *testing.T) {
	tests := []struct {
		opts       string
		tail, head Tip
		double     bool
	}{
		{"r", NoTip, Head, false},
		{"r, no head, Rightarrow", NoTip, Implies, true},
		{"r, Rightarrow, no head", NoTip, NoTip, true},
		{"r, tail, two heads, dashed", Tail, TwoHeads, false},
		{"r, hook', maps to", Bar, Head, false},
		{"r, equal", NoTip, NoTip, true},
		{"r, leftarrow", Head, NoTip, false},
		{"r, harpoon", NoTip, Harpoon, false},
	}
	for _, tc := range tests {
		d, err := Parse("", `A \arrow[`+tc.opts+`] & B`)
		if err != nil {
			t.Fatalf("%s: %v", tc.opts, err)
		}
		a := d.Arrows[0]
		if a.TailTip != tc.tail || a.HeadTip != tc.head || a.Double != tc.double {
			t.Errorf("[%s]: tail %d head %d double %v, want %d %d %v", tc.opts, a.TailTip, a.HeadTip, a.Double, tc.tail, tc.head, tc.double)
		}
	}
}

// TestParseForms checks the forms of the input: labels and their options,
// old syntax, quiver's absolute arrows, separations.
func TestParseForms(t *testing.T) {
	d, err := Parse("", "\\begin{tikzcd}[column sep=small, row sep=2em]\nA \\arrow[r, \"f\"' near end, \"g\"{description, pos=0.3}] & B \\\\ {} & C\n\\arrow[\"h\", from=1-2, to=2-2, shift right=2]\n\\end{tikzcd}")
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 2 || d.Cols != 2 || len(d.Cells) != 4 {
		t.Errorf("grid %d×%d with %d objects, want 2×2 with 4 ({} is an object)", d.Rows, d.Cols, len(d.Cells))
	}
	if d.ColSep[0] != 1.2 || d.RowSep[0] != 2 {
		t.Errorf("seps %v %v, want [1.2] [2]", d.ColSep, d.RowSep)
	}
	f, g := d.Arrows[0].Labels[0], d.Arrows[0].Labels[1]
	if f.Math != "f" || !f.Swap || f.Pos != 0.75 {
		t.Errorf("label f = %+v, want swapped, near end", f)
	}
	if g.Math != "g" || !g.Description || g.Pos != 0.3 {
		t.Errorf("label g = %+v, want description at 0.3", g)
	}
	h := d.Arrows[1]
	if h.From.Row != 0 || h.From.Col != 1 || h.To.Row != 1 || h.To.Col != 1 || h.Shift != -2*shiftUnit {
		t.Errorf("quiver arrow = %+v", h)
	}
	// The arrow-level option very near start applies to every label, and a
	// label's own option wins over it.
	d, err = Parse("", `A \arrow[dr, phantom, "\lrcorner", "x"{pos=1}, very near start] & \\ & B`)
	if err != nil {
		t.Fatal(err)
	}
	if l := d.Arrows[0].Labels; l[0].Pos != 0.125 || l[1].Pos != 1 {
		t.Errorf("positions %v %v, want 0.125 and 1", l[0].Pos, l[1].Pos)
	}
	// Old syntax.
	d, err = Parse("", `M \arrow[swap]{d}{\pi} \arrow{dr}[near start]{F} & \\ N \rar[swap]{F} & P`)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Arrows) != 3 || !d.Arrows[0].Labels[0].Swap || d.Arrows[1].Labels[0].Pos != 0.25 || d.Arrows[2].To.Col != 1 {
		t.Errorf("old syntax parsed as %+v", d.Arrows)
	}
	// A trailing \\ adds no row; && leaves an empty column between.
	d, err = Parse("", `A && B \\`)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows != 1 || d.Cols != 3 {
		t.Errorf("A && B \\\\ is %d×%d, want 1×3", d.Rows, d.Cols)
	}
}

// TestDescribe checks the words a screen reader gets.
func TestDescribe(t *testing.T) {
	tests := []struct{ src, want string }{
		{`A \arrow[r, "f"] \arrow[dr, "g \circ f"'] & B \arrow[d, "g"] \\ & C`,
			"Objects: A, B, C. Arrows: f from A to B; g composed with f from A to C; g from B to C."},
		{`F(A) \arrow[d, "\eta_A"'] \\ G(A)`, "Objects: F of A, G of A. Arrows: eta sub A from F of A to G of A."},
		{`\mathcal{C} \arrow[r, hook, "m"] & \mathcal{D}`, "Objects: script C, script D. Arrows: m, a mono arrow, from script C to script D."},
		{`P \arrow[dr, phantom, "\lrcorner", very near start] & \\ & Z`, "Objects: P, Z. Arrows: P is a pullback (corner mark)."},
		{`X \arrow[loop right, "e"]`, "Objects: X. Arrows: e from X to itself."},
	}
	for _, tc := range tests {
		d, err := Parse("", tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if got := Describe(d); got != tc.want {
			t.Errorf("Describe(%q)\n = %q\nwant %q", tc.src, got, tc.want)
		}
	}
}

// TestNewForms checks the forms issue 15 added: cell options, from=
// alone, colours and their themes, style keys.
func TestNewForms(t *testing.T) {
	d, err := Parse("", "\\begin{tikzcd}[every arrow/.append style={thick}]\n|[alias=Z, red]| A \\arrow[r] & |[rotate=-15]| B \\\\ C \\arrow[from=Z, \"f\" blue, negated] & D\n\\end{tikzcd}")
	if err != nil {
		t.Fatal(err)
	}
	a, b := d.Cell(0, 0), d.Cell(0, 1)
	if a.Math != "A" || a.Alias != "Z" || a.Color == nil || a.Color.Light != "#ff0000" || b.Math != "B" || b.Rotate != -15 {
		t.Errorf("cells %+v %+v, want A aliased Z in red and B turned by -15°", a, b)
	}
	ar := d.Arrows[1]
	if ar.From.Row != 0 || ar.From.Col != 0 || ar.To.Row != 1 || ar.To.Col != 0 {
		t.Errorf("from=Z alone goes %+v → %+v, want from A to its own cell C", ar.From, ar.To)
	}
	if ar.Weight != 2 || !ar.Negated || ar.Labels[0].Color == nil {
		t.Errorf("arrow %+v, want every arrow's thick, negated, a blue label", ar)
	}
	if got := Describe(d); !strings.Contains(got, "f, a negated arrow, from A to C") {
		t.Errorf("Describe = %q", got)
	}
	for _, tc := range []struct{ in, light, dark string }{
		{"red", "#ff0000", "#ff0000"},
		{"red!50", "#e86b6c", "#ff8080"}, // too pale on paper: darkened to 3:1
		{"red!30!blue", "#4d00b3", ""},
		{"rgb,255:red,214;green,92;blue,92", "#d65c5c", ""},
		{"black", "#000000", "#ffffff"},
		{"yellow", "", ""},
	} {
		c, err := parseColor(tc.in)
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		if tc.light != "" && c.Light != tc.light || tc.dark != "" && c.Dark != tc.dark {
			t.Errorf("%s = %s / %s, want %s / %s", tc.in, c.Light, c.Dark, tc.light, tc.dark)
		}
		for _, page := range []struct {
			hex  string
			bg   rgb
			want float64
		}{{c.Light, lightPage, lightContrast}, {c.Dark, darkPage, darkContrast}} {
			if got := contrast(hexRGB(page.hex), page.bg); got < page.want-0.01 {
				t.Errorf("%s: %s has contrast %.2f, want at least %.1f", tc.in, page.hex, got, page.want)
			}
		}
	}
	if c, _ := parseColor("white"); !c.Background {
		t.Error("white is not the background")
	}
}

func hexRGB(s string) rgb {
	var r, g, b int
	fmt.Sscanf(s, "#%02x%02x%02x", &r, &g, &b)
	return rgb{float64(r) / 255, float64(g) / 255, float64(b) / 255}
}
