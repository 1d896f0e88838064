package export

import (
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// heapProbe records the largest live heap seen at its checkpoints. Each
// checkpoint collects garbage first, so what it sees is what the writer
// keeps, not what it has yet to free.
type heapProbe struct {
	base, peak uint64
}

func newHeapProbe() *heapProbe {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return &heapProbe{base: m.HeapAlloc}
}

func (p *heapProbe) check() {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	p.peak = max(p.peak, m.HeapAlloc)
}

func (p *heapProbe) growth() uint64 {
	if p.peak < p.base {
		return 0
	}
	return p.peak - p.base
}

// bigTable yields n rows of ten cells with hard-to-compress text (about
// 160 bytes of CSV a row), checking the heap every 20,000 rows. The row slice is reused, as a database cursor would.
func bigTable(n int, p *heapProbe) Table {
	cols := []Column{{Header: "รหัส", Kind: Integer}, {Header: "ชื่อ"}, {Header: "ค่าเฉลี่ย", Kind: Decimal, Places: 2}, {Header: "วันที่", Kind: DateTime}}
	for i := range 6 {
		cols = append(cols, Column{Header: "ข้อความ " + strconv.Itoa(i)})
	}
	return Table{Name: "ข้อมูล", Title: []string{"ทดสอบ"}, Columns: cols, Rows: func(yield func([]Value, error) bool) {
		rng := rand.New(rand.NewPCG(1, 2))
		t0 := time.Date(2025, 1, 1, 8, 0, 0, 0, bkk)
		row := make([]Value, len(cols))
		for i := range n {
			if i%20_000 == 0 {
				p.check()
			}
			row[0] = Int(int64(i))
			row[1] = Str("จุดบริการที่ " + strconv.Itoa(i))
			row[2] = Float(float64(rng.IntN(500)) / 100)
			row[3] = Time(t0.Add(time.Duration(i) * time.Minute))
			for j := 4; j < len(row); j++ {
				row[j] = Str(strconv.FormatUint(rng.Uint64(), 36))
			}
			if !yield(row, nil) {
				return
			}
		}
	}}
}

// probeWriter discards what it is given, checking the heap every 8 MB:
// the zip is written while it is made, not from a buffer of it all.
type probeWriter struct {
	p       *heapProbe
	n, next int64
}

func (w *probeWriter) Write(b []byte) (int, error) {
	w.n += int64(len(b))
	if w.n >= w.next {
		w.p.check()
		w.next = w.n + 8<<20
	}
	return len(b), nil
}

// TestConstantMemory writes 200,000 rows (32 MB of CSV; a 22 MB zip of
// several times that in sheet XML) and checks that the live heap never
// grew by more than a fixed amount: nothing for CSV; for a workbook the
// 16 MB excelize keeps of a sheet before it spills to a temporary file. A
// workbook zipped into a buffer, or a sheet kept whole, fails the bound;
// 50,000 rows grow the heap as much as 200,000.
func TestConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200,000 rows")
	}
	const n = 200_000
	t.Run("csv", func(t *testing.T) {
		p := newHeapProbe()
		w := &probeWriter{p: p}
		if err := WriteCSV(w, bigTable(n, p)); err != nil {
			t.Fatal(err)
		}
		t.Logf("%d rows, %.1f MB of CSV; live heap grew by at most %.1f MB", n, float64(w.n)/1e6, float64(p.growth())/1e6)
		if w.n < 15e6 || p.growth() > 4<<20 {
			t.Errorf("%d bytes written; the heap grew by %d bytes", w.n, p.growth())
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		p := newHeapProbe()
		w := &probeWriter{p: p}
		x := NewXLSX()
		defer x.Close()
		if err := x.Sheet(bigTable(n, p)); err != nil {
			t.Fatal(err)
		}
		if _, err := x.WriteTo(w); err != nil {
			t.Fatal(err)
		}
		t.Logf("%d rows, %.1f MB of XLSX; live heap grew by at most %.1f MB", n, float64(w.n)/1e6, float64(p.growth())/1e6)
		if w.n < 15e6 || p.growth() > 32<<20 {
			t.Errorf("%d bytes written; the heap grew by %d bytes", w.n, p.growth())
		}
	})
}

// BenchmarkXLSXRow reports the cost of one streamed row.
func BenchmarkXLSXRow(b *testing.B) {
	p := newHeapProbe()
	b.ReportAllocs()
	x := NewXLSX()
	defer x.Close()
	if err := x.Sheet(bigTable(b.N, p)); err != nil {
		b.Fatal(err)
	}
	if _, err := x.WriteTo(io.Discard); err != nil {
		b.Fatal(err)
	}
}
