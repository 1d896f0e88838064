package openinfo

import (
	"strings"
	"testing"
	"time"
)

// The manual under test belongs to unit 23 of department 5 (pathUnit23).
const manualPath = "/1/5/23/"

var wfActors = []struct {
	name string
	o    Officer
}{
	{"author", Officer{UserID: 11, Role: RoleAuthor, AgencyID: 5, AgencyPath: "/1/5/"}},
	{"reviewer", Officer{UserID: 12, Role: RoleReviewer, AgencyID: 5, AgencyPath: "/1/5/"}},
	{"opdc", Officer{UserID: 13, Role: RoleOPDC}},
	{"central", Officer{UserID: 14, Role: RoleCentral, AgencyID: 5, AgencyPath: "/1/5/"}},
	{"admin", Officer{UserID: 15, Role: RoleAdmin}},
	{"foreign author", Officer{UserID: 16, Role: RoleAuthor, AgencyID: 6, AgencyPath: "/1/6/"}},
	{"foreign reviewer", Officer{UserID: 17, Role: RoleReviewer, AgencyID: 55, AgencyPath: "/1/55/"}},
	{"unit author", Officer{UserID: 18, Role: RoleAuthor, AgencyID: 23, AgencyPath: "/1/5/23/"}},
	{"system", Officer{}},
}

var wfStates = []RevisionState{RevDraft, RevWaitingStep1, RevWaitingStep2, RevReturned, RevPublished, RevSuperseded}
var wfEvents = []RevisionEvent{EvEdit, EvSubmit, EvApproveStep1, EvReturnStep1, EvApproveStep2, EvReturnStep2, EvSupersede}

// wfAllowed is the workflow, written out independently of revisionRules.
var wfAllowed = map[RevisionState]map[RevisionEvent]RevisionState{
	RevDraft:        {EvEdit: RevDraft, EvSubmit: RevWaitingStep1},
	RevReturned:     {EvEdit: RevReturned, EvSubmit: RevWaitingStep1},
	RevWaitingStep1: {EvApproveStep1: RevWaitingStep2, EvReturnStep1: RevReturned},
	RevWaitingStep2: {EvApproveStep2: RevPublished, EvReturnStep2: RevReturned},
	RevPublished:    {EvSupersede: RevSuperseded},
}

// wfWho says which actors may take each event on manualPath.
var wfWho = map[RevisionEvent][]string{
	EvEdit:         {"author", "unit author"},
	EvSubmit:       {"author", "unit author"},
	EvApproveStep1: {"reviewer"},
	EvReturnStep1:  {"reviewer"},
	EvApproveStep2: {"opdc"},
	EvReturnStep2:  {"opdc"},
	EvSupersede:    {"system"},
}

func TestTransitionMatrix(t *testing.T) {
	for _, st := range wfStates {
		for _, ev := range wfEvents {
			for _, a := range wfActors {
				got, err := Transition(st, ev, a.o, manualPath, "กรุณาแก้ไขขั้นตอนที่ 2")
				may := false
				for _, n := range wfWho[ev] {
					may = may || n == a.name
				}
				to, applies := wfAllowed[st][ev]
				var wantCode string
				switch {
				case !may && a.name == "system":
					wantCode = EUNAUTHORIZED
				case !may:
					wantCode = EFORBIDDEN
				case !applies:
					wantCode = ECONFLICT
				}
				if ErrorCode(err) != wantCode || (wantCode == "" && got != to) || (wantCode != "" && got != "") {
					t.Errorf("%s + %s by %s = %q, %v (code %q); want %q, code %q", st, ev, a.name, got, err, ErrorCode(err), to, wantCode)
				}
				if err != nil && (ErrorMessage(err, "th") == "" || ErrorMessage(err, "en") == "" ||
					ErrorMessage(err, "th") == ErrorMessage(err, "en")) {
					t.Errorf("%s + %s by %s: error lacks a Thai or English message: %v", st, ev, a.name, err)
				}
			}
		}
	}
}

