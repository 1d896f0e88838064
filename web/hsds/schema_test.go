package hsds

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

var english = message.NewPrinter(language.English)

// The HSDS 3.0 fields openinfo serves are JSON Schemas (draft 2020-12) in
// testdata/hsds3, one per object, written from HSDS 3.0's schema/*.json
// (openreferral/specification): each field openinfo writes with HSDS's type,
// format (uri, email, date-time), enumeration and required list, and
// page.json for the list envelope (HSDS's API reference, "Lists"). Unlike
// HSDS they forbid other properties, so a field HSDS does not define fails.
// Every response, and every bulk CSV column and row, is checked against
// them, with formats asserted.

const schemaDir = "testdata/hsds3"

var hsds3 = struct {
	sync.Mutex
	c   *jsonschema.Compiler
	got map[string]*jsonschema.Schema
}{got: map[string]*jsonschema.Schema{}}

func compiled(name string) (*jsonschema.Schema, error) {
	hsds3.Lock()
	defer hsds3.Unlock()
	if s, ok := hsds3.got[name]; ok {
		return s, nil
	}
	if hsds3.c == nil {
		hsds3.c = jsonschema.NewCompiler()
		hsds3.c.AssertFormat()
	}
	abs, err := filepath.Abs(filepath.Join(schemaDir, name+".json"))
	if err != nil {
		return nil, err
	}
	s, err := hsds3.c.Compile(abs)
	if err != nil {
		return nil, err
	}
	hsds3.got[name] = s
	return s, nil
}

// checkSchema returns every way v (decoded JSON) breaks the schema named
// (testdata/hsds3/NAME.json), each line prefixed with path.
func checkSchema(name string, v any, path string) []string {
	s, err := compiled(name)
	if err != nil {
		return []string{path + ": schema " + name + ": " + err.Error()}
	}
	err = s.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []string{path + ": " + err.Error()}
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, fmt.Sprintf("%s/%s: %s", path, strings.Join(e.InstanceLocation, "/"), e.ErrorKind.LocalizedString(english)))
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// schemaField is what the CSV check needs of a field.
type schemaField struct {
	typ             string
	required, array bool
}

// schemaFields reads the fields of testdata/hsds3/NAME.json.
func schemaFields(t *testing.T, name string) map[string]schemaField {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(schemaDir, name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties map[string]struct {
			Type string `json:"type"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	out := map[string]schemaField{}
	for n, p := range s.Properties {
		out[n] = schemaField{typ: p.Type, array: p.Type == "array"}
	}
	for _, n := range s.Required {
		f := out[n]
		f.required = true
		out[n] = f
	}
	return out
}

// TestSchemasCatch: the schemas are strict enough to matter: each of these
// breaks HSDS 3.0 and is caught.
func TestSchemasCatch(t *testing.T) {
	for _, c := range []struct{ schema, json, want string }{
		{"organization", `{"id":"agency-1","name":"x"}`, "description"},
		{"organization", `{"id":"agency-1","name":"x","description":"","website":"www.dlt.go.th"}`, "uri"},
		{"organization", `{"id":"agency-1","name":"x","description":"","email":"saraban at dlt"}`, "email"},
		{"organization", `{"id":"agency-1","name":"x","description":"","parent_organization_id":null}`, "null"},
		{"service", `{"id":"manual-1","name":"x","status":"open"}`, "status: value must be one of"},
		{"service", `{"id":"manual-1","name":"x","status":"active","last_modified":"2026-12-08"}`, "date-time"},
		{"service", `{"id":"manual-1","name":"x","status":"active","fees":"x"}`, "'fees' not allowed"},
		{"location", `{"id":"point-1","location_type":"physical","latitude":"13.8"}`, "number"},
		{"location", `{"id":"point-1","location_type":"physical","schedules":[{"id":"s","wkst":"MO"}]}`, "wkst: value must be one of"},
		{"taxonomy_term", `{"id":"term-1","name":"x","description":"","taxonomy":"category"}`, "'taxonomy' not allowed"},
		{"service_list", `{"total_items":1,"total_pages":1,"page_number":1,"size":50,"first_page":true,"last_page":true,"empty":false,"contents":[{"id":"manual-1"}]}`, "name"},
		{"page", `{"total_items":1}`, "total_pages"},
	} {
		var v any
		if err := json.Unmarshal([]byte(c.json), &v); err != nil {
			t.Fatal(err)
		}
		errs := checkSchema(c.schema, v, c.schema)
		if !strings.Contains(strings.Join(errs, "\n"), c.want) {
			t.Errorf("%s %s: want an error about %q, got %v", c.schema, c.json, c.want, errs)
		}
	}
}
