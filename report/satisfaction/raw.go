package satisfaction

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// The raw-ratings export: every rating of a scope and period, one row
// each, streamed from the database (a year of the country is millions of
// rows; nothing is held but the row being written).

// Filter is the raw ratings a query selects.
func (q Query) Filter() store.RatingFilter {
	from, to := q.Period.Months()
	f := store.RatingFilter{ProcessID: q.Process, FromMonth: from, ToMonth: to}
	switch {
	case q.Point != nil:
		f.PointID = q.Point.ID
	case q.Agency != nil:
		f.AgencyPath = q.Agency.Path
	}
	if q.IncludeSuspect {
		f.Suspect = store.SuspectInclude // else the zero value: the unflagged only
	}
	return f
}

// FilterParams writes f as the parameters a background export keeps: the
// filter as resolved (and authorized) when it was asked for, so the run
// reads the same rows whoever runs it and whatever changed since.
func FilterParams(f store.RatingFilter) url.Values {
	v := url.Values{}
	set := func(k string, n int64) {
		if n != 0 {
			v.Set(k, strconv.FormatInt(n, 10))
		}
	}
	if f.AgencyPath != "" {
		v.Set("path", f.AgencyPath)
	}
	set("point", f.PointID)
	set("process", f.ProcessID)
	set("from", int64(f.FromMonth))
	set("to", int64(f.ToMonth))
	v.Set("suspect", strconv.Itoa(int(f.Suspect)))
	return v
}

// ParseFilterParams reads what FilterParams wrote.
func ParseFilterParams(v url.Values) (store.RatingFilter, error) {
	var f store.RatingFilter
	num := func(k string) (int64, error) {
		s := v.Get(k)
		if s == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return 0, openinfo.Errorf(openinfo.EINVALID, "ค่า %s ของไฟล์ส่งออกไม่ถูกต้อง", "The export's %s is not valid.", k)
		}
		return n, nil
	}
	f.AgencyPath = v.Get("path")
	if strings.Trim(f.AgencyPath, "/0123456789") != "" {
		return f, openinfo.Errorf(openinfo.EINVALID, "ค่า path ของไฟล์ส่งออกไม่ถูกต้อง", "The export's path is not valid.")
	}
	var err error
	var n [5]int64
	for i, k := range []string{"point", "process", "from", "to", "suspect"} {
		if n[i], err = num(k); err != nil {
			return f, err
		}
	}
	f.PointID, f.ProcessID, f.FromMonth, f.ToMonth, f.Suspect = n[0], n[1], int(n[2]), int(n[3]), store.SuspectMode(n[4])
	return f, nil
}

// choiceLabels maps each profile field's stored value to its label in a language.
var choiceLabels = func() map[string][2]map[string]string {
	out := map[string][2]map[string]string{}
	for _, q := range openinfo.RespondentChoices {
		m := [2]map[string]string{{}, {}}
		for _, c := range q.Values {
			m[0][c.Value], m[1][c.Value] = c.TH, c.EN
		}
		out[q.Field] = m
	}
	return out
}()

// RawTable is the raw-ratings table of f: one row per rating, in id order,
// read from the database as it is written.
func RawTable(ctx context.Context, db *store.DB, f store.RatingFilter, lang string) export.Table {
	li := 0
	if lang == "en" {
		li = 1
	}
	cols := []export.Column{
		{Header: pick(lang, "รหัส", "ID"), Kind: export.Integer},
		{Header: pick(lang, "วันเวลาที่ประเมิน", "Rated at"), Kind: export.DateTime, Width: 19},
		{Header: pick(lang, "เดือน", "Month"), Kind: export.Integer},
		{Header: pick(lang, "หน่วยงาน", "Agency"), Width: 40},
		{Header: pick(lang, "จุดบริการ", "Service point"), Width: 40},
		{Header: pick(lang, "กระบวนงาน", "Process"), Width: 40},
		{Header: pick(lang, "ชุดคำถาม", "Question set"), Kind: export.Integer},
	}
	for _, d := range openinfo.Dimensions {
		cols = append(cols, export.Column{Header: d.In(lang), Kind: export.Integer})
	}
	for _, q := range openinfo.RespondentChoices {
		cols = append(cols, export.Column{Header: pick(lang, q.TH, q.EN)})
	}
	cols = append(cols, export.Column{Header: pick(lang, "ข้อเสนอแนะ", "Comment"), Width: 60},
		export.Column{Header: pick(lang, "ช่องทาง", "Channel")},
		export.Column{Header: pick(lang, "ถูกตั้งข้อสังเกต", "Flagged")})
	yes, no := pick(lang, "ใช่", "yes"), ""
	return export.Table{
		Name:    pick(lang, "ผลประเมินรายรายการ", "Ratings"),
		Columns: cols,
		Rows: func(yield func([]export.Value, error) bool) {
			row := make([]export.Value, 0, len(cols))
			for r, err := range db.RatingRows(ctx, f) {
				if err != nil {
					yield(nil, err)
					return
				}
				row = append(row[:0], export.Int(r.ID), export.Time(r.At.In(thaitime.Bangkok)), export.Int(int64(r.Month)),
					export.Str(r.Agency), export.Str(r.Point), export.Str(r.Process), export.Int(int64(r.QuestionSet)))
				for _, a := range r.Answers {
					if a == 0 {
						row = append(row, export.Empty)
					} else {
						row = append(row, export.Int(int64(a)))
					}
				}
				for _, q := range openinfo.RespondentChoices {
					v := r.Respondent.Get(q.Field)
					if l, ok := choiceLabels[q.Field][li][v]; ok {
						v = l
					}
					row = append(row, export.Str(v))
				}
				flag := no
				if r.Suspect {
					flag = yes
				}
				row = append(row, export.Str(r.Comment), export.Str(r.Channel), export.Str(flag))
				if !yield(row, nil) {
					return
				}
			}
		},
	}
}
