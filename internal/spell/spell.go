// Package spell makes the "did you mean" suggestions of every error
// message in the tools: an unknown attribute, chunk, command, page or
// anchor is answered with the known word a typo most likely came from.
//
// One policy serves all of them (see Suggest), so that a misspelt chunk
// name and a misspelt TeX command are treated alike.
package spell

// MaxDistance is the most edits a suggestion may be from the word.
const MaxDistance = 2

// Suggest returns the word of known closest to word in edit distance, if
// it is close enough to be a likely typo: at most MaxDistance edits away,
// and fewer edits than half of word's bytes (a word of two bytes gets no
// suggestion, one of three or four a word one edit away). Of equally close
// words the first in byte order wins, so the answer does not depend on the
// order of known. A word of known equal to word is not a suggestion.
//
// The cost is one Distance per word of known within MaxDistance of word's
// length; callers with many words build the list once.
func Suggest(word string, known []string) string {
	limit := min(MaxDistance, (len(word)-1)/2)
	best, bestDist := "", limit+1
	for _, k := range known {
		if k == word || len(k) > len(word)+limit || len(k) < len(word)-limit {
			continue
		}
		if d := Distance(word, k); d < bestDist || d == bestDist && k < best {
			best, bestDist = k, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, counted in bytes:
// the fewest insertions, deletions and substitutions that turn a into b.
func Distance(a, b string) int {
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
