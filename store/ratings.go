package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// Satisfaction ratings: rating codes of service points, question sets,
// rejections. Ingestion is in ratingwriter.go, reports in ratingreport.go.

// fillRateCodes gives every service point without a rating code its default
// code (openinfo.RateCodeFor). Codes are built in Go from integers and a
// fixed alphabet, so they are written as literals, a thousand per statement.
func (d *DB) fillRateCodes(ctx context.Context, q dbtx) error {
	for {
		rows, err := q.QueryContext(ctx, `SELECT id FROM service_points WHERE rate_code IS NULL ORDER BY id LIMIT 5000`)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		for start := 0; start < len(ids); start += 1000 {
			chunk := ids[start:min(start+1000, len(ids))]
			// A point imported from a bundle may hold another's default
			// code (docs/bundle.md): those get a free one.
			taken, err := takenRateCodes(ctx, q, chunk)
			if err != nil {
				return err
			}
			var b strings.Builder
			b.WriteString(`UPDATE service_points SET rate_code = v.column2 FROM (VALUES `)
			for i, id := range chunk {
				if i > 0 {
					b.WriteByte(',')
				}
				code := openinfo.RateCodeFor(id)
				if taken[code] {
					if code, err = freeRateCode(ctx, q, id); err != nil {
						return err
					}
				}
				b.WriteString("(" + strconv.FormatInt(id, 10) + ",'" + code + "')")
			}
			b.WriteString(`) AS v WHERE service_points.id = v.column1`)
			if _, err := q.ExecContext(ctx, b.String()); err != nil {
				return err
			}
		}
	}
}

// dbtx is a *sql.DB or *sql.Tx.
type dbtx interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}

