package lit

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"ctml/internal/spell"

	"golang.org/x/mod/module"
)

// attrSpec describes one attribute a fenced block may carry: a value
// attribute is written key=value or key="value", a flag alone.
type attrSpec struct {
	key        string
	takesValue bool
	lang       string // the language of the blocks that take it: go or tikzcd
	example    string // shown when the value is missing
}

// attrSpecs lists the attributes of go and tikzcd blocks, sorted by key.
// Parse checks those of go blocks; a tool that handles another kind of
// block checks its attributes with Block.CheckAttrs.
var attrSpecs = []attrSpec{
	{"caption", true, "tikzcd", `caption="…"`},
	{"check", true, "tikzcd", "check=TestName"},
	{"exercise", true, "go", "exercise=1.2"},
	{"expect-error", true, "go", `expect-error="regexp"`},
	{"file", true, "go", "file=NAME.go"},
	{"hide", false, "go", ""},
	{"hint", true, "go", `hint="what to try first"`},
	{"level", true, "go", "level=core or level=stretch"},
	{"name", true, "go", "name=ID"},
	{"skip", true, "go", `skip="why it is not compiled"`},
	{"src", true, "tikzcd", "src=diagrams/NAME.tikzcd"},
	{"tests", true, "go", "tests=1.2"},
	{"title", true, "tikzcd", `title="…"`},
}

// attrKeys are the keys of attrSpecs by language.
var attrKeys = func() map[string][]string {
	m := map[string][]string{}
	for _, s := range attrSpecs {
		m[s.lang] = append(m[s.lang], s.key)
	}
	return m
}()

func lookupAttr(lang, key string) (attrSpec, bool) {
	for _, s := range attrSpecs {
		if s.lang == lang && s.key == key {
			return s, true
		}
	}
	return attrSpec{}, false
}

// checkAttrs checks attrs, the attributes of a block of language lang,
// against attrSpecs: each must be known for the language, written once,
// and have a value if and only if it takes one. It adds an error for each
// that is not, and returns the others.
func checkAttrs(lang string, attrs []Attr, errs *ErrorList) []Attr {
	var ok []Attr
	seen := map[string]bool{}
	for _, a := range attrs {
		spec, known := lookupAttr(lang, a.Key)
		switch {
		case !known:
			msg := fmt.Sprintf("unknown attribute %q", a.Key)
			if lang != "go" {
				msg += " of a " + lang + " block"
			}
			if s := spell.Suggest(a.Key, attrKeys[lang]); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs.Add(a.Pos, "%s", msg)
		case seen[a.Key]:
			errs.Add(a.Pos, "repeated attribute %q", a.Key)
		case !spec.takesValue && a.HasValue:
			errs.Add(a.Pos, "attribute %q takes no value", a.Key)
		case spec.takesValue && a.Value == "":
			errs.Add(a.Pos, "attribute %q needs a value: %s", a.Key, spec.example)
		default:
			seen[a.Key] = true
			ok = append(ok, a)
		}
	}
	return ok
}

// CheckAttrs checks the attributes of b, a block of a language other
// than go (whose attributes Parse checks), with the rules of Parse, and
// returns the valid ones by key. The tool that handles the block's kind
// calls it: weave for tikzcd figures.
func (b *Block) CheckAttrs() (map[string]Attr, ErrorList) {
	var errs ErrorList
	m := map[string]Attr{}
	for _, a := range checkAttrs(b.Lang, b.Attrs, &errs) {
		m[a.Key] = a
	}
	return m, errs
}

// Levels are the values of level=: a core exercise is part of every
// workshop plan, a stretch exercise is for those who finish early.
const (
	LevelCore    = "core"
	LevelStretch = "stretch"
)

// Attr is one attribute of a block's info string, as written: a flag
// (hide) or a key and a value (key=value or key="value").
type Attr struct {
	Key, Value string
	HasValue   bool
	Pos        Pos // of the key
}

