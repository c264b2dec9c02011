package testrun

import (
	"strings"
	"testing"

	"ctml/internal/report"

	"github.com/google/go-cmp/cmp"
)

// A run of two packages, the first with a passing test and its subtests,
// a failing one and an example, the second that does not compile.
const run = `{"Action":"start","Package":"m/chapters/01-one"}
{"Action":"run","Package":"m/chapters/01-one","Test":"TestGood"}
{"Action":"output","Package":"m/chapters/01-one","Test":"TestGood","Output":"=== RUN   TestGood\n"}
{"Action":"run","Package":"m/chapters/01-one","Test":"TestGood/case"}
{"Action":"output","Package":"m/chapters/01-one","Test":"TestGood/case","Output":"    01-one.md:12: a log line\n"}
{"Action":"pass","Package":"m/chapters/01-one","Test":"TestGood/case"}
{"Action":"pass","Package":"m/chapters/01-one","Test":"TestGood"}
{"Action":"run","Package":"m/chapters/01-one","Test":"TestBad"}
{"Action":"output","Package":"m/chapters/01-one","Test":"TestBad","Output":"    01-one.md:20: got 1, want 2\n"}
{"Action":"fail","Package":"m/chapters/01-one","Test":"TestBad"}
{"Action":"run","Package":"m/chapters/01-one","Test":"ExampleShout"}
{"Action":"pass","Package":"m/chapters/01-one","Test":"ExampleShout"}
{"Action":"run","Package":"m/chapters/01-one","Test":"TestSkipped"}
{"Action":"skip","Package":"m/chapters/01-one","Test":"TestSkipped"}
{"Action":"output","Package":"m/chapters/01-one","Output":"FAIL\n"}
{"Action":"fail","Package":"m/chapters/01-one"}
{"ImportPath":"m/chapters/02-two [m/chapters/02-two.test]","Action":"build-output","Output":"# m/chapters/02-two\n"}
{"ImportPath":"m/chapters/02-two [m/chapters/02-two.test]","Action":"build-output","Output":"../../book/02-two.md:7:9: undefined: x\n"}
{"ImportPath":"m/chapters/02-two [m/chapters/02-two.test]","Action":"build-fail"}
{"Action":"start","Package":"m/chapters/02-two"}
{"Action":"output","Package":"m/chapters/02-two","Output":"FAIL\tm/chapters/02-two [build failed]\n"}
{"Action":"fail","Package":"m/chapters/02-two"}
`

func TestRead(t *testing.T) {
	res, err := Read(strings.NewReader(run), "run.json")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range res.Packages {
		tests, examples := p.Count()
		got = append(got, p.Path+" "+p.Action+" build-failed="+map[bool]string{true: "yes", false: "no"}[p.BuildFailed])
		got = append(got, "  tests "+tally(tests)+", examples "+tally(examples))
		for _, tt := range p.Tests {
			got = append(got, "  "+tt.Name+" "+tt.Action+": "+strings.Join(tt.Output, " | "))
		}
		got = append(got, "  output: "+strings.Join(p.Output, " | "))
	}
	want := []string{
		"m/chapters/01-one fail build-failed=no",
		"  tests 1/1/1, examples 1/0/0",
		"  TestGood pass: === RUN   TestGood |     01-one.md:12: a log line",
		"  TestBad fail:     01-one.md:20: got 1, want 2",
		"  ExampleShout pass: ",
		"  TestSkipped skip: ",
		"  output: FAIL",
		"m/chapters/02-two fail build-failed=yes",
		"  tests 0/0/0, examples 0/0/0",
		"  output: # m/chapters/02-two | ../../book/02-two.md:7:9: undefined: x | FAIL\tm/chapters/02-two [build failed]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Read (-want +got):\n%s", diff)
	}
	if res.Package("m/chapters/02-two") == nil || res.Package("nope") != nil {
		t.Errorf("Package finds the wrong packages")
	}
}

func tally(t Tally) string {
	return strings.Join([]string{itoa(t.Passed), itoa(t.Failed), itoa(t.Skipped)}, "/")
}

func itoa(n int) string { return string(rune('0' + n)) }

func TestReadErrors(t *testing.T) {
	_, err := Read(strings.NewReader("{\"Action\":\"pass\"}\n{\"Action\": 3}\n"), "r.json")
	want := "r.json:2:12: not a go test -json event: json: cannot unmarshal number into Go struct field event.Action of type string"
	if err == nil || err.Error() != want {
		t.Errorf("Read error = %v, want %s", err, want)
	}
	if e, ok := err.(*report.Error); !ok || e.Line != 2 || e.Col != 12 {
		t.Errorf("Read error = %#v, want a *report.Error at line 2, column 12", err)
	}
	// go test writes plain lines when it cannot run at all; they are kept.
	res, err := Read(strings.NewReader("go: no such directory\n"), "r.json")
	if err != nil || len(res.Packages) != 1 || res.Packages[0].Output[0] != "go: no such directory" {
		t.Errorf("Read of plain lines = %+v, %v", res, err)
	}
}

// TestReadLongLine reads an event whose line is longer than any buffer
// that a line scanner would start with (a test that prints a large
// value, say): the whole line is read.
func TestReadLongLine(t *testing.T) {
	for _, n := range []int{70 << 10, 17 << 20} {
		long := strings.Repeat("x", n)
		in := `{"Action":"run","Package":"p","Test":"TestBig"}` + "\n" +
			`{"Action":"output","Package":"p","Test":"TestBig","Output":"` + long + `\n"}` + "\n" +
			`{"Action":"fail","Package":"p","Test":"TestBig"}` + "\n" +
			`{"Action":"fail","Package":"p"}`
		res, err := Read(strings.NewReader(in), "run.json")
		if err != nil {
			t.Fatalf("a line of %d bytes: %v", n, err)
		}
		tt := res.Package("p").Tests[0]
		if tt.Action != "fail" || len(tt.Output) != 1 || tt.Output[0] != long {
			t.Errorf("a line of %d bytes: the test reads as %s with %d lines of output, want fail with the line", n, tt.Action, len(tt.Output))
		}
	}
}
