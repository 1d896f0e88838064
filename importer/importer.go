// Package importer runs `openinfo import` and `openinfo export`: a bundle
// (package bundle, docs/bundle.md) read record by record, checked, and
// written in batches through the store, with a report of what was refused
// and a progress display.
package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"time"

	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/store"
)

// Options tune an import.
type Options struct {
	// Self is the source name of the database's own records (default
	// "openinfo"): a reference to (Self, N) without a mapping means local
	// record N.
	Self string
	// DryRun checks everything and writes nothing.
	DryRun bool
	// Strict imports nothing when anything would be refused.
	Strict bool
	// Batch is how many records each transaction writes (default 1000).
	Batch int
	// Progress receives progress (may be nil).
	Progress Progress
	// OnIssue, if set, receives each problem as it is found (in file and
	// line order) instead of Result.Issues keeping them all: a report of a
	// very bad bundle then costs no memory.
	OnIssue func(bundle.Issue) error
}

// Counts are one entity's outcomes.
type Counts struct {
	Created, Updated, Unchanged, Refused int
	Removed                              int // by a tombstone (docs/bundle.md)
}

// Total is the number of records counted.
func (c Counts) Total() int { return c.Created + c.Updated + c.Unchanged + c.Refused + c.Removed }

// Result is what an import did.
type Result struct {
	Counts   map[bundle.Entity]*Counts
	Issues   []bundle.Issue // every refused record's problems, in file order (unless Options.OnIssue took them)
	Problems int            // how many problems were found
	DryRun   bool
	Strict   bool // a strict run stopped before writing: something was refused
	Elapsed  time.Duration
}

// Refused counts the refused records of every entity.
func (r *Result) Refused() int {
	n := 0
	for _, c := range r.Counts {
		n += c.Refused
	}
	return n
}

// Progress is told how an import goes.
type Progress interface {
	// Start is called once with the bundle's total size in bytes.
	Start(total int64)
	// Update reports the entity being read, the bytes of the bundle read so
	// far and the counts so far.
	Update(e bundle.Entity, done int64, counts map[bundle.Entity]*Counts)
	Finish()
}

