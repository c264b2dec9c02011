package memo

import "testing"

// TestCache keeps a result while a build uses it, and drops it after
// two builds that did not.
func TestCache(t *testing.T) {
	var c Cache[int]
	calls := 0
	f := func() int { calls++; return 42 }
	first := c.Do("a", f)
	second := c.Do("a", f)
	if first != 42 || second != 42 || calls != 1 {
		t.Fatalf("Do called f %d times, want 1", calls)
	}
	c.Next()
	if _, ok := c.Get("a"); !ok {
		t.Fatal("a result of the previous build is gone")
	}
	c.Next()
	c.Next() // a was used in the last-but-one generation only: dropped now
	if _, ok := c.Get("a"); ok {
		t.Fatal("a result no build used is kept")
	}
	var none *Cache[int]
	none.Put("a", 1)
	none.Next()
	if _, ok := none.Get("a"); ok {
		t.Fatal("a nil cache keeps results")
	}
}
