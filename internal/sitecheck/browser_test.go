package sitecheck

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"codeberg.org/go-fonts/latin-modern/lmmath"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ctml/internal/booktest"
	"ctml/internal/tex"
	"ctml/internal/weave"
)

// findChromium returns the path of a Chromium or Chrome on PATH.
func findChromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium, chromium-browser or google-chrome on PATH")
}

// browser starts a headless Chromium for the test, or skips the test when
// there is none (and fails it in CI, where .ci/run installs one).
func browser(t *testing.T) context.Context {
	t.Helper()
	exe, err := findChromium()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the browser test needs Chromium: %v; .ci/run installs Debian's chromium", err)
		}
		t.Skipf("skipping the browser test: %v (apt-get install chromium to run it)", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return bctx
}

// serve serves dir on 127.0.0.1 for the test and returns its URL.
func serve(t *testing.T, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/"
}

// watcher records what a tab does that the test forbids: console errors,
// uncaught exceptions, failed loads, and requests that leave the machine.
type watcher struct {
	mu       sync.Mutex
	host     string
	problems []string
	requests int
}

func (w *watcher) add(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.problems = append(w.problems, fmt.Sprintf(format, args...))
}

func (w *watcher) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			w.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		w.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			w.add("browser log: %s (%s)", ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		w.mu.Lock()
		w.requests++
		w.mu.Unlock()
		u, err := url.Parse(ev.Request.URL)
		if err != nil {
			w.add("request to an unparsable URL %q", ev.Request.URL)
			return
		}
		switch {
		case u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about":
		case u.Host == w.host:
		default:
			w.add("request left the machine: %s", ev.Request.URL)
		}
	}
}

// tab opens a new tab in the browser that watches for errors.
func tab(t *testing.T, bctx context.Context, base string) (context.Context, *watcher) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	u, _ := url.Parse(base)
	w := &watcher{host: u.Host}
	if err := chromedp.Listen(ctx, w.listen); err != nil {
		t.Fatal(err)
	}
	call(t, ctx, network.Enable, network.EnableParams{})
	call(t, ctx, log.Enable, cdp.Empty{})
	call(t, ctx, runtime.Enable, cdp.Empty{})
	t.Cleanup(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		for _, p := range w.problems {
			t.Errorf("%s", p)
		}
	})
	return ctx, w
}

// call sends a protocol command to the tab.
func call[P, R any](t *testing.T, ctx context.Context, cmd cdp.Command[P, R], params P) R {
	t.Helper()
	r, err := chromedp.Call(ctx, cmd, params)
	if err != nil {
		t.Fatalf("%s: %v", cmd.Method, err)
	}
	return r
}

// do runs actions, failing the test with what was being done.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the tab; a promise is awaited.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitFor waits until the JavaScript expression cond is true, through
// page loads (which make an evaluation fail while they replace the page).
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: still false after 20s (last error: %v)", cond, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// follow clicks the link sel and waits until the tab shows its target,
// which it returns relative to base.
func follow(t *testing.T, ctx context.Context, base, sel string) string {
	t.Helper()
	href := eval[string](t, ctx, `document.querySelector(`+quote(sel)+`).href`)
	do(t, ctx, "clicking "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	waitFor(t, ctx, `location.href === `+quote(href)+` && document.readyState === "complete"`)
	return strings.TrimPrefix(href, base)
}

// press presses and releases a key that types text, as a keyboard does:
// the keydown carries the text, so that a page that handles the keydown
// keeps the text from being typed.
func press(t *testing.T, ctx context.Context, text, code string, vk int64) {
	t.Helper()
	call(t, ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: text, Code: code, Text: text, WindowsVirtualKeyCode: vk})
	call(t, ctx, input.DispatchKeyEvent, input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: text, Code: code, WindowsVirtualKeyCode: vk})
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// screenshot saves a screenshot of the tab into the test's artifact
// directory (go test -artifacts keeps it).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	eval[bool](t, ctx, `document.fonts.ready.then(() => true)`)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("taking a screenshot: %v", err)
	}
	path := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(path, png, 0o666); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// showSample scrolls the page to its first figure, or to a displayed
// formula followed by code, or to the first formula or code block, for a
// screenshot.
func showSample(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `(() => {
		const img = document.querySelector("article img");
		if (img) { img.scrollIntoView({block: "start"}); window.scrollBy(0, -120); return true; }
		const all = [...document.querySelectorAll("article math[display=block], article figure.chunk")];
		const i = all.findIndex((e, i) => e.tagName.toLowerCase() === "math" && all[i+1] && all[i+1].tagName.toLowerCase() === "figure");
		const e = all[Math.max(i, 0)] || document.querySelector("article math");
		if (e) { e.scrollIntoView({block: "start"}); window.scrollBy(0, -120); }
		return true;
	})()`)
}

