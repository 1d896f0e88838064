package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openinfo/openinfo"
)

// RatingWriter ingests ratings with group commit: handlers Submit a rating
// and wait; one goroutine collects what arrived while the last commit ran,
// writes the raw ratings, the once-per-day register and the ratings' ids
// as pending (rating_unfolded) in ONE transaction, and only after the
// commit answers each waiting handler. An answered rating is therefore
// committed: killing the process right after the answer loses nothing.
// The writer's folder then adds the committed ratings to the roll-ups,
// thousands at once when busy (ratingfold.go); reports fold what is still
// pending before they read, so they are exact.
type RatingWriter struct {
	db       *DB
	ch       chan *ratingReq
	quit     chan struct{}
	done     chan struct{}
	maxBatch int
	linger   time.Duration
	gather   time.Duration
	once     sync.Once

	workers sync.WaitGroup
	folder  *folder
	// writeMu (SQLite) lets one of the writer's transactions at a time
	// write: SQLite has one writer, and its busy handler sleeps.
	writeMu *sync.Mutex
	// Counters for metrics and benchmarks.
	Batches, Accepted, Refused atomic.Int64
}

// RatingWriterOptions tunes a writer; zero values take the defaults.
type RatingWriterOptions struct {
	MaxBatch int // ratings per transaction (default 512)
	// Linger, when set, is how long every batch waits for company. The
	// default, 0, gathers adaptively (see Gather).
	Linger time.Duration
	// Gather bounds how long a batch waits for as many ratings as the
	// worker's previous batch held (default 2 ms; negative: never wait).
	// The handlers answered by one commit mostly come back with their next
	// rating together: taking only what is queued at the instant the
	// worker is free gave batches of 6–13 ratings with 64 clients waiting
	// (issue 19), each paying a whole commit. Waiting for the previous
	// batch's size grows batches to the number of submitters, while a
	// quiet node (previous batch: 1) never waits.
	Gather time.Duration
	// Workers is how many batches the writer has in hand at once (default
	// 2). On PostgreSQL each has its own transaction: while one waits for
	// its commit to reach the disk, the next batch is already written. On
	// SQLite, with one writer at a time, they take turns on a mutex (the
	// folder too, rather than SQLite's sleeping busy handler): while one
	// writes, the other gathers the next batch.
	Workers int
}

type ratingReq struct {
	r      *openinfo.Rating
	device string // hex hash of the device cookie; "" = not checked
	uid    string // the submission's unique id (hex); "" = none
	done   chan error
}

// errReplayed marks, inside a batch, a submission the database already
// holds (same uid): it is answered as accepted and not written again.
var errReplayed = errors.New("store: submission already stored")

// ErrWriterClosed is returned by Submit after Close.
var ErrWriterClosed = errors.New("store: rating writer closed")

