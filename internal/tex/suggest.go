package tex

import "sort"

// commandNames returns every command the parser knows, sorted.
func commandNames() []string {
	var names []string
	for n := range symbols {
		names = append(names, n)
	}
	for n := range spaces {
		names = append(names, n)
	}
	for n := range fonts {
		names = append(names, n)
	}
	for n := range texts {
		names = append(names, n)
	}
	for n := range accents {
		names = append(names, n)
	}
	for n := range classes {
		names = append(names, n)
	}
	for n := range styles {
		names = append(names, n)
	}
	for n := range bigs {
		names = append(names, n)
	}
	names = append(names, "frac", "dfrac", "tfrac", "binom", "dbinom", "tbinom", "sqrt",
		"operatorname", "limits", "nolimits", "displaylimits", "left", "right", "begin", "end",
		"not", "overset", "underset", "stackrel", "xrightarrow", "xleftarrow", "xmapsto",
		"xRightarrow", "xLeftarrow", "xleftrightarrow", "xhookrightarrow")
	sort.Strings(names)
	return names
}

// suggest returns the known command closest to name, if it is close: at
// most two edits away, and fewer than half of name's letters.
func suggest(name string) string {
	best, bestD := "", 3
	for _, n := range commandNames() {
		if d := distance(name, n); d < bestD && 2*d < len(name) {
			best, bestD = n, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
