package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openinfo/openinfo"
)

// RatingSpool keeps citizens' ratings on the node while the database is
// away (issue 19): an append-only file in the data directory, one JSON line
// per submission, fsynced before the citizen is thanked. Replay hands the
// lines to the rating writer when the database answers again; each carries
// its submission id, which the writer stores beside the once-per-day
// register (SubmitOnce), so a line replayed twice (a node stopped
// mid-replay starts over) is counted once. A line is dropped from the file
// only after the writer answered it for good: accepted, a replay of a
// stored one, or refused by a rule (already rated today).
//
// One spool file belongs to one process: nodes do not share a data
// directory.
type RatingSpool struct {
	path string

	mu      sync.Mutex // the file: appends and the compaction after a replay
	f       *os.File   // nil until the first Append (and after a compaction)
	closed  bool
	pending atomic.Int64 // lines in the file not yet replayed

	replay sync.Mutex // one replay at a time

	// Counters for metrics and tests.
	Spooled, Replayed, Dropped atomic.Int64
}

type spoolLine struct {
	UID    string           `json:"uid"`
	Device string           `json:"device,omitempty"`
	Rating *openinfo.Rating `json:"rating"`
}

// OpenRatingSpool opens the spool file at path; the file (and its
// directory) is created by the first Append, so a node whose database never
// went away writes nothing. A last line cut short by a crash while it was
// written is removed: it was never acknowledged.
func OpenRatingSpool(path string) (*RatingSpool, error) {
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	s := &RatingSpool{path: path}
	if cut := bytes.LastIndexByte(b, '\n') + 1; cut != len(b) {
		if err := os.Truncate(path, int64(cut)); err != nil {
			return nil, err
		}
		b = b[:cut]
	}
	s.pending.Store(int64(bytes.Count(b, []byte{'\n'})))
	return s, nil
}

// Path is the spool file's path.
func (s *RatingSpool) Path() string { return s.path }

// Pending is how many kept ratings wait for the database.
func (s *RatingSpool) Pending() int64 { return s.pending.Load() }

// Append keeps r (with its device and submission id) durably: it returns
// once the line is on disk.
func (s *RatingSpool) Append(r *openinfo.Rating, device, uid string) error {
	if uid == "" || !hexOnly(uid) || !hexOnly(device) {
		return errors.New("store: a spooled rating needs a hex submission id")
	}
	b, err := json.Marshal(spoolLine{UID: uid, Device: device, Rating: r})
	if err != nil {
		return err
	}
	b = append(b, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("store: rating spool closed")
	}
	if s.f == nil {
		if err := os.MkdirAll(filepath.Dir(s.path), 0o750); err != nil {
			return err
		}
		f, err := os.OpenFile(s.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		s.f = f
	}
	if _, err := s.f.Write(b); err != nil {
		return err
	}
	if err := s.f.Sync(); err != nil {
		return err
	}
	s.pending.Add(1)
	s.Spooled.Add(1)
	return nil
}

// Replay submits the kept ratings through w and removes those answered
// for good from the file. They are submitted in rounds of up to
// replayRound at once (so one group commit takes a round, not one rating),
// and a round's lines are dropped up to the first the database could not
// take: Replay then stops (the database is still away) and returns that
// error with how many it replayed. Lines after it that were stored are
// sent again next time, which their ids make harmless.
func (s *RatingSpool) Replay(ctx context.Context, w *RatingWriter) (int, error) {
	s.replay.Lock()
	defer s.replay.Unlock()
	s.mu.Lock()
	b, err := os.ReadFile(s.path)
	s.mu.Unlock()
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	type item struct {
		end  int // offset just past the line
		line *spoolLine
		err  error
	}
	off, n := 0, 0
	var stop error
	for size := 1; off < len(b) && stop == nil; size = replayRound {
		// The first round is one rating: a database still away costs
		// one attempt, not a round's worth.
		var round []item
		for p := off; p < len(b) && len(round) < size; {
			end := bytes.IndexByte(b[p:], '\n')
			if end < 0 {
				break // being written: the next replay takes it
			}
			it := item{end: p + end + 1}
			var l spoolLine
			if err := json.Unmarshal(b[p:p+end], &l); err == nil && l.Rating != nil {
				it.line = &l
			}
			round = append(round, it)
			p = it.end
		}
		if len(round) == 0 {
			break
		}
		var wg sync.WaitGroup
		for i := range round {
			if l := round[i].line; l != nil {
				wg.Add(1)
				go func() {
					defer wg.Done()
					round[i].err = w.SubmitOnce(ctx, l.Rating, l.Device, l.UID)
				}()
			}
		}
		wg.Wait()
		for _, it := range round {
			switch {
			case it.line == nil:
				s.Dropped.Add(1) // not ours to read: keeping it would stop every replay
			case it.err == nil:
				s.Replayed.Add(1)
				n++
			case errors.Is(it.err, openinfo.ErrAlreadyRated) || openinfo.ErrorCode(it.err) != openinfo.EINTERNAL:
				s.Dropped.Add(1) // a rule refused it, as it would have then
			default:
				stop = it.err
			}
			if stop != nil {
				break
			}
			off = it.end
		}
	}
	if off > 0 {
		if err := s.compact(off); err != nil {
			return n, err
		}
	}
	return n, stop
}

// replayRound is how many spooled ratings a replay submits at once.
const replayRound = 256

// compact removes the first done bytes of the file (the lines replayed),
// keeping what was appended meanwhile: the rest goes to a new file that
// replaces the old one atomically.
func (s *RatingSpool) compact(done int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, err := os.ReadFile(s.path)
	if err != nil {
		return err
	}
	rest := b[done:]
	tmp := s.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(rest); err != nil {
		f.Close()
		return err
	}
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp, s.path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(s.path)); err == nil {
		d.Sync()
		d.Close()
	}
	// The next Append opens the new file.
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
	s.pending.Store(int64(bytes.Count(rest, []byte{'\n'})))
	return nil
}

// Run replays the spool every interval while it holds ratings, until ctx
// ends; log, when set, hears of each replay.
func (s *RatingSpool) Run(ctx context.Context, w *RatingWriter, every time.Duration, log func(replayed int, pending int64, err error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if s.Pending() == 0 {
			continue
		}
		rctx, cancel := context.WithTimeout(ctx, time.Minute)
		n, err := s.Replay(rctx, w)
		cancel()
		if log != nil && (n > 0 || err != nil) {
			log(n, s.Pending(), err)
		}
	}
}

// Close closes the file (what it holds stays for the next start).
func (s *RatingSpool) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

var _ io.Closer = (*RatingSpool)(nil)