// NewRatingWriter starts a writer; Close flushes and stops it.
func (d *DB) NewRatingWriter(o RatingWriterOptions) *RatingWriter {
	if o.MaxBatch <= 0 {
		o.MaxBatch = 512
	}
	w := &RatingWriter{db: d, ch: make(chan *ratingReq, 4*o.MaxBatch), quit: make(chan struct{}), done: make(chan struct{}),
		maxBatch: o.MaxBatch, linger: o.Linger, gather: o.Gather}
	if w.gather == 0 {
		w.gather = 2 * time.Millisecond
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if d.dialect == SQLite {
		w.writeMu = &sync.Mutex{}
	}
	for i := 0; i < o.Workers; i++ {
		w.workers.Add(1)
		go func() {
			defer w.workers.Done()
			w.loop(&writerWorker{})
		}()
	}
	w.folder = newFolder(d, w.writeMu)
	go func() {
		w.workers.Wait()
		w.folder.close() // after the last commit: folds what the workers handed over
		close(w.done)
	}()
	return w
}

// Folded waits until the ratings this writer acknowledged so far are in
// the roll-ups (or their fold failed: they stay pending for FoldRatings).
// Reports need not call it (they fold what is pending themselves); tests
// and benchmarks that read the roll-up tables directly do.
func (w *RatingWriter) Folded() { w.folder.wait() }

// writerWorker is one transaction's worth of a writer.
type writerWorker struct {
	lastPurge time.Time
}

// Submit stores r and returns once it is committed: nil (accepted),
// openinfo.ErrAlreadyRated when device already rated the point today, or
// another error (nothing was stored). device is an opaque device ID (a
// hash of the device cookie, hex); "" skips the once-per-day check.
// r.CreatedAt is set when zero.
func (w *RatingWriter) Submit(ctx context.Context, r *openinfo.Rating, device string) error {
	return w.SubmitOnce(ctx, r, device, "")
}

// SubmitOnce is Submit for a submission with a unique id (hex, at most 64
// characters; NewSubmissionID makes one): submitting the same id again,
// with the same rating, device and CreatedAt, answers nil and stores
// nothing, so a rating kept in the spool while the database was away may
// be replayed any number of times and is counted once. The ids are kept
// for two days, as the once-per-day register.
func (w *RatingWriter) SubmitOnce(ctx context.Context, r *openinfo.Rating, device, uid string) error {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = w.db.now()
	}
	if r.Channel == "" {
		r.Channel = openinfo.ChannelQR
	}
	if !hexOnly(device) || !hexOnly(uid) {
		return errors.New("store: device and submission IDs must be hex")
	}
	req := &ratingReq{r: r, device: device, uid: uid, done: make(chan error, 1)}
	select {
	case <-w.quit:
		return ErrWriterClosed
	default:
	}
	select {
	case w.ch <- req:
	case <-w.quit:
		return ErrWriterClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		// The rating may still be committed; the caller was not told so.
		return ctx.Err()
	}
}

// Close stops accepting ratings, commits those queued, adds them to the
// roll-ups and stops.
func (w *RatingWriter) Close() {
	w.once.Do(func() { close(w.quit) })
	<-w.done
}

func (w *RatingWriter) loop(ws *writerWorker) {
	batch := make([]*ratingReq, 0, w.maxBatch)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	expect := 1 // the previous batch's size
	for {
		var first *ratingReq
		select {
		case first = <-w.ch:
		case <-w.quit:
			// Drain what was queued before Close.
			batch = batch[:0]
			for {
				select {
				case r := <-w.ch:
					batch = append(batch, r)
					if len(batch) == w.maxBatch {
						w.commit(ws, batch)
						batch = batch[:0]
					}
				default:
					if len(batch) > 0 {
						w.commit(ws, batch)
					}
					return
				}
			}
		}
		batch = append(batch[:0], first)
		if w.linger > 0 {
			timer.Reset(w.linger)
		collect:
			for len(batch) < w.maxBatch {
				select {
				case r := <-w.ch:
					batch = append(batch, r)
				case <-timer.C:
					break collect
				}
			}
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
		} else {
		drain:
			for len(batch) < w.maxBatch {
				select {
				case r := <-w.ch:
					batch = append(batch, r)
				default:
					break drain
				}
			}
			if len(batch) < min(expect, w.maxBatch) && w.gather > 0 {
				timer.Reset(w.gather)
			gather:
				for len(batch) < min(expect, w.maxBatch) {
					select {
					case r := <-w.ch:
						batch = append(batch, r)
					case <-timer.C:
						break gather
					}
				}
				if !timer.Stop() {
					select {
					case <-timer.C:
					default:
					}
				}
			}
		}
		expect = len(batch)
		w.commit(ws, batch)
	}
}

