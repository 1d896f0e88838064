// Package bundle is openinfo's migration and open-data format (docs/bundle.md):
// a directory or a .zip of JSON Lines files, one per entity, every record
// keyed by the system it came from and its ID there. The package holds the
// record types, the line parser, the structural and domain checks (the
// domain's own Validate functions) and the reader and writer. It knows no
// database: store reads and writes the records, importer runs an import.
package bundle

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Format and Version name the format in manifest.json.
const (
	Format  = "openinfo-bundle"
	Version = 1
)

// Entity names one kind of record and its file.
type Entity string

const (
	Agencies       Entity = "agencies"
	Points         Entity = "service_points"
	Processes      Entity = "processes"
	Services       Entity = "other_services"
	Pins           Entity = "pins"
	Egov           Entity = "egov_records"
	LicenceReports Entity = "licence_reports"
	DelayNotices   Entity = "delay_notices"
	Ratings        Entity = "ratings"
	Officers       Entity = "officers"
	Tokens         Entity = "officer_tokens"
)

// Entities lists the entities in import order: a record refers only to
// records of entities before it (and agencies to earlier agencies).
var Entities = []Entity{Agencies, Points, Processes, Services, Pins, Egov, LicenceReports, DelayNotices, Ratings, Officers, Tokens}

// File is the entity's file name in a bundle.
func (e Entity) File() string { return string(e) + ".jsonl" }

// Label is the entity's name in Thai and English.
func (e Entity) Label() openinfo.Text {
	switch e {
	case Agencies:
		return openinfo.Text{TH: "หน่วยงาน", EN: "agencies"}
	case Points:
		return openinfo.Text{TH: "จุดบริการ", EN: "service points"}
	case Processes:
		return openinfo.Text{TH: "กระบวนงานและคู่มือ", EN: "processes and manuals"}
	case Services:
		return openinfo.Text{TH: "งานบริการอื่น", EN: "other services"}
	case Pins:
		return openinfo.Text{TH: "การปักหมุดคู่มือ", EN: "pins"}
	case Egov:
		return openinfo.Text{TH: "ประกาศ/คำสั่ง มาตรา 10/16", EN: "Section 10/16 records"}
	case LicenceReports:
		return openinfo.Text{TH: "รายงานการอนุญาต", EN: "licence reports"}
	case DelayNotices:
		return openinfo.Text{TH: "หนังสือแจ้งความล่าช้า", EN: "delay notices"}
	case Ratings:
		return openinfo.Text{TH: "ผลการประเมินความพึงพอใจ", EN: "ratings"}
	case Officers:
		return openinfo.Text{TH: "เจ้าหน้าที่", EN: "officers"}
	case Tokens:
		return openinfo.Text{TH: "รหัสยืนยันตัวตนครั้งแรก", EN: "first tokens"}
	}
	return openinfo.Text{TH: string(e), EN: string(e)}
}

// Key identifies a record: the system it came from (CITIZENinfo,
// citizen.info.go.th, backend.info.go.th, or an openinfo deployment) and its
// ID there. Import maps each key to one local record.
type Key struct {
	Source   string `json:"source"`
	LegacyID string `json:"legacy_id"`
}

// Ref points at another record by its key.
type Ref struct {
	Source   string `json:"source"`
	LegacyID string `json:"legacy_id"`
}

func (k Key) String() string { return k.Source + ":" + k.LegacyID }
func (r Ref) String() string { return r.Source + ":" + r.LegacyID }

// Ref returns a reference to the record of key k.
func (k Key) Ref() Ref { return Ref(k) }

// Agency is a node of the government structure; Parent is empty for a root.
// A parent comes before its children in the file.
type Agency struct {
	Key
	Parent    *Ref                `json:"parent,omitempty"`
	Type      openinfo.AgencyType `json:"type"`
	NameTH    string              `json:"name_th"`
	NameEN    string              `json:"name_en,omitempty"`
	ShortName string              `json:"short_name,omitempty"`
	Contact   openinfo.Contact    `json:"contact"`
	Status    string              `json:"status"`
}

// Point is a service point. RateCodes are the codes printed on its old
// posters' QR codes (the legacy rating codes): after import they rate this
// point. RateCode is the point's own openinfo code when the bundle comes
// from openinfo (kept, so printed posters keep working).
type Point struct {
	Key
	Agency    Ref                   `json:"agency"`
	NameTH    string                `json:"name_th"`
	NameEN    string                `json:"name_en,omitempty"`
	Kind      openinfo.PointKind    `json:"kind"`
	Address   openinfo.Address      `json:"address"`
	Lat       *float64              `json:"lat,omitempty"`
	Lon       *float64              `json:"lon,omitempty"`
	Phones    []string              `json:"phones,omitempty"`
	Email     string                `json:"email,omitempty"`
	URL       string                `json:"url,omitempty"`
	Hours     openinfo.OpeningHours `json:"hours"`
	Visible   bool                  `json:"visible"`
	RateCode  string                `json:"rate_code,omitempty"`
	RateCodes []string              `json:"legacy_rate_codes,omitempty"`
}

