// Package check states, in a chapter's tests, that a diagram commutes:
// that two paths through it agree on every input a generator draws.
//
//	// g ∘ f = h, on every token id:
//	check.Commutes(t, "g∘f = h", rapid.IntRange(0, 99),
//		Compose(f, g), h, check.Equal)
//
// A figure of the book names such a test with check=TestName, so that the
// reader can see the diagram and the code that checks it side by side.
// The inputs are drawn by pgregory.net/rapid, which shrinks a failing input
// to a small one and reports it.
package check

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// Commutes checks, as the subtest name of t, that pathA and pathB agree,
// as judged by equal, on the inputs gen draws (100 by default; go test
// -rapid.checks=N for more).
func Commutes[A, B any](t *testing.T, name string, gen *rapid.Generator[A], pathA, pathB func(A) B, equal func(B, B) bool) {
	t.Helper()
	t.Run(name, rapid.MakeCheck(Property(gen, pathA, pathB, equal)))
}

// CommutesErr is Commutes for paths that can fail (Kleisli arrows,
// func(A) (B, error)): on each input both paths fail, or both succeed with
// results that equal judges the same.
func CommutesErr[A, B any](t *testing.T, name string, gen *rapid.Generator[A], pathA, pathB func(A) (B, error), equal func(B, B) bool) {
	t.Helper()
	t.Run(name, rapid.MakeCheck(PropertyErr(gen, pathA, pathB, equal)))
}

// Property is the property Commutes checks, for use with rapid.Check or
// inside a larger property.
func Property[A, B any](gen *rapid.Generator[A], pathA, pathB func(A) B, equal func(B, B) bool) func(*rapid.T) {
	return func(t *rapid.T) {
		x := gen.Draw(t, "input")
		a, b := pathA(x), pathB(x)
		if !equal(a, b) {
			t.Fatalf("the two paths disagree on input %v:\n first path:  %v\n second path: %v", x, a, b)
		}
	}
}

// PropertyErr is the property CommutesErr checks.
func PropertyErr[A, B any](gen *rapid.Generator[A], pathA, pathB func(A) (B, error), equal func(B, B) bool) func(*rapid.T) {
	return func(t *rapid.T) {
		x := gen.Draw(t, "input")
		a, errA := pathA(x)
		b, errB := pathB(x)
		switch {
		case errA != nil && errB != nil:
		case errA != nil || errB != nil:
			t.Fatalf("on input %v one path fails and the other does not:\n first path:  %v\n second path: %v", x, result(a, errA), result(b, errB))
		case !equal(a, b):
			t.Fatalf("the two paths disagree on input %v:\n first path:  %v\n second path: %v", x, a, b)
		}
	}
}

func result[B any](b B, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return fmt.Sprint(b)
}

// Equal reports whether a == b: the equality of comparable results.
func Equal[T comparable](a, b T) bool { return a == b }

// Close returns an equality for float slices: same length, and every pair
// of entries within tol of each other (absolute). Two NaNs are not
// close.
func Close(tol float64) func(a, b []float64) bool {
	return func(a, b []float64) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if !(math.Abs(a[i]-b[i]) <= tol) {
				return false
			}
		}
		return true
	}
}

// SameError reports whether two errors are both nil, or both non-nil with
// the same message: a way to compare the failures of two paths exactly.
func SameError(a, b error) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Error() == b.Error() || errors.Is(a, b)
}
