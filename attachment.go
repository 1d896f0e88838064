package openinfo

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// MaxAttachmentSize is the largest file CheckAttachment admits.
const MaxAttachmentSize = 10 << 20

// Attachment content types admitted by CheckAttachment.
const (
	TypePDF  = "application/pdf"
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
)

func allowedAttachmentType(t string) bool { return t == TypePDF || t == TypePNG || t == TypeJPEG }

// CheckAttachment admits a file for section 18 by its first bytes (head:
// at least the first 8 bytes of the file) and its size: a PDF, PNG or JPEG
// of at most MaxAttachmentSize. The file name's extension is not trusted;
// the content type returned is the one the bytes show.
func CheckAttachment(name string, head []byte, size int64) (contentType string, err error) {
	name = cleanText(name)
	shown := name
	if shown == "" {
		shown = "ที่แนบ"
	}
	invalid := func(th, en string) (string, error) {
		return "", &Error{Code: EINVALID, TH: th, EN: en,
			Fields: []FieldError{{Field: "attachments", TH: th, EN: en}}}
	}
	switch {
	case name == "":
		return invalid("ไฟล์แนบต้องมีชื่อไฟล์", "The attachment has no file name.")
	case utf8.RuneCountInString(name) > 255:
		return invalid("ชื่อไฟล์แนบยาวเกิน 255 ตัวอักษร", "The attachment's file name is longer than 255 characters.")
	case size <= 0 || len(head) == 0:
		return invalid(fmt.Sprintf("ไฟล์ \"%s\" ว่างเปล่า", shown), fmt.Sprintf("The file \"%s\" is empty.", name))
	case size > MaxAttachmentSize:
		return invalid(fmt.Sprintf("ไฟล์ \"%s\" มีขนาด %s เกินขนาดสูงสุด 10 MB", shown, formatSize(size)),
			fmt.Sprintf("The file \"%s\" is %s; the largest allowed is 10 MB.", name, formatSize(size)))
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return TypePDF, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG, nil
	}
	return invalid(fmt.Sprintf("ไฟล์ \"%s\" ไม่ใช่ไฟล์ PDF, PNG หรือ JPEG (ตรวจจากเนื้อหาของไฟล์ ไม่ใช่นามสกุล) กรุณาแปลงเป็น PDF แล้วแนบใหม่", shown),
		fmt.Sprintf("The file \"%s\" is not a PDF, PNG or JPEG file (judged by its content, not its name); convert it to PDF and attach it again.", name))
}

// formatSize writes a byte count as "850 KB" or "12.5 MB".
func formatSize(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strconv.FormatFloat(math.Round(float64(n)/(1<<20)*10)/10, 'f', -1, 64) + " MB"
}
