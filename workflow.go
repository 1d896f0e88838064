package openinfo

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// RevisionState is where a revision of a citizen manual stands: the status
// column of the manual list.
//
//	draft ──submit──▶ waiting_step1 ──approve_step1──▶ waiting_step2 ──approve_step2──▶ published ──supersede──▶ superseded
//	  ▲ edit              │ return_step1                    │ return_step2
//	  └─┘                 ▼                                 ▼
//	                   returned ◀───────────────────────────┘
//	                   ▲ edit │ submit (to waiting_step1)
//	                   └──────┘
type RevisionState string

const (
	RevDraft        RevisionState = "draft"
	RevWaitingStep1 RevisionState = "waiting_step1" // the agency's manual reviewer decides
	RevWaitingStep2 RevisionState = "waiting_step2" // an OPDC officer decides
	RevReturned     RevisionState = "returned"      // sent back with a comment; the author edits and resubmits
	RevPublished    RevisionState = "published"     // the public version, until a newer one is published
	RevSuperseded   RevisionState = "superseded"    // was published; a newer revision replaced it
)

// RevisionStates lists the states with their Thai and English names, in the
// order of the list filter.
var RevisionStates = []struct {
	State RevisionState
	Text
}{
	{RevDraft, Text{"ฉบับร่าง", "Draft"}},
	{RevWaitingStep1, Text{"รอพิจารณาขั้นที่ 1 (หน่วยงาน)", "Waiting for step 1 (agency review)"}},
	{RevWaitingStep2, Text{"รออนุมัติขั้นที่ 2 (ก.พ.ร.)", "Waiting for step 2 (OPDC approval)"}},
	{RevReturned, Text{"ส่งกลับแก้ไข", "Returned for changes"}},
	{RevPublished, Text{"เผยแพร่แล้ว", "Published"}},
	{RevSuperseded, Text{"ถูกแทนที่ด้วยฉบับใหม่", "Superseded"}},
}

// Valid reports whether s is a known state.
func (s RevisionState) Valid() bool {
	for _, x := range RevisionStates {
		if x.State == s {
			return true
		}
	}
	return false
}

// Label returns the state's name in lang.
func (s RevisionState) Label(lang string) string {
	for _, x := range RevisionStates {
		if x.State == s {
			return x.In(lang)
		}
	}
	return string(s)
}

// Open reports whether the revision is still on its way to publication
// (draft, waiting or returned): a manual has at most one open revision.
func (s RevisionState) Open() bool {
	return s == RevDraft || s == RevWaitingStep1 || s == RevWaitingStep2 || s == RevReturned
}

// Editable reports whether the author may change the revision's content.
func (s RevisionState) Editable() bool { return s == RevDraft || s == RevReturned }

// RevisionEvent is something that happens to a revision.
type RevisionEvent string

const (
	EvEdit         RevisionEvent = "edit"          // the author saves the content
	EvSubmit       RevisionEvent = "submit"        // the author sends it for review
	EvApproveStep1 RevisionEvent = "approve_step1" // the agency's reviewer approves
	EvReturnStep1  RevisionEvent = "return_step1"  // the agency's reviewer returns it with a comment
	EvApproveStep2 RevisionEvent = "approve_step2" // an OPDC officer approves: it is published
	EvReturnStep2  RevisionEvent = "return_step2"  // an OPDC officer returns it with a comment
	EvSupersede    RevisionEvent = "supersede"     // the system, when a newer revision is published
)

// RevisionEvents lists the events with their Thai and English names (for the
// revision's history).
var RevisionEvents = []struct {
	Event RevisionEvent
	Text
}{
	{EvEdit, Text{"แก้ไข", "Edited"}},
	{EvSubmit, Text{"ส่งพิจารณา", "Submitted"}},
	{EvApproveStep1, Text{"อนุมัติขั้นที่ 1", "Approved, step 1"}},
	{EvReturnStep1, Text{"ส่งกลับแก้ไข (ขั้นที่ 1)", "Returned, step 1"}},
	{EvApproveStep2, Text{"อนุมัติขั้นที่ 2 และเผยแพร่", "Approved, step 2, and published"}},
	{EvReturnStep2, Text{"ส่งกลับแก้ไข (ขั้นที่ 2)", "Returned, step 2"}},
	{EvSupersede, Text{"ถูกแทนที่ด้วยฉบับใหม่", "Superseded"}},
}

// Label returns the event's name in lang.
func (e RevisionEvent) Label(lang string) string {
	for _, x := range RevisionEvents {
		if x.Event == e {
			return x.In(lang)
		}
	}
	return string(e)
}

