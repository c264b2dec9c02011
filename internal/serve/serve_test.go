package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, s *Server, host, path string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", "http://"+host+path, nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

// TestServer serves the files of the last good build, with the reload
// script in its pages, and the error page in place of every page while a
// build fails.
func TestServer(t *testing.T) {
	s := New()
	changed := s.Update([]File{{"index.html", []byte("<html><body>index</body></html>")}, {"a.html", []byte("<body>a</body>")}, {"book.css", []byte("p{}")}})
	if strings.Join(changed, " ") != "a.html book.css index.html" {
		t.Errorf("first Update changed %q", changed)
	}
	if code, body := get(t, s, "127.0.0.1:3000", "/"); code != 200 || !strings.Contains(body, `index<script src="/.buildbook/reload.js" data-version="1"></script>`+"\n</body>") {
		t.Errorf("/: %d %q", code, body)
	}
	if code, body := get(t, s, "localhost:3000", "/book.css"); code != 200 || body != "p{}" {
		t.Errorf("/book.css: %d %q", code, body)
	}
	if code, _ := get(t, s, "[::1]:3000", "/missing.html"); code != 404 {
		t.Errorf("/missing.html: %d", code)
	}
	for _, host := range []string{"example.com", "127.0.0.1.example.com", "10.0.0.1:3000"} {
		if code, _ := get(t, s, host, "/"); code != http.StatusForbidden {
			t.Errorf("Host %s: %d, want 403", host, code)
		}
	}
	s.Public = true
	if code, _ := get(t, s, "example.com", "/"); code != 200 {
		t.Errorf("Public, Host example.com: %d", code)
	}
	s.Public = false

	changed = s.Update([]File{{"index.html", []byte("<html><body>index</body></html>")}, {"a.html", []byte("<body>A</body>")}})
	if strings.Join(changed, " ") != "a.html book.css" {
		t.Errorf("second Update changed %q (a.html changed, book.css went away)", changed)
	}

	s.Fail("Title <b>", []Problem{
		{Pos: "book/a.md:3:5", File: "book/a.md", Line: 3, Msg: "link to <unknown> page"},
		{Pos: "book/b.md:1:1", File: "book/b.md", Line: 1, Msg: "an error\non two lines"},
		{Msg: "buildbook: no position"},
	}, func(file string) string {
		if file == "book/a.md" {
			return "source/book/a.md.html"
		}
		return ""
	})
	for _, p := range []string{"/", "/a.html", "/missing.html"} {
		code, body := get(t, s, "127.0.0.1", p)
		for _, want := range []string{
			`<title>Build failed · Title &lt;b&gt;</title>`,
			`<li><a href="/source/book/a.md.html#L3"><span class="pos">book/a.md:3:5</span></a>: link to &lt;unknown&gt; page</li>`,
			`<li><span class="pos">book/b.md:1:1</span>: an error` + "\n" + `on two lines</li>`,
			`<li>buildbook: no position</li>`,
			`data-version="3"`,
		} {
			if code != 200 || !strings.Contains(body, want) {
				t.Errorf("%s while failing: %d, lacks %s:\n%s", p, code, want, body)
			}
		}
	}
	if code, body := get(t, s, "127.0.0.1", "/book.css"); code != 404 || strings.Contains(body, "Build failed") {
		t.Errorf("a file that is not a page while failing: %d %q", code, body)
	}
	s.Update([]File{{"a.html", []byte("<body>A</body>")}})
	if _, body := get(t, s, "127.0.0.1", "/a.html"); !strings.Contains(body, "A<script") {
		t.Errorf("after the fix: %q", body)
	}

	req := httptest.NewRequest("POST", "http://127.0.0.1/a.html", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}

// TestIsLoopback accepts loopback listening addresses only.
func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:3000": true, "[::1]:0": true, "localhost:3000": true, "127.0.0.2:80": true,
		":3000": false, "0.0.0.0:3000": false, "[::]:3000": false, "192.168.1.2:3000": false, "example.com:80": false, "127.0.0.1": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
