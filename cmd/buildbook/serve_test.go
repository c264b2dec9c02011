package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// lineBuffer is an io.Writer that a test reads from as it is written.
type lineBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *lineBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lineBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// waitFor waits until re matches what l holds and returns the match.
func (l *lineBuffer) waitFor(t testing.TB, re *regexp.Regexp) []string {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(l.String()); m != nil {
			return m
		}
	}
	t.Fatalf("no %s in:\n%s", re, l.String())
	return nil
}

// served is a buildbook -serve running in the test.
type served struct {
	url    string
	stdout *lineBuffer
	stderr *lineBuffer
	done   chan int
	cancel context.CancelFunc
}

// startServe runs buildbook -serve with args until the test ends.
func startServe(t testing.TB, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{stdout: &lineBuffer{}, stderr: &lineBuffer{}, done: make(chan int, 1), cancel: cancel}
	go func() {
		s.done <- runContext(ctx, append([]string{"-serve", "-addr", "127.0.0.1:0"}, args...), s.stdout, s.stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			t.Error("buildbook -serve did not stop")
		}
	})
	s.url = s.stdout.waitFor(t, regexp.MustCompile(`serving .* on (http://127\.0\.0\.1:\d+/)`))[1]
	return s
}

// get fetches path and returns the body.
func (s *served) get(t *testing.T, path string) string {
	t.Helper()
	resp, err := http.Get(s.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", path, resp.Status, body)
	}
	return string(body)
}

// events opens the stream of changes and returns a channel of its data
// lines: the hello, then one per change.
func (s *served) events(t testing.TB) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", s.url+".buildbook/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("the events are served as %q", ct)
	}
	c := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		defer close(c)
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			if e, ok := strings.CutPrefix(line, "event: "); ok {
				event = e
			}
			if d, ok := strings.CutPrefix(line, "data: "); ok {
				c <- event + " " + d
			}
		}
	}()
	return c
}

// next returns the next event, failing after a minute.
func next(t *testing.T, c <-chan string) string {
	t.Helper()
	select {
	case ev, ok := <-c:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(time.Minute):
		t.Fatal("no event within a minute")
	}
	return ""
}

