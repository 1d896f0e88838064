package openinfo

import (
	"strings"
	"testing"
)

func TestCheckAttachment(t *testing.T) {
	pdf := []byte("%PDF-1.7\n%âãÏÓ")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	jpeg := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}
	tests := []struct {
		name     string
		file     string
		head     []byte
		size     int64
		wantType string
		msg      string // part of the English message when refused
	}{
		{"pdf", "แบบ คร.1.pdf", pdf, 120_000, TypePDF, ""},
		{"png", "ตัวอย่าง.png", png, 2 << 20, TypePNG, ""},
		{"jpeg named .pdf is still a jpeg", "scan.pdf", jpeg, 500_000, TypeJPEG, ""},
		{"exactly 10 MB", "big.pdf", pdf, MaxAttachmentSize, TypePDF, ""},
		{"over 10 MB", "big.pdf", pdf, MaxAttachmentSize + 1, "", "largest allowed is 10 MB"},
		{"html named .pdf", "form.pdf", []byte("<!DOCTYPE html>"), 3000, "", "not a PDF, PNG or JPEG"},
		{"word document", "form.docx", []byte("PK\x03\x04"), 3000, "", "not a PDF, PNG or JPEG"},
		{"empty", "form.pdf", nil, 0, "", "empty"},
		{"no name", "  ", pdf, 100, "", "no file name"},
		{"name too long", strings.Repeat("ก", 256) + ".pdf", pdf, 100, "", "255"},
	}
	for _, tt := range tests {
		got, err := CheckAttachment(tt.file, tt.head, tt.size)
		if tt.msg == "" {
			if err != nil || got != tt.wantType {
				t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.wantType)
			}
			continue
		}
		if got != "" || ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err, "en"), tt.msg) || !hasThai(ErrorMessage(err, "th")) {
			t.Errorf("%s: %q, %v; want refused with %q", tt.name, got, err, tt.msg)
		}
	}
	_, err := CheckAttachment("big.pdf", pdf, 15<<20)
	if !strings.Contains(ErrorMessage(err, "th"), "15 MB") || !strings.Contains(ErrorMessage(err, "th"), "10 MB") {
		t.Errorf("size message does not give both sizes: %v", err)
	}
}
