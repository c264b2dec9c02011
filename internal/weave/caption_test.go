package weave

import "testing"

func TestErrorText(t *testing.T) {
	tests := []struct {
		expr, want string
		ok         bool
	}{
		{`cannot use`, "cannot use", true},
		{`softmax does not match inferred type Arrow\[domain\.Vector, C\]`, "softmax does not match inferred type Arrow[domain.Vector, C]", true},
		{`\(int, error\)`, "(int, error)", true},
		{`kleisli.Arrow\[domain.Distribution, C\]`, "kleisli.Arrow[domain.Distribution, C]", true},
		{`struct\{\} does not implement`, "struct{} does not implement", true},
		{`cannot (use|assign)`, "", false},
		{`func\(\w+\)`, "", false},
		{`(?i)missing return`, "", false},
		{`x+`, "", false},
		{`^missing$`, "", false},
	}
	for _, tc := range tests {
		if got, ok := errorText(tc.expr); got != tc.want || ok != tc.ok {
			t.Errorf("errorText(%q) = %q, %v, want %q, %v", tc.expr, got, ok, tc.want, tc.ok)
		}
	}
}