// navigate opens a page of the site and waits for it to load.
func navigate(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	do(t, ctx, "opening "+u, chromedp.Navigate(u))
	waitFor(t, ctx, `document.readyState === "complete"`)
}

// TestBrowser opens the book in a real browser, served on 127.0.0.1: the
// index, every page by its next and previous links, a search and its
// result, the theme toggle, the print page, and a page with JavaScript
// off. No page may log an error, throw, fail to load a file or fetch
// anything from another machine.
func TestBrowser(t *testing.T) {
	bctx := browser(t)
	t.Run("repository", func(t *testing.T) {
		dir := buildRepository(t, weave.Options{})
		tour(t, bctx, dir, []string{"Compose", "naturality", "softmax"})
	})
	t.Run("generated", func(t *testing.T) {
		fsys := booktest.Generate(3)
		// A figure drawn for a light page: black strokes, no background.
		fsys["fig/arrow.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><path d="M10 20h90m-10-8 10 8-10 8" stroke="#000" stroke-width="3" fill="none"/></svg>`)}
		ch := fsys["001-chapter.md"]
		ch.Data = bytes.Replace(ch.Data, []byte("## Arrows\n"), []byte("## Arrows\n\n![An arrow from A to B](fig/arrow.svg)\n"), 1)
		dir := buildBook(t, fsys, "book", "chapters", weave.Options{})
		tour(t, bctx, dir, []string{"Compose", "composition", "identity"})
	})
}

// TestBrowserMathDictionary checks, in the browser, the operator spacing
// that package tex leaves to MathML's operator dictionary: each operator
// takes the same room without lspace and rspace as with the values
// tex.DictionarySpacing gives, first, in the middle and last in a row.
func TestBrowserMathDictionary(t *testing.T) {
	bctx := browser(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "fonts"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "fonts", "lm.otf"), lmmath.TTF, 0o666); err != nil {
		t.Fatal(err)
	}
	page := `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><style>@font-face{font-family:LM;src:url(fonts/lm.otf)} math{font-family:LM;font-size:40px}</style><body></body>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o666); err != nil {
		t.Fatal(err)
	}
	base := serve(t, dir)
	ctx, _ := tab(t, bctx, base)
	navigate(t, ctx, base+"index.html")
	eval[bool](t, ctx, `document.fonts.load("40px LM").then(() => true)`)
	em := func(mu int) string { return strconv.FormatFloat(float64(mu)/18, 'f', 6, 64) + "em" }
	for _, op := range tex.DictionaryOperators() {
		l, r, _ := tex.DictionarySpacing(op)
		esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(op)
		for _, row := range []string{"<mi>a</mi>%s<mi>b</mi>", "%s<mi>b</mi>", "<mi>a</mi>%s"} {
			bare := fmt.Sprintf(row, "<mo>"+esc+"</mo>")
			spaced := fmt.Sprintf(row, `<mo lspace="`+em(l)+`" rspace="`+em(r)+`">`+esc+"</mo>")
			widths := eval[[]float64](t, ctx, `[`+quote(bare)+`, `+quote(spaced)+`].map(m => {
				const d = document.createElement("div"); d.innerHTML = "<math>" + m + "</math>"; document.body.append(d);
				const w = d.firstChild.getBoundingClientRect().width; d.remove(); return w; })`)
			if math.Abs(widths[0]-widths[1]) > 0.05 {
				t.Errorf("%s: <mo>%s</mo> is %.2fpx wide, with lspace %d mu and rspace %d mu %.2fpx: the dictionary of this browser spaces it otherwise", bare, op, widths[0], l, r, widths[1])
			}
		}
	}
}

// lightColour reports whether a CSS rgb() colour is light.
func lightColour(c string) bool {
	var r, g, b float64
	if _, err := fmt.Sscanf(c, "rgb(%g, %g, %g)", &r, &g, &b); err != nil {
		return false
	}
	return 0.2126*r+0.7152*g+0.0722*b > 160
}

// tour walks through the site in dir; each query is searched for if the
// book has it.
func tour(t *testing.T, bctx context.Context, dir string, queries []string) {
	base := serve(t, dir)
	ctx, w := tab(t, bctx, base)

	// The index, and the first page.
	navigate(t, ctx, base+"index.html")
	do(t, ctx, "waiting for book.js", chromedp.WaitVisible(chromedp.CSS(".cover-tools .theme-toggle")))
	first := follow(t, ctx, base, "a.start")

	// Every page by its next links, then back by the previous ones.
	pages := []string{first}
	for eval[bool](t, ctx, `!!document.querySelector(".pager a[rel=next]")`) {
		pages = append(pages, follow(t, ctx, base, ".pager a[rel=next]"))
		if len(pages) > 200 {
			t.Fatal("more than 200 pages by next links: a cycle?")
		}
	}
	for i := len(pages) - 2; i >= 0; i-- {
		if got := follow(t, ctx, base, ".pager a[rel=prev]"); got != pages[i] {
			t.Errorf("the previous link of %s leads to %s, want %s", pages[i+1], got, pages[i])
		}
	}
	t.Logf("followed %d pages forward and back", len(pages))

	// Search: / focuses the box; a query lists results with their chapter
	// and section; the arrow keys and Enter open one.
	navigate(t, ctx, base+"print.html")
	text := eval[string](t, ctx, `document.body.innerText.toLowerCase()`)
	searched := 0
	for _, q := range queries {
		if !strings.Contains(text, strings.ToLower(q)) {
			t.Logf("search: the book has no %q yet", q)
			continue
		}
		navigate(t, ctx, base+first)
		do(t, ctx, "waiting for the search box", chromedp.WaitVisible(chromedp.CSS("#search")))
		press(t, ctx, "/", "Slash", 191)
		waitFor(t, ctx, `document.activeElement && document.activeElement.id === "search"`)
		do(t, ctx, "typing "+q, chromedp.SendKeys(chromedp.CSS("#search"), q))
		waitFor(t, ctx, `document.querySelectorAll("#search-results [role=option]").length > 0`)
		if where := eval[string](t, ctx, `document.querySelector("#search-results [role=option] .sr-where").textContent`); where == "" {
			t.Errorf("search %q: the first result does not say where it is", q)
		}
		// A declaration ranks first (issue 14): "softmax" finds func
		// Softmax before a local var softmax or a section's text.
		if q == "softmax" {
			first := eval[string](t, ctx, `(r => r ? r.textContent : "")(document.querySelector("#search-results [role=option] .sr-kind"))`) +
				eval[string](t, ctx, `(r => r ? r.textContent : "")(document.querySelector("#search-results [role=option] code"))`)
			if !strings.HasPrefix(first, "func ") || !strings.HasSuffix(first, "Softmax") {
				t.Errorf(`search "softmax": the first result is %q, not the declaration func Softmax`, first)
			}
		}
		if searched == 0 {
			screenshot(t, ctx, "search.png")
		}
		do(t, ctx, "choosing the first result", chromedp.KeyEvent(kb.ArrowDown))
		href := eval[string](t, ctx, `document.querySelector("#search-results [aria-selected=true] a").href`)
		do(t, ctx, "opening it", chromedp.KeyEvent(kb.Enter))
		waitFor(t, ctx, `location.href === `+quote(href)+` && document.readyState === "complete"`)
		if i := strings.LastIndexByte(href, '#'); i >= 0 && !eval[bool](t, ctx, `!!document.getElementById(decodeURIComponent(`+quote(href[i+1:])+`))`) {
			t.Errorf("search %q: the result %s leads to no element", q, href)
		}
		searched++
	}
	if searched == 0 {
		t.Errorf("nothing was searched for: the book has none of %q", queries)
	}
	// A typo finds the word (issue 14): "endomorphsim" finds Endomorphism.
	if strings.Contains(text, "endomorphism") {
		navigate(t, ctx, base+first)
		do(t, ctx, "waiting for the search box", chromedp.WaitVisible(chromedp.CSS("#search")))
		do(t, ctx, "typing a typo", chromedp.SendKeys(chromedp.CSS("#search"), "endomorphsim"))
		// Results, or "Nothing found": not "Loading the index…", which the
		// list shows until the index is there (a page loads it when the
		// reader first types).
		waitFor(t, ctx, `document.querySelectorAll("#search-results [role=option]").length > 0 ||
			[...document.querySelectorAll("#search-results .sr-none")].some(e => !e.textContent.startsWith("Loading"))`)
		if got := eval[string](t, ctx, `document.getElementById("search-results").textContent.toLowerCase()`); !strings.Contains(got, "endomorphism") {
			t.Errorf(`search "endomorphsim" finds nothing about endomorphisms: %q`, got)
		}
	}

	// Themes: the toggle goes system, light, dark, system; the choice
	// survives a reload; with no choice the page follows the system. On a
	// page with a figure, or failing that with formulas.
	sample := first
	for _, want := range []string{"<img", "<math"} {
		if i := slices.IndexFunc(pages, func(p string) bool {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			return err == nil && bytes.Contains(data, []byte(want))
		}); i >= 0 {
			sample = pages[i]
			break
		}
	}
	navigate(t, ctx, base+sample)
	bg := func() string { return eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`) }
	theme := func() string {
		return eval[string](t, ctx, `document.documentElement.getAttribute("data-theme") || ""`)
	}
	light := bg()
	showSample(t, ctx)
	screenshot(t, ctx, "chapter-light.png")
	toggle := chromedp.Click(chromedp.CSS(".sidebar .theme-toggle"), chromedp.NodeVisible)
	for i, want := range []string{"light", "dark"} {
		do(t, ctx, "toggling the theme", toggle)
		if got := theme(); got != want {
			t.Errorf("after %d clicks the theme is %q, want %q", i+1, got, want)
		}
	}
	do(t, ctx, "reloading", chromedp.Reload())
	waitFor(t, ctx, `document.readyState === "complete"`)
	if got := theme(); got != "dark" {
		t.Errorf("after a reload the theme is %q, want dark: the choice is not remembered", got)
	}
	dark := bg()
	if dark == light {
		t.Errorf("dark mode keeps the light background %s", dark)
	}
	// Figures are drawn for a light page: in dark mode they sit on a light
	// card, so that black strokes stay visible. A figure with dark colours
	// of its own (class themed, chapter 5's loss plot) sits on the page.
	for _, c := range eval[[]string](t, ctx, `[...document.querySelectorAll("article img:not(.themed)")].map(i => getComputedStyle(i).backgroundColor)`) {
		if !lightColour(c) {
			t.Errorf("in dark mode a figure's background is %s, on which black strokes do not show", c)
		}
	}
	showSample(t, ctx)
	screenshot(t, ctx, "chapter-dark.png")
	do(t, ctx, "toggling the theme", toggle)
	if got := theme(); got != "" {
		t.Errorf("after three clicks the theme is %q, want none (the system's)", got)
	}
	media := func(scheme string) {
		call(t, ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	}
	media("dark")
	if got := bg(); got != dark {
		t.Errorf("with a dark system and no choice the background is %s, want %s", got, dark)
	}
	media("light")

	// The print page holds every page, in order, with its formulas in the
	// math font and its figures loaded.
	navigate(t, ctx, base+"print.html")
	if n := eval[int](t, ctx, `document.querySelectorAll(".print-chapter").length`); n != len(pages) {
		t.Errorf("print.html has %d pages, the book %d", n, len(pages))
	}
	if eval[bool](t, ctx, `!!document.querySelector("math")`) &&
		!eval[bool](t, ctx, `document.fonts.ready.then(() => [...document.fonts].some(f => f.family.includes("Latin Modern Math") && f.status === "loaded"))`) {
		t.Errorf("print.html: the math font did not load")
	}
	for _, src := range eval[[]string](t, ctx, `[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)`) {
		t.Errorf("print.html: image %s did not load", src)
	}
	call(t, ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	showSample(t, ctx)
	screenshot(t, ctx, "print.png")
	call(t, ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})

	// With JavaScript off, on a narrow screen: the Contents button opens
	// the table of contents, and neither search nor the theme toggle shows.
	call(t, ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	call(t, ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 600, Height: 900, DeviceScaleFactor: 1})
	navigate(t, ctx, base+first)
	do(t, ctx, "clicking Contents", chromedp.Click(chromedp.CSS("label.nav-button"), chromedp.NodeVisible))
	shows := func(sel string) bool {
		return eval[bool](t, ctx, `(e => !!e && e.getClientRects().length > 0)(document.querySelector(`+quote(sel)+`))`)
	}
	if shows(".search") || shows(".topbar .theme-toggle") {
		t.Errorf("with JavaScript off the search box or the theme toggle shows, and cannot work")
	}
	if !shows(".sidebar .toc") {
		t.Errorf("with JavaScript off the Contents button does not open the table of contents")
	}
	call(t, ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
	call(t, ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})

	w.mu.Lock()
	t.Logf("%d requests, all to %s", w.requests, w.host)
	w.mu.Unlock()
}
