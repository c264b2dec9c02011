// book.js: the theme toggle, folds, copy buttons, the keys and the
// search box of a book woven by buildbook. Everything else works without
// it. No dependencies, no network: the search itself is search.js, loaded
// when the reader first uses the box, as are the search index and the
// content of folds, all scripts next to this one.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var base = root.getAttribute("data-root") || "";

  // Themes: "" follows the system, "light" and "dark" are the reader's
  // choice, remembered in localStorage. The page's <head> applies the
  // stored choice before anything is drawn.
  var themes = ["", "light", "dark"];
  var names = { "": "System", light: "Light", dark: "Dark" };
  var icons = { "": "◐", light: "☀", dark: "☾" };
  function storedTheme() {
    try { return localStorage.getItem("ctml-theme") || ""; } catch (e) { return ""; }
  }
  function setTheme(t) {
    if (t) root.setAttribute("data-theme", t); else root.removeAttribute("data-theme");
    try { if (t) localStorage.setItem("ctml-theme", t); else localStorage.removeItem("ctml-theme"); } catch (e) { /* private mode */ }
    showTheme(t);
  }
  function showTheme(t) {
    var next = names[themes[(themes.indexOf(t) + 1) % 3]];
    doc.querySelectorAll(".theme-toggle").forEach(function (b) {
      b.textContent = icons[t] + " " + names[t];
      b.setAttribute("title", "Theme: " + names[t].toLowerCase() + ". Switch to " + next.toLowerCase());
      b.setAttribute("aria-label", "Theme: " + names[t] + ". Switch to " + next);
      b.hidden = false;
    });
  }
  doc.querySelectorAll(".theme-toggle").forEach(function (b) {
    b.addEventListener("click", function () {
      var t = storedTheme();
      setTheme(themes[(themes.indexOf(t) + 1) % 3]);
    });
  });
  showTheme(storedTheme());

  // Folds: a folded block (details.fold) holds only a link to its lines
  // in the generated file; its content is in the page's fold script,
  // loaded when the reader first opens a fold (see folds.go).
  var folds = doc.querySelectorAll("details.fold"), foldState = 0;
  function fillFolds() {
    var m = window.bookFoldsData || {};
    folds.forEach(function (d) {
      if (m[d.id] && !d.hasAttribute("data-filled")) {
        var link = d.querySelector(".fold-link");
        if (link) link.insertAdjacentHTML("afterend", m[d.id]);
        d.setAttribute("data-filled", "");
        addCopy(d);
      }
    });
  }
  window.bookFolds = function (m) { window.bookFoldsData = m; foldState = 2; fillFolds(); };
  function loadFolds() {
    if (foldState) return;
    foldState = 1;
    var s = doc.createElement("script");
    s.src = base + "folds/" + location.pathname.replace(/^.*\//, "").replace(/\.html$/, "") + ".js";
    s.onerror = function () { foldState = 0; };
    doc.head.appendChild(s);
  }
  folds.forEach(function (d) {
    d.addEventListener("toggle", function () { if (d.open) loadFolds(); });
  });
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1)), t = id && doc.getElementById(id);
    if (t && t.matches && t.matches("details.fold")) t.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();


  // Copy buttons: one in the caption of every woven block, and one on
  // every other code block and source page, that copies the code as text,
  // without line numbers. The Clipboard API needs a secure context, which
  // file:// is in Chromium but not everywhere: failing that, the text is
  // selected and copied with execCommand.
  function codeText(pre) {
    var c = pre.cloneNode(true);
    c.querySelectorAll(".ln").forEach(function (n) { n.remove(); });
    return c.textContent.replace(/\n$/, "");
  }
  function fallbackCopy(text) {
    var ta = doc.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    doc.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { /* refused */ }
    ta.remove();
    return ok;
  }
  function copy(pre, b) {
    var text = codeText(pre);
    function done(ok) {
      b.textContent = ok ? "Copied" : "Press Ctrl+C";
      if (!ok) {
        var r = doc.createRange();
        r.selectNodeContents(pre);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
      }
      setTimeout(function () { b.textContent = "Copy"; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    } else done(fallbackCopy(text));
  }
  function addCopy(scope) {
    scope.querySelectorAll("pre").forEach(function (pre) {
      if (pre.hasAttribute("data-copy") || pre.closest(".output")) return;
      pre.setAttribute("data-copy", "");
      var b = doc.createElement("button"), fig = pre.parentNode;
      b.type = "button";
      b.className = "copy";
      b.textContent = "Copy";
      b.setAttribute("aria-label", "Copy the code");
      b.addEventListener("click", function () { copy(pre, b); });
      var cap = fig.matches("figure.chunk") && fig.querySelector("figcaption");
      if (cap) cap.appendChild(b);
      else {
        var wrap = doc.createElement("div");
        wrap.className = "copy-wrap";
        fig.insertBefore(wrap, pre);
        wrap.appendChild(pre);
        wrap.appendChild(b);
      }
    });
  }
  addCopy(doc);

  // The current section, marked in the sidebar's list of the page's
  // sections as the reader scrolls.
  var secLinks = doc.querySelectorAll(".toc-sections a"), ticking = false;
  function markSection() {
    ticking = false;
    var cur = null;
    secLinks.forEach(function (a) {
      var h = doc.getElementById(decodeURIComponent(a.hash.slice(1)));
      if (h && h.getBoundingClientRect().top < 90) cur = a;
    });
    secLinks.forEach(function (a) { a.classList.toggle("toc-here", a === cur); });
  }
  if (secLinks.length) {
    window.addEventListener("scroll", function () {
      if (!ticking) { ticking = true; requestAnimationFrame(markSection); }
    }, { passive: true });
    markSection();
  }

  // Keys: / or s searches; the arrow keys ← and → go to the previous and
  // next page. Never while the reader types, nor with a modifier.
  var input = doc.getElementById("search"), searchState = 0;
  function loadSearch() {
    if (searchState) return;
    searchState = 1;
    var s = doc.createElement("script");
    s.src = base + "search.js";
    s.onerror = function () { searchState = 0; };
    doc.head.appendChild(s);
  }
  if (input) {
    input.parentNode.hidden = false;
    input.addEventListener("focus", loadSearch);
    input.addEventListener("input", loadSearch);
  }
  doc.addEventListener("keydown", function (e) {
    var t = e.target, tag = t && t.tagName;
    if (e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    if ((e.key === "/" || e.key === "s") && input) {
      e.preventDefault();
      var nav = doc.getElementById("nav-toggle");
      if (nav && getComputedStyle(nav).display !== "none") nav.checked = true;
      input.focus();
      input.select();
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !e.shiftKey) {
      var a = doc.querySelector(".pager a[rel=" + (e.key === "ArrowLeft" ? "prev" : "next") + "]");
      if (a) { e.preventDefault(); location.href = a.href; }
    }
  });
})();
