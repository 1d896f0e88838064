package export

import (
	"archive/zip"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// XLSX is an Excel workbook written sheet by sheet with excelize's
// StreamWriter: rows go to a temporary file past 16 MB (excelize's
// StreamChunkSize), and WriteTo zips straight into the destination, so
// memory stays bounded whatever the number of rows. The bound is per
// sheet (each keeps its buffer until Close): a workbook of a few sheets.
type XLSX struct {
	f      *excelize.File
	sheets int
	names  map[string]bool
	bold   int
	styles map[[2]int]int // (kind, places) → style ID
}

// NewXLSX starts an empty workbook; Close it when done.
func NewXLSX() *XLSX {
	return &XLSX{f: excelize.NewFile(), names: map[string]bool{}, styles: map[[2]int]int{}}
}

// Close removes the workbook's temporary files.
func (x *XLSX) Close() error { return x.f.Close() }

// WriteXLSX writes tables to w as a workbook, one sheet each.
func WriteXLSX(w io.Writer, tables ...Table) error {
	x := NewXLSX()
	defer x.Close()
	for _, t := range tables {
		if err := x.Sheet(t); err != nil {
			return err
		}
	}
	_, err := x.WriteTo(w)
	return err
}

// maxRows is Excel's limit of rows in a sheet; a longer table goes on in
// sheets named "Name (2)", "Name (3)"…, each with the header again.
var maxRows = excelize.TotalRows

// Sheet adds t as the workbook's next sheet (or sheets, past maxRows).
func (x *XLSX) Sheet(t Table) error {
	name := x.sheetName(t.Name)
	sw, row, err := x.startSheet(name, t)
	if err != nil {
		return err
	}
	vals := make([]any, 0, len(t.Columns)) // reused: SetRow keeps nothing
	part := 1
	for r, err := range t.Rows {
		if err != nil {
			return err
		}
		if row > maxRows {
			if err := sw.Flush(); err != nil {
				return err
			}
			part++
			if sw, row, err = x.startSheet(x.sheetName(cutName(name, " ("+strconv.Itoa(part)+")")), t); err != nil {
				return err
			}
		}
		vals = vals[:0]
		for _, v := range r {
			vals = append(vals, v.cell())
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
		row++
	}
	return sw.Flush()
}

// startSheet creates a sheet and writes the title and the header, frozen
// so that it stays in view; it returns the next row to write.
func (x *XLSX) startSheet(name string, t Table) (*excelize.StreamWriter, int, error) {
	x.sheets++
	if x.sheets == 1 {
		if err := x.f.SetSheetName("Sheet1", name); err != nil {
			return nil, 0, err
		}
	} else if _, err := x.f.NewSheet(name); err != nil {
		return nil, 0, err
	}
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return nil, 0, err
	}
	if x.bold == 0 {
		if x.bold, err = x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
			return nil, 0, err
		}
	}
	// Widths, column styles and panes must precede the first row.
	for i, c := range t.Columns {
		if c.Width > 0 {
			if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
				return nil, 0, err
			}
		}
		if s, err := x.style(c); err != nil {
			return nil, 0, err
		} else if s != 0 {
			if err := sw.SetColStyle(i+1, i+1, s); err != nil {
				return nil, 0, err
			}
		}
	}
	head := 1
	if len(t.Title) > 0 {
		head = 3
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: "A" + strconv.Itoa(head+1), ActivePane: "bottomLeft"}); err != nil {
		return nil, 0, err
	}
	boldRow := func(row int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = excelize.Cell{StyleID: x.bold, Value: c}
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(cell, vals)
	}
	if len(t.Title) > 0 {
		if err := boldRow(1, t.Title); err != nil {
			return nil, 0, err
		}
	}
	if err := boldRow(head, t.Header()); err != nil {
		return nil, 0, err
	}
	return sw, head + 1, nil
}

// style is the number format of a column's kind, 0 for none.
func (x *XLSX) style(c Column) (int, error) {
	var st excelize.Style
	switch c.Kind {
	case Decimal:
		if c.Places <= 0 {
			return 0, nil
		}
		f := "0." + strings.Repeat("0", c.Places)
		st.CustomNumFmt = &f
	case Date:
		f := "yyyy-mm-dd"
		st.CustomNumFmt = &f
	case DateTime:
		f := "yyyy-mm-dd hh:mm:ss"
		st.CustomNumFmt = &f
	default:
		return 0, nil
	}
	key := [2]int{int(c.Kind), c.Places}
	if id, ok := x.styles[key]; ok {
		return id, nil
	}
	id, err := x.f.NewStyle(&st)
	x.styles[key] = id
	return id, err
}

// sheetName makes name a valid, unused sheet name: Excel allows 31 UTF-16
// units and none of : \ / ? * [ ].
func (x *XLSX) sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
			return '_'
		}
		return r
	}, strings.Trim(name, "'"))
	if strings.TrimSpace(name) == "" {
		name = "Sheet" + strconv.Itoa(x.sheets+1)
	}
	base := name
	name = cutName(base, "")
	for i := 2; x.names[strings.ToLower(name)]; i++ {
		name = cutName(base, " ("+strconv.Itoa(i)+")")
	}
	x.names[strings.ToLower(name)] = true
	return name
}

// cutName shortens name so that name+suffix fits in 31 UTF-16 units.
func cutName(name, suffix string) string {
	rs := []rune(name)
	for len(utf16.Encode(rs))+len(utf16.Encode([]rune(suffix))) > excelize.MaxSheetNameLength {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimRight(string(rs), " ") + suffix
}

// WriteTo writes the workbook to w. excelize's own WriteTo zips into a
// buffer first (the whole file in memory); its zip writer hook lets the
// zip go to w instead, leaving that buffer empty.
func (x *XLSX) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	x.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(cw) })
	err := x.f.Write(io.Discard)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