// revisionRules is the workflow: for each event, the state it leads to from
// each state where it applies. Editing a returned revision keeps it returned
// (the comment stays in view) until the author resubmits it.
var revisionRules = map[RevisionEvent]map[RevisionState]RevisionState{
	EvEdit:         {RevDraft: RevDraft, RevReturned: RevReturned},
	EvSubmit:       {RevDraft: RevWaitingStep1, RevReturned: RevWaitingStep1},
	EvApproveStep1: {RevWaitingStep1: RevWaitingStep2},
	EvReturnStep1:  {RevWaitingStep1: RevReturned},
	EvApproveStep2: {RevWaitingStep2: RevPublished},
	EvReturnStep2:  {RevWaitingStep2: RevReturned},
	EvSupersede:    {RevPublished: RevSuperseded},
}

// eventActions says which right each event needs, whatever the state;
// EvSupersede needs none: it is the system's.
var eventActions = map[RevisionEvent]Action{
	EvEdit: ActWriteManual, EvSubmit: ActWriteManual,
	EvApproveStep1: ActReviewManual, EvReturnStep1: ActReviewManual,
	EvApproveStep2: ActApproveManualOPDC, EvReturnStep2: ActApproveManualOPDC,
}

// MaxRevisionComment bounds a reviewer's comment.
const MaxRevisionComment = 4000

// Transition is the revision workflow as a pure function: the state after
// actor takes ev on a revision in state of the manual of the agency whose
// Path is agencyPath, or an error:
//
//   - EINVALID for an unknown event, a return without a comment, or a
//     comment longer than MaxRevisionComment;
//   - EUNAUTHORIZED / EFORBIDDEN (from Authorize) when the actor may not take
//     the event: authors edit and submit, the agency's reviewer decides
//     step 1, both in their own agency's subtree; an OPDC officer decides
//     step 2 for any agency; EvSupersede is the system's alone (the zero
//     Officer), taken when a newer revision is published;
//   - ECONFLICT when the event does not apply in this state (someone else
//     acted first, or the revision is not at that step).
//
// The caller checks the content (ManualContent.Validate) before EvSubmit and
// the version (CheckStale) before EvEdit.
func Transition(state RevisionState, ev RevisionEvent, actor Officer, agencyPath string, comment string) (RevisionState, error) {
	rules, ok := revisionRules[ev]
	if !ok {
		return "", Errorf(EINVALID, "ไม่รู้จักการดำเนินการ \"%s\"", "Unknown action \"%s\".", ev)
	}
	if ev == EvSupersede {
		if actor != (Officer{}) {
			return "", Errorf(EFORBIDDEN, "ระบบเป็นผู้ทำเครื่องหมายฉบับที่ถูกแทนที่เมื่อฉบับใหม่เผยแพร่",
				"Only the system marks a revision superseded, when a newer one is published.")
		}
	} else if err := Authorize(actor, eventActions[ev], agencyPath); err != nil {
		return "", err
	}
	to, ok := rules[state]
	if !ok {
		return "", revisionConflict(state, ev)
	}
	comment = strings.TrimSpace(comment)
	if (ev == EvReturnStep1 || ev == EvReturnStep2) && comment == "" {
		return "", &Error{Code: EINVALID,
			TH:     "กรุณาระบุเหตุผลหรือสิ่งที่ต้องแก้ไขก่อนส่งกลับ",
			EN:     "Say why it is returned, or what to change, before returning it.",
			Fields: []FieldError{{Field: "comment", TH: "กรุณาระบุความเห็น", EN: "Enter a comment."}}}
	}
	if utf8.RuneCountInString(comment) > MaxRevisionComment {
		msgTH := fmt.Sprintf("ความเห็นยาวเกิน %d ตัวอักษร", MaxRevisionComment)
		msgEN := fmt.Sprintf("The comment is longer than %d characters.", MaxRevisionComment)
		return "", &Error{Code: EINVALID, TH: msgTH, EN: msgEN, Fields: []FieldError{{Field: "comment", TH: msgTH, EN: msgEN}}}
	}
	return to, nil
}

// revisionConflict says why ev does not apply to a revision in state.
func revisionConflict(state RevisionState, ev RevisionEvent) error {
	var th, en string
	switch state {
	case RevWaitingStep1:
		th, en = "คู่มือฉบับนี้ส่งพิจารณาแล้วและรอเจ้าหน้าที่รีวิวคู่มือของหน่วยงาน (ขั้นที่ 1)",
			"This revision was submitted and is waiting for the agency's reviewer (step 1)"
	case RevWaitingStep2:
		th, en = "คู่มือฉบับนี้ผ่านขั้นที่ 1 แล้วและรอ ก.พ.ร. อนุมัติ (ขั้นที่ 2)",
			"This revision passed step 1 and is waiting for OPDC (step 2)"
	case RevDraft:
		th, en = "คู่มือฉบับนี้ยังเป็นฉบับร่างและยังไม่ได้ส่งพิจารณา", "This revision is a draft and was not submitted"
	case RevReturned:
		th, en = "คู่มือฉบับนี้ถูกส่งกลับให้ผู้จัดทำแก้ไข", "This revision was returned to its author for changes"
	case RevPublished:
		th, en = "คู่มือฉบับนี้เผยแพร่แล้ว หากต้องการแก้ไขให้สร้างฉบับแก้ไขใหม่ (Revision)",
			"This revision is published; open a new revision to change it"
	case RevSuperseded:
		th, en = "คู่มือฉบับนี้ถูกแทนที่ด้วยฉบับใหม่แล้ว", "This revision was replaced by a newer one"
	default:
		return Errorf(EINVALID, "สถานะของคู่มือไม่ถูกต้อง", "The revision's status is not valid.")
	}
	return &Error{Code: ECONFLICT,
		TH: th + " จึงไม่สามารถดำเนินการ \"" + ev.Label("th") + "\" ได้",
		EN: en + ", so that action is not possible now."}
}

