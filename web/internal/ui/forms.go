package ui

import (
	"net/http"

	"github.com/openinfo/openinfo"
)

// FormStatus is the status of a refused form: 409 when someone saved first,
// 403 when a field holds what the officer may not choose.
func FormStatus(err error) int {
	switch openinfo.ErrorCode(err) {
	case openinfo.ECONFLICT:
		return http.StatusConflict
	case openinfo.EFORBIDDEN:
		return http.StatusForbidden
	}
	return http.StatusUnprocessableEntity
}

// FormErrors splits a refused form's error into its message and the
// message of each field, in lang.
func FormErrors(err error, lang string) (string, map[string]string) {
	m := map[string]string{}
	for _, f := range openinfo.FieldErrors(err) {
		if _, dup := m[f.Field]; dup {
			continue
		}
		if lang == LangEN {
			m[f.Field] = f.EN
		} else {
			m[f.Field] = f.TH
		}
	}
	return openinfo.ErrorMessage(err, lang), m
}

// Form is what a refused form shows beside what was typed: the message and
// each field's. Page types embed it.
type Form struct {
	Message string
	Errors  map[string]string
}
