package hsds

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"github.com/openinfo/openinfo/web/api"
)

// The OpenAPI 3 document of the public JSON API (/api/openapi.json): the
// search API (web/api) and the HSDS endpoints. The schemas are made from
// the response types themselves by reflection, so the document cannot
// drift from what the handlers send.

var (
	openAPIOnce sync.Once
	openAPIDoc  []byte
)

func (a *API) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	openAPIOnce.Do(func() { openAPIDoc, _ = json.MarshalIndent(OpenAPI(), "", "  ") })
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(openAPIDoc)
}

type obj = map[string]any

// schemas collects component schemas from Go types.
type schemas map[string]any

func (s schemas) ref(t reflect.Type) obj {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return obj{"type": "string"}
	case reflect.Bool:
		return obj{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return obj{"type": "integer"}
	case reflect.Float64, reflect.Float32:
		return obj{"type": "number"}
	case reflect.Slice:
		return obj{"type": "array", "items": s.ref(t.Elem())}
	case reflect.Map:
		return obj{"type": "object", "additionalProperties": s.ref(t.Elem())}
	case reflect.Struct:
		name := t.Name()
		if i := strings.Index(name, "["); i >= 0 { // Page[...Organization]
			inner := name[i+1 : len(name)-1]
			name = inner[strings.LastIndex(inner, ".")+1:] + "List"
		}
		if _, done := s[name]; !done {
			s[name] = nil // recursion guard
			props, required := obj{}, []string{}
			for i := range t.NumField() {
				f := t.Field(i)
				tag := f.Tag.Get("json")
				if tag == "-" || !f.IsExported() {
					continue
				}
				key, opts, _ := strings.Cut(tag, ",")
				if key == "" {
					key = f.Name
				}
				p := s.ref(f.Type)
				if f.Type.Kind() == reflect.Pointer && !strings.Contains(opts, "omitempty") {
					p = copyWith(p, "nullable", true)
				}
				props[key] = p
				if !strings.Contains(opts, "omitempty") {
					required = append(required, key)
				}
			}
			sc := obj{"type": "object", "properties": props}
			if len(required) > 0 {
				sc["required"] = required
			}
			s[name] = sc
		}
		return obj{"$ref": "#/components/schemas/" + name}
	}
	return obj{}
}

func copyWith(o obj, k string, v any) obj {
	out := obj{}
	for a, b := range o {
		out[a] = b
	}
	out[k] = v
	return out
}

