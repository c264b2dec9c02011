// Package workshop makes and runs a practice copy of the book's
// exercises, in the manner of Rustlings: every exercise a stub in a file
// of its own, checked by the exercise's tests, with hints, progress, a
// reset, and the book's solution once the exercise passes. cmd/workshop
// is its command line.
//
// # The practice copy
//
// Init reads the manuscript through the same parser and tangler as the
// book's tools (packages lit, book and tangle) and writes a directory
// that is a Go module of its own:
//
//	go.mod, go.sum              the book's, copied
//	chapters/NN-slug/*.go       each chapter's code and tests, as tangled,
//	                            without //line directives (messages point
//	                            here) and with the exercises cut out
//	chapters/NN-slug/exercise_N_M.go
//	                            the reader's file of exercise N.M: a stub
//	check/ …                    the module's other packages the chapters import
//	README.md                   the commands, for the participant
//	workshop                    the runner itself (init -runner=false: none)
//	.workshop/exercises.json    the manifest (Manifest)
//	.workshop/progress.json     what the runner remembers (Progress)
//	.workshop/reset/            the reader's versions that reset put aside
//
// An exercise is a go block with exercise=ID (the dialect is specified in
// cmd/tangle/doc.go). What Init cuts out of the chapter's files is every
// top-level declaration that holds a line of the solution block, with its
// doc comment, and the comments between declarations that come from the
// block; they go, in order, into the exercise's file, with the imports
// they use. The solution may be functions, methods, types, variables and
// constants, or a named chunk: a chunk used inside a function makes the
// whole function the exercise. Two exercises may not share a declaration,
// and one exercise's declarations must all land in one package directory,
// in test files or in none. In the stub, every function and method keeps
// its signature and gets the body
//
//	panic("TODO(workshop N.M): write Name")
//
// and loses its doc comment; types, variables and constants stay as the
// book has them, since the tests need them to compile. The file starts
// with the exercise's text, taken from the paragraph that starts with
// **Exercise N.M.** up to the solution.
//
// A solution in a _test.go file (a test, or an example with an output
// comment) is an exercise of kind test: the reader writes that test, and
// it must run and pass. An expect-error block with exercise=ID is a
// compile-fail exercise: the reader's file carries the build constraint
// //go:build workshop_N_M, so that no build but its check sees it, and
// starts with only a package clause.
//
// # Checking
//
// The tests of an exercise are the Test, Fuzz and Example (with an
// output comment) functions of its tests= blocks, and, for an exercise of
// kind test, of its solution. Check runs
//
//	go test -json -overlay=… -run '^(TestA|TestB)$' ./chapters/NN-slug
//
// in the practice copy, one go command per exercise, so that an attempt
// that panics fails its own exercise and no other (in one go test, the
// first panic stops the package's later tests). The overlay replaces the
// files of all the other exercises by the book's solutions: an attempt
// elsewhere that does not compile, or a stub another exercise's tests
// would call, cannot get in the way. The reader's own files (experiments,
// helpers) are compiled as they are. A check passes when the package
// compiles, every test of the exercise runs and passes, and no stub is
// left in the reader's file; a compile-fail check passes when
//
//	go build -tags workshop_N_M ./chapters/NN-slug
//
// fails with an error inside the reader's file whose message matches the
// block's expect-error regexp. Messages name the practice copy's files,
// relative to its root, and a test that loops is stopped after
// TestTimeout.
//
// # Progress and status
//
// Each check is recorded in .workshop/progress.json with the SHA-256 of
// the reader's file. An exercise is pending (never checked, or reset),
// failing (its last check failed, and the file is as it was then), done
// (its last check passed, and the file is as it was then) or edited
// (changed since its last check). "12 of 43 done" counts the done ones;
// the core count leaves out level=stretch. The current exercise, which
// check and watch take when none is named, is the first that is not done,
// in the book's order.
//
// status -json prints a Status, for a facilitator to collect:
//
//	{
//	  "version": 1,                  the format's version
//	  "title": "…",                  the book's title
//	  "time": "2026-01-01T10:00:00Z", when the status was taken (UTC)
//	  "done": 12, "total": 43,       exercises done, of all
//	  "core_done": 9, "core_total": 30,
//	  "current": "4.2",              the first not done; absent when all are
//	  "exercises": [
//	    {
//	      "id": "1.1", "chapter": "1", "title": "Many steps at once",
//	      "level": "core",           core, stretch, or absent
//	      "kind": "code",            code, test or compile-fail
//	      "state": "done",           pending, failing, done or edited
//	      "checks": 3,               how many times it was checked
//	      "last_check": "…",         absent if never
//	      "done_at": "…",            when it first passed; absent if never
//	      "revealed": false,         whether solution -reveal showed it before it passed
//	      "summary": "done: …"       the last check's result, in a line
//	    }
//	  ]
//	}
//
// Times are RFC 3339 in UTC, to the second. With SOURCE_DATE_EPOCH set
// (seconds since 1970, as in reproducible builds) every time is that one,
// so that the output can be compared byte for byte.
package workshop
