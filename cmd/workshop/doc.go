// Workshop runs the book's exercises as a practice copy, in the manner
// of Rustlings: every exercise a stub in a file of its own, checked by
// the exercise's tests, with hints, progress and the solutions once an
// exercise passes.
//
// Usage:
//
//	workshop [-C dir] command [arguments]
//
// See internal/workshop for what each command does.
package main
