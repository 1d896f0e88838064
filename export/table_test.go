package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var bkk = time.FixedZone("ICT", 7*3600)

func sample() Table {
	return Table{
		Name:  "จุดบริการ",
		Title: []string{"รายงาน", "=cmd|' /C calc'!A0"},
		Columns: []Column{{Header: "ชื่อ", Width: 40}, {Header: "จำนวน", Kind: Integer}, {Header: "ค่าเฉลี่ย", Kind: Decimal, Places: 2},
			{Header: "วันที่", Kind: Date}, {Header: "เวลา", Kind: DateTime}},
		Rows: SliceRows([][]Value{
			{Str("=HYPERLINK(\"http://evil.example\")"), Int(-12), Float(4.5), Day(time.Date(2025, 1, 31, 0, 0, 0, 0, bkk)), Time(time.Date(2025, 1, 31, 23, 30, 0, 0, bkk))},
			{Str("-2+3"), Int(7), Float(math.NaN()), Empty, Time(time.Time{})},
		}),
	}
}

func TestCSVTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, sample(), Table{Columns: []Column{{Header: "x"}}, Rows: SliceRows(nil)}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\uFEFF")) {
		t.Fatal("no byte-order mark")
	}
	r := csv.NewReader(bytes.NewReader(b.Bytes()[3:]))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"รายงาน", "'=cmd|' /C calc'!A0"},
		{"ชื่อ", "จำนวน", "ค่าเฉลี่ย", "วันที่", "เวลา"},
		{"'=HYPERLINK(\"http://evil.example\")", "-12", "4.50", "2025-01-31", "2025-01-31 23:30:00"},
		{"'-2+3", "7", "", "", ""},
		{"x"}, // the second table, after an empty line (which the reader skips)
	}
	if len(recs) != len(want) {
		t.Fatalf("%d records: %q", len(recs), recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, recs[i], want[i])
		}
	}
}

func TestRowsError(t *testing.T) {
	boom := errors.New("boom")
	tb := Table{Name: "x", Columns: []Column{{Header: "a"}}, Rows: Concat(SliceRows([][]Value{{Str("1")}}), func(yield func([]Value, error) bool) {
		yield(nil, boom)
	})}
	if err := WriteCSV(&bytes.Buffer{}, tb); !errors.Is(err, boom) {
		t.Errorf("CSV: %v", err)
	}
	if err := WriteXLSX(&bytes.Buffer{}, tb); !errors.Is(err, boom) {
		t.Errorf("XLSX: %v", err)
	}
}

func TestXLSXTables(t *testing.T) {
	defer func(n int) { maxRows = n }(maxRows)
	maxRows = 6 // title, blank, header and three rows a sheet
	var long [][]Value
	for i := range 8 {
		long = append(long, []Value{Int(int64(i))})
	}
	var b bytes.Buffer
	err := WriteXLSX(&b, sample(),
		Table{Name: "จุดบริการ", Columns: []Column{{Header: "n", Kind: Integer}}, Rows: SliceRows(nil)},
		Table{Name: "a/b:c*d?[e]' and a name longer than Excel allows", Title: []string{"t"}, Columns: []Column{{Header: "n", Kind: Integer}}, Rows: SliceRows(long)})
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	got := strings.Join(x.GetSheetList(), ",")
	if want := "จุดบริการ,จุดบริการ (2),a_b_c_d__e_' and a name longer,a_b_c_d__e_' and a name lon (2),a_b_c_d__e_' and a name lon (3)"; got != want {
		t.Fatalf("sheets\n got %s\nwant %s", got, want)
	}
	rows, _ := x.GetRows("จุดบริการ")
	if rows[0][1] != "=cmd|' /C calc'!A0" || rows[2][0] != "ชื่อ" || rows[3][0] != "=HYPERLINK(\"http://evil.example\")" {
		t.Fatalf("rows %q", rows)
	}
	for cell, want := range map[string]string{"B4": "-12", "C4": "4.50", "D4": "2025-01-31", "E4": "2025-01-31 23:30:00", "C5": ""} {
		v, _ := x.GetCellValue("จุดบริการ", cell)
		typ, _ := x.GetCellType("จุดบริการ", cell)
		if v != want || (want != "" && typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber) {
			t.Errorf("%s = %q (type %v), want %q as a number", cell, v, typ, want)
		}
	}
	if f, _ := x.GetCellFormula("จุดบริการ", "A4"); f != "" {
		t.Errorf("text written as formula %q", f)
	}
	if p, _ := x.GetPanes("จุดบริการ"); !p.Freeze || p.YSplit != 3 {
		t.Errorf("panes %+v", p)
	}
	if w, _ := x.GetColWidth("จุดบริการ", "A"); w != 40 {
		t.Errorf("width %v", w)
	}
	// Past maxRows the table goes on in the next sheet, header repeated.
	var n []string
	for _, s := range x.GetSheetList()[2:] {
		rows, _ := x.GetRows(s)
		if rows[0][0] != "t" || rows[2][0] != "n" {
			t.Fatalf("%s: %q", s, rows)
		}
		for _, r := range rows[3:] {
			n = append(n, r[0])
		}
	}
	if strings.Join(n, ",") != "0,1,2,3,4,5,6,7" {
		t.Fatalf("rows %v", n)
	}
}

type cursor struct {
	i, n int
	err  error
}

func (c *cursor) Next() bool   { c.i++; return c.i <= c.n }
func (c *cursor) Row() []Value { return []Value{Int(int64(c.i))} }
func (c *cursor) Err() error   { return c.err }

// The adapters yield every row, then the producer's error; a writer that
// stops early stops the producer.
func TestRowAdapters(t *testing.T) {
	boom := errors.New("boom")
	collect := func(rows Rows) (got []string, err error) {
		for r, e := range rows {
			if e != nil {
				return got, e
			}
			got = append(got, r[0].String())
		}
		return got, nil
	}
	emit3 := func(fail error) Rows {
		return Emit(func(emit func([]Value) error) error {
			for i := range 3 {
				if err := emit([]Value{Int(int64(i))}); err != nil {
					return err
				}
			}
			return fail
		})
	}
	for name, tc := range map[string]struct {
		rows Rows
		want string
		err  error
	}{
		"scan":       {Scan(&cursor{n: 3}), "1,2,3", nil},
		"scan error": {Scan(&cursor{n: 2, err: boom}), "1,2", boom},
		"emit":       {emit3(nil), "0,1,2", nil},
		"emit error": {emit3(boom), "0,1,2", boom},
		"map":        {Map([]string{"a", "b"}, func(s string) []Value { return []Value{Str(s)} }), "a,b", nil},
		"concat":     {Concat(SliceRows([][]Value{{Str("a")}}), emit3(boom), SliceRows([][]Value{{Str("z")}})), "a,0,1,2", boom},
	} {
		got, err := collect(tc.rows)
		if strings.Join(got, ",") != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: %v, %v", name, got, err)
		}
	}
	// Stopping early: the producer sees the stop and its error is not reported.
	stopped := false
	rows := Emit(func(emit func([]Value) error) error {
		for {
			if err := emit([]Value{Empty}); err != nil {
				stopped = true
				return err
			}
		}
	})
	for range rows {
		break
	}
	if !stopped {
		t.Error("the producer was not stopped")
	}
}