func TestTransitionComments(t *testing.T) {
	reviewer, opdc := wfActors[1].o, wfActors[2].o
	for _, tt := range []struct {
		name    string
		state   RevisionState
		ev      RevisionEvent
		actor   Officer
		comment string
		code    string
	}{
		{"step 1 return needs a comment", RevWaitingStep1, EvReturnStep1, reviewer, "", EINVALID},
		{"blank is no comment", RevWaitingStep1, EvReturnStep1, reviewer, "  \n ", EINVALID},
		{"step 2 return needs a comment", RevWaitingStep2, EvReturnStep2, opdc, "", EINVALID},
		{"approval needs none", RevWaitingStep1, EvApproveStep1, reviewer, "", ""},
		{"step 2 approval needs none", RevWaitingStep2, EvApproveStep2, opdc, "", ""},
		{"comment too long", RevWaitingStep2, EvApproveStep2, opdc, strings.Repeat("ก", MaxRevisionComment+1), EINVALID},
		{"longest comment", RevWaitingStep2, EvReturnStep2, opdc, strings.Repeat("ก", MaxRevisionComment), ""},
		{"unknown event", RevDraft, "publish", wfActors[0].o, "", EINVALID},
		{"unknown state", "archived", EvEdit, wfActors[0].o, "", EINVALID},
		{"state checked before the comment", RevDraft, EvReturnStep1, reviewer, "", ECONFLICT},
	} {
		_, err := Transition(tt.state, tt.ev, tt.actor, manualPath, tt.comment)
		if ErrorCode(err) != tt.code {
			t.Errorf("%s: error %v, want code %q", tt.name, err, tt.code)
		}
		if tt.code == EINVALID && tt.comment == "" && tt.ev != "publish" && tt.state != "archived" && !fieldsOf(err)["comment"] {
			t.Errorf("%s: no field error on comment: %v", tt.name, err)
		}
	}
}

func TestConflictMessageSaysWhy(t *testing.T) {
	_, err := Transition(RevWaitingStep1, EvEdit, wfActors[0].o, manualPath, "")
	if !strings.Contains(ErrorMessage(err, "th"), "รอเจ้าหน้าที่รีวิวคู่มือ") || !strings.Contains(ErrorMessage(err, "en"), "step 1") {
		t.Errorf("message does not say the revision waits for step 1: %v", err)
	}
	_, err = Transition(RevPublished, EvEdit, wfActors[0].o, manualPath, "")
	if !strings.Contains(ErrorMessage(err, "en"), "open a new revision") {
		t.Errorf("message does not point to a new revision: %v", err)
	}
}

// The returned → edit → resubmit loop, through both steps, with its history.
func TestRevisionLoop(t *testing.T) {
	author, reviewer, opdc := wfActors[0].o, wfActors[1].o, wfActors[2].o
	at := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	revs := []RevisionRef{{ID: 1, State: RevDraft}}
	var history []RevisionRecord
	steps := []struct {
		ev      RevisionEvent
		actor   Officer
		comment string
		want    RevisionState
	}{
		{EvEdit, author, "", RevDraft},
		{EvSubmit, author, "", RevWaitingStep1},
		{EvReturnStep1, reviewer, "ค่าธรรมเนียมไม่ตรงกับกฎกระทรวง", RevReturned},
		{EvEdit, author, "", RevReturned},
		{EvEdit, author, "", RevReturned},
		{EvSubmit, author, "แก้ไขค่าธรรมเนียมแล้ว", RevWaitingStep1},
		{EvApproveStep1, reviewer, "", RevWaitingStep2},
		{EvReturnStep2, opdc, "ระยะเวลารวมเกินกว่าที่กฎหมายกำหนด", RevReturned},
		{EvSubmit, author, "", RevWaitingStep1},
		{EvApproveStep1, reviewer, "ถูกต้อง", RevWaitingStep2},
		{EvApproveStep2, opdc, "", RevPublished},
	}
	for i, s := range steps {
		at = at.Add(time.Hour)
		effects, err := ApplyRevisionEvent(revs, 1, s.ev, s.actor, manualPath, s.comment, at)
		if err != nil {
			t.Fatalf("step %d (%s): %v", i, s.ev, err)
		}
		if len(effects) != 1 {
			t.Fatalf("step %d (%s): %d effects, want 1", i, s.ev, len(effects))
		}
		r := effects[0].Record
		if effects[0].RevisionID != 1 || r.From != revs[0].State || r.To != s.want || r.Event != s.ev ||
			r.ActorID != s.actor.UserID || !r.At.Equal(at) || r.Comment != s.comment {
			t.Errorf("step %d: record %+v", i, r)
		}
		revs[0].State = r.To
		history = append(history, r)
	}
	if len(history) != len(steps) || revs[0].State != RevPublished {
		t.Errorf("ended in %s after %d records", revs[0].State, len(history))
	}
}

