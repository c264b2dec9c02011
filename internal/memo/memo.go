// Package memo keeps the results of pure functions between the builds of
// one process (buildbook -serve), so that a rebuild after a small edit
// redoes only the work whose input changed.
//
// A Cache holds two generations of results: those used since the last
// call to Next, and those of the build before. Next drops the older
// generation, so a Cache holds what the last two builds used and no
// more, however long the process runs.
package memo

import (
	"encoding/gob"
	"io"
	"sync"
)

// Cache maps keys, the whole input of a function, to its results. The
// zero value is empty and ready to use; a nil *Cache keeps nothing. It is
// safe for concurrent use.
type Cache[V any] struct {
	mu        sync.Mutex
	cur, prev map[string]V
	puts      int // results computed: Put calls
}

// Get returns the result kept for key.
func (c *Cache[V]) Get(key string) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[key]; ok {
		return v, true
	}
	if v, ok := c.prev[key]; ok {
		c.put(key, v)
		return v, true
	}
	return zero, false
}

// Put keeps v as the result for key.
func (c *Cache[V]) Put(key string, v V) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.puts++
	c.put(key, v)
}

// Puts returns how many results were Put, since the Cache was made.
func (c *Cache[V]) Puts() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.puts
}

func (c *Cache[V]) put(key string, v V) {
	if c.cur == nil {
		c.cur = map[string]V{}
	}
	c.cur[key] = v
}

// Next starts a generation: the results not used since the previous
// call are dropped at the next one.
func (c *Cache[V]) Next() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prev, c.cur = c.cur, nil
}

// Do returns the result for key, calling f for it if none is kept.
func (c *Cache[V]) Do(key string, f func() V) V {
	if v, ok := c.Get(key); ok {
		return v
	}
	v := f()
	c.Put(key, v)
	return v
}

// Values returns the results used since the last call to Next, in no
// particular order.
func (c *Cache[V]) Values() []V {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]V, 0, len(c.cur))
	for _, v := range c.cur {
		out = append(out, v)
	}
	return out
}

// Write writes the results used since the last call to Next, for Read
// in another process. V must be encodable by encoding/gob.
func (c *Cache[V]) Write(w io.Writer) error {
	return gob.NewEncoder(w).Encode(c.Used())
}

// Read adds the results that Write wrote, as if the current build had
// used them: the next build, after Next, finds them. A stream it cannot
// read adds nothing.
func (c *Cache[V]) Read(r io.Reader) {
	var m map[string]V
	if gob.NewDecoder(r).Decode(&m) != nil {
		return
	}
	c.Keep(m)
}

// Used returns a copy of the results used since the last call to Next,
// by key.
func (c *Cache[V]) Used() map[string]V {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]V, len(c.cur))
	for k, v := range c.cur {
		out[k] = v
	}
	return out
}

// Keep adds results, as if the current build had used them: the next
// build, after Next, finds them. Used and Keep carry a Cache from one
// process to the next in a file of the caller's own format.
func (c *Cache[V]) Keep(m map[string]V) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range m {
		c.put(k, v)
	}
}

// Len returns the number of results used since the last call to Next.
func (c *Cache[V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur)
}