// Import imports the bundle at path into db.
func Import(ctx context.Context, db *store.DB, path string, opt Options) (*Result, error) {
	if opt.Self == "" {
		opt.Self = "openinfo"
	}
	if opt.Strict && !opt.DryRun {
		o := opt
		o.DryRun, o.Strict = true, false
		res, err := Import(ctx, db, path, o)
		if err != nil {
			return nil, err
		}
		if res.Refused() > 0 {
			res.DryRun, res.Strict = false, true
			return res, nil
		}
	}
	start := time.Now()
	b, err := bundle.Open(path)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	if _, err := b.Manifest(); err != nil {
		return nil, err
	}
	if !opt.DryRun {
		if err := db.SeedCatalog(ctx); err != nil { // the manuals' catalog terms
			return nil, err
		}
	}
	if opt.Batch <= 0 {
		opt.Batch = 1000
	}
	res := &Result{Counts: map[bundle.Entity]*Counts{}, DryRun: opt.DryRun}
	var total, before int64
	for _, e := range bundle.Entities {
		total += b.Size(e)
		res.Counts[e] = &Counts{}
	}
	if opt.Progress != nil {
		opt.Progress.Start(total)
		defer opt.Progress.Finish()
	}
	state := &store.BundleBatch{Self: opt.Self, DryRun: opt.DryRun, Files: b}
	for _, e := range bundle.Entities {
		if err := importEntity(ctx, db, b, e, opt, state, res, before); err != nil {
			return res, fmt.Errorf("%s: %w", e.File(), err)
		}
		before += b.Size(e)
		if opt.Progress != nil {
			opt.Progress.Update(e, before, res.Counts)
		}
	}
	counts := map[string]int{}
	for e, c := range res.Counts {
		counts[string(e)] = c.Created + c.Updated + c.Removed
	}
	if err := db.AnnounceBundleImport(ctx, state, counts); err != nil {
		return res, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// Export writes the whole database as a bundle at path (a directory, or a
// .zip when path ends in ".zip"). source names the database's own records.
func Export(ctx context.Context, db *store.DB, path, source string, log io.Writer) (map[bundle.Entity]int, error) {
	if source == "" {
		source = "openinfo"
	}
	w, err := bundle.Create(path)
	if err != nil {
		return nil, err
	}
	last := time.Now()
	err = db.ExportBundle(ctx, source, w, func(e bundle.Entity, n int) {
		if log != nil && time.Since(last) > 2*time.Second {
			last = time.Now()
			fmt.Fprintf(log, "  %-16s %9d\n", e, n)
		}
	})
	if err != nil {
		return nil, errors.Join(err, w.Close())
	}
	return w.Counts(), w.Close()
}

// chunk is a batch of parsed records on its way to the store, with the
// records its lines refused (checked on another goroutine: parsing and
// checking overlap the writing).
type chunk struct {
	items   []store.BundleItem
	lines   []int
	refused []bundle.Key   // keys of records refused by their checks
	issues  []bundle.Issue // their issues
	read    int64          // bytes of the file read
}

// rawChunk is a batch of lines on its way to a worker; out gets it parsed.
type rawChunk struct {
	lines [][]byte
	nos   []int
	read  int64
	out   chan *chunk
}

// parseChunk parses and checks a batch of lines.
func parseChunk(e bundle.Entity, j *rawChunk) *chunk {
	cur := &chunk{read: j.read}
	for i, line := range j.lines {
		rec, issues := bundle.Parse(e, line)
		if len(issues) > 0 {
			for _, is := range issues {
				is.File, is.Line = e.File(), j.nos[i]
				cur.issues = append(cur.issues, is)
			}
			if rec != nil {
				cur.refused = append(cur.refused, rec.RecordKey())
			} else {
				cur.refused = append(cur.refused, bundle.Key{})
			}
			continue
		}
		enc, err := bundle.Encode(rec)
		if err == nil {
			it := store.BundleItem{Rec: rec}
			err = store.PrepareBundleItem(&it)
			sum := sha256.Sum256(enc)
			it.Hash = hex.EncodeToString(sum[:16])
			cur.items = append(cur.items, it)
			cur.lines = append(cur.lines, j.nos[i])
		}
		if err != nil { // a record that decoded always encodes: not the bundle's fault
			cur.issues = append(cur.issues, bundle.Issue{File: e.File(), Line: j.nos[i], TH: "เข้ารหัสระเบียนไม่ได้: " + err.Error(), EN: "Cannot encode the record: " + err.Error()})
			cur.refused = append(cur.refused, rec.RecordKey())
		}
	}
	return cur
}

// importEntity imports entity e's file: one goroutine reads, parses and
// checks the lines into batches, this one writes them.
func importEntity(ctx context.Context, db *store.DB, b *bundle.Bundle, e bundle.Entity, opt Options, state *store.BundleBatch,
	res *Result, before int64) error {
	c := res.Counts[e]
	size := opt.Batch
	if e == bundle.Ratings {
		size *= 4
	}
	ctx, cancel := context.WithCancel(ctx)
	// One goroutine reads the lines into raw batches; workers parse and
	// check them (most of an import's CPU: JSON, the domain's checks, the
	// hash, a manual's stored form); this one writes them in file order.
	workers := max(2, runtime.GOMAXPROCS(0))
	jobs := make(chan *rawChunk, 1)
	ordered := make(chan chan *chunk, workers)
	defer func() { // the reader and workers stop before the bundle is closed
		cancel()
		for out := range ordered {
			<-out
		}
	}()
	readErr := make(chan error, 1)
	for range workers {
		go func() {
			for j := range jobs {
				j.out <- parseChunk(e, j)
			}
		}()
	}
	go func() {
		defer close(ordered)
		defer close(jobs)
		cur := &rawChunk{}
		send := func() bool {
			cur.out = make(chan *chunk, 1)
			select {
			case jobs <- cur:
			case <-ctx.Done():
				return false
			}
			ordered <- cur.out // a worker has it: it will answer
			cur = &rawChunk{}
			return true
		}
		err := b.Each(e, func(l bundle.Line) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			cur.lines = append(cur.lines, bytes.Clone(l.Bytes))
			cur.nos = append(cur.nos, l.No)
			cur.read = l.Read
			if len(cur.lines) >= size && !send() {
				return ctx.Err()
			}
			return nil
		})
		if err == nil && len(cur.lines) > 0 {
			send()
		}
		readErr <- err
	}()
	chunks := make(chan *chunk)
	go func() {
		defer close(chunks)
		for out := range ordered {
			ch := <-out
			select {
			case chunks <- ch:
			case <-ctx.Done():
				return
			}
		}
	}()
	batches := 0
	for ch := range chunks {
		c.Refused += len(ch.refused)
		found := ch.issues
		for _, k := range ch.refused {
			if k != (bundle.Key{}) {
				state.Refuse(e, k)
			}
		}
		if len(ch.items) > 0 {
			// The planner's view of the growing mapping table (PostgreSQL).
			if batches++; batches == 2 || batches%50 == 0 {
				if err := db.AnalyzeBundleIDs(ctx); err != nil {
					return err
				}
			}
			if err := db.ImportBundleBatch(ctx, e, ch.items, state); err != nil {
				return err
			}
		}
		for i, it := range ch.items {
			switch it.Outcome {
			case store.Created:
				c.Created++
			case store.Updated:
				c.Updated++
			case store.Unchanged:
				c.Unchanged++
			case store.Removed:
				c.Removed++
			case store.Refused:
				c.Refused++
				k := it.Rec.RecordKey()
				for _, is := range it.Issues {
					is.File, is.Line, is.Source, is.LegacyID = e.File(), ch.lines[i], k.Source, k.LegacyID
					found = append(found, is)
				}
			}
		}
		// This batch's problems in line order: batches come in file order.
		sort.SliceStable(found, func(i, j int) bool { return found[i].Line < found[j].Line })
		res.Problems += len(found)
		for _, is := range found {
			if opt.OnIssue != nil {
				if err := opt.OnIssue(is); err != nil {
					return err
				}
			} else {
				res.Issues = append(res.Issues, is)
			}
		}
		if opt.Progress != nil {
			opt.Progress.Update(e, before+ch.read, res.Counts)
		}
	}
	if err := <-readErr; err != nil {
		return err
	}
	return nil
}
