package search

import (
	"container/list"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// resultCache keeps the results of recent searches of one snapshot: popular
// queries repeat, and the index changes far less often than it is read. It
// is cleared when the snapshot changes, so an Upsert or Delete invalidates
// every entry at once.
type resultCache struct {
	mu  sync.Mutex
	max int
	sn  *snapshot // the snapshot the entries were computed on
	m   map[string]*list.Element
	lru list.List // of *cacheEntry, most recent first
}

type cacheEntry struct {
	key string
	res Result
}

func newResultCache(n int) *resultCache {
	return &resultCache{max: n, m: make(map[string]*list.Element)}
}

// cacheKey identifies a search; filters are in a canonical order.
func cacheKey(text string, filters map[string][]string, limit, offset int) string {
	var b strings.Builder
	b.WriteString(text)
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(limit))
	b.WriteByte(',')
	b.WriteString(strconv.Itoa(offset))
	for _, k := range slices.Sorted(maps.Keys(filters)) {
		vs := slices.Clone(filters[k])
		if len(vs) == 0 {
			continue
		}
		slices.Sort(vs)
		b.WriteByte(0)
		b.WriteString(k)
		for _, v := range slices.Compact(vs) {
			b.WriteByte(1)
			b.WriteString(v)
		}
	}
	return b.String()
}

// get returns a copy of the result cached for key on snapshot sn.
func (c *resultCache) get(sn *snapshot, key string) (Result, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sn != sn {
		return Result{}, false
	}
	e, ok := c.m[key]
	if !ok {
		return Result{}, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cacheEntry).res.shallowCopy(), true
}

// put caches r for key on snapshot sn, forgetting the entries of older
// snapshots.
func (c *resultCache) put(sn *snapshot, key string, r Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sn != sn {
		if c.sn != nil && sn.gen < c.sn.gen {
			return // computed on a snapshot already replaced
		}
		clear(c.m)
		c.lru.Init()
		c.sn = sn
	}
	if e, ok := c.m[key]; ok {
		c.lru.MoveToFront(e)
		return
	}
	c.m[key] = c.lru.PushFront(&cacheEntry{key, r})
	for c.lru.Len() > c.max {
		e := c.lru.Back()
		c.lru.Remove(e)
		delete(c.m, e.Value.(*cacheEntry).key)
	}
}

// shallowCopy returns r with its own Hits slice and Facets map, so that a
// caller reordering them does not change what others get (the hits and
// counts themselves are shared: treat them as read-only).
func (r Result) shallowCopy() Result {
	r.Hits = slices.Clone(r.Hits)
	if r.Facets != nil {
		r.Facets = maps.Clone(r.Facets)
	}
	return r
}
