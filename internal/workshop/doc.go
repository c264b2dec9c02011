// Package workshop makes and runs a practice copy of the book's
// exercises: Rustlings for this book.
package workshop
