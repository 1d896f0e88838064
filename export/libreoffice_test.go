package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// thaiTable has the cells a Thai export holds: Thai text with tone marks
// and above/below vowels, a cell a spreadsheet would run, numbers, a time.
func thaiTable() Table {
	at := time.Date(2025, 3, 14, 9, 30, 0, 0, bkk)
	return Table{Name: "ผลประเมิน", Title: []string{"รายงานผลการประเมินความพึงพอใจ"},
		Columns: []Column{{Header: "หน่วยงาน"}, {Header: "จำนวน", Kind: Integer}, {Header: "ค่าเฉลี่ย", Kind: Decimal, Places: 2}, {Header: "เวลา", Kind: DateTime}},
		Rows: SliceRows([][]Value{
			{Str("สำนักงานขนส่งจังหวัดเชียงใหม่"), Int(1234), Float(4.5), Time(at)},
			{Str("=HYPERLINK(\"http://evil.example\")"), Int(-7), Float(0.125), Empty},
			{Str("ผู้ใหญ่บ้าน ฯลฯ ๑๒๓ \"คำพูด\", จุลภาค"), Int(0), Float(3), Time(at)},
		})}
}

// wantRows are the cells a spreadsheet shows for thaiTable's rows, text
// as typed (the apostrophe of a neutralised cell is not shown).
var wantCells = [][]string{
	{"สำนักงานขนส่งจังหวัดเชียงใหม่", "1234"},
	{"=HYPERLINK(\"http://evil.example\")", "-7"},
	{"ผู้ใหญ่บ้าน ฯลฯ ๑๒๓ \"คำพูด\", จุลภาค", "0"},
}

// TestSpreadsheetsOpen: the CSV (UTF-8 with a byte-order mark) and the
// workbook open in LibreOffice with their Thai intact, a formula kept as
// text and numbers as numbers: LibreOffice converts each to a workbook,
// which excelize then reads. Without LibreOffice (soffice) the files are
// read with encoding/csv and excelize alone.
func TestSpreadsheetsOpen(t *testing.T) {
	dir := t.TempDir()
	var c, x bytes.Buffer
	if err := WriteCSV(&c, thaiTable()); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&x, thaiTable()); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(c.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Fatal("the CSV has no byte-order mark: Excel would read it as the local code page")
	}
	csvPath, xlsxPath := filepath.Join(dir, "export.csv"), filepath.Join(dir, "export.xlsx")
	os.WriteFile(csvPath, c.Bytes(), 0o600)
	os.WriteFile(xlsxPath, x.Bytes(), 0o600)

	check := func(name string, rows [][]string, skip int) {
		t.Helper()
		if len(rows) < skip+1+len(wantCells) || rows[skip][0] != "หน่วยงาน" {
			t.Fatalf("%s: rows %q", name, rows)
		}
		for i, want := range wantCells {
			got := rows[skip+1+i]
			if strings.TrimPrefix(got[0], "'") != want[0] || got[1] != want[1] {
				t.Errorf("%s row %d: %q, want %q", name, i, got[:2], want)
			}
		}
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("LibreOffice (soffice) is not installed: reading the files with encoding/csv and excelize")
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(c.Bytes(), []byte("\xEF\xBB\xBF"))))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		check("CSV", rows, 1)
		wb, err := excelize.OpenReader(&x)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ = wb.GetRows(wb.GetSheetList()[0])
		check("workbook", rows, 2)
		return
	}
	// LibreOffice opens both and saves them as workbooks.
	out := filepath.Join(dir, "out")
	for _, in := range []string{csvPath, xlsxPath} {
		sub := filepath.Join(out, filepath.Ext(in)[1:])
		var log []byte
		// A fresh profile's first start may exit without converting: try twice.
		for try := 0; try < 2; try++ {
			args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--convert-to", "xlsx", "--outdir", sub, in}
			if in == csvPath {
				// LibreOffice asks how to read a CSV file (its text import
				// dialog, which picks UTF-8 for a file with a byte-order
				// mark); headless, nothing asks, so the answer is given:
				// comma, double quote, UTF-8 (76). Without it LibreOffice
				// reads any CSV as Windows-1252.
				args = append([]string{"--infilter=CSV:44,34,76"}, args...)
			}
			cmd := exec.Command(soffice, args...)
			cmd.Env = append(os.Environ(), "HOME="+dir)
			b, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("soffice %s: %v\n%s", in, err, b)
			}
			log = append(log, b...)
			if _, err := os.Stat(filepath.Join(sub, "export.xlsx")); err == nil {
				break
			}
		}
		wb, err := excelize.OpenFile(filepath.Join(sub, "export.xlsx"))
		if err != nil {
			t.Fatalf("LibreOffice's workbook from %s: %v\n%s", in, err, log)
		}
		rows, _ := wb.GetRows(wb.GetSheetList()[0])
		skip := 2 // the title, an empty row
		if in == csvPath {
			skip = 1 // the title line
		}
		check("LibreOffice from "+filepath.Base(in), rows, skip)
		if in == xlsxPath {
			if typ, _ := wb.GetCellType(wb.GetSheetList()[0], "B4"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("a count came back as %v, not a number", typ)
			}
			if f, _ := wb.GetCellFormula(wb.GetSheetList()[0], "A5"); f != "" {
				t.Errorf("text came back as the formula %q", f)
			}
		}
		wb.Close()
	}
}
