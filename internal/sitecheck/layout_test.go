package sitecheck

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"

	"ctml/internal/weave"
)

// The widths of the layout checks: a phone, a laptop, a desktop.
var layoutWidths = []int64{390, 1280, 1920}

// layoutProblems is evaluated on a page laid out at some width: it
// returns what is wrong with the layout, each as a line naming the
// element. wide is whether the width is 1280 px or more, where no code
// may need a horizontal scroll.
const layoutProblems = `((wide) => {
	const out = [];
	const name = e => {
		const id = e.closest("[id]");
		let s = e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
		if (id && id !== e) s += " in #" + id.id;
		else if (e.id) s += "#" + e.id;
		const text = (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
		return s + (text ? " (" + JSON.stringify(text) + ")" : "");
	};
	const de = document.documentElement, vw = de.clientWidth;
	if (de.scrollWidth > vw + 1) {
		// The culprits: the outermost elements reaching past the window
		// that are not inside something that scrolls.
		const far = [...document.body.querySelectorAll("*")].filter(e => {
			const r = e.getBoundingClientRect();
			if (r.width === 0 || r.right <= vw + 1) return false;
			for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
				const ox = getComputedStyle(p).overflowX;
				if (ox !== "visible") return false;
				const pr = p.getBoundingClientRect();
				if (pr.right > vw + 1) return false;
			}
			return true;
		});
		out.push("the page is " + de.scrollWidth + " px wide, the window " + vw + " px: " + far.slice(0, 3).map(e => name(e) + " reaches " + Math.round(e.getBoundingClientRect().right) + " px").join("; "));
	}
	for (const e of document.querySelectorAll("main *")) {
		if (e.scrollWidth <= e.clientWidth + 1 || e.clientWidth === 0) continue;
		const cs = getComputedStyle(e), ox = cs.overflowX;
		if (ox === "visible") continue;
		// Text cut with an ellipsis (the page links at the top, on a phone)
		// says so.
		if ((ox === "hidden" || ox === "clip") && cs.textOverflow !== "ellipsis") {
			out.push(name(e) + " clips " + (e.scrollWidth - e.clientWidth) + " px of its content");
			continue;
		}
		if (ox === "hidden" || ox === "clip") continue;
		if (e.tagName === "PRE" && wide) {
			const lines = e.textContent.split("\n"), widest = lines.reduce((a, l) => l.length > a.length ? l : a, "");
			out.push("at " + vw + " px, " + name(e) + " needs a horizontal scroll of " + (e.scrollWidth - e.clientWidth) + " px (" + e.clientWidth + " px wide; its widest line, " + JSON.stringify(widest.slice(0, 40)) + "…, has " + widest.length + " characters)");
			continue;
		}
		if (!cs.backgroundImage.includes("radial-gradient")) out.push(name(e) + " scrolls " + (e.scrollWidth - e.clientWidth) + " px with no sign that it does");
	}
	// A formula and the punctuation written against it are on one line.
	for (const m of document.querySelectorAll("article math:not([display=block])")) {
		const next = m.nextSibling;
		if (!next || next.nodeType !== Node.TEXT_NODE || !/^[,.;:!?)\]]/.test(next.data)) continue;
		const r = document.createRange();
		r.setStart(next, 0);
		r.setEnd(next, 1);
		const p = r.getBoundingClientRect(), mr = m.getBoundingClientRect();
		if (p.height > 0 && (p.top >= mr.bottom || !m.parentElement.closest(".nw"))) out.push(name(m) + " and the " + JSON.stringify(next.data[0]) + " after it may fall on two lines");
	}
	return out;
})`

// openFolds opens every folded block of the page and waits until their
// content, loaded from the page's fold script, is in.
func openFolds(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, `(document.querySelectorAll("details").forEach(d => d.open = true), true)`)
	waitFor(t, ctx, `document.querySelectorAll("details.fold:not([data-filled])").length === 0`)
}

// TestBrowserLayout lays out every page of the book at the widths of a
// phone (390 px), a laptop (1280 px) and a desktop (1920 px), every fold
// open, and checks that the page never scrolls sideways, that no code
// block needs a horizontal scroll at 1280 px or wider, that whatever
// is wider than its column (a table, a figure, a formula, code on a
// phone) scrolls with a visible sign that it does, never clipped, and
// that a formula keeps the punctuation after it on its line. With
// -artifacts it keeps screenshots of every chapter at each width, light
// and dark, at its top, its first figure and its first code.
func TestBrowserLayout(t *testing.T) {
	bctx := browser(t)
	dir := buildRepository(t, weave.Options{})
	base := serve(t, dir)
	ctx, _ := tab(t, bctx, base)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") && e.Name() != "print.html" {
			pages = append(pages, e.Name())
		}
	}
	shots := artifacts()
	for _, width := range layoutWidths {
		call(t, ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 900, DeviceScaleFactor: 1, Mobile: width < 600})
		for _, name := range pages {
			navigate(t, ctx, base+name)
			if shots && name[0] >= '0' && name[0] <= '9' {
				screenshots(t, ctx, name, width)
			}
			openFolds(t, ctx)
			for _, p := range eval[[]string](t, ctx, layoutProblems+`(`+fmt.Sprint(width >= 1280)+`)`) {
				t.Errorf("%s at %d px: %s", name, width, p)
			}
		}
	}
	call(t, ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
}

// artifacts reports whether the test keeps its artifacts (go test
// -artifacts).
func artifacts() bool {
	f := flag.Lookup("test.artifacts")
	return f != nil && f.Value.String() == "true"
}

// screenshots saves screenshots of the page at its top, its first figure
// and its first code block, in light and in dark mode.
func screenshots(t *testing.T, ctx context.Context, name string, width int64) {
	t.Helper()
	slug := strings.TrimSuffix(name, ".html")
	for _, theme := range []string{"light", "dark"} {
		eval[bool](t, ctx, `(document.documentElement.setAttribute("data-theme", `+quote(theme)+`), true)`)
		for _, at := range []struct{ name, sel string }{
			{"top", ""},
			{"figure", "article img, article figure.cd-figure"},
			{"code", "article figure.chunk"},
			{"table", "article table"},
		} {
			if at.sel != "" && !eval[bool](t, ctx, `(e => { if (!e) return false; e.scrollIntoView({block: "start"}); window.scrollBy(0, -100); return true; })(document.querySelector(`+quote(at.sel)+`))`) {
				continue
			}
			if at.sel == "" {
				eval[bool](t, ctx, `(window.scrollTo(0, 0), true)`)
			}
			screenshot(t, ctx, filepath.Join(fmt.Sprintf("%s-%d-%s-%s.png", slug, width, theme, at.name)))
		}
	}
	eval[bool](t, ctx, `(document.documentElement.removeAttribute("data-theme"), window.scrollTo(0, 0), true)`)
}