// takenRateCodes returns which of the points' default codes are held by
// other points.
func takenRateCodes(ctx context.Context, q dbtx, ids []int64) (map[string]bool, error) {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("'" + openinfo.RateCodeFor(id) + "'")
	}
	rows, err := q.QueryContext(ctx, `SELECT rate_code FROM service_points WHERE rate_code IN (`+b.String()+`)
		UNION ALL SELECT code FROM legacy_links WHERE kind = 'rate_code' AND code IN (`+b.String()+`)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	taken := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		taken[c] = true
	}
	return taken, rows.Err()
}

// freeRateCode returns point id's default code, or when another point
// holds it (one imported with its code), the first free code of the
// sequence RateCodeFor(id + k·100,000,007).
func freeRateCode(ctx context.Context, q dbtx, id int64) (string, error) {
	for k := int64(0); ; k++ {
		code := openinfo.RateCodeFor(id + k*100_000_007)
		rows, err := q.QueryContext(ctx, `SELECT 1 FROM service_points WHERE rate_code = $1 UNION ALL SELECT 1 FROM legacy_links WHERE kind = 'rate_code' AND code = $1`, code)
		if err != nil {
			return "", err
		}
		used := rows.Next()
		rows.Close()
		if !used {
			return code, nil
		}
	}
}

// RateCode returns the rating code of service point id.
func (d *DB) RateCode(ctx context.Context, pointID int64) (string, error) {
	var code sql.NullString
	err := d.db.QueryRowContext(ctx, `SELECT rate_code FROM service_points WHERE id = $1`, pointID).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบจุดบริการรหัส %d", "Service point %d not found.", pointID)
	}
	if err != nil {
		return "", err
	}
	if !code.Valid {
		// A point made by a path that did not assign one yet.
		if err := d.fillRateCodes(ctx, d.db); err != nil {
			return "", err
		}
		return d.RateCode(ctx, pointID)
	}
	return code.String, nil
}

// PointByRateCode finds the service point of a rating code (normalized):
// the point's own code, or a code printed on an old poster that a bundle
// import linked to it (legacy_links). A code that is neither is refused.
func (d *DB) PointByRateCode(ctx context.Context, code string) (*openinfo.ServicePoint, error) {
	code = openinfo.NormalizeRateCode(code)
	var id int64
	err := sql.ErrNoRows
	if openinfo.ValidRateCode(code) {
		err = d.db.QueryRowContext(ctx, `SELECT id FROM service_points WHERE rate_code = $1`, code).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) && code != "" && len(code) <= 64 {
		// A code printed on an old poster (docs/bundle.md, legacy_rate_codes).
		err = d.db.QueryRowContext(ctx, `SELECT local_id FROM legacy_links WHERE kind = 'rate_code' AND code = $1`, code).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.ErrBadRateCode
	}
	if err != nil {
		return nil, err
	}
	return d.ServicePoint(ctx, id)
}

// CurrentQuestionSet returns the newest question set version: the default
// set (version 1) until OPDC saves another.
func (d *DB) CurrentQuestionSet(ctx context.Context) (*openinfo.QuestionSet, error) {
	return d.questionSet(ctx, `SELECT version, questions, ask_profile, created_at, created_by FROM question_sets ORDER BY version DESC LIMIT 1`)
}

// QuestionSetVersion returns version v of the question set.
func (d *DB) QuestionSetVersion(ctx context.Context, v int) (*openinfo.QuestionSet, error) {
	qs, err := d.questionSet(ctx, `SELECT version, questions, ask_profile, created_at, created_by FROM question_sets WHERE version = $1`, v)
	if err == nil && qs.Version != v {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบชุดคำถามฉบับที่ %d", "Question set version %d not found.", v)
	}
	return qs, err
}

func (d *DB) questionSet(ctx context.Context, query string, args ...any) (*openinfo.QuestionSet, error) {
	var qs openinfo.QuestionSet
	var questions string
	err := d.db.QueryRowContext(ctx, query, args...).Scan(&qs.Version, &questions, &qs.AskProfile, &qs.CreatedAt, &qs.CreatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		def := openinfo.DefaultQuestionSet()
		return &def, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(questions), &qs.Questions); err != nil {
		return nil, err
	}
	return &qs, nil
}

// QuestionSets lists every version, newest first.
func (d *DB) QuestionSets(ctx context.Context) ([]*openinfo.QuestionSet, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT version, questions, ask_profile, created_at, created_by FROM question_sets ORDER BY version DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*openinfo.QuestionSet
	for rows.Next() {
		var qs openinfo.QuestionSet
		var questions string
		if err := rows.Scan(&qs.Version, &questions, &qs.AskProfile, &qs.CreatedAt, &qs.CreatedBy); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(questions), &qs.Questions); err != nil {
			return nil, err
		}
		out = append(out, &qs)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 || out[len(out)-1].Version != 1 {
		def := openinfo.DefaultQuestionSet()
		out = append(out, &def)
	}
	return out, nil
}

// SaveQuestionSet makes qs the next version, unless it asks the same as the
// current one (then it reports false and changes nothing). Audited.
func (d *DB) SaveQuestionSet(ctx context.Context, qs *openinfo.QuestionSet) (bool, error) {
	if err := qs.Validate(); err != nil {
		return false, err
	}
	made := false
	err := d.tx(ctx, func(tx *sql.Tx) error {
		cur, err := d.CurrentQuestionSet(ctx)
		if err != nil {
			return err
		}
		if cur.SameQuestions(qs) {
			return nil
		}
		insert := func(s *openinfo.QuestionSet) error {
			b, _ := json.Marshal(s.Questions)
			_, err := tx.ExecContext(ctx, `INSERT INTO question_sets (version, questions, ask_profile, created_at, created_by) VALUES ($1, $2, $3, $4, $5)`,
				s.Version, string(b), s.AskProfile, s.CreatedAt, s.CreatedBy)
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM question_sets`).Scan(&n); err != nil {
			return err
		}
		now := d.now()
		if n == 0 {
			// The built-in version 1 is stored before its successor.
			def := openinfo.DefaultQuestionSet()
			def.CreatedAt = now
			if err := insert(&def); err != nil {
				return err
			}
		}
		qs.Version, qs.CreatedAt, qs.CreatedBy = cur.Version+1, now, openinfo.ActorFrom(ctx).UserID
		if err := insert(qs); err != nil {
			return err
		}
		made = true
		return d.audit(ctx, tx, "question_set.create", "question_set", int64(qs.Version), cur, qs)
	})
	return made, err
}

// Reasons a rating attempt is refused; each is counted, never stored as a rating.
const (
	RejectInvalid     = "invalid"
	RejectOncePerDay  = "once_per_day"
	RejectRateLimited = "rate_limited"
	RejectUnknownCode = "unknown_code"
)

