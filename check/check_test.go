package check

import (
	"errors"
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"pgregory.net/rapid"
)

// The composition triangle of chapter 1 in miniature: doubling then
// adding one is the same as the fused map 2x+1.
func TestCommutes(t *testing.T) {
	double := func(x int) int { return 2 * x }
	inc := func(x int) int { return x + 1 }
	Commutes(t, "inc∘double = 2x+1", rapid.IntRange(-1000, 1000),
		func(x int) int { return inc(double(x)) },
		func(x int) int { return 2*x + 1 },
		Equal)
	Commutes(t, "softmax-like sums", rapid.SliceOfN(rapid.Float64Range(0, 1), 1, 8),
		func(xs []float64) []float64 { return scale(xs, 2) },
		func(xs []float64) []float64 { return scale(scale(xs, 4), 0.5) },
		Close(1e-12))
}

func scale(xs []float64, k float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = k * x
	}
	return out
}

func TestCommutesErr(t *testing.T) {
	parse := func(s string) (int, error) { return strconv.Atoi(s) }
	CommutesErr(t, "parse∘format = id", rapid.IntRange(-99, 99),
		func(x int) (int, error) { return parse(strconv.Itoa(x)) },
		func(x int) (int, error) { return x, nil },
		Equal)
}

// fakeTB records failures; FailNow ends the goroutine, as testing does.
type fakeTB struct {
	mu     sync.Mutex
	msgs   []string
	failed bool
}

func (f *fakeTB) Helper()                          {}
func (f *fakeTB) Name() string                     { return "fake" }
func (f *fakeTB) Logf(format string, args ...any)  { f.add(fmt.Sprintf(format, args...)) }
func (f *fakeTB) Log(args ...any)                  { f.add(fmt.Sprint(args...)) }
func (f *fakeTB) Skipf(format string, args ...any) { runtime.Goexit() }
func (f *fakeTB) Skip(args ...any)                 { runtime.Goexit() }
func (f *fakeTB) SkipNow()                         { runtime.Goexit() }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.add(fmt.Sprintf(format, args...))
	f.Fail()
}
func (f *fakeTB) Error(args ...any) { f.add(fmt.Sprint(args...)); f.Fail() }
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	runtime.Goexit()
}
func (f *fakeTB) Fatal(args ...any) { f.Error(args...); runtime.Goexit() }
func (f *fakeTB) FailNow()          { f.Fail(); runtime.Goexit() }
func (f *fakeTB) Fail()             { f.mu.Lock(); f.failed = true; f.mu.Unlock() }
func (f *fakeTB) Failed() bool      { f.mu.Lock(); defer f.mu.Unlock(); return f.failed }
func (f *fakeTB) add(s string)      { f.mu.Lock(); f.msgs = append(f.msgs, s); f.mu.Unlock() }

// run checks prop with a fake TB and returns whether it failed, and its
// messages.
func run(prop func(*rapid.T)) (bool, string) {
	f := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		rapid.Check(f, prop)
	}()
	<-done
	return f.Failed(), strings.Join(f.msgs, "\n")
}

// TestDetects checks that paths that disagree fail, with the input that
// tells them apart: a check that cannot fail is a defect.
func TestDetects(t *testing.T) {
	// The failures below are meant: rapid is not to keep them in testdata.
	if err := flag.Set("rapid.nofailfile", "true"); err != nil {
		t.Fatal(err)
	}
	defer flag.Set("rapid.nofailfile", "false")
	failed, msg := run(Property(rapid.IntRange(0, 1000),
		func(x int) int { return x * x },
		func(x int) int { return 2 * x },
		Equal))
	if !failed || !strings.Contains(msg, "the two paths disagree") {
		t.Errorf("x² = 2x passed; messages %q", msg)
	}
	failed, msg = run(PropertyErr(rapid.IntRange(0, 10),
		func(x int) (int, error) {
			if x > 5 {
				return 0, errors.New("too big")
			}
			return x, nil
		},
		func(x int) (int, error) { return x, nil },
		Equal))
	if !failed || !strings.Contains(msg, "one path fails and the other does not") || !strings.Contains(msg, "too big") {
		t.Errorf("a failing path passed; messages %q", msg)
	}
}

func TestEqualities(t *testing.T) {
	c := Close(0.1)
	for _, tc := range []struct {
		a, b []float64
		want bool
	}{
		{[]float64{1, 2}, []float64{1.05, 1.95}, true},
		{[]float64{1, 2}, []float64{1.2, 2}, false},
		{[]float64{1}, []float64{1, 1}, false},
	} {
		if got := c(tc.a, tc.b); got != tc.want {
			t.Errorf("Close(0.1)(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	e := errors.New("x")
	if !SameError(nil, nil) || SameError(e, nil) || !SameError(e, errors.New("x")) || SameError(e, errors.New("y")) {
		t.Error("SameError is wrong")
	}
}
