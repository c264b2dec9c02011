#!/usr/bin/env bash
# Compares buildbook's wall time with Hugo's on one mdBook manuscript:
# 20 pages of prose, lists, tables and code in ten languages, built by
# both from the same Markdown (Hugo with a minimal layout: a page
# template with the table of contents, chroma's classes for the code and
# their stylesheet). The two are timed alternately in one run, ROUNDS
# times each (default 10), with the output directory kept between builds
# (warm) and removed before each (clean). Buildbook is timed twice: as
# it runs for an author, with its cache directory, where a warm run finds
# nothing changed and does nothing and a clean one renders no page again
# (it copies them); and with BUILDBOOK_CACHE=off, where each of its builds
# does all the work, as Hugo's do. Not run by CI; needs Debian's hugo
# (apt-get install hugo).
#
#	bash bench/hugo.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
command -v hugo >/dev/null || { echo "bench/hugo.sh: needs hugo (apt-get install hugo)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/buildbook" ./cmd/buildbook

# The manuscript, mdBook's layout: book.toml beside src/.
md="$work/md"
mkdir -p "$md/src"
printf '[book]\ntitle = "A Benchmark Book"\nauthors = ["bench/hugo.sh"]\nlanguage = "en"\n' > "$md/book.toml"
{
	echo "# Summary"
	echo
	echo "[Introduction](intro.md)"
	echo
	for i in $(seq -w 1 19); do echo "- [Chapter $i](ch$i.md)"; done
} > "$md/src/SUMMARY.md"

page() { # page TITLE N: a page of about 8 KB whose code names N
	local n=$2
	cat <<PAGE
# $1

Every page of this manuscript has prose, a list, a table and code in
several languages, so that both tools parse Markdown, highlight code and
lay out pages. The *quick* brown fox jumps over the **lazy** dog, and the
[introduction](intro.md) says why.

- one item with \`inline code\`
- another item, with a [link](intro.md#introduction)
- a third one

| language | typing   | first appeared |
|----------|----------|----------------|
| Go       | static   | 2009           |
| Rust     | static   | 2010           |
| Python   | dynamic  | 1991           |

## Go

\`\`\`go
package main

import (
	"fmt"
	"strings"
)

// Compose returns g after f.
func Compose$n[A, B, C any](f func(A) B, g func(B) C) func(A) C {
	return func(a A) C { return g(f(a)) }
}

func main() {
	shout := Compose$n(strings.ToUpper, func(s string) string { return s + "!" })
	for i := 0; i < 3; i++ {
		fmt.Println(shout(fmt.Sprintf("hello %d", i)))
	}
}
\`\`\`

## Rust

\`\`\`rust
use std::collections::HashMap;

fn count_words_$n(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

fn main() {
    let counts = count_words_$n("the cat and the hat $n");
    println!("{:?}", counts.get("the"));
}
\`\`\`

## Python

\`\`\`python
from dataclasses import dataclass

@dataclass
class Point$n:
    x: float
    y: float

    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5

print([Point$n(i, i + $n).norm() for i in range($n)])
\`\`\`

## JavaScript

\`\`\`javascript
const compose$n = (f, g) => (x) => g(f(x));
const inc = (n) => n + 1;
const double = (n) => n * 2;
console.log([1, 2, $n].map(compose$n(inc, double)));
\`\`\`

## Shell, TOML, JSON, YAML

\`\`\`bash
for f in *.md; do
  echo "building \$f for $n" && wc -l "\$f"
done
\`\`\`

\`\`\`toml
[book]
title = "Example $n"
authors = ["Someone"]
\`\`\`

\`\`\`json
{"name": "example", "version": $n, "tags": ["a", "b"], "ok": true}
\`\`\`

\`\`\`yaml
name: example-$n
steps:
  - run: go test ./...
\`\`\`

## C and SQL

\`\`\`c
#include <stdio.h>

int main(void) {
    for (int i = 0; i < $n; i++) printf("%d\n", i * i);
    return 0;
}
\`\`\`

\`\`\`sql
SELECT word, COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC LIMIT $n;
\`\`\`

A closing paragraph, with an equation in words: the composite of two
functions applies the first, then the second.
PAGE
}
page "Introduction" 0 > "$md/src/intro.md"
for i in $(seq -w 1 19); do page "Chapter $i" "$((10#$i))" > "$md/src/ch$i.md"; done

# The Hugo site: the same pages, a minimal layout with chroma's classes.
hs="$work/hugo"
mkdir -p "$hs/content" "$hs/layouts/_default" "$hs/static"
cp "$md"/src/*.md "$hs/content/"
rm "$hs/content/SUMMARY.md"
cat > "$hs/hugo.toml" <<'TOML'
baseURL = "http://127.0.0.1/"
title = "A Benchmark Book"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.highlight]
  noClasses = false
[markup.goldmark.renderer]
  unsafe = true
TOML
cat > "$hs/layouts/_default/baseof.html" <<'HTML'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="/syntax.css"></head>
<body><nav><ol>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
printf '{{ define "main" }}{{ .Content }}{{ end }}\n' > "$hs/layouts/_default/single.html"
printf '{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ end }}\n' > "$hs/layouts/_default/list.html"
hugo gen chromastyles --style=github > "$hs/static/syntax.css"

bb() { "$work/buildbook" -book "$md/src" -tangle=false -tests=off -o "$work/out-bb" >/dev/null; }
hg() { hugo --quiet --source "$hs" --destination "$work/out-hugo" >/dev/null; }
now() { date +%s%N; }
stats() { # median and mean in ms of the nanoseconds given
	printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1; s+=$1} END {m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "median %7.1f ms  mean %7.1f ms", m/1e6, s/NR/1e6}'
}
ratio() { awk -v a="$(printf '%s\n' "$1" )" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for cache in "$work/cache" off; do
	export BUILDBOOK_CACHE=$cache
	rm -rf "$work/out-bb" "$work/out-hugo"
	bb; hg # warm both up once
	echo "buildbook: $(find "$work/out-bb" -name '*.html' | wc -l) HTML files; hugo $(hugo version | cut -d' ' -f2): $(find "$work/out-hugo" -name '*.html' | wc -l)"
	warm_bb=() warm_hg=() clean_bb=() clean_hg=()
	for ((r = 0; r < rounds; r++)); do
		t=$(now); bb; warm_bb+=($(( $(now) - t )))
		t=$(now); hg; warm_hg+=($(( $(now) - t )))
		rm -rf "$work/out-bb"; t=$(now); bb; clean_bb+=($(( $(now) - t )))
		rm -rf "$work/out-hugo"; t=$(now); hg; clean_hg+=($(( $(now) - t )))
	done
	[[ $cache == off ]] || cache="a cache directory"
	echo "rounds: $rounds, alternating; BUILDBOOK_CACHE: $cache; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "warm  buildbook: $(stats "${warm_bb[@]}")"
	echo "warm  hugo:      $(stats "${warm_hg[@]}")"
	echo "clean buildbook: $(stats "${clean_bb[@]}")"
	echo "clean hugo:      $(stats "${clean_hg[@]}")"
	echo "buildbook / hugo, medians: warm $(ratio "$(med "${warm_bb[@]}")" "$(med "${warm_hg[@]}")"), clean $(ratio "$(med "${clean_bb[@]}")" "$(med "${clean_hg[@]}")")"
	echo
done
