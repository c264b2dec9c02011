// Package serve serves a built book from memory for buildbook -serve and
// reloads the pages open in browsers when it changes.
//
// A Server holds the files of the last good build. Every HTML page it
// serves gets one script element before </body>, /.buildbook/reload.js
// (served by the Server itself, never written into the site), which
// listens to /.buildbook/events, a stream of server-sent events: after
// each build the Server sends the paths whose bytes changed, and a page
// reloads when its own file, or a file that is not a page (the
// stylesheet, an image), is among them, keeping its scroll position.
// After a build that failed, every page is replaced by the error list,
// each error linked to the line of the source page it is about, until a
// build succeeds again.
//
// The Server answers only requests whose Host is a loopback name or
// address, unless told otherwise (Public), so that a web page elsewhere
// cannot read the book through a DNS name that points at 127.0.0.1.
package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The paths the Server answers besides the site's files.
const (
	prefix     = "/.buildbook/"
	eventsPath = prefix + "events"
	scriptPath = prefix + "reload.js"
)

// Server serves a site from memory. Its zero value is not usable; call
// New.
type Server struct {
	// Public lets the Server answer requests for any host name, for a
	// listener on an address other machines reach.
	Public bool

	mu      sync.Mutex
	files   map[string][]byte // by slash path, as in weave.Site
	failure []byte            // the error page while the last build failed; nil otherwise
	version int               // counts the changes
	clients map[chan event]bool
	closed  bool
}

// event is what a build changed, as sent to the pages.
type event struct {
	Version int      `json:"version"`
	Changed []string `json:"changed"` // the paths whose bytes changed
	Failed  bool     `json:"failed"`  // the build failed: every page shows the errors
}

// New returns a Server with no site yet.
func New() *Server {
	return &Server{files: map[string][]byte{}, clients: map[chan event]bool{}}
}

// File is one file of a site.
type File struct {
	Path string
	Data []byte
}

// Update replaces the site with the files of a good build and tells the
// open pages what changed. It returns the paths whose bytes changed,
// sorted.
func (s *Server) Update(files []File) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := make(map[string][]byte, len(files))
	var changed []string
	for _, f := range files {
		next[f.Path] = f.Data
		if old, ok := s.files[f.Path]; !ok || !bytes.Equal(old, f.Data) {
			changed = append(changed, f.Path)
		}
	}
	for p := range s.files {
		if _, ok := next[p]; !ok {
			changed = append(changed, p)
		}
	}
	recovered := s.failure != nil
	s.files, s.failure = next, nil
	if len(changed) > 0 || recovered {
		s.version++
		s.broadcast(event{Version: s.version, Changed: sortedCopy(changed)})
	}
	return sortedCopy(changed)
}

// Problem is one error of a failed build.
type Problem struct {
	Pos  string // file:line:col, as printed; "" for an error of no file
	File string // the file, as in Pos
	Line int    // its line; 0 for the whole file
	Msg  string
}

// Fail replaces every page with the error page of a failed build, until
// the next Update. source maps a file that problems name to the path of
// its source page in the site, "" if it has none.
func (s *Server) Fail(title string, problems []Problem, source func(file string) string) {
	page := errorPage(title, problems, source)
	s.mu.Lock()
	defer s.mu.Unlock()
	if bytes.Equal(page, s.failure) {
		return
	}
	s.failure = page
	s.version++
	s.broadcast(event{Version: s.version, Failed: true})
}

// broadcast sends ev to every open page; s.mu is held.
func (s *Server) broadcast(ev event) {
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a page that does not keep up reloads on the next one
		}
	}
}

