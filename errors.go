package openinfo

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes, mapped to HTTP statuses by the web layer.
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EFORBIDDEN    = "forbidden"
	EUNAUTHORIZED = "unauthorized"
	EINTERNAL     = "internal"
)

// Error is an application error with a code and a message in Thai and English.
// Field errors let a form show every problem at once, next to its field.
type Error struct {
	Code   string
	TH, EN string
	Fields []FieldError
}

// FieldError names one input that must be fixed and says how.
type FieldError struct {
	Field  string
	TH, EN string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.EN
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.EN
	}
	return e.EN + " (" + strings.Join(parts, "; ") + ")"
}

// Message returns the message in lang ("th" or "en"); the Thai one when
// there is no English.
func (e *Error) Message(lang string) string { return Text{e.TH, e.EN}.In(lang) }

// Errorf returns an Error with the given code and messages.
func Errorf(code, th, en string, args ...any) *Error {
	return &Error{Code: code, TH: fmt.Sprintf(th, args...), EN: fmt.Sprintf(en, args...)}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not ours.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message to show a user; internal details never leak.
func ErrorMessage(err error, lang string) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message(lang)
	}
	return Text{"ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง", "Something went wrong on our side. Please try again."}.In(lang)
}

// FieldErrors returns the per-field errors of err, if any.
func FieldErrors(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// validation collects field errors; Err returns nil when there were none.
type validation struct{ fields []FieldError }

func (v *validation) add(field, th, en string) {
	v.fields = append(v.fields, FieldError{Field: field, TH: th, EN: en})
}

func (v *validation) err(subjectTH, subjectEN string) error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{
		Code:   EINVALID,
		TH:     "ข้อมูล" + subjectTH + "ไม่ถูกต้อง กรุณาแก้ไขรายการที่ระบุ",
		EN:     "The " + subjectEN + " has errors; please correct the fields listed.",
		Fields: v.fields,
	}
}
