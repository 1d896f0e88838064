package export

import (
	"errors"
	"iter"
	"math"
	"strconv"
	"time"
)

// Kind is what a column holds; it decides how a spreadsheet shows it.
type Kind uint8

const (
	Text     Kind = iota // neutralised in CSV (Cell); always text in Excel
	Integer              // whole numbers
	Decimal              // Column.Places decimals
	Date                 // a day, written as 2006-01-02
	DateTime             // a moment, written as 2006-01-02 15:04:05 in the time's zone
)

// Column describes one column of a table.
type Column struct {
	Header string // in the reader's language
	Kind   Kind
	Places int     // Decimal: decimals shown (0: as many as the value has)
	Width  float64 // Excel column width in characters (0: Excel's default)
}

// Value is one cell. Its kind, not the column's, decides how it is
// written, so a text note may sit in a number column; the zero Value is an
// empty cell.
type Value struct {
	kind Kind
	set  bool // false: the zero Value, an empty cell
	s    string
	i    int64
	f    float64
	t    time.Time
}

// Empty is an empty cell.
var Empty = Value{}

// Str is a text cell.
func Str(s string) Value { return Value{kind: Text, s: s, set: true} }

// Int is a whole-number cell.
func Int(i int64) Value { return Value{kind: Integer, i: i, set: true} }

// Float is a decimal cell; NaN and ±Inf are written as empty cells, as no
// spreadsheet has a literal for them.
func Float(f float64) Value {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Empty
	}
	return Value{kind: Decimal, f: f, set: true}
}

// Day is a date cell; the zero time is an empty cell.
func Day(t time.Time) Value {
	if t.IsZero() {
		return Empty
	}
	return Value{kind: Date, t: t, set: true}
}

// Time is a date-and-time cell; the zero time is an empty cell.
func Time(t time.Time) Value {
	if t.IsZero() {
		return Empty
	}
	return Value{kind: DateTime, t: t, set: true}
}

// IsEmpty reports an empty cell.
func (v Value) IsEmpty() bool { return !v.set }

// Kind is the value's kind.
func (v Value) Kind() Kind { return v.kind }

// String is the value as CSV text, before formula neutralising.
func (v Value) String() string { return v.text(0) }

// text formats v; places is the column's Places for a decimal.
func (v Value) text(places int) string {
	if !v.set {
		return ""
	}
	switch v.kind {
	case Integer:
		return strconv.FormatInt(v.i, 10)
	case Decimal:
		if places <= 0 {
			places = -1
		}
		return strconv.FormatFloat(v.f, 'f', places, 64)
	case Date:
		return v.t.Format(time.DateOnly)
	case DateTime:
		return v.t.Format(time.DateTime)
	}
	return v.s
}

// cell is the value as excelize writes it: numbers as numbers, times as
// wall-clock times (excelize measures from a UTC epoch, so the zone is
// dropped first; Excel has no zones).
func (v Value) cell() any {
	if !v.set {
		return nil
	}
	switch v.kind {
	case Integer:
		return v.i
	case Decimal:
		return v.f
	case Date, DateTime:
		y, mo, d := v.t.Date()
		h, mi, s := v.t.Clock()
		return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
	}
	return v.s
}

// Rows yields a table's rows one at a time, so that a table of a million
// rows is never held whole; a producer may reuse the row slice between
// yields (the writers do not keep it). A producer that fails yields
// (nil, err) and stops; the writer returns err.
type Rows = iter.Seq2[[]Value, error]

// Table is what a writer writes: a CSV file or one sheet of a workbook.
type Table struct {
	// Name names the sheet in a workbook (cut to Excel's 31 characters,
	// unsafe characters replaced); CSV does not use it.
	Name string
	// Title, when set, is a line of cells above the header: bold in a
	// workbook, followed by an empty row.
	Title   []string
	Columns []Column
	Rows    Rows
}

// Header returns the column headers.
func (t Table) Header() []string {
	h := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		h[i] = c.Header
	}
	return h
}

// SliceRows yields rows held in memory: the small breakdowns of a report.
func SliceRows(rows [][]Value) Rows {
	return func(yield func([]Value, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

// Map yields one row per item, made by row.
func Map[T any](items []T, row func(T) []Value) Rows {
	return func(yield func([]Value, error) bool) {
		for _, it := range items {
			if !yield(row(it), nil) {
				return
			}
		}
	}
}

// Concat yields the rows of each in turn: sections of one CSV table.
func Concat(each ...Rows) Rows {
	return func(yield func([]Value, error) bool) {
		for _, rows := range each {
			for r, err := range rows {
				if !yield(r, err) || err != nil {
					return
				}
			}
		}
	}
}

// Scanner is a cursor over rows, as database/sql's Rows is.
type Scanner interface {
	Next() bool
	Row() []Value
	Err() error
}

// Scan yields a cursor's rows, then its error if any.
func Scan(s Scanner) Rows {
	return func(yield func([]Value, error) bool) {
		for s.Next() {
			if !yield(s.Row(), nil) {
				return
			}
		}
		if err := s.Err(); err != nil {
			yield(nil, err)
		}
	}
}

// errStop ends a producer whose consumer has stopped reading.
var errStop = errors.New("export: rows no longer read")

// Emit yields the rows a callback-style producer emits (as the store's
// bulk readers are written); emit returns an error, which the producer
// must return, when the writer stops early.
func Emit(produce func(emit func([]Value) error) error) Rows {
	return func(yield func([]Value, error) bool) {
		stopped := false // yield must not be called again once it said stop
		err := produce(func(r []Value) error {
			if stopped || !yield(r, nil) {
				stopped = true
				return errStop
			}
			return nil
		})
		if err != nil && !stopped {
			yield(nil, err)
		}
	}
}
