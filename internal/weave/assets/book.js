// book.js: the search box and the theme toggle of a book woven by
// buildbook. Everything else works without it. No dependencies, no
// network: the search index is a script next to this one.
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

  // Search.
  var input = doc.getElementById("search"), list = doc.getElementById("search-results");
  if (!input || !list) return;
  input.parentNode.hidden = false;
  var ix = null, words = null, loading = false, shown = [], active = -1;

  function load() {
    if (ix || loading) return;
    loading = true;
    var s = doc.createElement("script");
    s.src = base + "search-index.js";
    s.onload = function () { ix = decode(window.bookSearchIndex); update(); };
    s.onerror = function () { loading = false; };
    doc.head.appendChild(s);
  }

  // decode unpacks the words of the index (see search.go) into a sorted
  // list and a map from word to its sections, still gap-encoded.
  function decode(x) {
    var prev = "", w = {};
    words = x.w.split(";").map(function (e) {
      var colon = e.indexOf(":");
      prev = prev.slice(0, parseInt(e[0], 36)) + e.slice(1, colon);
      w[prev] = e.slice(colon + 1);
      return prev;
    });
    x.w = w;
    return x;
  }

  function split(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  }

  // sections returns the sections holding word w, decoding its gaps once.
  function sections(w) {
    var v = ix.w[w];
    if (typeof v === "string") {
      var n = 0;
      v = ix.w[w] = v.split(",").map(function (g) { n += parseInt(g, 36); return n; });
    }
    return v;
  }

  // matches returns, for each section holding a word that starts with t
  // (or is t, for short terms), a score: 2 for the word itself, 1 for a
  // longer one. A term of five letters or more that starts no word finds
  // the words a typo away (see typos).
  function matches(t) {
    var m = {};
    var lo = 0, hi = words.length, found = false;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < t) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < words.length && words[i].lastIndexOf(t, 0) === 0; i++) {
      var exact = words[i] === t;
      if (!exact && t.length < 3) break;
      found = true;
      sections(words[i]).forEach(function (s) { m[s] = Math.max(m[s] || 0, exact ? 2 : 1); });
    }
    if (!found && t.length >= 5) typos(t).forEach(function (w) {
      sections(w).forEach(function (s) { m[s] = Math.max(m[s] || 0, 1); });
    });
    return m;
  }

  // typos returns the words of the index within one edit of t (two for a
  // term of eight letters or more), an edit being a letter inserted,
  // deleted, changed, or two neighbours swapped ("endomorphsim" finds
  // endomorphism), or a word that starts with such a word.
  function typos(t) {
    var max = t.length >= 8 ? 2 : 1, out = [];
    words.forEach(function (w) {
      if (Math.abs(w.length - t.length) <= max && distance(t, w, max) <= max) out.push(w);
      else if (w.length > t.length && distance(t, w.slice(0, t.length), max) <= max) out.push(w);
    });
    return out;
  }

  // distance is the optimal string alignment distance of a and b, or
  // max+1 once it must exceed max.
  function distance(a, b, max) {
    var prev2 = null, prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var c = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur.push(d);
        low = Math.min(low, d);
      }
      if (low > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // where names the chapter of section s and, with section set, the
  // section too.
  function where(s, section) {
    var sec = ix.s[s], p = ix.p[sec[0]];
    var chapter = (p[1] ? p[1] + " " : "") + p[2];
    return section && sec[2] && sec[2] !== p[2] ? chapter + " › " + sec[2] : chapter;
  }

  function href(s, id) { return base + ix.p[ix.s[s][0]][0] + "#" + id; }

  var kinds = { f: "func", m: "method", t: "type", c: "const", v: "var", k: "chunk", F: "file" };

  function search(q) {
    var terms = split(q), out = [];
    if (!terms.length) return out;
    var ql = q.trim().toLowerCase();
    ix.n.forEach(function (n, i) {
      var name = n[0].toLowerCase(), short = name.slice(name.lastIndexOf(".") + 1), score = 0;
      if (name === ql || short === ql) score = 60;
      else if (name.lastIndexOf(ql, 0) === 0 || short.lastIndexOf(ql, 0) === 0) score = 40;
      else if (ql.length > 2 && name.indexOf(ql) >= 0) score = 20;
      var page = ix.p[ix.s[n[2]][0]];
      if (score) out.push({ score: score + (n[1] === "k" || n[1] === "F" ? 0 : 5), order: i, title: n[0], kind: kinds[n[1]], where: where(n[2], true), href: href(n[2], n[3]) });
    });
    var scores = null;
    terms.forEach(function (t) {
      var m = matches(t), next = {};
      Object.keys(m).forEach(function (s) {
        if (scores && !(s in scores)) return;
        var head = ix.s[s][2].toLowerCase().indexOf(t) >= 0 ? 3 : 0;
        next[s] = (scores ? scores[s] : 0) + m[s] + head;
      });
      scores = next;
    });
    Object.keys(scores).forEach(function (s) {
      var sec = ix.s[s];
      out.push({ score: scores[s], order: 1e6 + Number(s), title: sec[2], where: where(s, false), teaser: sec[3], href: href(s, sec[1]) });
    });
    out.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return out.slice(0, 12);
  }

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function render(rs) {
    list.textContent = "";
    shown = rs;
    active = -1;
    rs.forEach(function (r, i) {
      var li = el("li"), a = el("a");
      li.id = "search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      a.href = r.href;
      a.tabIndex = -1;
      var title = el("span", "sr-title");
      if (r.kind) { title.appendChild(el("span", "sr-kind", r.kind + " ")); title.appendChild(el("code", "", r.title)); }
      else title.textContent = r.title;
      a.appendChild(title);
      a.appendChild(el("span", "sr-where", r.where));
      if (r.teaser) a.appendChild(el("span", "sr-teaser", r.teaser));
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!rs.length && input.value.trim()) list.appendChild(el("li", "sr-none", ix ? "Nothing found" : "Loading the index…"));
    var open = list.children.length > 0;
    list.hidden = !open;
    if (open) {
      // Fixed, so that the sidebar, which scrolls, does not clip it.
      var r = input.getBoundingClientRect();
      list.style.top = (r.bottom + 4) + "px";
      list.style.left = r.left + "px";
    }
    input.setAttribute("aria-expanded", open ? "true" : "false");
    input.removeAttribute("aria-activedescendant");
  }

  function update() { render(ix ? search(input.value) : []); }

  function move(d) {
    if (!shown.length) return;
    if (active >= 0) list.children[active].setAttribute("aria-selected", "false");
    active = (active + d + shown.length) % shown.length;
    var li = list.children[active];
    li.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); }

  input.addEventListener("focus", function () { load(); if (input.value) update(); });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
    else if (e.key === "Enter") {
      var r = shown[active >= 0 ? active : 0];
      if (r) { e.preventDefault(); close(); location.href = r.href; }
    } else if (e.key === "Escape") { input.value = ""; render([]); input.blur(); }
  });
  doc.addEventListener("click", function (e) { if (!input.parentNode.contains(e.target)) close(); });
  doc.addEventListener("keydown", function (e) {
    var t = e.target, tag = t && t.tagName;
    if (e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    if (e.key === "/" || e.key === "s") {
      e.preventDefault();
      var nav = doc.getElementById("nav-toggle");
      if (nav && getComputedStyle(nav).display !== "none") nav.checked = true;
      input.focus();
      input.select();
    }
  });
})();