// The published revision stays published until the next one's step-2
// approval, which publishes the new one and supersedes the old in one go.
func TestPublishSupersedes(t *testing.T) {
	author, reviewer, opdc := wfActors[0].o, wfActors[1].o, wfActors[2].o
	at := time.Date(2025, 6, 2, 10, 0, 0, 0, time.UTC)
	revs := []RevisionRef{{1, RevSuperseded}, {2, RevPublished}, {3, RevDraft}}
	apply := func(ev RevisionEvent, o Officer, comment string) []RevisionEffect {
		t.Helper()
		effects, err := ApplyRevisionEvent(revs, 3, ev, o, manualPath, comment, at)
		if err != nil {
			t.Fatalf("%s: %v", ev, err)
		}
		for _, e := range effects {
			for i := range revs {
				if revs[i].ID == e.RevisionID {
					revs[i].State = e.Record.To
				}
			}
		}
		return effects
	}
	for _, ev := range []struct {
		ev RevisionEvent
		o  Officer
		c  string
	}{{EvSubmit, author, ""}, {EvReturnStep1, reviewer, "แก้ไข"}, {EvSubmit, author, ""}, {EvApproveStep1, reviewer, ""}} {
		if effects := apply(ev.ev, ev.o, ev.c); len(effects) != 1 || revs[1].State != RevPublished {
			t.Fatalf("%s: effects %+v; revision 2 is %s, want still published", ev.ev, effects, revs[1].State)
		}
	}
	effects := apply(EvApproveStep2, opdc, "")
	if len(effects) != 2 {
		t.Fatalf("approve step 2: effects %+v, want publish and supersede", effects)
	}
	pub, sup := effects[0], effects[1]
	if pub.RevisionID != 3 || pub.Record.To != RevPublished || pub.Record.ActorID != opdc.UserID {
		t.Errorf("first effect %+v, want revision 3 published by OPDC", pub)
	}
	if sup.RevisionID != 2 || sup.Record.From != RevPublished || sup.Record.To != RevSuperseded ||
		sup.Record.Event != EvSupersede || sup.Record.ActorID != 0 || !sup.Record.At.Equal(at) {
		t.Errorf("second effect %+v, want revision 2 superseded by the system", sup)
	}
	if revs[0].State != RevSuperseded || revs[1].State != RevSuperseded || revs[2].State != RevPublished {
		t.Errorf("states after publication: %+v", revs)
	}

	// The first publication supersedes nothing.
	first := []RevisionRef{{7, RevWaitingStep2}}
	if effects, err := ApplyRevisionEvent(first, 7, EvApproveStep2, opdc, manualPath, "", at); err != nil || len(effects) != 1 {
		t.Errorf("first publication: %+v, %v", effects, err)
	}
	// Nothing changes on a refused event.
	if effects, err := ApplyRevisionEvent(first, 7, EvApproveStep2, reviewer, manualPath, "", at); ErrorCode(err) != EFORBIDDEN || effects != nil {
		t.Errorf("reviewer approving step 2: %+v, %v", effects, err)
	}
	if _, err := ApplyRevisionEvent(first, 8, EvEdit, author, manualPath, "", at); ErrorCode(err) != ENOTFOUND {
		t.Errorf("unknown revision: %v", err)
	}
}

func TestCanOpenRevision(t *testing.T) {
	for _, tt := range []struct {
		latest RevisionState
		code   string
	}{
		{"", ""},
		{RevPublished, ""},
		{RevSuperseded, ""},
		{RevDraft, ECONFLICT},
		{RevWaitingStep1, ECONFLICT},
		{RevWaitingStep2, ECONFLICT},
		{RevReturned, ECONFLICT},
		{"archived", EINVALID},
	} {
		err := CanOpenRevision(tt.latest)
		if ErrorCode(err) != tt.code {
			t.Errorf("CanOpenRevision(%q) = %v, want code %q", tt.latest, err, tt.code)
		}
		if tt.code == ECONFLICT && !strings.Contains(ErrorMessage(err, "th"), tt.latest.Label("th")) {
			t.Errorf("CanOpenRevision(%q): message does not name the open revision's status: %v", tt.latest, err)
		}
	}
}

func TestCheckStale(t *testing.T) {
	if err := CheckStale(4, 4); err != nil {
		t.Errorf("same version: %v", err)
	}
	// Two people open version 4; the first save makes it 5; the second is refused.
	err := CheckStale(4, 5)
	if ErrorCode(err) != ECONFLICT || !strings.Contains(ErrorMessage(err, "th"), "ถูกแก้ไขโดยผู้อื่น") ||
		!strings.Contains(ErrorMessage(err, "en"), "not saved") {
		t.Errorf("stale save: %v", err)
	}
}

func TestRevisionLabels(t *testing.T) {
	if len(RevisionStates) != len(wfStates) || len(RevisionEvents) != len(wfEvents) {
		t.Fatalf("states or events missing from the lists")
	}
	for _, s := range wfStates {
		if !s.Valid() || s.Label("th") == string(s) || s.Label("en") == string(s) {
			t.Errorf("state %q badly labelled", s)
		}
		if s.Open() != (s != RevPublished && s != RevSuperseded) || s.Editable() != (s == RevDraft || s == RevReturned) {
			t.Errorf("state %q: Open or Editable wrong", s)
		}
	}
	for _, e := range wfEvents {
		if e.Label("th") == string(e) || e.Label("en") == string(e) {
			t.Errorf("event %q badly labelled", e)
		}
	}
	if RevisionState("x").Valid() {
		t.Error("unknown state is valid")
	}
}