// CountRejection counts one refused rating attempt of point (0: unknown).
func (d *DB) CountRejection(ctx context.Context, pointID int64, reason string) error {
	_, err := d.db.ExecContext(ctx, `INSERT INTO rating_rejections (day, point_id, reason, n) VALUES ($1, $2, $3, 1)
		ON CONFLICT (day, point_id, reason) DO UPDATE SET n = rating_rejections.n + 1`,
		openinfo.RatingDay(d.now()), pointID, reason)
	return err
}

// Rejections returns the counted refusals per reason (pointID 0: all points).
func (d *DB) Rejections(ctx context.Context, pointID int64) (map[string]int64, error) {
	var w where
	if pointID != 0 {
		w.add("point_id = ?", pointID)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT reason, sum(n) FROM rating_rejections`+w.sql()+` GROUP BY reason`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var r string
		var n int64
		if err := rows.Scan(&r, &n); err != nil {
			return nil, err
		}
		out[r] = n
	}
	return out, rows.Err()
}

// RatingCount returns how many ratings are stored (tests, tools).
func (d *DB) RatingCount(ctx context.Context) (int64, error) {
	var n int64
	err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM ratings`).Scan(&n)
	return n, err
}

// ratingColumns are the raw columns in insert order.
const ratingColumns = `point_id, agency_id, process_id, question_set, month, created_at,
	a_process, a_staff, a_facilities, a_result, a_channel, respondent, comment, channel`

// Ratings returns raw ratings in id order, for exports and checks; filters
// as in RatingFilter. Use on small sets only.
func (d *DB) Ratings(ctx context.Context, f RatingFilter) ([]openinfo.Rating, error) {
	w, from, err := d.rawWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := d.db.QueryContext(ctx, `SELECT r.id, r.point_id, r.agency_id, r.process_id, r.question_set, r.created_at,
		r.a_process, r.a_staff, r.a_facilities, r.a_result, r.a_channel, r.respondent, r.comment, r.channel, r.suspect`+from+w.sql()+` ORDER BY r.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []openinfo.Rating
	for rows.Next() {
		var r openinfo.Rating
		var resp string
		if err := rows.Scan(&r.ID, &r.PointID, &r.AgencyID, &r.ProcessID, &r.QuestionSet, &r.CreatedAt, &r.Answers[0], &r.Answers[1],
			&r.Answers[2], &r.Answers[3], &r.Answers[4], &resp, &r.Comment, &r.Channel, &r.Suspect); err != nil {
			return nil, err
		}
		if resp != "" {
			json.Unmarshal([]byte(resp), &r.Respondent)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RatingLimits are how many rating attempts one address may make per hour:
// at one service point, and in all.
type RatingLimits struct {
	Point, All int
}

// RatingRateLimit counts one rating attempt from ip at point against lim,
// across nodes (rate_events), in one transaction. The point's limit is
// checked first and a refused attempt counts against nothing: a loop at one
// point uses up that point's allowance only, not the address's overall one
// that citizens at other points behind the same NAT share. recent is how
// many attempts from ip at this point were let through in the past hour
// before this one, to flag bursts.
func (d *DB) RatingRateLimit(ctx context.Context, ip string, pointID int64, lim RatingLimits) (ok bool, retry time.Duration, recent int, err error) {
	now, window := d.now(), time.Hour
	keys := [2]string{"rating:" + ip + ":" + strconv.FormatInt(pointID, 10), "rating:" + ip}
	limits := [2]int{lim.Point, lim.All}
	var oldest sql.NullTime
	err = d.tx(ctx, func(tx *sql.Tx) error {
		ok, oldest = false, sql.NullTime{}
		for i, key := range keys {
			if _, err := tx.ExecContext(ctx, `DELETE FROM rate_events WHERE key = $1 AND at < $2`, key, now.Add(-window)); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rate_events WHERE key = $1`, key).Scan(&n); err != nil {
				return err
			}
			if i == 0 {
				recent = n
			}
			if n >= limits[i] {
				// Not min(at): SQLite's aggregates lose the column's time type.
				return tx.QueryRowContext(ctx, `SELECT at FROM rate_events WHERE key = $1 ORDER BY at LIMIT 1`, key).Scan(&oldest)
			}
		}
		for _, key := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rate_events (key, at) VALUES ($1, $2)`, key, now); err != nil {
				return err
			}
		}
		ok = true
		return nil
	})
	if err != nil || ok {
		return ok && err == nil, 0, recent, err
	}
	return false, oldest.Time.Add(window).Sub(now), recent, nil
}
