# The everyday commands. Each target is a plain go command, so nothing here
# is needed on a machine that has only Go: see README.md.

GO ?= go

.PHONY: all tangle tangle-check test book serve check lint hygiene bench fuzz cover clean compare-diagrams

all: check book

## tangle: write the Go blocks of book/ into chapters/
tangle:
	$(GO) run ./cmd/tangle

## tangle-check: fail if chapters/ is out of sync with book/
tangle-check:
	$(GO) run ./cmd/tangle -check

## test: run every test (chapters, tools, scripts, goldens)
test:
	$(GO) test ./...

## book: build the HTML book into _book/, with the chapters' test results (buildbook runs go test)
book:
	$(GO) run ./cmd/buildbook

## serve: build the book, serve it on http://127.0.0.1:3000/ and rebuild it on every save
serve:
	$(GO) run ./cmd/buildbook -serve

## lint: gofmt, go vet and staticcheck (pinned in go.mod as a tool)
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

## hygiene: fail on a committed executable or a file over 1 MB (fonts excepted)
hygiene:
	$(GO) test -count=1 -run '^TestRepository$$' ./internal/hygiene

## check: everything CI checks
check: lint hygiene tangle-check test

## bench: the tools' benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/... ./cmd/...

## fuzz: each fuzz target in turn, for FUZZTIME (default 1000000x: a million executions; or 60s)
# A new input that widens coverage is minimised for at most a second:
# the default minute per input ate the whole budget.
FUZZTIME ?= 1000000x
FUZZ = $(GO) test -run '^$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 1s
fuzz:
	$(FUZZ) -fuzz '^FuzzParse$$' ./internal/lit
	$(FUZZ) -fuzz '^FuzzParse$$' ./internal/tex
	$(FUZZ) -fuzz '^FuzzRender$$' ./internal/tangle
	$(FUZZ) -fuzz '^FuzzRender$$' ./internal/cd
	$(FUZZ) -fuzz '^FuzzGoHighlight$$' ./internal/weave

## cover: coverage of the chapters (tangled without //line, golang/go#41222)
cover:
	$(GO) run ./cmd/tangle -lines=false
	$(GO) test -coverprofile=coverage.out ./chapters/... ; status=$$?; \
	$(GO) run ./cmd/tangle; \
	[ $$status -eq 0 ] && $(GO) tool cover -func=coverage.out

## compare-diagrams: the golden figures next to real tikz-cd's (needs TeX, not in CI)
compare-diagrams:
	sh internal/cd/testdata/compare.sh $(or $(OUT),_compare)

## clean: remove what the build makes
clean:
	rm -rf _book _compare _tests.json coverage.out

help:
	@sed -n 's/^## //p' Makefile