// parseInfo splits the attributes that follow the language word of an info
// string. info is the whole info string, which starts at pos. Syntax errors
// are added to errs; the attributes that parsed are returned.
func parseInfo(info string, pos Pos, errs *ErrorList) (lang string, attrs []Attr) {
	i := 0
	for i < len(info) && !isSpace(info[i]) {
		i++
	}
	lang = info[:i]
	at := func(i int) Pos { return Pos{File: pos.File, Line: pos.Line, Col: pos.Col + i} }
	for {
		for i < len(info) && isSpace(info[i]) {
			i++
		}
		if i == len(info) {
			return lang, attrs
		}
		start := i
		for i < len(info) && !isSpace(info[i]) && info[i] != '=' {
			i++
		}
		a := Attr{Key: info[start:i], Pos: at(start)}
		if i < len(info) && info[i] == '=' {
			a.HasValue = true
			i++
			if i < len(info) && info[i] == '"' {
				var b strings.Builder
				i++
				closed := false
				for i < len(info) {
					c := info[i]
					if c == '"' {
						closed = true
						i++
						break
					}
					if c == '\\' && i+1 < len(info) && (info[i+1] == '"' || info[i+1] == '\\') {
						c = info[i+1]
						i++
					}
					b.WriteByte(c)
					i++
				}
				if !closed {
					errs.Add(a.Pos, "unterminated quoted value for attribute %q", a.Key)
					return lang, attrs
				}
				if i < len(info) && !isSpace(info[i]) {
					errs.Add(at(i), "attribute %q: missing space after closing quote", a.Key)
					for i < len(info) && !isSpace(info[i]) {
						i++
					}
				}
				a.Value = b.String()
			} else {
				vs := i
				for i < len(info) && !isSpace(info[i]) {
					i++
				}
				a.Value = info[vs:i]
			}
		}
		attrs = append(attrs, a)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

var (
	chunkNameRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]+( [A-Za-z0-9_.\-]+)*$`)
	exerciseRE  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.\-]*$`)
)

// ValidName reports whether s is a valid chunk name: words of letters,
// digits, '_', '.' and '-', separated by single spaces.
func ValidName(s string) bool { return chunkNameRE.MatchString(s) }