// commit writes a batch; when the batch fails as a whole, each rating is
// tried on its own so that one bad rating cannot sink the others.
func (w *RatingWriter) commit(ws *writerWorker, batch []*ratingReq) {
	ctx := context.Background()
	if w.writeMu != nil {
		w.writeMu.Lock()
	}
	results, counted, err := w.db.writeRatings(ctx, batch)
	if w.writeMu != nil {
		w.writeMu.Unlock()
	}
	if err != nil && len(batch) > 1 {
		for _, req := range batch {
			w.commit(ws, []*ratingReq{req})
		}
		return
	}
	w.Batches.Add(1)
	if err == nil {
		w.folder.add(counted)
	}
	for i, req := range batch {
		e := err
		if e == nil {
			e = results[i]
		}
		if e == errReplayed {
			e = nil
		}
		if e == nil {
			w.Accepted.Add(1)
		} else {
			w.Refused.Add(1)
		}
		req.done <- e
	}
	if now := time.Now(); now.Sub(ws.lastPurge) > 10*time.Minute {
		ws.lastPurge = now
		w.db.db.ExecContext(ctx, `DELETE FROM rating_once WHERE day < $1`, openinfo.RatingDay(now.AddDate(0, 0, -2)))
	}
}

// NewSubmissionID returns a new unique submission id for SubmitOnce.
func NewSubmissionID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func hexOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return len(s) <= 64
}

type onceKey struct {
	device string
	point  int64
	day    int
}

