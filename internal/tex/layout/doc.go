// Package layout sets TeX math, as parsed by package tex, into boxes of
// positioned glyphs, and writes them as SVG outlines.
//
// The font is Latin Modern Math (codeberg.org/go-fonts/latin-modern/lmmath),
// TeX's Computer Modern as an OpenType math font, read with
// golang.org/x/image/font/sfnt. The constants TeX takes from its fonts'
// parameters (axis height, script shifts, fraction gaps, rule thickness)
// come from the font's MATH table, which [Parse] reads along with the
// italic corrections and the size variants of delimiters and large
// operators, and its GSUB table for the ssty feature: in script and
// scriptscript styles, at 0.7 and 0.5 of the text size (the MATH table's
// ScriptPercentScaleDown), letters take the font's optically sized script
// forms, wider and sturdier than the text forms scaled down, as TeX's 7 pt
// and 5 pt fonts are.
//
// [Font.Typeset] follows the TeXbook's Appendix G: TeX's spacing between
// atoms (in script styles the spaces around binary operations and
// relations are dropped), italic corrections in box widths except before
// a subscript (rule 17), superscript and subscript shifts (rule 18),
// limits above and below large operators in display style, fractions,
// radicals, delimiters grown to what they enclose, accents and arrays.
// Lengths are in em of the text size, with y pointing down, as in SVG.
//
// [Defs] writes each glyph's outline once, as a <path> in <defs>, and a
// <use> for every occurrence, with ids under a prefix, so that a drawing
// looks the same in every browser and needs no web font.
package layout
