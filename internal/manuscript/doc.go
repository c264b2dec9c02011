// Package manuscript reads a book's manifest, book/SUMMARY.md, and the pages it
// lists.
//
// The manifest uses mdBook's SUMMARY.md format, so authors already know it
// and any mdBook manuscript builds too:
//
//	# Book title
//
//	[Welcome](welcome.md)            prefix pages: unnumbered links
//
//	# Part I: Foundations            part headings
//
//	- [Objects and morphisms](01-objects.md)     numbered chapters
//	    - [A section page](01-objects/more.md)   nested: numbered 1.1
//	- [A draft]()                    draft: listed, not built
//
//	---                              separator
//
//	[References](references.md)      suffix pages: unnumbered links
//
// A first level-1 heading before any link is the book's title; later
// level-1 headings start parts.
//
// A title is never empty; [x], [X] and [ ] are titles, not GitHub task-list
// boxes; and math in titles ($…$) must parse as the TeX subset of package
// ctml/internal/tex, checked at its position. A manifest that is empty or
// lists no page (only drafts, say) is an error at SUMMARY.md:1:1: the
// tools would otherwise empty their output to match.
package manuscript
