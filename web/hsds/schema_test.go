package hsds

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The HSDS 3.0 fields openinfo serves, as Go test data: each object's fields
// with their JSON type, whether HSDS requires them, their enumeration and,
// for arrays and objects, the schema of their items. Written from HSDS 3.0's
// schema/*.json (organization, service, location, service_at_location,
// taxonomy_term, address, phone, schedule, service_area, cost_option,
// required_document, attribute, language) and compiled/*_list.json for the
// page. A response field missing here is a field HSDS does not have (or one
// this test does not know yet): the check fails on it.

type field struct {
	typ      string // string, number, integer, boolean, array, object; "|null" allows null
	required bool
	enum     []string
	items    string // schema of an array's items or an object
}

var hsdsSchema = map[string]map[string]field{
	"page": {
		"total_items": {typ: "integer", required: true}, "total_pages": {typ: "integer", required: true},
		"page_number": {typ: "integer", required: true}, "size": {typ: "integer", required: true},
		"first_page": {typ: "boolean", required: true}, "last_page": {typ: "boolean", required: true},
		"empty": {typ: "boolean", required: true}, "contents": {typ: "array", required: true},
	},
	"organization": {
		"id": {typ: "string", required: true}, "name": {typ: "string", required: true},
		"alternate_name": {typ: "string"}, "description": {typ: "string", required: true},
		"email": {typ: "string"}, "website": {typ: "string"}, "uri": {typ: "string"},
		"parent_organization_id": {typ: "string|null"}, "phones": {typ: "array", items: "phone"},
	},
	"service": {
		"id": {typ: "string", required: true}, "organization_id": {typ: "string"}, "name": {typ: "string", required: true},
		"alternate_name": {typ: "string"}, "description": {typ: "string"}, "url": {typ: "string"},
		"status":              {typ: "string", required: true, enum: []string{"active", "inactive", "defunct", "temporarily closed"}},
		"application_process": {typ: "string"}, "fees_description": {typ: "string"}, "eligibility_description": {typ: "string"},
		"alert": {typ: "string"}, "last_modified": {typ: "string"},
		"languages": {typ: "array", items: "language"}, "service_areas": {typ: "array", items: "service_area"},
		"cost_options": {typ: "array", items: "cost_option"}, "required_documents": {typ: "array", items: "required_document"},
		"phones": {typ: "array", items: "phone"}, "attributes": {typ: "array", items: "attribute"},
		"service_at_locations": {typ: "array", items: "service_at_location"},
	},
	"location": {
		"id":            {typ: "string", required: true},
		"location_type": {typ: "string", required: true, enum: []string{"physical", "postal", "virtual"}},
		"url":           {typ: "string"}, "organization_id": {typ: "string"}, "name": {typ: "string"}, "alternate_name": {typ: "string"},
		"description": {typ: "string"}, "latitude": {typ: "number"}, "longitude": {typ: "number"},
		"addresses": {typ: "array", items: "address"}, "phones": {typ: "array", items: "phone"}, "schedules": {typ: "array", items: "schedule"},
	},
	"service_at_location": {
		"id": {typ: "string", required: true}, "service_id": {typ: "string"}, "location_id": {typ: "string"},
	},
	"taxonomy_term": {
		"id": {typ: "string", required: true}, "code": {typ: "string"}, "name": {typ: "string", required: true},
		"description": {typ: "string", required: true}, "parent_id": {typ: "string|null"}, "taxonomy": {typ: "string"},
		"language": {typ: "string"},
	},
	"address": {
		"id": {typ: "string", required: true}, "location_id": {typ: "string"}, "address_1": {typ: "string", required: true},
		"address_2": {typ: "string"}, "city": {typ: "string", required: true}, "state_province": {typ: "string", required: true},
		"postal_code": {typ: "string", required: true}, "country": {typ: "string", required: true},
		"address_type": {typ: "string", required: true, enum: []string{"physical", "postal", "virtual"}},
	},
	"phone": {
		"id": {typ: "string", required: true}, "number": {typ: "string", required: true}, "extension": {typ: "number"},
		"type": {typ: "string", enum: []string{"text", "fax", "cell", "video", "pager", "textphone", "voice"}},
	},
	"schedule": {
		"id": {typ: "string", required: true}, "location_id": {typ: "string"},
		"freq":  {typ: "string", enum: []string{"WEEKLY", "MONTHLY"}},
		"wkst":  {typ: "string", enum: []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}},
		"byday": {typ: "string"}, "opens_at": {typ: "string"}, "closes_at": {typ: "string"}, "timezone": {typ: "number"},
		"description": {typ: "string"}, "notes": {typ: "string"},
	},
	"service_area": {"id": {typ: "string", required: true}, "service_id": {typ: "string"}, "name": {typ: "string"}},
	"cost_option": {
		"id": {typ: "string", required: true}, "service_id": {typ: "string"}, "option": {typ: "string"}, "currency": {typ: "string"},
		"amount": {typ: "number"}, "amount_description": {typ: "string"},
	},
	"required_document": {"id": {typ: "string", required: true}, "service_id": {typ: "string"}, "document": {typ: "string"}},
	"attribute": {
		"id": {typ: "string", required: true}, "link_id": {typ: "string", required: true}, "link_type": {typ: "string"},
		"link_entity": {typ: "string"}, "taxonomy_term_id": {typ: "string", required: true}, "value": {typ: "string"},
	},
	"language": {"id": {typ: "string", required: true}, "service_id": {typ: "string"}, "name": {typ: "string"}, "code": {typ: "string"}},
}

// checkSchema returns every way v (decoded JSON) breaks the schema named.
func checkSchema(name string, v any, path string) []string {
	fields, ok := hsdsSchema[name]
	if !ok {
		return []string{path + ": no schema " + name}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: %s is %T, not an object", path, name, v)}
	}
	var errs []string
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := fields[k]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s.%s: not an HSDS field of %s", path, k, name))
			continue
		}
		errs = append(errs, checkValue(f, obj[k], path+"."+k)...)
	}
	for k, f := range fields {
		if _, ok := obj[k]; f.required && !ok {
			errs = append(errs, fmt.Sprintf("%s: %s lacks required %s", path, name, k))
		}
	}
	return errs
}

func checkValue(f field, v any, path string) []string {
	types := strings.Split(f.typ, "|")
	if v == nil {
		if slices.Contains(types, "null") {
			return nil
		}
		return []string{path + ": null"}
	}
	var got string
	switch x := v.(type) {
	case string:
		got = "string"
	case bool:
		got = "boolean"
	case float64:
		got = "number"
		if x == float64(int64(x)) && slices.Contains(types, "integer") {
			got = "integer"
		}
	case []any:
		got = "array"
	case map[string]any:
		got = "object"
	}
	if !slices.Contains(types, got) {
		return []string{fmt.Sprintf("%s: %s, want %s", path, got, f.typ)}
	}
	var errs []string
	if f.enum != nil && !slices.Contains(f.enum, v.(string)) {
		errs = append(errs, fmt.Sprintf("%s: %q not in %v", path, v, f.enum))
	}
	if got == "array" && f.items != "" {
		for i, item := range v.([]any) {
			errs = append(errs, checkSchema(f.items, item, fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	if got == "object" && f.items != "" {
		errs = append(errs, checkSchema(f.items, v, path)...)
	}
	return errs
}