// Term names a Service Catalog term by kind and code.
type Term struct {
	Kind openinfo.CatalogKind `json:"kind"`
	Code string               `json:"code"`
}

// Process is a process (กระบวนงาน) with its citizen manual's revisions.
// LegacyUUID is the manual's ID in info.go.th's public URLs
// (/procedure/{uuid}/view).
type Process struct {
	Key
	LegacyUUID  string     `json:"legacy_uuid,omitempty"`
	Agency      Ref        `json:"agency"`
	NameTH      string     `json:"name_th"`
	NameEN      string     `json:"name_en,omitempty"`
	CommonNames []string   `json:"common_names,omitempty"`
	Terms       []Term     `json:"terms,omitempty"`
	Revisions   []Revision `json:"revisions"`
}

// Revision is one edition of a manual: every section of the standard
// template in Content; Published marks the one the public sees.
type Revision struct {
	Number      int                    `json:"number"`
	State       openinfo.RevisionState `json:"state"`
	Published   bool                   `json:"published,omitempty"`
	Content     openinfo.ManualContent `json:"content"`
	CreatedAt   time.Time              `json:"created_at"`
	PublishedAt *time.Time             `json:"published_at,omitempty"`
}

// Service is an other service (งานบริการอื่น) of an agency.
type Service struct {
	Key
	Agency    Ref                     `json:"agency"`
	NameTH    string                  `json:"name_th"`
	NameEN    string                  `json:"name_en,omitempty"`
	Content   openinfo.ServiceContent `json:"content"`
	Published bool                    `json:"published"`
}

// Pin offers a process (or an other service) at a service point.
type Pin struct {
	Key
	Point   Ref  `json:"point"`
	Process *Ref `json:"process,omitempty"`
	Service *Ref `json:"service,omitempty"`
}

// EgovRecord is a Section 10 announcement or Section 16 order.
type EgovRecord struct {
	Key
	Agency      Ref                  `json:"agency"`
	Section     openinfo.EgovSection `json:"section"`
	Title       string               `json:"title"`
	DocumentNo  string               `json:"document_no,omitempty"`
	SignedOn    string               `json:"signed_on"`              // YYYY-MM-DD
	EffectiveOn string               `json:"effective_on,omitempty"` // YYYY-MM-DD
	URL         string               `json:"url,omitempty"`
	Items       []openinfo.EgovItem  `json:"items,omitempty"`
	FileKey     string               `json:"file_key,omitempty"` // the signed document in files/, by SHA-256
	State       openinfo.EgovState   `json:"state"`
	PublishedAt *time.Time           `json:"published_at,omitempty"`
}

// LicenceReport is one month's licence-issuance counts of a process, by
// the service point that reports it or, when the agency itself reports,
// with no point.
type LicenceReport struct {
	Key
	Agency      Ref                         `json:"agency"`
	Point       *Ref                        `json:"point,omitempty"`
	Process     Ref                         `json:"process"`
	Month       int                         `json:"month"` // YYYYMM, Common Era
	State       openinfo.LicenceReportState `json:"state"`
	Counts      openinfo.LicenceCounts      `json:"counts"`
	Corrections int                         `json:"corrections,omitempty"`
	SubmittedAt *time.Time                  `json:"submitted_at,omitempty"`
}

// DelayNotice is one delayed application (เรื่องที่ล่าช้า, section 10 of
// the Licensing Facilitation Act) with the notices sent to its applicant,
// in order. Its agency is the point's. Applicant is absent once the
// retention job blanked the applicant's data (redacted).
type DelayNotice struct {
	Key
	Point         Ref                    `json:"point"`
	Process       Ref                    `json:"process"`
	ApplicationNo string                 `json:"application_no"`
	Applicant     *Applicant             `json:"applicant,omitempty"`
	ReceivedOn    string                 `json:"received_on"` // YYYY-MM-DD
	DueOn         string                 `json:"due_on"`
	DueReason     string                 `json:"due_reason,omitempty"`
	Decision      openinfo.DelayDecision `json:"decision,omitempty"`
	DecidedOn     string                 `json:"decided_on,omitempty"`
	ToldOn        string                 `json:"told_on,omitempty"`
	Notices       []Notice               `json:"notices,omitempty"`
}

// Applicant is who applied: personal data (docs/bundle.md).
type Applicant struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email,omitempty"`
}

// Notice is one letter telling the applicant why the decision is late;
// Letter is the letter as sent (a PDF), when kept.
type Notice struct {
	Number     string    `json:"number"`
	On         string    `json:"on"` // YYYY-MM-DD
	Reason     string    `json:"reason"`
	ExpectedOn string    `json:"expected_on"`
	RecordedAt time.Time `json:"recorded_at"`
	Letter     *FileRef  `json:"letter,omitempty"`
}