// RevisionRecord is one entry of a revision's history: every transition is
// recorded with who took it, when and the comment. ActorID 0 is the system.
type RevisionRecord struct {
	From, To RevisionState
	Event    RevisionEvent
	ActorID  int64
	At       time.Time
	Comment  string
}

// RevisionRef is a revision of a manual as the workflow sees it.
type RevisionRef struct {
	ID    int64
	State RevisionState
}

// RevisionEffect is one change the store writes: revision RevisionID moves
// as Record says.
type RevisionEffect struct {
	RevisionID int64
	Record     RevisionRecord
}

// ApplyRevisionEvent takes ev on revision id among revisions (every revision
// of one manual) and returns the changes to write, in order. Approving step 2
// of revision N returns two effects when a revision was published before:
// publish N, then supersede the previous one (by the system, ActorID 0). The
// previous revision thus stays public until that moment, and a manual has
// at most one published revision.
func ApplyRevisionEvent(revisions []RevisionRef, id int64, ev RevisionEvent, actor Officer, agencyPath, comment string, at time.Time) ([]RevisionEffect, error) {
	var cur *RevisionRef
	for i := range revisions {
		if revisions[i].ID == id {
			cur = &revisions[i]
		}
	}
	if cur == nil {
		return nil, Errorf(ENOTFOUND, "ไม่พบคู่มือฉบับที่ระบุ", "No such revision of this manual.")
	}
	to, err := Transition(cur.State, ev, actor, agencyPath, comment)
	if err != nil {
		return nil, err
	}
	effects := []RevisionEffect{{RevisionID: id, Record: RevisionRecord{
		From: cur.State, To: to, Event: ev, ActorID: actor.UserID, At: at, Comment: strings.TrimSpace(comment)}}}
	if to != RevPublished {
		return effects, nil
	}
	for _, r := range revisions {
		if r.ID == id || r.State != RevPublished {
			continue
		}
		next, err := Transition(r.State, EvSupersede, Officer{}, agencyPath, "")
		if err != nil {
			return nil, err
		}
		effects = append(effects, RevisionEffect{RevisionID: r.ID, Record: RevisionRecord{
			From: r.State, To: next, Event: EvSupersede, At: at,
			Comment: fmt.Sprintf("แทนที่ด้วยฉบับ #%d", id)}})
	}
	return effects, nil
}

// CanOpenRevision says whether an author may open a new revision of a manual
// whose latest revision is in state latest ("" when it has none): only when
// no revision is open (draft, waiting or returned). Who may open one is
// Authorize(ActWriteManual).
func CanOpenRevision(latest RevisionState) error {
	switch {
	case latest == "" || latest == RevPublished || latest == RevSuperseded:
		return nil
	case latest.Open():
		return &Error{Code: ECONFLICT,
			TH: "คู่มือนี้มีฉบับแก้ไขที่ยังไม่เสร็จอยู่แล้ว (สถานะ: " + latest.Label("th") + ") กรุณาดำเนินการกับฉบับนั้นก่อน",
			EN: "This manual already has an open revision (status: " + latest.Label("en") + "); finish that one first."}
	}
	return Errorf(EINVALID, "สถานะของคู่มือไม่ถูกต้อง", "The revision's status is not valid.")
}

// CheckStale refuses a save made on a copy older than the stored one: two
// people editing the same draft, the second save loses.
func CheckStale(readVersion, currentVersion int64) error {
	if readVersion == currentVersion {
		return nil
	}
	return &Error{Code: ECONFLICT,
		TH: "คู่มือฉบับนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดอ่าน การแก้ไขของท่านจึงยังไม่ถูกบันทึก กรุณาโหลดหน้าใหม่เพื่อดูฉบับล่าสุดแล้วแก้ไขอีกครั้ง",
		EN: "Someone else changed this manual after you opened it, so your changes were not saved. Reload it to see the latest version and make your changes again."}
}

// ManualRevision is one revision of a process's citizen manual: its content
// and where it stands. A new revision starts as a copy of the latest one.
type ManualRevision struct {
	ID          int64
	ProcessID   int64
	Number      int // 1, 2, ... within the process
	State       RevisionState
	Content     ManualContent
	Version     int64 // optimistic lock for saves (CheckStale)
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt time.Time // zero until published
}
