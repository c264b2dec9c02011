package weave

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"

	"ctml/internal/booktest"
	"ctml/internal/manuscript"
	"ctml/internal/tangle"
)

// chromaGo highlights lines with chroma's own Go lexer, as buildbook did
// before goTokens.
func chromaGo(lines []string) []string { return highlight(lexerFor("go"), lines) }

// classRun is a stretch of one line whose tokens have one chroma class.
type classRun struct{ class, text string }

// classRuns returns the class runs of each line of toks, tokens of text:
// what the highlighter's markup is made from, before tokenElement groups
// the classes into elements.
func classRuns(toks []chroma.Token) [][]classRun {
	lines := [][]classRun{nil}
	for _, t := range toks {
		cls := class(t.Type)
		for i, seg := range strings.Split(t.Value, "\n") {
			if i > 0 {
				lines = append(lines, nil)
			}
			if seg == "" {
				continue
			}
			ln := &lines[len(lines)-1]
			if k := len(*ln) - 1; k >= 0 && (*ln)[k].class == cls {
				(*ln)[k].text += seg
			} else {
				*ln = append(*ln, classRun{cls, seg})
			}
		}
	}
	return lines
}

// compareGo reports where goTokens and chroma's Go lexer differ on src,
// in the chroma class of any stretch of text or in the HTML, and whether
// goTokens handled src itself.
func compareGo(t *testing.T, name, src string) bool {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	text := strings.Join(lines, "\n") + "\n"
	toks, ok := goTokens(text)
	if ok {
		it, err := lexerFor("go").Tokenise(nil, text)
		if err != nil {
			t.Fatalf("%s: chroma: %v", name, err)
		}
		got, want := classRuns(coalesce(toks)), classRuns(it.Tokens())
		for i := range max(len(got), len(want)) {
			var g, w []classRun
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !slices.Equal(g, w) {
				t.Errorf("%s:%d: goTokens' classes\n%q\nchroma's\n%q", name, i+1, g, w)
				return ok
			}
		}
	}
	got, want := highlightGo(lines), chromaGo(lines)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s:%d: highlightGo\n%s\nchroma\n%s", name, i+1, got[i], want[i])
			break
		}
	}
	return ok
}

// TestGoHighlight compares the Go highlighter with chroma's Go lexer on
// every Go file this book generates, every go block of its chapters,
// the generated benchmark book, the repository's own Go code and a part
// of the standard library: every stretch of text must have the same
// chroma class (compared before tokenElement groups the classes into
// elements), and the HTML must be the same, byte for byte.
func TestGoHighlight(t *testing.T) {
	var sources []struct{ name, src string }
	add := func(name, src string) { sources = append(sources, struct{ name, src string }{name, src}) }

	books := []struct {
		fsys fs.FS
		dir  string
	}{{booktest.Generate(3), "book"}}
	if _, err := os.Stat("../../book/SUMMARY.md"); err == nil {
		books = append(books, struct {
			fsys fs.FS
			dir  string
		}{os.DirFS("../../book"), "../../book"})
	}
	for _, b := range books {
		bk, errs := manuscript.Load(b.fsys, b.dir)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		out, _ := tangle.Render(bk, tangle.Options{Book: b.dir, Out: "chapters"})
		for _, f := range out.Files {
			add(f.Path, string(f.Data))
		}
		for _, p := range bk.Pages {
			for _, blk := range p.Doc.Blocks {
				if blk.IsGo() {
					var lines []string
					for _, ln := range blk.Lines {
						lines = append(lines, ln.Text)
					}
					add(blk.Pos.String(), strings.Join(lines, "\n"))
				}
			}
		}
	}
	roots := []string{"../../internal", "../../cmd"}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		goroot := strings.TrimSpace(string(out))
		roots = append(roots, filepath.Join(goroot, "src", "strconv"), filepath.Join(goroot, "src", "go", "scanner"))
	}
	for _, root := range roots {
		_ = filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(name, ".go") {
				if data, err := os.ReadFile(name); err == nil {
					add(name, string(data))
				}
			}
			return nil
		})
	}
	if len(sources) < 100 {
		t.Fatalf("only %d Go sources to compare", len(sources))
	}
	if raceEnabled {
		// chroma is slow under the race detector: one source in ten.
		var some []struct{ name, src string }
		for i := 0; i < len(sources); i += 10 {
			some = append(some, sources[i])
		}
		sources = some
	}
	own := 0
	for _, s := range sources {
		if compareGo(t, s.name, s.src) {
			own++
		}
	}
	t.Logf("%d Go sources compared, %d highlighted by goTokens, the others left to chroma", len(sources), own)
	if own*10 < len(sources)*8 {
		t.Errorf("goTokens handled only %d of %d sources", own, len(sources))
	}
}

