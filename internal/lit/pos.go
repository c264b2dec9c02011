package lit

import "ctml/internal/report"

// Positions and errors are those of package report, shared by every tool;
// lit re-exports them because every caller of the parser handles them.
type (
	// Pos is a position in a source file: see report.Pos.
	Pos = report.Pos
	// Error is a message about a position in the manuscript: see
	// report.Error.
	Error = report.Error
	// ErrorList collects errors; the tools print all of them, sorted,
	// one per line, and exit 1: see report.ErrorList.
	ErrorList = report.ErrorList
)
