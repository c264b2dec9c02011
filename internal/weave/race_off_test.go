//go:build !race

package weave

// raceEnabled reports whether the tests run under the race detector,
// where the slowest comparisons are sampled.
const raceEnabled = false
