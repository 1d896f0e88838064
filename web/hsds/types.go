// Package hsds serves openinfo's published data as HSDS 3.0, Open
// Referral's Human Services Data Specification: the read API under
// /api/hsds/v3 and the daily bulk files of /open-data.
//
// The types below are the API's own response types, never the store's: only
// the fields openinfo can fill, with HSDS's names, types and enumerations
// (schema/*.json of HSDS 3.0), so any HSDS client reads them. IDs are strings,
// as HSDS asks, stable, and say what they point at: "agency-12", "point-34",
// "manual-56" (a process and its published citizen manual), "service-78" (an
// other service), "term-9", and "point-34.manual-56" for a service at a
// location.
package hsds

// Page is HSDS's paginated response (compiled/*_list.json).
type Page[T any] struct {
	TotalItems int  `json:"total_items"`
	TotalPages int  `json:"total_pages"`
	PageNumber int  `json:"page_number"`
	Size       int  `json:"size"`
	FirstPage  bool `json:"first_page"`
	LastPage   bool `json:"last_page"`
	Empty      bool `json:"empty"`
	Contents   []T  `json:"contents"`
}

// Organization is an agency (หน่วยงาน).
type Organization struct {
	ID                   string  `json:"id"`
	Name                 string  `json:"name"`
	AlternateName        string  `json:"alternate_name,omitempty"`
	Description          string  `json:"description"`
	Email                string  `json:"email,omitempty"`
	Website              string  `json:"website,omitempty"`
	URI                  string  `json:"uri,omitempty"`
	ParentOrganizationID *string `json:"parent_organization_id,omitempty"` // absent for a root: HSDS types it string, never null
	Phones               []Phone `json:"phones"`
}

// Service is a process with its published citizen manual, or an other service.
type Service struct {
	ID                     string              `json:"id"`
	OrganizationID         string              `json:"organization_id"`
	Name                   string              `json:"name"`
	AlternateName          string              `json:"alternate_name,omitempty"`
	Description            string              `json:"description,omitempty"`
	URL                    string              `json:"url,omitempty"`
	Status                 string              `json:"status"`
	ApplicationProcess     string              `json:"application_process,omitempty"`
	FeesDescription        string              `json:"fees_description,omitempty"`
	EligibilityDescription string              `json:"eligibility_description,omitempty"`
	Alert                  string              `json:"alert,omitempty"`
	LastModified           string              `json:"last_modified,omitempty"`
	Languages              []Lang              `json:"languages"`
	ServiceAreas           []ServiceArea       `json:"service_areas"`
	CostOptions            []CostOption        `json:"cost_options"`
	RequiredDocuments      []Document          `json:"required_documents"`
	Phones                 []Phone             `json:"phones"`
	Attributes             []Attr              `json:"attributes"`
	ServiceAtLocations     []ServiceAtLocation `json:"service_at_locations,omitempty"` // one service only
}

// Location is a service point (จุดบริการ).
type Location struct {
	ID             string     `json:"id"`
	LocationType   string     `json:"location_type"` // physical or virtual
	URL            string     `json:"url,omitempty"`
	OrganizationID string     `json:"organization_id"`
	Name           string     `json:"name"`
	AlternateName  string     `json:"alternate_name,omitempty"`
	Description    string     `json:"description,omitempty"`
	Latitude       *float64   `json:"latitude,omitempty"`
	Longitude      *float64   `json:"longitude,omitempty"`
	Addresses      []Address  `json:"addresses"`
	Phones         []Phone    `json:"phones"`
	Schedules      []Schedule `json:"schedules"`
}

// ServiceAtLocation links a service to a location where it is offered (a pin).
type ServiceAtLocation struct {
	ID         string `json:"id"`
	ServiceID  string `json:"service_id"`
	LocationID string `json:"location_id"`
}

// Term is a Service Catalog term (หมวดหมู่บริการ, กลุ่มผู้ใช้บริการ, ป้ายคำ).
type Term struct {
	ID          string  `json:"id"`
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	ParentID    *string `json:"parent_id,omitempty"` // absent at the top: a string in HSDS, never null
	// TaxonomyID names the term's taxonomy ("opdc-service-catalog:category",
	// ":user_group", ":tag"). HSDS 3.0's taxonomy field is an object and
	// 3.1's a string: taxonomy_id is a string in both.
	TaxonomyID string `json:"taxonomy_id"`
	Language   string `json:"language"`
}

// Address is a Thai address in HSDS's fields: address_1 the house and
// road, address_2 the subdistrict (ตำบล/แขวง), city the district
// (อำเภอ/เขต), state_province the province.
type Address struct {
	ID            string `json:"id"`
	LocationID    string `json:"location_id"`
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2,omitempty"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Phone is a telephone number.
type Phone struct {
	ID        string `json:"id"`
	Number    string `json:"number"`
	Extension *int   `json:"extension,omitempty"`
	Type      string `json:"type,omitempty"`
}

// Schedule is one opening period in RFC 5545 terms.
type Schedule struct {
	ID          string `json:"id"`
	LocationID  string `json:"location_id"`
	Freq        string `json:"freq"`           // WEEKLY
	Wkst        string `json:"wkst,omitempty"` // left out: RFC 5545's default, Monday (3.0 spells it MON, RFC 5545 MO)
	ByDay       string `json:"byday"`          // "MO,TU,WE,TH,FR"
	OpensAt     string `json:"opens_at"`
	ClosesAt    string `json:"closes_at"`
	Timezone    int    `json:"timezone"` // hours from UTC: 7
	Description string `json:"description,omitempty"`
	Notes       string `json:"notes,omitempty"`
}

// ServiceArea is where a manual's service is offered (ส่วนกลาง, ส่วนภูมิภาค, ส่วนท้องถิ่น).
type ServiceArea struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id"`
	Name      string `json:"name"`
}

// CostOption is a fee row.
type CostOption struct {
	ID                string   `json:"id"`
	ServiceID         string   `json:"service_id"`
	Option            string   `json:"option,omitempty"`
	Currency          string   `json:"currency,omitempty"`
	Amount            *float64 `json:"amount,omitempty"`
	AmountDescription string   `json:"amount_description,omitempty"`
}

// Document is a required document.
type Document struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id"`
	Document  string `json:"document"`
}

// Attr tags a record with a taxonomy term.
type Attr struct {
	ID             string `json:"id"`
	LinkID         string `json:"link_id"`
	LinkType       string `json:"link_type"`
	LinkEntity     string `json:"link_entity"`
	TaxonomyTermID string `json:"taxonomy_term_id"`
	Value          string `json:"value,omitempty"`
}

// Lang is a language a service is offered in.
type Lang struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Name      string `json:"name"`
	Code      string `json:"code"`
}

// About answers /api/hsds/v3/: what this is.
type About struct {
	Version     string `json:"version"`
	Profile     string `json:"profile"`
	OpenAPIURL  string `json:"openapi_url"`
	Licence     string `json:"license"`
	Publisher   string `json:"publisher"`
	Description string `json:"description"`
}
