// Package export writes the tables officers download (reports, lists,
// compliance exports) as CSV and Excel workbooks. A Table is typed columns
// and a row iterator; both writers stream it, so memory does not grow with
// the number of rows. Charts are in export/chart.
package export

import (
	"encoding/csv"
	"io"
	"strings"
)

// CSV writes UTF-8 CSV with a byte-order mark (so that Excel reads Thai
// correctly) and CRLF line ends, and neutralises every cell a spreadsheet
// would run as a formula.
type CSV struct {
	w   *csv.Writer
	err error
}

// NewCSV starts a CSV file on w.
func NewCSV(w io.Writer) *CSV {
	c := &CSV{w: csv.NewWriter(w)}
	c.w.UseCRLF = true
	_, c.err = w.Write([]byte{0xEF, 0xBB, 0xBF})
	return c
}

// Table writes t: its title line if any, the header, then its rows, text
// cells neutralised and numbers as plain numbers.
func (c *CSV) Table(t Table) error {
	if len(t.Title) > 0 {
		c.Write(t.Title)
	}
	c.Write(t.Header())
	var rec []string // reused: a row's strings are garbage once written
	for row, err := range t.Rows {
		if err != nil {
			return err
		}
		if c.err != nil {
			return c.err
		}
		rec = rec[:0]
		for i, v := range row {
			places := 0
			if i < len(t.Columns) {
				places = t.Columns[i].Places
			}
			s := v.text(places)
			if v.kind == Text {
				s = Cell(s)
			}
			rec = append(rec, s)
		}
		c.err = c.w.Write(rec)
	}
	return c.err
}

// WriteCSV writes tables to w as one CSV file, an empty line between two.
func WriteCSV(w io.Writer, tables ...Table) error {
	c := NewCSV(w)
	for i, t := range tables {
		if i > 0 {
			c.Write(nil)
		}
		if err := c.Table(t); err != nil {
			return err
		}
	}
	return c.Flush()
}

// Write writes one row. Cells come from people (a citizen's comment, an
// agency's name) and are written as text whatever they hold.
func (c *CSV) Write(row []string) error {
	if c.err != nil {
		return c.err
	}
	safe := make([]string, len(row))
	for i, v := range row {
		safe[i] = Cell(v)
	}
	c.err = c.w.Write(safe)
	return c.err
}

// Flush ends the file and returns the first error of any write.
func (c *CSV) Flush() error {
	c.w.Flush()
	if c.err != nil {
		return c.err
	}
	return c.w.Error()
}

// Cell neutralises formula injection (CWE-1236, OWASP "CSV Injection"):
// a cell that starts with = + - @, a tab or a carriage return is run by
// Excel, LibreOffice and Google Sheets as a formula ("=HYPERLINK(…)",
// "+cmd|' /C calc'!A0"), so it gets a leading apostrophe, which
// spreadsheets show as text. A plain number ("-12.5") is left as it is.
func Cell(v string) string {
	if v == "" || !strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return v
	}
	if (v[0] == '-' || v[0] == '+') && plainNumber(v[1:]) {
		return v
	}
	return "'" + v
}

// plainNumber: digits with at most one decimal point, nothing else.
func plainNumber(s string) bool {
	digits, dots := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}
