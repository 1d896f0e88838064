package ui

import (
	"html/template"
	"reflect"
	"strconv"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search"
)

// manualFuncs are the template helpers of the manual pages and the editor.
func manualFuncs() template.FuncMap {
	return template.FuncMap{
		// manualView hands the shared "manualbody" template its data.
		"manualView": func(lang string, m ManualPage) any {
			return struct {
				Lang string
				Data ManualPage
			}{lang, m}
		},
		"fileKind": func(ctype string) string {
			return map[string]string{openinfo.TypePDF: "PDF", openinfo.TypePNG: "PNG", openinfo.TypeJPEG: "JPEG"}[ctype]
		},
		"fileSize": func(n int64) string {
			if n < 1<<20 {
				return strconv.FormatInt((n+1023)/1024, 10) + " KB"
			}
			return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
		},
		"stateLabel": func(s openinfo.RevisionState, lang string) string { return s.Label(lang) },
		"revStates":  func() any { return openinfo.RevisionStates },
		"eventLabel": func(e openinfo.RevisionEvent, lang string) string { return e.Label(lang) },
		// rowsOf gives the indexes of a repeated section's rows plus blank
		// ones to fill in.
		"rowsOf": func(n int) []int {
			out := make([]int, n+BlankRows)
			for i := range out {
				out[i] = i
			}
			return out
		},
		// at returns row i of a slice, or an empty row past its end.
		"at": func(list any, i int) any {
			v := reflect.ValueOf(list)
			if i < v.Len() {
				return v.Index(i).Interface()
			}
			return reflect.Zero(v.Type().Elem()).Interface()
		},
		"key": func(section string, i int, field string) string {
			return section + "[" + strconv.Itoa(i) + "]." + field
		},
		"serviceTypes":   func() any { return openinfo.ServiceTypes },
		"categories":     func() any { return openinfo.ManualCategories },
		"impacts":        func() any { return openinfo.ImpactLevels },
		"serviceAreas":   func() any { return openinfo.ServiceAreas },
		"durationUnits":  func() any { return openinfo.DurationUnits },
		"stepTypes":      func() any { return openinfo.StepTypes },
		"channelKinds":   func() any { return openinfo.ChannelKinds },
		"documentGroups": func() any { return openinfo.DocumentGroups },
		"documentUnits":  func() any { return openinfo.DocumentUnits },
		"feeUnits":       func() any { return openinfo.FeeUnits },
		"legalKinds":     func() []string { return openinfo.LegalKinds },
		"delayDecisions": func() any { return openinfo.DelayDecisions },
		"monthLabel":     openinfo.MonthLabel,
		"egovHref":       EgovHref,
		"stateName":      StateName,
		"scopeName":      ScopeName,
		"hasArea": func(list []openinfo.ServiceArea, a openinfo.ServiceArea) bool {
			for _, x := range list {
				if x == a {
					return true
				}
			}
			return false
		},
		"sub":      func(a, b int) int { return a - b },
		"add":      func(a, b int) int { return a + b },
		"kindName": func(k search.Kind, lang string) string { return KindLabel(k, lang) },
		// dict passes several values to a sub-template.
		"dict": func(kv ...any) map[string]any {
			m := make(map[string]any, len(kv)/2)
			for i := 0; i+1 < len(kv); i += 2 {
				k, _ := kv[i].(string)
				m[k] = kv[i+1]
			}
			return m
		},
		"sections": func() []openinfo.ManualSection { return openinfo.ManualSections },
		"str":      func(v any) string { return reflect.ValueOf(v).String() },
		// lbl is the Thai or English name of an enum list entry.
		"lbl": func(v any, lang string) string {
			f := "TH"
			if lang == LangEN {
				f = "EN"
			}
			return reflect.ValueOf(v).FieldByName(f).String()
		},
	}
}
