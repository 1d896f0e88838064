package hsds

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// TestTotalCache: a total is counted once, reused while fresh, answered
// stale while one background count renews it, and never blocks on it.
func TestTotalCache(t *testing.T) {
	var c totalCache
	var calls atomic.Int32
	count := func(ctx context.Context) (int, error) {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return int(calls.Add(1)) * 10, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	if n, err := c.Total(ctx, "k", count); n != 10 || err != nil {
		t.Fatalf("first: %d %v", n, err)
	}
	if n, _ := c.Total(ctx, "k", count); n != 10 || calls.Load() != 1 {
		t.Fatalf("fresh: %d after %d counts", n, calls.Load())
	}
	c.mu.Lock()
	c.m["k"].at = time.Now().Add(-2 * TotalTTL)
	c.mu.Unlock()
	cancel() // the request that finds it stale ends at once; the count goes on
	if n, _ := c.Total(ctx, "k", count); n != 10 {
		t.Fatalf("stale: %d", n)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		if n, _ := c.Total(context.Background(), "k", count); n == 20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the background count never landed")
		}
	}
	if calls.Load() != 2 {
		t.Fatalf("%d counts", calls.Load())
	}
}