// applyAttrs checks the attributes of a go block and stores them in b.
func (b *Block) applyAttrs(attrs []Attr, errs *ErrorList) {
	seen := map[string]bool{}
	for _, a := range checkAttrs("go", attrs, errs) {
		seen[a.Key] = true
		b.attrPos[a.Key] = a.Pos
		v := a.Value
		switch a.Key {
		case "file":
			if msg := checkFile(v); msg != "" {
				errs.Add(a.Pos, "%s", msg)
				continue
			}
			b.File = path.Clean(v)
		case "name":
			if !ValidName(v) {
				errs.Add(a.Pos, "invalid chunk name %q: use words of letters, digits, '_', '.' and '-' separated by single spaces", v)
				continue
			}
			b.Name = v
		case "hide":
			b.Hide = true
		case "skip":
			b.Skip = v
		case "expect-error":
			re, err := regexp.Compile(v)
			if err != nil {
				errs.Add(a.Pos, "invalid expect-error regexp: %v", err)
				continue
			}
			b.ExpectError = re
		case "exercise", "tests":
			if !exerciseRE.MatchString(v) {
				errs.Add(a.Pos, "invalid exercise id %q: use letters, digits, '_', '.' and '-', as in %s=1.2", v, a.Key)
				continue
			}
			if a.Key == "exercise" {
				b.Exercise = v
			} else {
				b.Tests = v
			}
		case "hint":
			b.Hint = v
		case "level":
			if v != LevelCore && v != LevelStretch {
				errs.Add(a.Pos, "level=%s: want level=core or level=stretch", v)
				continue
			}
			b.Level = v
		}
	}

	// At most one of file, name, skip and expect-error says what the block
	// is; tangle requires one (see Block.Kind).
	var kinds []string
	for _, k := range []string{"file", "name", "skip", "expect-error"} {
		if seen[k] {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) > 1 {
		errs.Add(b.attrPos[kinds[1]], "attributes %q and %q cannot be combined: a go block is a file, a named chunk, a skipped sketch or an expected compile error", kinds[0], kinds[1])
	}
	if seen["hide"] && !seen["file"] && !seen["name"] {
		errs.Add(b.attrPos["hide"], "attribute %q needs file= or name=: only tangled blocks can be hidden", "hide")
	}
	// An exercise is code the reader writes, or, on an expect-error
	// block, a compile-fail exercise: code the compiler must refuse.
	if seen["exercise"] && !seen["file"] && !seen["name"] && !seen["expect-error"] {
		errs.Add(b.attrPos["exercise"], "attribute %q needs file=, name= or expect-error=: only compiled blocks can be exercises", "exercise")
	}
	for _, k := range []string{"hint", "level"} {
		if seen[k] && !seen["exercise"] {
			errs.Add(b.attrPos[k], "attribute %q needs exercise=: only an exercise's solution has a %s", k, k)
		}
	}
	if seen["tests"] {
		switch {
		case seen["exercise"]:
			errs.Add(b.attrPos["tests"], "attributes %q and %q cannot be combined: a block is an exercise's solution or its tests", "exercise", "tests")
		case !strings.HasSuffix(b.File, "_test.go"):
			errs.Add(b.attrPos["tests"], "attribute %q needs file=NAME_test.go: an exercise's tests live in a test file", "tests")
		}
	}
}

// MaxNameLen is the longest file or directory name, in bytes, that the
// common file systems accept (NAME_MAX on Linux, macOS and Windows).
const MaxNameLen = 255

// checkFile returns why name is not a valid file= value, or "". Beyond the
// dialect's own rules, name must be a file path the go command accepts in
// a module (golang.org/x/mod/module.CheckFilePath: no control characters,
// no characters Windows or macOS refuse, no reserved Windows names), its
// directories must be valid import path elements (CheckImportPath), and
// no element may be longer than MaxNameLen: what would otherwise fail only
// while writing, or in go build, fails here, at the attribute.
func checkFile(name string) string {
	shown := showName(name)
	switch {
	case strings.Contains(name, `\`):
		return fmt.Sprintf("file=%s: use forward slashes", shown)
	case path.IsAbs(name), path.Clean(name) == "..", strings.HasPrefix(path.Clean(name), "../"):
		return fmt.Sprintf("file=%s leaves the chapter directory", shown)
	case !strings.HasSuffix(name, ".go"):
		return fmt.Sprintf("file=%s does not end in .go", shown)
	}
	clean := path.Clean(name)
	for _, elem := range strings.Split(clean, "/") {
		if strings.HasPrefix(elem, ".") || strings.HasPrefix(elem, "_") || elem == "testdata" {
			return fmt.Sprintf("file=%s would be ignored by the go command (%q)", shown, elem)
		}
		if len(elem) > MaxNameLen {
			return fmt.Sprintf("file=%s: a name of %d bytes, longer than the %d a file system allows", shown, len(elem), MaxNameLen)
		}
	}
	if err := module.CheckFilePath(clean); err != nil {
		return fmt.Sprintf("file=%s is not a portable file name: %v", shown, pathErr(err))
	}
	if dir := path.Dir(clean); dir != "." {
		if err := module.CheckImportPath(dir); err != nil {
			return fmt.Sprintf("file=%s: directory %s cannot be part of a Go import path: %v", shown, showName(dir), pathErr(err))
		}
	}
	return ""
}

// pathErr returns the reason in an error of golang.org/x/mod/module,
// without the path it repeats.
func pathErr(err error) error {
	var ipe *module.InvalidPathError
	if errors.As(err, &ipe) {
		return ipe.Err
	}
	return err
}

// showName returns a name as shown in a message: quoted if it holds
// anything but printable characters other than space, cut short if long.
func showName(name string) string {
	if len(name) > 60 {
		name = name[:40] + "…"
	}
	for _, r := range name {
		if r == ' ' || r == '"' || !unicode.IsPrint(r) {
			return strconv.Quote(name)
		}
	}
	return name
}