// goCorners are inputs where chroma's rules and Go's grammar part ways,
// or where a rule backs off: the fuzz target's seeds, and a test.
var goCorners = []string{
	"0o17 0O17 0b101 0B101 0x1F 0X_1f 0x 0b 08 09 007 1_000 1_000.5 0x1p-2 1e3 1E+3 1e 1e+ .5 .5e3 .5e-3i .e3 1.e5 1..5 5. 1i 1.5i 1e-3i 1e3i .5i 0i 00",
	"len(x) len (x) len\n(x) int(x) int (x) any(x) string(x) error (x) print(x) x.len(y) lenx(y) _(x) Foo(x) αβ(x) xα(x) é(x)",
	"func(x) func (x) funcx(x) var1 if(x) goto go nil nilx true(x) iota",
	"// a comment\n//line x.md:3\n//go:embed x\n//\n/* block */ /* multi\nline */ /*/ x */ /* open",
	"/\\\n* odd */ /* x *\\\n/ y",
	"'a' '\\n' '\\'' '\\x41' '\\101' '\\1' '\\12' '\\1234' '\\u00e9' '\\U0001F600' 'é' ''' '\n' '\\q' 'ab' '",
	"\"plain\" \"esc \\\" quote\" \"back\\\\\" \"multi\nline\" \"open \\\" and on\nand on",
	"\"open with no escape",
	"`raw` `raw with { brace` `multi\nline` `open",
	"`template {{.X}} here`",
	"a <<= b >>= c &^= d &^ e += f -= g *= h /= i %= j &= k |= l && m || n <- o ++ p -- q == r != s := t ... u + v - w * x / y % z & aa | bb ^ cc ^= dd ! ee < ff > gg = hh : ii ~ jj .. kk",
	"x\u00a0y\u2028z \t\v\f tab",
	"٣ ٣4 x٣ @ # $ ? \\ \u200d \u0301x",
	"package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, world\")\n}\n",
	strings.Repeat("// long comment line\n", 500),
	"`" + strings.Repeat("x{", 5000) + "`",
	"\"" + strings.Repeat("a", 9000) + "\"",
}

// TestGoHighlightCorners compares the two on the corner cases.
func TestGoHighlightCorners(t *testing.T) {
	for _, src := range goCorners {
		compareGo(t, "corner", src)
	}
}

// FuzzGoHighlight compares highlightGo with chroma's Go lexer on
// arbitrary text.
func FuzzGoHighlight(f *testing.F) {
	for _, s := range goCorners {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		compareGo(t, "input", src)
	})
}

// TestNoMatchTimeout checks that a match of chroma's kind (a regexp2
// expression with chroma's 250 ms limit) that runs longer than that is
// not cut short: a lexer's output must not depend on how busy the machine
// is. The expression backtracks exponentially on purpose.
func TestNoMatchTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("a slow match on purpose")
	}
	lexerFor("sh") // what every chroma lexer goes through first
	re := regexp2.MustCompile(`^(a+)+$`, regexp2.None)
	re.MatchTimeout = 250 * time.Millisecond // as chroma sets it
	for n := 20; n <= 30; n++ {
		start := time.Now()
		_, err := re.MatchString(strings.Repeat("a", n) + "b")
		if err != nil {
			t.Fatalf("a match that ran for %v: %v", time.Since(start).Round(time.Millisecond), err)
		}
		if time.Since(start) > 600*time.Millisecond {
			return // ran past the limit, and was not stopped
		}
	}
	t.Skip("the matches were too fast to pass the limit")
}
