package portal

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// When the database is away (issue 19) a citizen at the counter can still
// rate: the form is drawn from what this node last read (rateMemory), the
// address limits are counted on this node alone (localLimiter), and the
// answers are kept in the node's spool (store.RatingSpool) until the
// database returns. Nothing here is used while the database answers but
// to remember what it said.

// rateMemory is the last good answer of the database for what the rating
// form shows: the point of each code, its agency, the question sets and the
// processes named at a point. It is read only when the database cannot be
// reached, so it never shows a change late while the database answers.
type rateMemory struct {
	mu       sync.RWMutex
	points   map[string]*openinfo.ServicePoint
	agencies map[int64]*openinfo.Agency
	sets     map[int]*openinfo.QuestionSet
	current  *openinfo.QuestionSet
	procs    map[[2]int64]*ui.ProcessName
}

// rateMemoryMax bounds each map; past it an arbitrary tenth is forgotten.
const rateMemoryMax = 200000

func trimMap[K comparable, V any](m map[K]V) {
	if len(m) < rateMemoryMax {
		return
	}
	n := 0
	for k := range m {
		delete(m, k)
		if n++; n >= rateMemoryMax/10 {
			return
		}
	}
}

func (m *rateMemory) putPoint(code string, pt *openinfo.ServicePoint, a *openinfo.Agency) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.points == nil {
		m.points, m.agencies = map[string]*openinfo.ServicePoint{}, map[int64]*openinfo.Agency{}
	}
	trimMap(m.points)
	trimMap(m.agencies)
	m.points[code] = pt
	if a != nil {
		m.agencies[a.ID] = a
	}
}

func (m *rateMemory) point(code string) (*openinfo.ServicePoint, *openinfo.Agency) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	pt := m.points[code]
	if pt == nil {
		return nil, nil
	}
	return pt, m.agencies[pt.AgencyID]
}

func (m *rateMemory) putSet(qs *openinfo.QuestionSet, current bool) {
	if qs == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sets == nil {
		m.sets = map[int]*openinfo.QuestionSet{}
	}
	m.sets[qs.Version] = qs
	if current {
		m.current = qs
	}
}

func (m *rateMemory) set(v int) *openinfo.QuestionSet {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if v == 0 {
		return m.current
	}
	return m.sets[v]
}

func (m *rateMemory) putProcess(point int64, p *ui.ProcessName) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.procs == nil {
		m.procs = map[[2]int64]*ui.ProcessName{}
	}
	trimMap(m.procs)
	m.procs[[2]int64{point, p.ID}] = p
}

func (m *rateMemory) process(point, id int64) *ui.ProcessName {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.procs[[2]int64{point, id}]
}

// currentSet is the question set to show: the database's, else (when it is
// away) the one this node last read.
func (s *Portal) currentSet(ctx context.Context) (*openinfo.QuestionSet, error) {
	qs, err := s.db.CurrentQuestionSet(ctx)
	if err == nil {
		s.rateMem.putSet(qs, true)
		return qs, nil
	}
	if store.Unavailable(err) {
		if qs := s.rateMem.set(0); qs != nil {
			return qs, nil
		}
	}
	return nil, err
}

// setVersion is the question set of version v, from the database or (when
// it is away) from memory; nil, nil when there is no such version.
func (s *Portal) setVersion(ctx context.Context, v int) (*openinfo.QuestionSet, error) {
	qs, err := s.db.QuestionSetVersion(ctx, v)
	if err == nil {
		s.rateMem.putSet(qs, false)
		return qs, nil
	}
	if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
		return nil, nil
	}
	if store.Unavailable(err) {
		if qs := s.rateMem.set(v); qs != nil {
			return qs, nil
		}
		return nil, nil // the current one, if remembered, will do
	}
	return nil, err
}

// ratedProcess is ui.RatedProcess, remembered for when the database is away.
func (s *Portal) ratedProcess(r interface{ FormValue(string) string }, p *ui.ProcessName, pt *openinfo.ServicePoint) *ui.ProcessName {
	if p != nil {
		s.rateMem.putProcess(pt.ID, p)
		return p
	}
	id, err := strconv.ParseInt(r.FormValue("process"), 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	return s.rateMem.process(pt.ID, id)
}

// localLimiter counts rating attempts per address on this node only, with
// the limits of store.RatingRateLimit: the fallback while the database,
// where the nodes count together, is away. A node then lets through at most
// its own share more than the shared limit would; the ratings are still
// flagged by the same rule.
type localLimiter struct {
	mu     sync.Mutex
	events map[string][]time.Time
}

func (l *localLimiter) allow(ip string, point int64, lim store.RatingLimits, now time.Time) (ok bool, retry time.Duration, recent int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.events == nil || len(l.events) > 100000 {
		l.events = map[string][]time.Time{}
	}
	keys := [2]string{ip + ":" + strconv.FormatInt(point, 10), ip}
	limits := [2]int{lim.Point, lim.All}
	for i, k := range keys {
		ev := l.events[k]
		j := 0
		for j < len(ev) && now.Sub(ev[j]) >= time.Hour {
			j++
		}
		ev = ev[j:]
		l.events[k] = ev
		if i == 0 {
			recent = len(ev)
		}
		if len(ev) >= limits[i] {
			return false, ev[0].Add(time.Hour).Sub(now), recent
		}
	}
	for _, k := range keys {
		l.events[k] = append(l.events[k], now)
	}
	return true, 0, recent
}
