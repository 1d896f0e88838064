// Package exportbench measures the raw-ratings export (issue 15: a million
// rows in constant memory at ≥ 0.3× the database's own CSV dump) against
// the database's own dump of the same query, in the same run:
// PostgreSQL's COPY … TO STDOUT and SQLite's command-line shell in CSV
// mode. It only reads.
package exportbench

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/report/satisfaction"
	"github.com/openinfo/openinfo/store"
)

// Result is one side-by-side measurement.
type Result struct {
	Dialect store.Dialect
	// Ours is the export as an officer downloads it (RatingRows through
	// the CSV writer); Dump the database's own CSV of the same query.
	Ours, Dump         time.Duration
	OursRows, DumpRows int64
	OursBytes          int64
	DumpBytes          int64
	// HeapGrowth is the most the live Go heap grew over its size before
	// the export (sampled every 10 ms after each collection).
	HeapGrowth uint64
	// XLSX is the same rows written as a workbook, and its heap growth.
	XLSX           time.Duration
	XLSXBytes      int64
	XLSXHeapGrowth uint64
	DumpTool       string // what made the dump, or why there is none
}

// Ratio is the export's rate over the dump's.
func (r Result) Ratio() float64 {
	if r.Ours <= 0 || r.Dump <= 0 {
		return 0
	}
	return r.Dump.Seconds() / r.Ours.Seconds()
}

func (r Result) String() string {
	rate := func(n int64, d time.Duration) float64 { return float64(n) / d.Seconds() }
	return fmt.Sprintf("%s: %d rows; openinfo CSV %v (%.0f rows/s, %.1f MB, heap +%.1f MB); %s %v (%.0f rows/s, %.1f MB): %.2f×; Excel %v (%.0f rows/s, %.1f MB, heap +%.1f MB)",
		r.Dialect, r.OursRows, r.Ours.Round(time.Millisecond), rate(r.OursRows, r.Ours), float64(r.OursBytes)/1e6, float64(r.HeapGrowth)/1e6,
		r.DumpTool, r.Dump.Round(time.Millisecond), rate(r.DumpRows, r.Dump), float64(r.DumpBytes)/1e6, r.Ratio(),
		r.XLSX.Round(time.Millisecond), rate(r.OursRows, r.XLSX), float64(r.XLSXBytes)/1e6, float64(r.XLSXHeapGrowth)/1e6)
}

// lineCounter counts bytes and line ends of what is written to it.
type lineCounter struct {
	bytes, lines int64
}

func (c *lineCounter) Write(p []byte) (int, error) {
	c.bytes += int64(len(p))
	c.lines += int64(bytes.Count(p, []byte{'\n'}))
	return len(p), nil
}

// heapPeak samples the live heap (what the last collection found still
// in use: runtime/metrics' /gc/heap/live:bytes, so garbage not yet
// collected does not count) while fn runs, and returns its most over the
// live heap before.
func heapPeak(fn func() error) (uint64, error) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	live := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := live()
	var peak atomic.Uint64
	peak.Store(base)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if v := live(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	err := fn()
	close(stop)
	wg.Wait()
	runtime.GC() // the end's garbage counts as found in use until a collection says otherwise
	if v := live(); v > peak.Load() {
		peak.Store(v)
	}
	return peak.Load() - base, err
}

// Run exports every rating f selects both ways. sqliteFile is the SQLite
// database's file, for its shell (ignored on PostgreSQL).
func Run(ctx context.Context, db *store.DB, sqliteFile string, f store.RatingFilter) (Result, error) {
	res := Result{Dialect: db.Dialect()}
	var ours lineCounter
	start := time.Now()
	grew, err := heapPeak(func() error {
		w := bufio.NewWriterSize(&ours, 64<<10) // as the response writer buffers
		if err := export.WriteCSV(w, satisfaction.RawTable(ctx, db, f, "th")); err != nil {
			return err
		}
		return w.Flush()
	})
	if err != nil {
		return res, err
	}
	res.Ours, res.HeapGrowth = time.Since(start), grew
	res.OursRows, res.OursBytes = ours.lines-1, ours.bytes // less the header

	var xl lineCounter
	start = time.Now()
	if res.XLSXHeapGrowth, err = heapPeak(func() error { return export.WriteXLSX(&xl, satisfaction.RawTable(ctx, db, f, "th")) }); err != nil {
		return res, err
	}
	res.XLSX, res.XLSXBytes = time.Since(start), xl.bytes

	var dump lineCounter
	q := store.RatingExportSQL(f)
	start = time.Now()
	switch db.Dialect() {
	case store.Postgres:
		res.DumpTool = "PostgreSQL COPY TO STDOUT"
		err = copyTo(ctx, db.SQL(), &dump, `COPY (`+q+`) TO STDOUT WITH (FORMAT csv)`)
	default:
		path, lerr := exec.LookPath("sqlite3")
		if lerr != nil {
			res.DumpTool = "no sqlite3 shell installed"
			return res, nil
		}
		res.DumpTool = "sqlite3 -csv"
		cmd := exec.CommandContext(ctx, path, "-readonly", "-csv", sqliteFile, q)
		cmd.Stdout = &dump
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err = cmd.Run(); err != nil {
			err = fmt.Errorf("sqlite3: %v: %s", err, stderr.String())
		}
	}
	if err != nil {
		return res, err
	}
	res.Dump, res.DumpRows, res.DumpBytes = time.Since(start), dump.lines, dump.bytes
	return res, nil
}

// copyTo runs a COPY … TO STDOUT on one of the pool's pgx connections.
func copyTo(ctx context.Context, db *sql.DB, w io.Writer, copySQL string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection: %T", dc)
		}
		_, err := c.Conn().PgConn().CopyTo(ctx, w, copySQL)
		return err
	})
}