// TestServe serves a book on loopback, rebuilds it when a page is
// written, sends the open pages a reload event naming the page, replaces
// every page by the positioned error list while the book is broken, and
// restores the book when it is fixed.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	bookDir := filepath.Join(dir, "book")
	writeTestFile(t, filepath.Join(bookDir, "SUMMARY.md"), "# Served\n\n- [One](01-one.md)\n- [Two](02-two.md)\n")
	writeTestFile(t, filepath.Join(bookDir, "01-one.md"), "# One\n\nThe first version.\n")
	writeTestFile(t, filepath.Join(bookDir, "02-two.md"), "# Two\n\nAnother page.\n")
	s := startServe(t, "-book", bookDir, "-o", filepath.Join(dir, "_book"), "-tests=off")

	page := s.get(t, "/01-one.html")
	if !strings.Contains(page, "The first version.") || !strings.Contains(page, `<script src="/.buildbook/reload.js"`) {
		t.Fatalf("the page lacks its text or the reload script:\n%s", page)
	}
	if index := s.get(t, "/"); !strings.Contains(index, "<title>Served</title>") {
		t.Errorf("/ is not the index page:\n%s", index)
	}
	if js := s.get(t, "/.buildbook/reload.js"); !strings.Contains(js, "EventSource") {
		t.Errorf("reload.js:\n%s", js)
	}
	if _, err := os.Stat(filepath.Join(dir, "_book", "01-one.html")); err != nil {
		t.Errorf("the book is not written into -o: %v", err)
	}
	// A request for another host name is refused (DNS rebinding).
	req, _ := http.NewRequest("GET", s.url, nil)
	req.Host = "attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a request for attacker.example: %s, want 403", resp.Status)
	}

	evs := s.events(t)
	if ev := next(t, evs); !strings.HasPrefix(ev, "hello ") {
		t.Fatalf("the first event is %q, want hello", ev)
	}

	// A write rebuilds the book and tells the pages which files changed.
	start := time.Now()
	writeTestFile(t, filepath.Join(bookDir, "01-one.md"), "# One\n\nThe second version.\n")
	ev := next(t, evs)
	t.Logf("a prose edit reached the open pages %v after the write", time.Since(start).Round(time.Millisecond))
	if !strings.HasPrefix(ev, "change ") || !strings.Contains(ev, `"01-one.html"`) || strings.Contains(ev, `"02-two.html"`) {
		t.Errorf("the event after the edit: %s", ev)
	}
	if page := s.get(t, "/01-one.html"); !strings.Contains(page, "The second version.") {
		t.Errorf("the page after the edit:\n%s", page)
	}

	// A broken edit: every page shows the error, positioned and linked to
	// the line of the source page, until the book builds again.
	writeTestFile(t, filepath.Join(bookDir, "01-one.md"), "# One\n\nSee [the rest](03-three.md).\n")
	if ev := next(t, evs); !strings.Contains(ev, `"failed":true`) {
		t.Errorf("the event after the broken edit: %s", ev)
	}
	pos := filepath.ToSlash(bookDir) + "/01-one.md:3:5"
	for _, p := range []string{"/01-one.html", "/02-two.html", "/"} {
		errPage := s.get(t, p)
		if !strings.Contains(errPage, `<a href="/source/book/01-one.md.html#L3"><span class="pos">`+pos+`</span></a>: link to unknown page 03-three.md`) {
			t.Errorf("%s while the book is broken:\n%s", p, errPage)
		}
	}
	if s.stderr.String() == "" {
		t.Error("the error is not printed")
	}

	// The fix restores the book.
	writeTestFile(t, filepath.Join(bookDir, "01-one.md"), "# One\n\nThe third version.\n")
	if ev := next(t, evs); !strings.HasPrefix(ev, "change ") || strings.Contains(ev, `"failed":true`) {
		t.Errorf("the event after the fix: %s", ev)
	}
	if page := s.get(t, "/01-one.html"); !strings.Contains(page, "The third version.") || strings.Contains(page, "data-buildbook-failed") {
		t.Errorf("the page after the fix:\n%s", page)
	}
	if two := s.get(t, "/02-two.html"); !strings.Contains(two, "Another page.") {
		t.Errorf("the other page after the fix:\n%s", two)
	}

	// A new image in a new directory is watched and served.
	writeTestFile(t, filepath.Join(bookDir, "img", "dot.svg"), `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`)
	if ev := next(t, evs); !strings.Contains(ev, `"img/dot.svg"`) {
		t.Errorf("the event after a new image: %s", ev)
	}
	if svg := s.get(t, "/img/dot.svg"); !strings.Contains(svg, "<svg") {
		t.Errorf("the new image: %s", svg)
	}
}

// TestServeLoopbackOnly: -serve listens on a loopback address unless
// -public says otherwise.
func TestServeLoopbackOnly(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "book", "SUMMARY.md"), "- [One](01-one.md)\n")
	writeTestFile(t, filepath.Join(dir, "book", "01-one.md"), "# One\n")
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:3000"} {
		var stdout, stderr strings.Builder
		code := run([]string{"-serve", "-addr", addr, "-book", filepath.Join(dir, "book"), "-o", filepath.Join(dir, "_book")}, &stdout, &stderr)
		want := "buildbook: -serve listens on a loopback address (127.0.0.1:3000, [::1]:3000, localhost:3000), not " + addr + "; -public lets other machines read the book\n"
		if code != 2 || stderr.String() != want {
			t.Errorf("-addr %s: exit %d, stderr %q", addr, code, stderr.String())
		}
	}
}

// writeTestFile writes a file of a test, making its directory.
func writeTestFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkServeProseEdit measures, on a copy of this book, the time from
// writing a chapter whose prose changed to the reload event reaching an
// open page: the watcher's event, the quiet period (20 ms), the rebuild
// and the event stream. The tests are off (-tests=off): their results
// would be reused anyway, the tangled code being the same.
func BenchmarkServeProseEdit(b *testing.B) {
	dir, page, orig := copyThisBook(b)
	s := startServe(b, "-book", filepath.Join(dir, "book"), "-chapters", filepath.Join("..", "..", "chapters"), "-o", filepath.Join(dir, "_book"), "-tests=off")
	evs := s.events(b)
	<-evs // hello
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		edited := strings.Replace(string(orig), "is a chain of steps.", "is a chain of steps (edit "+strconv.Itoa(i)+").", 1)
		if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		for ev := range evs {
			if strings.Contains(ev, `"01-objects.html"`) {
				break
			}
		}
	}
}