// Close ends the event streams.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for c := range s.clients {
		close(c)
		delete(s.clients, c)
	}
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.Public && !loopbackHost(r.Host) {
		http.Error(w, "buildbook -serve answers requests for localhost only", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(reloadScript))
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.Lock()
	data, ok := s.files[name]
	failure, version := s.failure, s.version
	s.mu.Unlock()
	isPage := strings.HasSuffix(name, ".html")
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case isPage && failure != nil:
		data, ok = failure, true
	case !ok:
		if s.Has(name + "/index.html") {
			http.Redirect(w, r, "/"+name+"/", http.StatusFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	if isPage {
		data = inject(data, version)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(data)
}

// Has reports whether the site has a file name.
func (s *Server) Has(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.files[name]
	return ok
}

// events streams the changes to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 4)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	s.clients[c] = true
	version := s.version
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.clients[c] {
			delete(s.clients, c)
			close(c)
		}
		s.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	// The version first: a page loaded before a change it did not hear
	// of (the stream was down) reloads.
	fmt.Fprintf(w, "retry: 500\nevent: hello\ndata: {\"version\":%d}\n\n", version)
	flusher.Flush()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case ev, ok := <-c:
			if !ok {
				return
			}
			data, _ := json.Marshal(ev)
			fmt.Fprintf(w, "event: change\ndata: %s\n\n", data)
			flusher.Flush()
		}
	}
}

// inject adds the reload script to a page, before </body> (or at its
// end), with the version of the site it shows.
func inject(page []byte, version int) []byte {
	tag := []byte(`<script src="` + scriptPath + `" data-version="` + strconv.Itoa(version) + `"></script>` + "\n")
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// reloadScript reloads the page when the book changes under it: when its
// own file changed, a file that is not a page changed (the stylesheet,
// an image, the search index), or a build failed or recovered; the
// scroll position is kept across the reload.
const reloadScript = `(function () {
  "use strict";
  var me = document.currentScript;
  var version = Number(me && me.dataset.version);
  var here = location.pathname.replace(/^\//, "");
  if (here === "" || /\/$/.test(here)) here += "index.html";
  var key = "buildbook-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(y)); }
  } catch (e) {}
  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  }
  var es = new EventSource("` + eventsPath + `");
  es.addEventListener("hello", function (e) {
    if (JSON.parse(e.data).version !== version) reload();
  });
  es.addEventListener("change", function (e) {
    var ev = JSON.parse(e.data);
    version = ev.version;
    if (ev.failed || document.documentElement.hasAttribute("data-buildbook-failed")) return reload();
    var changed = ev.changed || [];
    for (var i = 0; i < changed.length; i++) {
      if (changed[i] === here || !/\.html$/.test(changed[i])) return reload();
    }
  });
})();
`

// errorPage is the page shown in place of every page while the build
// fails: the errors, each linked to its line on the source page.
func errorPage(title string, problems []Problem, source func(file string) string) []byte {
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="en" data-buildbook-failed>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · ` + html.EscapeString(title) + `</title>
<link rel="stylesheet" href="/book.css">
<style>
.build-errors { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
.build-errors li { margin: .5rem 0; font-family: ui-monospace, monospace; white-space: pre-wrap; }
.build-errors .pos { font-weight: bold; }
</style>
</head>
<body>
<main class="build-errors" id="content">
<h1>The book does not build</h1>
<p>Buildbook reloads this page when the next build succeeds. The errors, where they are:</p>
<ol>
`)
	for _, p := range problems {
		b.WriteString("<li>")
		if p.Pos != "" {
			label := `<span class="pos">` + html.EscapeString(p.Pos) + `</span>`
			if src := source(p.File); src != "" {
				href := "/" + src
				if p.Line > 0 {
					href += "#L" + strconv.Itoa(p.Line)
				}
				label = `<a href="` + html.EscapeString(href) + `">` + label + `</a>`
			}
			b.WriteString(label + ": ")
		}
		b.WriteString(html.EscapeString(p.Msg) + "</li>\n")
	}
	b.WriteString("</ol>\n</main>\n</body>\n</html>\n")
	return []byte(b.String())
}

// loopbackHost reports whether host, a Host header, names this machine
// by a loopback name or address.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopback reports whether addr, host:port for net.Listen, listens on
// a loopback address only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
