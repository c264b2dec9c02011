// Package memo keeps the results of pure functions between the builds of
// one process (buildbook -serve), so that a rebuild after a small edit
// redoes only the work whose input changed.
//
// A Cache holds two generations of results: those used since the last
// call to Next, and those of the build before. Next drops the older
// generation, so a Cache holds what the last two builds used and no
// more, however long the process runs.
package memo

import "sync"

// Cache maps keys, the whole input of a function, to its results. The
// zero value is empty and ready to use; a nil *Cache keeps nothing. It is
// safe for concurrent use.
type Cache[V any] struct {
	mu        sync.Mutex
	cur, prev map[string]V
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
	c.put(key, v)
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
