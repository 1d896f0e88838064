package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/bundle"
)

// ReportWriter writes the report as CSV (UTF-8 with a byte-order mark, so
// spreadsheet programs show the Thai): file, line, source, legacy ID,
// field, message in Thai and in English, one problem a row. Cells are made
// formula-safe.
type ReportWriter struct{ cw *csv.Writer }

// NewReportWriter writes the byte-order mark and the header to w.
func NewReportWriter(w io.Writer) (*ReportWriter, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	return &ReportWriter{cw}, cw.Write([]string{"file", "line", "source", "legacy_id", "field", "message_th", "message_en"})
}

// Write adds one problem.
func (r *ReportWriter) Write(is bundle.Issue) error {
	return r.cw.Write([]string{safe(is.File), strconv.Itoa(is.Line), safe(is.Source), safe(is.LegacyID), safe(is.Field), safe(is.TH), safe(is.EN)})
}

// Flush writes what is buffered.
func (r *ReportWriter) Flush() error {
	r.cw.Flush()
	return r.cw.Error()
}

// WriteReport writes issues as a report (see ReportWriter).
func WriteReport(w io.Writer, issues []bundle.Issue) error {
	rw, err := NewReportWriter(w)
	if err != nil {
		return err
	}
	for _, is := range issues {
		if err := rw.Write(is); err != nil {
			return err
		}
	}
	return rw.Flush()
}

// safe keeps a spreadsheet from reading a cell as a formula.
func safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Summary writes the per-entity counts as a table.
func Summary(w io.Writer, res *Result) {
	fmt.Fprintf(w, "%-16s %9s %9s %9s %9s %9s\n", "entity", "created", "updated", "unchanged", "removed", "refused")
	for _, e := range bundle.Entities {
		c := res.Counts[e]
		if c == nil || c.Total() == 0 {
			continue
		}
		fmt.Fprintf(w, "%-16s %9d %9d %9d %9d %9d\n", e, c.Created, c.Updated, c.Unchanged, c.Removed, c.Refused)
	}
}

// bar is the terminal progress display: one line redrawn in place.
type bar struct {
	w       io.Writer
	tty     bool
	every   time.Duration
	total   int64
	start   time.Time
	last    time.Time
	entity  bundle.Entity
	records int
}

// NewProgress shows progress on w: a bar redrawn in place when w is a
// terminal, else a log line every interval.
func NewProgress(w io.Writer, interval time.Duration) Progress {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	if tty {
		interval = 200 * time.Millisecond
	}
	return &bar{w: w, tty: tty, every: interval}
}

func (b *bar) Start(total int64) { b.total, b.start = total, time.Now() }

func (b *bar) Update(e bundle.Entity, done int64, counts map[bundle.Entity]*Counts) {
	n := 0
	var sum Counts
	for _, c := range counts {
		n += c.Total()
		sum.Created += c.Created
		sum.Updated += c.Updated
		sum.Unchanged += c.Unchanged
		sum.Refused += c.Refused
	}
	b.records = n
	if time.Since(b.last) < b.every && e == b.entity {
		return
	}
	b.entity = e
	b.last = time.Now()
	el := time.Since(b.start)
	rate := float64(n) / max(el.Seconds(), 0.001)
	frac := 1.0
	if b.total > 0 {
		frac = min(1, float64(done)/float64(b.total))
	}
	eta := "?"
	if frac > 0.001 {
		eta = (time.Duration(float64(el)/frac) - el).Round(time.Second).String()
	}
	if b.tty {
		const width = 24
		fill := int(frac * width)
		fmt.Fprintf(b.w, "\r\x1b[K[%s%s] %3.0f%% %-15s %d records (+%d ~%d =%d ✗%d) %.0f/s ETA %s",
			strings.Repeat("#", fill), strings.Repeat(".", width-fill), frac*100, e, n,
			sum.Created, sum.Updated, sum.Unchanged, sum.Refused, rate, eta)
		return
	}
	fmt.Fprintf(b.w, "import: %3.0f%% %s: %d records (created %d, updated %d, unchanged %d, refused %d), %.0f/s, ETA %s\n",
		frac*100, e, n, sum.Created, sum.Updated, sum.Unchanged, sum.Refused, rate, eta)
}

func (b *bar) Finish() {
	if b.tty {
		fmt.Fprintln(b.w)
	}
}
