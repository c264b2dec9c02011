// search.js: the search of a book woven by buildbook. book.js loads it
// when the reader first uses the search box, and it loads the index,
// search-index.js (see search.go), and, for the snippets of the results,
// the text of each page that results come from, search/SLUG.js (see
// searchtext.go): scripts, not JSON, so that they load from file:// too.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var base = root.getAttribute("data-root") || "";
  var input = doc.getElementById("search"), list = doc.getElementById("search-results");
  if (!input || !list) return;
  var ix = null, words = null, loading = false, shown = [], active = -1;
  var texts = {}, textWanted = {};

  function load() {
    if (ix || loading) return;
    loading = true;
    var s = doc.createElement("script");
    s.src = base + "search-index.js";
    s.onload = function () { ix = decode(window.bookSearchIndex); update(); };
    s.onerror = function () { loading = false; };
    doc.head.appendChild(s);
  }

  // The texts of a page's sections, by section id, which search/SLUG.js
  // hands over; the results shown are drawn again with their snippets.
  window.bookSearchText = function (page, m) {
    texts[page] = m;
    if (ix) render(search(input.value), true);
  };
  function loadText(page) {
    if (textWanted[page]) return;
    textWanted[page] = true;
    var s = doc.createElement("script");
    s.src = base + "search/" + page.replace(/\.html$/, ".js");
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
  // the words a typo away (see typos). The words found are added to hits,
  // for the snippets.
  function matches(t, hits) {
    var m = {};
    var lo = 0, hi = words.length, found = false;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < t) lo = mid + 1; else hi = mid; }
    for (var i = lo; i < words.length && words[i].lastIndexOf(t, 0) === 0; i++) {
      var exact = words[i] === t;
      if (!exact && t.length < 3) break;
      found = true;
      hits[words[i]] = true;
      sections(words[i]).forEach(function (s) { m[s] = Math.max(m[s] || 0, exact ? 2 : 1); });
    }
    if (!found && t.length >= 5) typos(t).forEach(function (w) {
      hits[w] = true;
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

  // nameScore ranks name n of the index (see search.go) for the query ql,
  // or returns 0 if it does not match: the whole name or its part after
  // the dot first, then names that start with the query, then names that
  // hold it. Among equal matches a declaration comes before a chunk or a
  // file, a func, method or type before a var or const, an exported name
  // before an unexported one, and the book's code before its tests, so
  // that "softmax" finds func Softmax before a var softmax of a test.
  function nameScore(n, ql) {
    var name = n[0], lower = name.toLowerCase(), dot = name.lastIndexOf(".");
    var short = lower.slice(dot + 1), last = name.slice(dot + 1), score = 0;
    if (lower === ql || short === ql) score = 60;
    else if (lower.lastIndexOf(ql, 0) === 0 || short.lastIndexOf(ql, 0) === 0) score = 40;
    else if (ql.length > 2 && lower.indexOf(ql) >= 0) score = 20;
    if (!score) return 0;
    var k = n[1];
    score += k === "f" || k === "m" || k === "t" ? 8 : k === "c" || k === "v" ? 5 : 0;
    if (k !== "k" && k !== "F") {
      if (/^\p{Lu}/u.test(last)) score += 2;
      if (/^(Test|Benchmark|Fuzz|Example)/.test(last) || /_test\.go-/.test(n[3])) score -= 3;
    }
    return score;
  }

  function search(q) {
    var terms = split(q), out = [], hits = {};
    if (!terms.length) return out;
    var ql = q.trim().toLowerCase();
    ix.n.forEach(function (n, i) {
      var score = nameScore(n, ql);
      if (score) out.push({ score: score, order: i, title: n[0], kind: kinds[n[1]], where: where(n[2], true), href: href(n[2], n[3]) });
    });
    var scores = null;
    terms.forEach(function (t) {
      var m = matches(t, hits), next = {};
      Object.keys(m).forEach(function (s) {
        if (scores && !(s in scores)) return;
        var head = ix.s[s][2].toLowerCase().indexOf(t) >= 0 ? 3 : 0;
        next[s] = (scores ? scores[s] : 0) + m[s] + head;
      });
      scores = next;
    });
    Object.keys(scores).forEach(function (s) {
      var sec = ix.s[s];
      out.push({ score: scores[s], order: 1e6 + Number(s), title: sec[2], where: where(s, false), section: Number(s), href: href(s, sec[1]) });
    });
    out.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    out = out.slice(0, 12);
    out.hits = hits;
    return out;
  }

  // snippet returns the part of text, about snippetLen characters long,
  // that holds the most distinct words of hits (the words the query
  // matched), starting a little before the first of them, as a list of
  // [text, marked] pieces; null if text holds none of them.
  var snippetLen = 140;
  function snippet(text, hits) {
    var re = /[\p{L}\p{N}]+/gu, m, at = [];
    while ((m = re.exec(text))) if (hits[m[0].toLowerCase()]) at.push([m.index, m.index + m[0].length, m[0].toLowerCase()]);
    if (!at.length) return null;
    var best = 0, bestN = 0;
    for (var i = 0; i < at.length; i++) {
      var seen = {}, n = 0;
      for (var j = i; j < at.length && at[j][1] - at[i][0] <= snippetLen - 30; j++) if (!seen[at[j][2]]) { seen[at[j][2]] = true; n++; }
      if (n > bestN) { best = i; bestN = n; }
    }
    var start = Math.max(0, at[best][0] - 30), end = Math.min(text.length, start + snippetLen);
    if (start > 0) { var sp = text.indexOf(" ", start); if (sp >= 0 && sp < at[best][0]) start = sp + 1; }
    if (end < text.length) { var ep = text.lastIndexOf(" ", end); if (ep > at[best][1]) end = ep; }
    var out = [], pos = start;
    at.forEach(function (a) {
      if (a[0] < start || a[1] > end) return;
      if (a[0] > pos) out.push([text.slice(pos, a[0]), false]);
      out.push([text.slice(a[0], a[1]), true]);
      pos = a[1];
    });
    if (pos < end) out.push([text.slice(pos, end), false]);
    if (start > 0) out.unshift(["…", false]);
    if (end < text.length) out.push(["…", false]);
    return out;
  }

  // teaser returns the snippet element of result r, or null; it asks for
  // the text of r's page if it has not come yet.
  function teaser(r, hits) {
    if (r.section === undefined) return null;
    var sec = ix.s[r.section], page = ix.p[sec[0]][0], t = texts[page];
    if (!t) { loadText(page); return null; }
    var parts = t[sec[1]] && snippet(t[sec[1]], hits);
    if (!parts) return null;
    var e = el("span", "sr-teaser");
    parts.forEach(function (p) { e.appendChild(p[1] ? el("mark", "", p[0]) : doc.createTextNode(p[0])); });
    return e;
  }

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // render shows results rs; with keep, the result chosen stays chosen
  // (when snippets arrive for the same results).
  function render(rs, keep) {
    var was = keep && rs.length === shown.length ? active : -1;
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
      var tz = teaser(r, rs.hits);
      if (tz) a.appendChild(tz);
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
    if (was >= 0) move(was + 1);
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
  load();
})();
