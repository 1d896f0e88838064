package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"ดีมาก", "ดีมาก"},
		{"=HYPERLINK(\"http://evil.example\",\"คลิก\")", "'=HYPERLINK(\"http://evil.example\",\"คลิก\")"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"-12.5", "-12.5"},
		{"+66", "+66"},
		{"a=1", "a=1"},
	} {
		if got := Cell(tc.in); got != tc.want {
			t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCSVWritesSafeCells(t *testing.T) {
	var b bytes.Buffer
	c := NewCSV(&b)
	c.Write([]string{"ข้อเสนอแนะ", "=HYPERLINK(\"http://evil.example\")", "4.5"})
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatal("no byte-order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0][1]; got != "'=HYPERLINK(\"http://evil.example\")" {
		t.Fatalf("cell written as %q", got)
	}
	if !strings.HasSuffix(b.String(), "\r\n") {
		t.Fatal("lines do not end in CRLF")
	}
}

func FuzzCell(f *testing.F) {
	f.Add("=1+1")
	f.Add("-1")
	f.Fuzz(func(t *testing.T, v string) {
		got := Cell(v)
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) {
			// Only a plain number may still start with a sign.
			if got != v || (got[0] != '-' && got[0] != '+') {
				t.Fatalf("Cell(%q) = %q starts with a formula character", v, got)
			}
		}
	})
}
