package lit

import "ctml/internal/spell"

// Suggest returns the candidate closest to s in edit distance, if it is
// close enough to be a likely typo, or "".
func Suggest(s string, candidates []string) string {
	best, bestDist := "", len(s)/3+2
	for _, c := range candidates {
		if c == s {
			continue
		}
		if d := spell.Distance(s, c); d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}
