package bundle_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/bundle"
)

const example = "../testdata/bundle/example"

// TestExampleValid: every line of the example bundle parses and passes
// its checks, and encodes back to a line that parses to the same record.
func TestExampleValid(t *testing.T) {
	b, err := bundle.Open(example)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	m, err := b.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range bundle.Entities {
		n := 0
		if err := b.Each(e, func(l bundle.Line) error {
			n++
			rec, issues := bundle.Parse(e, l.Bytes)
			if len(issues) > 0 {
				t.Errorf("%s:%d: %v", e.File(), l.No, issues)
				return nil
			}
			enc, _ := bundle.Encode(rec)
			again, issues := bundle.Parse(e, enc)
			enc2, _ := bundle.Encode(again)
			if len(issues) > 0 || !bytes.Equal(enc, enc2) {
				t.Errorf("%s:%d: not stable: %v\n%s\n%s", e.File(), l.No, issues, enc, enc2)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n != m.Counts[e] {
			t.Errorf("%s: %d lines, manifest says %d", e, n, m.Counts[e])
		}
	}
}

// TestParseRefusals: the checks name the field and say what is wrong in
// both languages.
func TestParseRefusals(t *testing.T) {
	for _, c := range []struct {
		e     bundle.Entity
		line  string
		field string
	}{
		{bundle.Agencies, `{"source":"","legacy_id":"1","type":"ministry","name_th":"กระทรวง","contact":{"address":{}},"status":"active"}`, "source"},
		{bundle.Agencies, `{"source":"x","legacy_id":"1","type":"ministry","name_th":"กระทรวง","contact":{"address":{}},"status":"active","colour":"red"}`, "colour"},
		{bundle.Agencies, `{"source":"x","legacy_id":"1","type":"planet","name_th":"กระทรวง","contact":{"address":{}},"status":"active"}`, "type"},
		{bundle.Agencies, `{"source":"x","legacy_id":"1","parent":{"source":"x","legacy_id":"1"},"type":"ministry","name_th":"ก","contact":{"address":{}},"status":"active"}`, "parent"},
		{bundle.Points, `{"source":"x","legacy_id":"1","agency":{"source":"x","legacy_id":"1"},"name_th":"จุด","kind":"counter","address":{},"lat":13.7,"hours":{},"visible":true}`, "lat"},
		{bundle.Processes, `{"source":"x","legacy_id":"1","legacy_uuid":"not-a-uuid","agency":{"source":"x","legacy_id":"1"},"name_th":"ก","revisions":[]}`, "legacy_uuid"},
		{bundle.Processes, `{"source":"x","legacy_id":"1","agency":{"source":"x","legacy_id":"1"},"name_th":"ก","revisions":[]}`, "revisions"},
		{bundle.Ratings, `{"source":"x","legacy_id":"1","point":{"source":"x","legacy_id":"1"},"question_set":1,"answers":{"process":9},"respondent":{},"channel":"qr","created_at":"2024-01-01T00:00:00Z"}`, "answers.process"},
		{bundle.Ratings, `{"source":"x","legacy_id":"1","point":{"source":"x","legacy_id":"1"},"question_set":"one"}`, "question_set"},
		{bundle.Officers, `{"source":"x","legacy_id":"1","issuer":"i","subject":"s","role":"manual_author"}`, "agency"},
		{bundle.Tokens, `{"source":"x","legacy_id":"1","agency":{"source":"x","legacy_id":"1"},"role":"manual_author","hash":"abc","issued_at":"2024-01-01T00:00:00Z","expires_at":"2025-01-01T00:00:00Z"}`, "hash"},
		{bundle.Pins, `{"source":"x","legacy_id":"1","point":{"source":"x","legacy_id":"1"},"process":{"source":"x","legacy_id":"2"}}`, "legacy_id"},
	} {
		_, issues := bundle.Parse(c.e, []byte(c.line))
		found := false
		for _, is := range issues {
			if is.Field == c.field && is.TH != "" && is.EN != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %s: no issue on %q: %v", c.e, c.line, c.field, issues)
		}
	}
}

// TestEachLines: CRLF, blank lines and an over-long line.
func TestEachLines(t *testing.T) {
	dir := t.TempDir()
	long := `{"x":"` + strings.Repeat("ก", bundle.MaxLine/3+10) + `"}`
	os.WriteFile(filepath.Join(dir, "ratings.jsonl"), []byte("{\"a\":1}\r\n\n   \n"+long+"\n{\"b\":2}"), 0o644)
	b, err := bundle.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	b.Each(bundle.Ratings, func(l bundle.Line) error {
		s := string(l.Bytes)
		if len(s) > 20 {
			s = "long"
			if len(l.Bytes) != bundle.MaxLine {
				t.Errorf("long line passed with %d bytes", len(l.Bytes))
			}
		}
		got = append(got, s+"@"+string(rune('0'+l.No)))
		return nil
	})
	if strings.Join(got, " ") != `{"a":1}@1 long@4 {"b":2}@5` {
		t.Errorf("lines: %v", got)
	}
}

// FuzzParse: no line makes the parser panic, and a record it accepts
// encodes to a line it accepts again unchanged (the import's hash of a
// record is stable).
func FuzzParse(f *testing.F) {
	b, err := bundle.Open(example)
	if err != nil {
		f.Fatal(err)
	}
	for i, e := range bundle.Entities {
		b.Each(e, func(l bundle.Line) error {
			f.Add(uint8(i), append([]byte(nil), l.Bytes...))
			return nil
		})
	}
	f.Add(uint8(0), []byte(`{"source":"x","legacy_id":"1","type":"ministry","name_th":" กระทรวง  ก ","contact":{"address":{},"phones":["02-123-4567"]},"status":"active"}`))
	f.Add(uint8(8), []byte(`{"source":"x","legacy_id":"1","answers":{"staff":5},"point":{"source":"x","legacy_id":"1"},"question_set":1,"created_at":"2024-01-01T00:00:00+07:00"}`))
	f.Add(uint8(1), []byte(`{"source":"x","legacy_id":"1","removed":true}`))
	f.Add(uint8(4), []byte(`{"source":"x","legacy_id":"x:1|process|x:2","point":{"source":"x","legacy_id":"1"},"process":{"source":"x","legacy_id":"2"},"removed":true}`))
	f.Fuzz(func(t *testing.T, which uint8, line []byte) {
		e := bundle.Entities[int(which)%len(bundle.Entities)]
		rec, issues := bundle.Parse(e, line)
		if rec == nil || len(issues) > 0 {
			return
		}
		enc, err := bundle.Encode(rec)
		if err != nil {
			t.Fatal(err)
		}
		again, issues := bundle.Parse(e, enc)
		if len(issues) > 0 {
			t.Fatalf("accepted %s, refused its encoding %s: %v", line, enc, issues)
		}
		enc2, _ := bundle.Encode(again)
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("not stable:\n%s\n%s", enc, enc2)
		}
	})
}