// writeRatings writes one batch in one transaction and returns, per rating,
// nil or ErrAlreadyRated, and the ratings to add to the roll-ups (accepted
// and not flagged), listed as pending in the same transaction.
func (d *DB) writeRatings(ctx context.Context, batch []*ratingReq) (results []error, counted []*openinfo.Rating, err error) {
	results = make([]error, len(batch))
	err = d.tx(ctx, func(tx *sql.Tx) error {
		for i := range results {
			results[i] = nil
		}
		counted = nil
		// 1. The once-per-day register. A key twice in the batch: the later is refused.
		keys := make([]onceKey, len(batch))
		want := map[onceKey]int{}
		uids := map[onceKey]string{}
		for i, req := range batch {
			dev := req.device
			if dev == "" {
				// No device: the submission's id is its own key, so a
				// replay still meets its first write.
				if dev = req.uid; dev == "" {
					continue
				}
				dev = "u" + dev
			}
			k := onceKey{dev, req.r.PointID, openinfo.RatingDay(req.r.CreatedAt)}
			keys[i] = k
			if _, dup := want[k]; dup {
				results[i] = openinfo.ErrAlreadyRated
				if req.uid != "" && uids[k] == req.uid {
					results[i] = errReplayed
				}
				continue
			}
			want[k] = i
			uids[k] = req.uid
		}
		if len(want) > 0 && d.dialect == Postgres {
			// One statement text for every batch (see upsertArrays).
			idx := sortedOnce(want)
			devs, pts, days, us := make([]string, len(idx)), make([]int64, len(idx)), make([]int64, len(idx)), make([]string, len(idx))
			for j, i := range idx {
				k := keys[i]
				devs[j], pts[j], days[j], us[j] = k.device, k.point, int64(k.day), uids[k]
			}
			rows, err := tx.QueryContext(ctx, `INSERT INTO rating_once (device, point_id, day, uid)
				SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::text[])
				ON CONFLICT DO NOTHING RETURNING device, point_id, day`, devs, pts, days, us)
			if err != nil {
				return err
			}
			if err := d.onceResults(ctx, tx, rows, want, uids, results); err != nil {
				return err
			}
		} else if len(want) > 0 {
			// One prepared row at a time, as the raw rows: a statement of
			// literals is parsed anew for every batch.
			stmt, err := tx.PrepareContext(ctx, `INSERT INTO rating_once (device, point_id, day, uid) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`)
			if err != nil {
				return err
			}
			got := make(map[onceKey]bool, len(want))
			for _, i := range sortedOnce(want) {
				k := keys[i]
				res, err := stmt.ExecContext(ctx, k.device, k.point, k.day, uids[k])
				if err != nil {
					stmt.Close()
					return err
				}
				if n, _ := res.RowsAffected(); n == 1 {
					got[k] = true
				}
			}
			stmt.Close()
			if err := d.onceRefused(ctx, tx, got, want, uids, results); err != nil {
				return err
			}
		}
		// 2. Raw ratings and 3. roll-ups, for the accepted ones.
		var ok []*openinfo.Rating
		refused := map[int64]int64{}
		for i, req := range batch {
			switch results[i] {
			case nil:
				ok = append(ok, req.r)
			case errReplayed:
			default:
				refused[req.r.PointID]++
			}
		}
		if err := d.insertRawRatings(ctx, tx, ok); err != nil {
			return err
		}
		// Flagged ratings stay out of the roll-ups: the report's means are
		// those of the unflagged, and it adds the flagged from the raw rows
		// when asked (report.Query.IncludeSuspect).
		// The counted ones are listed as pending; the folder adds them
		// to the roll-ups after the commit (ratingfold.go).
		counted = slices.DeleteFunc(slices.Clone(ok), func(r *openinfo.Rating) bool { return r.Suspect })
		if err := d.insertPending(ctx, tx, counted); err != nil {
			return err
		}
		day := openinfo.RatingDay(d.now())
		for _, p := range sortedInt64(refused) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rating_rejections (day, point_id, reason, n) VALUES ($1, $2, $3, $4)
				ON CONFLICT (day, point_id, reason) DO UPDATE SET n = rating_rejections.n + excluded.n`, day, p, RejectOncePerDay, refused[p]); err != nil {
				return err
			}
		}
		return nil
	})
	return results, counted, err
}

// onceResults reads which register rows an insert took (rows) and marks
// the others refused, or replayed when the row is the submission's own.
func (d *DB) onceResults(ctx context.Context, tx *sql.Tx, rows *sql.Rows, want map[onceKey]int, uids map[onceKey]string, results []error) error {
	got := map[onceKey]bool{}
	for rows.Next() {
		var k onceKey
		if err := rows.Scan(&k.device, &k.point, &k.day); err != nil {
			rows.Close()
			return err
		}
		got[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return d.onceRefused(ctx, tx, got, want, uids, results)
}

// onceRefused marks the keys of want that the register did not take (got)
// refused, or replayed when the row is the submission's own.
func (d *DB) onceRefused(ctx context.Context, tx *sql.Tx, got map[onceKey]bool, want map[onceKey]int, uids map[onceKey]string, results []error) error {
	for k, i := range want {
		if got[k] {
			continue
		}
		results[i] = openinfo.ErrAlreadyRated
		if uids[k] == "" {
			continue
		}
		// Taken: by this very submission (a replay), or by
		// another one of the device.
		var had string
		if err := tx.QueryRowContext(ctx, `SELECT uid FROM rating_once WHERE device = $1 AND point_id = $2 AND day = $3`,
			k.device, k.point, k.day).Scan(&had); err != nil {
			return err
		}
		if had == uids[k] {
			results[i] = errReplayed
		}
	}
	return nil
}

func sortedOnce(m map[onceKey]int) []int {
	idx := make([]int, 0, len(m))
	for _, i := range m {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	return idx
}

func sortedInt64[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func respondentJSON(p openinfo.Respondent) string {
	if p.Empty() {
		return ""
	}
	b, _ := json.Marshal(p)
	return string(b)
}

// InsertRawRatings appends rs to the ratings table in one transaction and
// sets their IDs: the raw table only, with no once-per-day register and no
// roll-ups, so the reports do not count them until RebuildRatingRollups.
// It is the baseline the writer is measured against (store/storebench),
// through the very statement the writer uses; the site never calls it.
func (d *DB) InsertRawRatings(ctx context.Context, rs []*openinfo.Rating) error {
	return d.tx(ctx, func(tx *sql.Tx) error { return d.insertRawRatings(ctx, tx, rs) })
}

// insertRawRatings appends rs to the ratings table and sets their IDs.
func (d *DB) insertRawRatings(ctx context.Context, tx *sql.Tx, rs []*openinfo.Rating) error {
	if len(rs) == 0 {
		return nil
	}
	args := func(r *openinfo.Rating) []any {
		a := r.Answers
		return []any{r.PointID, r.AgencyID, r.ProcessID, r.QuestionSet, openinfo.MonthKey(r.CreatedAt), r.CreatedAt,
			a[0], a[1], a[2], a[3], a[4], respondentJSON(r.Respondent), r.Comment, r.Channel, r.Suspect}
	}
	const cols = 15
	if d.dialect == SQLite {
		// One prepared row at a time: modernc's bind cost grows with the
		// square of a statement's parameters.
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO ratings (`+ratingColumns+`, suspect) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING id`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, r := range rs {
			if err := stmt.QueryRowContext(ctx, args(r)...).Scan(&r.ID); err != nil {
				return err
			}
		}
		return nil
	}
	const per = 1000
	for start := 0; start < len(rs); start += per {
		part := rs[start:min(start+per, len(rs))]
		var b strings.Builder
		b.WriteString(`INSERT INTO ratings (` + ratingColumns + `, suspect) VALUES `)
		all := make([]any, 0, len(part)*cols)
		for i, r := range part {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for c := 0; c < cols; c++ {
				if c > 0 {
					b.WriteByte(',')
				}
				b.WriteString("$" + strconv.Itoa(i*cols+c+1))
			}
			b.WriteByte(')')
			all = append(all, args(r)...)
		}
		b.WriteString(` RETURNING id`)
		rows, err := tx.QueryContext(ctx, b.String(), all...)
		if err != nil {
			return err
		}
		// PostgreSQL returns the rows of a multi-row VALUES in order.
		i := 0
		for rows.Next() {
			if err := rows.Scan(&part[i].ID); err != nil {
				rows.Close()
				return err
			}
			i++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// rollupMetrics are the metric columns of both roll-up tables, in the order
// of statsValues.
var rollupMetrics = func() []string {
	cols := []string{"n"}
	for _, p := range []string{"p", "s", "f", "r", "c"} {
		cols = append(cols, p+"_sum")
		for v := 1; v <= 5; v++ {
			cols = append(cols, p+strconv.Itoa(v))
		}
	}
	return cols
}()

func statsValues(s *openinfo.RatingStats) []int64 {
	out := make([]int64, 0, len(rollupMetrics))
	out = append(out, s.N)
	for d := 0; d < openinfo.NumDimensions; d++ {
		out = append(out, s.Sum[d])
		out = append(out, s.Dist[d][:]...)
	}
	return out
}

// statsTargets returns scan targets for the metric columns into s.
func statsTargets(s *openinfo.RatingStats) []any {
	out := make([]any, 0, len(rollupMetrics))
	out = append(out, &s.N)
	for d := 0; d < openinfo.NumDimensions; d++ {
		out = append(out, &s.Sum[d])
		for v := 0; v < 5; v++ {
			out = append(out, &s.Dist[d][v])
		}
	}
	return out
}

type pointKey struct {
	point, process int64
	month          int
	agency         int64
}
type agencyKey struct {
	agency, process int64
	month           int
}

// ancestors caches each agency's chain from the root down to itself
// (paths never change: agencies do not move in the tree).
type ancestors map[int64][]int64

// load fills the chains of the agencies of rs that are not cached yet.
func (a ancestors) load(ctx context.Context, tx *sql.Tx, rs []*openinfo.Rating) error {
	var missing []string
	seen := map[int64]bool{}
	for _, r := range rs {
		if _, ok := a[r.AgencyID]; !ok && !seen[r.AgencyID] {
			seen[r.AgencyID] = true
			missing = append(missing, strconv.FormatInt(r.AgencyID, 10))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, path FROM agencies WHERE id IN (`+strings.Join(missing, ",")+`)`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			return err
		}
		var chain []int64
		for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
			if n, err := strconv.ParseInt(seg, 10, 64); err == nil {
				chain = append(chain, n)
			}
		}
		if len(chain) == 0 || chain[len(chain)-1] != id {
			chain = []int64{id}
		}
		a[id] = chain
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range rs {
		if _, ok := a[r.AgencyID]; !ok {
			a[r.AgencyID] = []int64{r.AgencyID} // an unknown agency counts for itself
		}
	}
	return nil
}

// upsertRollups adds rs to the monthly roll-ups: per point, and per agency
// subtree (the rating's agency, each of its ancestors, and 0 for the
// country), under process 0 (all) and under the rating's process if it
// names one. Integers only, so the values are literals; one statement per
// table.
//
// sign -1 takes rs out again (UnrecordRatings).
func upsertRollups(ctx context.Context, tx *sql.Tx, rs []*openinfo.Rating, anc ancestors, pg bool, sign int64) error {
	if len(rs) == 0 {
		return nil
	}
	points := map[pointKey]*openinfo.RatingStats{}
	agencies := map[agencyKey]*openinfo.RatingStats{}
	for _, r := range rs {
		m := openinfo.MonthKey(r.CreatedAt)
		procs := []int64{0}
		if r.ProcessID != 0 {
			procs = append(procs, r.ProcessID)
		}
		chain := append([]int64{0}, anc[r.AgencyID]...)
		for _, p := range procs {
			pk := pointKey{r.PointID, p, m, r.AgencyID}
			if points[pk] == nil {
				points[pk] = &openinfo.RatingStats{}
			}
			points[pk].Add(r)
			for _, a := range chain {
				ak := agencyKey{a, p, m}
				if agencies[ak] == nil {
					agencies[ak] = &openinfo.RatingStats{}
				}
				agencies[ak].Add(r)
			}
		}
	}
	pks := make([]pointKey, 0, len(points))
	for k := range points {
		pks = append(pks, k)
	}
	sortKeys(pks, func(a, b pointKey) bool {
		if a.point != b.point {
			return a.point < b.point
		}
		if a.process != b.process {
			return a.process < b.process
		}
		if a.month != b.month {
			return a.month < b.month
		}
		return a.agency < b.agency
	})
	aks := make([]agencyKey, 0, len(agencies))
	for k := range agencies {
		aks = append(aks, k)
	}
	sortKeys(aks, func(a, b agencyKey) bool {
		if a.agency != b.agency {
			return a.agency < b.agency
		}
		if a.process != b.process {
			return a.process < b.process
		}
		return a.month < b.month
	})
	var pr, ar [][]int64
	for _, k := range pks {
		pr = append(pr, append([]int64{k.point, k.process, int64(k.month), k.agency}, signed(statsValues(points[k]), sign)...))
	}
	for _, k := range aks {
		ar = append(ar, append([]int64{k.agency, k.process, int64(k.month)}, signed(statsValues(agencies[k]), sign)...))
	}
	upsert := upsertLiteral
	if pg {
		upsert = upsertArrays
	}
	if err := upsert(ctx, tx, "rating_rollup_point", "point_id, process_id, month, agency_id", "point_id, process_id, month, agency_id", pr); err != nil {
		return err
	}
	return upsert(ctx, tx, "rating_rollup_agency", "agency_id, process_id, month", "agency_id, process_id, month", ar)
}

// upsertArrays is upsertLiteral for PostgreSQL: one array per column,
// unnested, so that the statement's text is the same for every batch and
// the server parses and plans it once per connection (a statement of
// literals is new each time: parsing and planning thousands of them cost
// more than the upsert itself).
func upsertArrays(ctx context.Context, tx *sql.Tx, table, keyCols, conflict string, rows [][]int64) error {
	if len(rows) == 0 {
		return nil
	}
	ncols := len(rows[0])
	cols := make([][]int64, ncols)
	for j := range cols {
		cols[j] = make([]int64, len(rows))
	}
	for i, row := range rows {
		for j, v := range row {
			cols[j][i] = v
		}
	}
	args := make([]any, ncols)
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + keyCols + ", " + strings.Join(rollupMetrics, ", ") + ") SELECT * FROM unnest(")
	for j := range cols {
		if j > 0 {
			b.WriteByte(',')
		}
		b.WriteString("$" + strconv.Itoa(j+1) + "::bigint[]")
		args[j] = cols[j]
	}
	b.WriteString(") ON CONFLICT (" + conflict + ") DO UPDATE SET ")
	for i, c := range rollupMetrics {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(c + " = " + table + "." + c + " + excluded." + c)
	}
	_, err := tx.ExecContext(ctx, b.String(), args...)
	return err
}

func signed(vs []int64, sign int64) []int64 {
	if sign != 1 {
		for i := range vs {
			vs[i] *= sign
		}
	}
	return vs
}

// UnrecordRatings takes out again what the writer recorded for rs (their
// IDs set by Submit) and the once-per-day rows of devices: the raw rows,
// their share of the roll-ups (roll-up rows left empty are removed) and
// the register's rows. It is for benchmarks, which must leave the database
// they measure as they found it; the site never calls it.
func (d *DB) UnrecordRatings(ctx context.Context, rs []*openinfo.Rating, devices []string) error {
	// What is still pending is folded first: the subtraction below then
	// meets every rating of rs in the roll-ups.
	if err := d.FoldRatings(ctx); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		if err := d.foldLock(ctx, tx); err != nil {
			return err
		}
		for start := 0; start < len(rs); start += 1000 {
			part := rs[start:min(start+1000, len(rs))]
			ids := make([]string, len(part))
			for i, r := range part {
				ids[i] = strconv.FormatInt(r.ID, 10)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM ratings WHERE id IN (`+strings.Join(ids, ",")+`)`); err != nil {
				return err
			}
		}
		for start := 0; start < len(devices); start += 1000 {
			part := devices[start:min(start+1000, len(devices))]
			for _, dev := range part {
				if !hexOnly(dev) {
					return errors.New("store: device IDs are hex")
				}
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM rating_once WHERE device IN ('`+strings.Join(part, "','")+`')`); err != nil {
				return err
			}
		}
		counted := slices.DeleteFunc(slices.Clone(rs), func(r *openinfo.Rating) bool { return r.Suspect })
		anc := ancestors{}
		if err := anc.load(ctx, tx, counted); err != nil {
			return err
		}
		if err := upsertRollups(ctx, tx, counted, anc, d.dialect == Postgres, -1); err != nil {
			return err
		}
		for _, t := range []string{"rating_rollup_point", "rating_rollup_agency"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE n = 0`); err != nil {
				return err
			}
		}
		return nil
	})
}

func sortKeys[K any](ks []K, less func(a, b K) bool) {
	slices.SortFunc(ks, func(a, b K) int {
		switch {
		case less(a, b):
			return -1
		case less(b, a):
			return 1
		}
		return 0
	})
}

// upsertLiteral adds rows (key columns, then the metrics) to a roll-up table.
func upsertLiteral(ctx context.Context, tx *sql.Tx, table, keyCols, conflict string, rows [][]int64) error {
	const per = 500
	for start := 0; start < len(rows); start += per {
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + keyCols + ", " + strings.Join(rollupMetrics, ", ") + ") VALUES ")
		for i, row := range rows[start:min(start+per, len(rows))] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.FormatInt(v, 10))
			}
			b.WriteByte(')')
		}
		b.WriteString(" ON CONFLICT (" + conflict + ") DO UPDATE SET ")
		for i, c := range rollupMetrics {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(c + " = " + table + "." + c + " + excluded." + c)
		}
		if _, err := tx.ExecContext(ctx, b.String()); err != nil {
			return err
		}
	}
	return nil
}