// OpenAPI returns the document.
func OpenAPI() map[string]any {
	s := schemas{}
	errResp := obj{"description": "Refused; the body says why in English and Thai.",
		"content": obj{"application/json": obj{"schema": s.ref(reflect.TypeFor[Error]())}}}
	jsonResp := func(desc string, t reflect.Type) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": s.ref(t)}},
			"headers": obj{"ETag": obj{"schema": obj{"type": "string"}, "description": "send it back as If-None-Match for a 304"},
				"Link":          obj{"schema": obj{"type": "string"}, "description": "a list's next page: <URL>; rel=\"next\""},
				"Cache-Control": obj{"schema": obj{"type": "string"}}}}
	}
	q := func(name, desc string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
	}
	str, integer := obj{"type": "string"}, obj{"type": "integer", "minimum": 1}
	paging := []any{
		q("page", "page number, from 1", integer),
		q("per_page", "items per page (default 50, at most 500)", obj{"type": "integer", "minimum": 1, "maximum": MaxPerPage}),
		q("organization_id", "an organization's ID (agency-N): its records only", str),
		q("province", "a province's two-digit code (10 Bangkok … 96) or its Thai or English name", str),
		q("taxonomy_term_id", "a taxonomy term's ID (term-N)", str),
		q("after", "keyset pagination: the page after this item's ID (instead of page; the Link header rel=\"next\" gives it); such a page has page_number 0", str),
	}
	common := obj{"304": obj{"description": "Not modified (If-None-Match matched the ETag)."},
		"400": errResp, "429": obj{"description": "Too many requests from this address; see Retry-After.",
			"headers": obj{"Retry-After": obj{"schema": obj{"type": "integer"}}}}}
	with := func(m obj) obj {
		for k, v := range common {
			m[k] = v
		}
		return m
	}
	list := func(summary string, t reflect.Type, extra ...any) obj {
		return obj{"get": obj{"summary": summary, "tags": []string{"HSDS 3.0"}, "parameters": append(append([]any{}, paging...), extra...),
			"responses": with(obj{"200": jsonResp("A page of "+summary, t)})}}
	}
	one := func(summary, example string, t reflect.Type) obj {
		return obj{"get": obj{"summary": summary, "tags": []string{"HSDS 3.0"},
			"parameters": []any{obj{"name": "id", "in": "path", "required": true, "schema": str, "example": example}},
			"responses":  with(obj{"200": jsonResp(summary, t), "404": errResp})}}
	}
	searchParams := []any{
		q("q", "the words to search for, in Thai or English", str),
		q("kind", "manual, service, agency or point", obj{"type": "string", "enum": []string{"manual", "service", "agency", "point"}}),
		q("page", "page number, from 1", integer),
	}
	searchOp := obj{"get": obj{"summary": "Search manuals, services, agencies and service points", "tags": []string{"Search"},
		"parameters": searchParams, "responses": obj{"200": obj{"description": "Results",
			"content": obj{"application/json": obj{"schema": s.ref(reflect.TypeFor[api.SearchV1]())}}},
			"503": obj{"description": "The search index is still loading; see Retry-After.",
				"content": obj{"application/json": obj{"schema": s.ref(reflect.TypeFor[api.ErrorV1]())}}}}}}
	paths := obj{
		"/api/search":    searchOp,
		"/api/v1/search": searchOp,
		Prefix + "/":     obj{"get": obj{"summary": "About this API", "tags": []string{"HSDS 3.0"}, "responses": with(obj{"200": jsonResp("About", reflect.TypeFor[About]())})}},
		Prefix + "/organizations": list("organizations (agencies)", reflect.TypeFor[Page[Organization]](),
			q("parent_organization_id", "sub-agencies of this organization (agency-N)", str)),
		Prefix + "/organizations/{id}": one("one organization", "agency-1", reflect.TypeFor[Organization]()),
		Prefix + "/services":           list("services (published citizen manuals and other services)", reflect.TypeFor[Page[Service]]()),
		Prefix + "/services/{id}":      one("one service, with its service_at_locations", "manual-1", reflect.TypeFor[Service]()),
		Prefix + "/locations":          list("locations (service points)", reflect.TypeFor[Page[Location]]()),
		Prefix + "/locations/{id}":     one("one location", "point-1", reflect.TypeFor[Location]()),
		Prefix + "/service_at_locations": list("services at locations (pins)", reflect.TypeFor[Page[ServiceAtLocation]](),
			q("service_id", "a service's ID (manual-N or service-N)", str), q("location_id", "a location's ID (point-N)", str)),
		Prefix + "/service_at_locations/{id}": one("one service at a location", "point-1.manual-1", reflect.TypeFor[ServiceAtLocation]()),
		Prefix + "/taxonomy_terms": list("taxonomy terms (the Service Catalog)", reflect.TypeFor[Page[Term]](),
			q("parent_id", "terms under this one (term-N)", str),
			q("taxonomy", "opdc-service-catalog:category, :user_group or :tag", str)),
		Prefix + "/taxonomy_terms/{id}": one("one taxonomy term", "term-1", reflect.TypeFor[Term]()),
	}
	return obj{
		"openapi": "3.0.3",
		"info": obj{
			"title":       "openinfo public API: search and open data (HSDS 3.0)",
			"version":     "1",
			"description": "Read-only. Published data only. The HSDS endpoints follow Open Referral's Human Services Data Specification 3.0; daily bulk files are at /open-data.",
			"license":     obj{"name": "CC BY 4.0 (the data)", "url": LicenceURL},
		},
		"paths":      paths,
		"components": obj{"schemas": map[string]any(s)},
	}
}