// FileRef names a file of the bundle's files/ directory by the SHA-256 of
// its bytes, with its size and the name it was uploaded under.
type FileRef struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Rating is one raw satisfaction rating: the answers (1–5) per dimension
// key of the question set version it answered.
type Rating struct {
	Key
	Point       Ref                 `json:"point"`
	Process     *Ref                `json:"process,omitempty"`
	QuestionSet int                 `json:"question_set"`
	Answers     map[string]int      `json:"answers"`
	Respondent  openinfo.Respondent `json:"respondent"`
	Comment     string              `json:"comment,omitempty"`
	Channel     string              `json:"channel"`
	CreatedAt   time.Time           `json:"created_at"`
	Suspect     bool                `json:"suspect,omitempty"`
}

// Officer is a back-office user: who they are at their identity provider
// (issuer and subject, with the username shown there), their agency and role.
type Officer struct {
	Key
	Issuer     string        `json:"issuer"`
	Subject    string        `json:"subject"`
	Username   string        `json:"username,omitempty"`
	GivenName  string        `json:"given_name,omitempty"`
	FamilyName string        `json:"family_name,omitempty"`
	Email      string        `json:"email,omitempty"`
	Phone      string        `json:"phone,omitempty"`
	Agency     *Ref          `json:"agency,omitempty"`
	Role       openinfo.Role `json:"role"`
}

// Token is a pending first token (not spent, not revoked): its hash, so the
// officer who holds it can still redeem it, and the sealed copy (readable
// only with the same sealing key).
type Token struct {
	Key
	Agency    Ref           `json:"agency"`
	Role      openinfo.Role `json:"role"`
	Hash      string        `json:"hash"`
	Sealed    string        `json:"sealed,omitempty"`
	IssuedAt  time.Time     `json:"issued_at"`
	ExpiresAt time.Time     `json:"expires_at"`
}

// Manifest is manifest.json: the format, and how many records of each entity.
type Manifest struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Counts  map[Entity]int `json:"counts"`
}

// Record is any record type.
type Record interface{ RecordKey() Key }

func (k Key) RecordKey() Key { return k }

// New returns an empty record of entity e.
func New(e Entity) (Record, error) {
	switch e {
	case Agencies:
		return &Agency{}, nil
	case Points:
		return &Point{}, nil
	case Processes:
		return &Process{}, nil
	case Services:
		return &Service{}, nil
	case Pins:
		return &Pin{}, nil
	case Egov:
		return &EgovRecord{}, nil
	case LicenceReports:
		return &LicenceReport{}, nil
	case DelayNotices:
		return &DelayNotice{}, nil
	case Ratings:
		return &Rating{}, nil
	case Officers:
		return &Officer{}, nil
	case Tokens:
		return &Token{}, nil
	}
	return nil, fmt.Errorf("unknown entity %q", e)
}

// PinID is the legacy ID of a pin made from its two ends: a pin has no ID
// of its own in openinfo.
func PinID(point, other Ref, service bool) string {
	kind := "process"
	if service {
		kind = "service"
	}
	return point.String() + "|" + kind + "|" + other.String()
}

// Encode is a record as one line (without the newline): fields in the
// order of the type, no HTML escaping, so Thai and URLs stay readable.
func Encode(r Record) ([]byte, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(b.String(), "\n")), nil
}

// FilesDir is the directory of a bundle's files, each named by the
// lowercase hex SHA-256 of its bytes.
const FilesDir = "files/"

// FileRefs lists the files record r refers to: a manual's attachments, a
// Section 10/16 record's signed document, a delay notice's letters.
func FileRefs(r Record) []FileRef {
	var out []FileRef
	switch r := r.(type) {
	case *Process:
		for _, rv := range r.Revisions {
			for _, a := range rv.Content.Attachments {
				out = append(out, FileRef{Name: a.Name, SHA256: a.Key, Size: a.Size})
			}
		}
	case *EgovRecord:
		if r.FileKey != "" {
			out = append(out, FileRef{Name: r.FileKey + ".pdf", SHA256: r.FileKey})
		}
	case *DelayNotice:
		for _, n := range r.Notices {
			if n.Letter != nil {
				out = append(out, *n.Letter)
			}
		}
	}
	return out
}

// Removal is a tombstone: the record of Key (of the file's entity) was
// removed at its source. A pin's tombstone also names its two ends, as the
// pin itself does. See docs/bundle.md for what the import does with one.
type Removal struct {
	Key
	Removed bool `json:"removed"`
	Point   *Ref `json:"point,omitempty"`
	Process *Ref `json:"process,omitempty"`
	Service *Ref `json:"service,omitempty"`
}
