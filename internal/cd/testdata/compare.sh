#!/bin/sh
# compare.sh renders every golden figure and every figure of the corpus
# with real tikz-cd (latex and dvisvgm) and puts each next to ours, on the
# light theme and on the dark one: OUT/NAME.png for each figure (tikz-cd,
# internal/cd, internal/cd on the dark page), OUT/compare.html with all of
# them. Not part of CI: it needs Debian's texlive-latex-base,
# texlive-latex-recommended, texlive-pictures and dvisvgm (apt-get install
# --no-install-recommends) and chromium.
#
# quiver.sty and tikz-nfold are not in Debian's TeX Live: the preamble
# defines curve={height=…}, tail reversed, 2tail, 2tail reversed and no
# body as quiver.sty documents them, and between={a}{b} and scaling
# nfold=n as nothing (those two figures differ there by design). negated,
# which tikz-cd does not define, is defined as internal/cd draws it: a /
# marking.
#
# Usage (from the repository root): make compare-diagrams [OUT=dir]
set -eu
out=${1:-_compare}
mkdir -p "$out"
out=$(cd "$out" && pwd)
for tool in go latex dvisvgm chromium; do
	command -v $tool >/dev/null || { echo "compare.sh: $tool is missing (see the comment at the top)" >&2; exit 2; }
done
figs=$(ls internal/cd/testdata/golden/*.tikzcd internal/cd/testdata/corpus/*.tikzcd 2>/dev/null || true)

# Our renderings, through the package's own test helper.
CD_COMPARE_OUT="$out" go test ./internal/cd -run '^TestCompareRender$' -count=1 >/dev/null

# One page per figure for TeX.
{
	printf '%s\n' '\PassOptionsToPackage{dvipsnames}{xcolor}' '\documentclass{article}' \
		'\def\pgfsysdriver{pgfsys-dvisvgm.def}' '\usepackage{amsmath,amssymb,tikz-cd}' \
		'\usetikzlibrary{calc,decorations.pathmorphing}' '\pagestyle{empty}' \
		'\pgfkeys{/qcompat/height/.initial=0pt}' \
		'\tikzset{curve/.style={/qcompat/.cd,#1,/tikz/.cd,to path={(\tikztostart) .. controls ($(\tikztostart)!0.35!(\tikztotarget)!\pgfkeysvalueof{/qcompat/height}!270:(\tikztotarget)$) and ($(\tikztostart)!0.65!(\tikztotarget)!\pgfkeysvalueof{/qcompat/height}!270:(\tikztotarget)$) .. (\tikztotarget)\tikztonodes}}}' \
		'\tikzset{tail reversed/.code={\pgfsetarrowsstart{tikzcd to}}, 2tail/.code={\pgfsetarrowsstart{Implies[reversed]}}, 2tail reversed/.code={\pgfsetarrowsstart{Implies}}, no body/.style={/tikz/dash pattern=on 0 off 1mm}, between/.style 2 args={}, scaling nfold/.style={}}' \
		'\tikzcdset{negated/.style={"/" marking}}' '\begin{document}'
	for f in $figs; do
		if grep -q 'begin{tikzcd}' "$f"; then
			grep -v '^%' "$f" | sed 's/\\\[//; s/\\\]//'
		else
			printf '\\begin{tikzcd}\n'; cat "$f"; printf '\\end{tikzcd}\n'
		fi
		printf '\\newpage\n'
	done
	printf '%s\n' '\end{document}'
} > "$out/ref.tex"
(cd "$out" && latex -interaction=nonstopmode ref.tex >latex.log 2>&1 || { grep -A5 '^!' latex.log | head -40; exit 1; })
(cd "$out" && dvisvgm --page=1- --bbox=min --no-fonts -o 'ref-%p.svg' ref.dvi >dvisvgm.log 2>&1)

style='body{font:10pt serif;zoom:2;margin:4px;background:#fff;color:#000}
table{border-collapse:collapse}td{border:1px solid #ccc;padding:4px;vertical-align:middle}
td.dark{background:#121519;color:#dfe3e8;color-scheme:dark;--cd-bg:#121519}
th{font:6pt sans-serif;text-align:left;color:#555}'
row() { # name n
	printf '<tr><th>%s</th><td>' "$1"
	sed '1{/^<?xml/d}' "$out/ref-$2.svg"
	printf '</td><td>'
	cat "$out/$1.svg"
	printf '</td><td class="dark">'
	sed "s/cd-$1/cd-$1-dark/g" "$out/$1.svg"
	printf '</td></tr>\n'
}
head='<!doctype html><meta charset="utf-8"><style>'"$style"'</style><table><tr><th>figure</th><th>tikz-cd (latex + dvisvgm)</th><th>internal/cd</th><th>internal/cd, dark page</th></tr>'
n=1
{
	printf '%s\n' "$head"
	for f in $figs; do
		name=$(basename "$f" .tikzcd)
		num=$(printf %02d $n)
		{ printf '%s\n' "$head"; row "$name" "$num"; printf '</table>\n'; } > "$out/$name.html"
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
			--user-data-dir="$out/.chromium" --force-device-scale-factor=1 --window-size=1700,620 \
			--screenshot="$out/$name.png" "file://$out/$name.html" 2>/dev/null
		row "$name" "$num"
		n=$((n + 1))
	done
	printf '</table>\n'
} > "$out/compare.html"
echo "wrote $out/compare.html and $out/NAME.png for $((n - 1)) figures"
