#!/bin/sh
# compare.sh renders every golden figure with real tikz-cd (latex and
# dvisvgm) and puts it next to ours in one HTML page, screenshot with
# headless Chromium: OUT/compare.html and OUT/compare.png. Not part of CI:
# it needs Debian's texlive-latex-base, texlive-pictures and dvisvgm
# (apt-get install --no-install-recommends, about 82 MB) and chromium.
#
# Usage (from the repository root): make compare-diagrams [OUT=dir]
set -eu
out=${1:-_compare}
golden=internal/cd/testdata/golden
mkdir -p "$out"
out=$(cd "$out" && pwd)
for tool in latex dvisvgm chromium; do
	command -v $tool >/dev/null || { echo "compare.sh: $tool is missing (see the comment at the top)" >&2; exit 2; }
done

# One page per figure.
{
	printf '%s\n' '\documentclass{article}' '\def\pgfsysdriver{pgfsys-dvisvgm.def}' \
		'\usepackage{amsmath,amssymb,tikz-cd}' '\pagestyle{empty}' '\begin{document}'
	for f in "$golden"/*.tikzcd; do
		if grep -q 'begin{tikzcd}' "$f"; then
			grep -v '^%' "$f" | sed 's/\\\[//; s/\\\]//'
		else
			printf '\\begin{tikzcd}\n'; cat "$f"; printf '\\end{tikzcd}\n'
		fi
		printf '\\newpage\n'
	done
	printf '%s\n' '\end{document}'
} > "$out/ref.tex"
(cd "$out" && latex -interaction=nonstopmode ref.tex >latex.log 2>&1 || { tail -20 latex.log; exit 1; })
(cd "$out" && dvisvgm --page=1- --bbox=min --no-fonts -o 'ref-%p.svg' ref.dvi >dvisvgm.log 2>&1)

{
	printf '%s\n' '<!doctype html><meta charset="utf-8"><style>' \
		'body{font:10pt serif;zoom:2;margin:4px;background:#fff;color:#000}' \
		'table{border-collapse:collapse}td{border:1px solid #ccc;padding:4px;vertical-align:middle}' \
		'th{font:6pt sans-serif;text-align:left;color:#555}</style>' \
		'<table><tr><th>figure</th><th>tikz-cd (latex + dvisvgm)</th><th>internal/cd</th></tr>'
	n=1
	for f in "$golden"/*.tikzcd; do
		name=$(basename "$f" .tikzcd)
		printf '<tr><th>%s</th><td>' "$name"
		sed '1{/^<?xml/d}' "$out/ref-$(printf %02d $n).svg"
		printf '</td><td>'
		cat "$golden/$name.svg"
		printf '</td></tr>\n'
		n=$((n + 1))
	done
	printf '</table>\n'
} > "$out/compare.html"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
	--user-data-dir="$(mktemp -d)" --force-device-scale-factor=2 --window-size=1100,2400 \
	--screenshot="$out/compare.png" "file://$out/compare.html" 2>/dev/null
echo "wrote $out/compare.html and $out/compare.png"
