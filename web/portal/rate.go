package portal

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// The public rating page (ประเมินความพึงพอใจ): reached by the QR code on a
// service point's poster or a copied link, /rate/{code}. No login, no
// JavaScript, one small page; a plain form post that the group-commit
// writer stores before the citizen sees "thank you".

const (
	deviceCookie = "oi_dev"
	// maxRatingBody bounds a rating post: the comment is at most 1,000
	// characters (3 bytes each in UTF-8, more when percent-encoded).
	maxRatingBody = 32 << 10
)

// Close stops a home page recount in progress and flushes the rating
// writer; call it after the HTTP server stopped.
func (s *Portal) Close() {
	if s.stopSpool != nil {
		s.stopSpool()
	}
	s.closeHome()
	if s.pages != nil {
		s.pages.close()
	}
	if s.ratings != nil {
		s.ratings.Close()
	}
	if s.spool != nil {
		s.spool.Close()
	}
}

// ratingLimits: per address and hour, Config.RatingsPerHour in all (120
// by default: offices share one address behind NAT) and fewer at any one
// point, so a loop at one point cannot use up what the citizens at the
// office's other points need.
func (s *Portal) ratingLimits() store.RatingLimits {
	lim := store.RatingLimits{Point: s.ratingPointLimit, All: s.ratingLimit}
	if lim.All <= 0 {
		lim.All = 120
	}
	if lim.Point <= 0 {
		lim.Point = 20
	}
	return lim
}

// suspectAfter: a rating is flagged suspect (stored and counted, but out of
// the report's means unless an officer includes them) when its address
// already sent this many to the point within the hour, or already one
// when it comes without the device cookie the form sets: a browser keeps
// the cookie, a script looping without cookies does not.
const suspectAfter = 5

func suspect(recent int, hadCookie bool) bool {
	return recent >= suspectAfter || !hadCookie && recent >= 1
}

type ratePage struct {
	Point     *openinfo.ServicePoint
	Agency    *openinfo.Agency
	Code      string
	Process   *ui.ProcessName
	Set       *openinfo.QuestionSet
	Answers   map[string]string
	Profile   openinfo.Respondent
	Comment   string
	Errors    map[string]string
	Other     []string // errors of fields the form does not show
	Message   string
	MaxLen    int
	Already   bool // rated today already
	Scale     []int
	ScaleText [6][2]string
	Choices   any
}

// ratingPoint finds the visible point of the {code} in the path; a code
// that is not in canonical form is redirected to it (ok false then).
func (s *Portal) ratingPoint(w http.ResponseWriter, r *http.Request) (*openinfo.ServicePoint, *openinfo.Agency, string, bool) {
	raw := r.PathValue("code")
	code := openinfo.NormalizeRateCode(raw)
	if code != raw && openinfo.ValidRateCode(code) && r.Method == http.MethodGet {
		u := "/rate/" + code
		if q := r.URL.RawQuery; q != "" {
			u += "?" + q
		}
		http.Redirect(w, r, u, http.StatusMovedPermanently)
		return nil, nil, "", false
	}
	pt, err := s.db.PointByRateCode(r.Context(), code)
	if err == nil && !pt.Visible {
		err = openinfo.ErrBadRateCode
	}
	var a *openinfo.Agency
	if err == nil {
		a, err = s.db.Agency(r.Context(), pt.AgencyID)
	}
	if err != nil && store.Unavailable(err) {
		// The database is away: the point as this node last saw it.
		if mpt, ma := s.rateMem.point(code); mpt != nil && ma != nil {
			return mpt, ma, code, true
		}
	}
	if err != nil {
		if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
			s.db.CountRejection(r.Context(), 0, store.RejectUnknownCode)
		}
		s.Fail(w, r, err)
		return nil, nil, "", false
	}
	s.rateMem.putPoint(code, pt, a)
	return pt, a, code, true
}

func (s *Portal) newRatePage(pt *openinfo.ServicePoint, a *openinfo.Agency, code string, qs *openinfo.QuestionSet) ratePage {
	return ratePage{Point: pt, Agency: a, Code: code, Set: qs, Answers: map[string]string{}, Errors: map[string]string{},
		MaxLen: openinfo.MaxCommentRunes, Scale: []int{5, 4, 3, 2, 1}, ScaleText: openinfo.ScaleLabels, Choices: openinfo.RespondentChoices}
}

// handleRateForm shows the question set for the point of {code}.
func (s *Portal) handleRateForm(w http.ResponseWriter, r *http.Request) {
	pt, a, code, ok := s.ratingPoint(w, r)
	if !ok {
		return
	}
	qs, err := s.currentSet(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := s.newRatePage(pt, a, code, qs)
	p.Process = s.ratedProcess(r, ui.RatedProcess(r, s.db, pt), pt)
	s.deviceID(w, r) // the cookie the submission should bring back
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, http.StatusOK, "rate", ui.T(ui.LangFrom(r), "rate.title")+" – "+pt.Name(ui.LangFrom(r)), p)
}

// deviceID returns the hash of the device cookie and whether the request
// brought one, setting a new cookie when there is none (a device without
// cookies is then a new device each time; the address limits still hold,
// and its ratings after the first in a burst are flagged).
func (s *Portal) deviceID(w http.ResponseWriter, r *http.Request) (string, bool) {
	v := ""
	had := false
	if c, err := r.Cookie(deviceCookie); err == nil && len(c.Value) == 32 {
		v, had = c.Value, true
	} else {
		var b [16]byte
		rand.Read(b[:])
		v = hex.EncodeToString(b[:])
		http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: v, Path: "/rate", MaxAge: 2 * 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookies})
	}
	sum := sha256.Sum256([]byte("openinfo-device:" + v))
	return hex.EncodeToString(sum[:16]), had
}

// handleRateSubmit checks and stores a rating: address limits, answers,
// once per device per point per day; refusals are counted, not stored, and
// show the form again with the citizen's answers.
func (s *Portal) handleRateSubmit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := ui.LangFrom(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxRatingBody)
	if err := r.ParseForm(); err != nil {
		s.Fail(w, r, openinfo.Errorf(openinfo.EINVALID, "ข้อมูลที่ส่งมายาวเกินไป", "The form sent is too large."))
		return
	}
	pt, a, code, ok := s.ratingPoint(w, r)
	if !ok {
		return
	}
	// The version the form showed: a form loaded before OPDC published a
	// new version is still answered against its own questions.
	var qs *openinfo.QuestionSet
	if v, err := strconv.Atoi(r.PostFormValue("v")); err == nil && v > 0 {
		qs, err = s.setVersion(ctx, v)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
	}
	if qs == nil {
		var err error
		if qs, err = s.currentSet(ctx); err != nil {
			s.Fail(w, r, err)
			return
		}
	}
	in := openinfo.RatingInput{Answers: map[string]string{}, Respondent: map[string]string{}, Comment: r.PostFormValue("comment")}
	for k, v := range r.PostForm {
		switch {
		case strings.HasPrefix(k, "q_") && len(v) > 0:
			in.Answers[strings.TrimPrefix(k, "q_")] = v[0]
		case strings.HasPrefix(k, "r_") && len(v) > 0:
			in.Respondent[strings.TrimPrefix(k, "r_")] = v[0]
		}
	}
	p := s.newRatePage(pt, a, code, qs)
	p.Process = s.ratedProcess(r, ui.RatedProcess(r, s.db, pt), pt)
	p.Answers, p.Comment = in.Answers, in.Comment
	for k, v := range in.Respondent {
		p.Profile.Set(k, v)
	}
	ip := ui.ClientIP(r, s.proxies)
	allowed, retry, recent, err := s.db.RatingRateLimit(ctx, ip, pt.ID, s.ratingLimits())
	if err != nil && store.Unavailable(err) {
		// The nodes count together in the database; while it is away,
		// each node counts on its own.
		allowed, retry, recent = s.localLimits.allow(ip, pt.ID, s.ratingLimits(), time.Now())
		err = nil
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !allowed {
		// The form again, filled in: the citizen sends it later, not again.
		s.db.CountRejection(ctx, pt.ID, store.RejectRateLimited)
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		p.Message = openinfo.ErrorMessage(openinfo.ErrRateLimited, lang) + " " + ui.T(lang, "rate.kept")
		s.Render(w, r, http.StatusTooManyRequests, "rate", ui.T(lang, "rate.title")+" – "+pt.Name(lang), p)
		return
	}
	answers, prof, comment, err := openinfo.ValidateAnswers(qs, in)
	if err != nil {
		s.db.CountRejection(ctx, pt.ID, store.RejectInvalid)
		p.Message, p.Errors = ui.FormErrors(err, lang)
		for k, msg := range p.Errors {
			d := strings.TrimPrefix(k, "q_")
			shown := k == "comment" || strings.HasPrefix(k, "r_")
			for _, q := range qs.Questions {
				shown = shown || q.Dim.Key() == d
			}
			if !shown {
				p.Other = append(p.Other, msg)
			}
		}
		s.Render(w, r, http.StatusUnprocessableEntity, "rate", ui.T(lang, "rate.title")+" – "+pt.Name(lang), p)
		return
	}
	rt := &openinfo.Rating{PointID: pt.ID, AgencyID: pt.AgencyID, QuestionSet: qs.Version, Answers: answers,
		Respondent: prof, Comment: comment, Channel: openinfo.ChannelQR}
	if p.Process != nil {
		rt.ProcessID = p.Process.ID
	}
	device, hadCookie := s.deviceID(w, r)
	rt.Suspect = suspect(recent, hadCookie)
	// Every submission has its own id, so that a rating kept in the spool
	// and written again later is counted once.
	uid := store.NewSubmissionID()
	wait := 15 * time.Second
	if s.spool != nil {
		wait = ratingWait
	}
	sctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	err = s.ratings.SubmitOnce(sctx, rt, device, uid)
	if errors.Is(err, openinfo.ErrAlreadyRated) {
		p.Already = true
		s.Render(w, r, http.StatusConflict, "rate_thanks", ui.T(lang, "rate.title"), p)
		return
	}
	if err != nil && ctx.Err() == nil && openinfo.ErrorCode(err) == openinfo.EINTERNAL {
		// The database is away (or slow past ratingWait): keep the
		// answers on this node; the spool writes them when it returns.
		// The writer may still commit this one: the id makes the replay
		// a no-op then.
		if s.spool == nil {
			w.Header().Set("Retry-After", "60")
			p.Message = ui.T(lang, "rate.away")
			s.Log.Warn("rating not stored", "err", err)
			s.Render(w, r, http.StatusServiceUnavailable, "rate", ui.T(lang, "rate.title")+" – "+pt.Name(lang), p)
			return
		}
		if serr := s.spool.Append(rt, device, uid); serr != nil {
			s.Log.Error("rating spool", "err", serr, "db_err", err)
			w.Header().Set("Retry-After", "60")
			p.Message = ui.T(lang, "rate.away")
			s.Render(w, r, http.StatusServiceUnavailable, "rate", ui.T(lang, "rate.title")+" – "+pt.Name(lang), p)
			return
		}
		err = nil
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rate/"+code+"/thanks", http.StatusSeeOther)
}

// ratingWait is how long a submission waits for the database before its
// answers go to the spool.
const ratingWait = 3 * time.Second

// handleRateThanks thanks the citizen after an accepted rating.
func (s *Portal) handleRateThanks(w http.ResponseWriter, r *http.Request) {
	pt, a, code, ok := s.ratingPoint(w, r)
	if !ok {
		return
	}
	p := s.newRatePage(pt, a, code, nil)
	s.Render(w, r, http.StatusOK, "rate_thanks", ui.T(ui.LangFrom(r), "rate.thanks"), p)
}

// handleRateEntry lets a citizen type the code printed under a QR code.
func (s *Portal) handleRateEntry(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	if c := strings.TrimSpace(r.URL.Query().Get("code")); c != "" {
		code := openinfo.NormalizeRateCode(c)
		if openinfo.ValidRateCode(code) {
			http.Redirect(w, r, "/rate/"+code, http.StatusSeeOther)
			return
		}
		s.Render(w, r, http.StatusNotFound, "rate_entry", ui.T(lang, "rate.title"),
			map[string]string{"Code": c, "Error": openinfo.ErrorMessage(openinfo.ErrBadRateCode, lang)})
		return
	}
	s.Render(w, r, http.StatusOK, "rate_entry", ui.T(lang, "rate.title"), map[string]string{})
}

// handlePointRate links the public point page to the point's rating page.
func (s *Portal) handlePointRate(w http.ResponseWriter, r *http.Request) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		s.NotFound(w, r)
		return
	}
	code, err := s.db.RateCode(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rate/"+code, http.StatusSeeOther)
}

func init() { ui.AddMessages(rateMessages) }

var rateMessages = map[string][2]string{
	"rate.title":         {"ประเมินความพึงพอใจ", "Rate our service"},
	"rate.intro":         {"โปรดประเมินความพึงพอใจต่อการให้บริการที่ท่านได้รับ ใช้เวลาไม่ถึงหนึ่งนาที ไม่ต้องเข้าสู่ระบบ", "Please tell us how satisfied you are with the service you received. It takes less than a minute; no login needed."},
	"rate.process":       {"งานบริการ", "Service"},
	"rate.scale":         {"5 = มากที่สุด, 1 = น้อยที่สุด", "5 = excellent, 1 = very poor"},
	"rate.profile":       {"ข้อมูลผู้ตอบ (ไม่บังคับ)", "About you (optional)"},
	"rate.profile.none":  {"ไม่ระบุ", "Prefer not to say"},
	"rate.comment":       {"ข้อเสนอแนะ (ไม่บังคับ)", "Comments (optional)"},
	"rate.comment.hint":  {"ไม่เกิน %d ตัวอักษร", "Up to %d characters."},
	"rate.submit":        {"ส่งแบบประเมิน", "Send"},
	"rate.thanks":        {"ขอบคุณที่ร่วมประเมิน", "Thank you for your rating"},
	"rate.thanks.body":   {"ความเห็นของท่านได้รับการบันทึกแล้ว และจะนำไปปรับปรุงการให้บริการ", "Your answers are saved and will help improve the service."},
	"rate.point":         {"ดูข้อมูลจุดบริการ", "About this service point"},
	"rate.entry":         {"กรอกรหัสจุดบริการ", "Enter the service point code"},
	"rate.entry.hint":    {"รหัส 7 ตัวอักษรที่พิมพ์ใต้ QR Code", "The 7-character code printed under the QR code"},
	"rate.go":            {"ไปยังแบบประเมิน", "Go to the rating form"},
	"rate.link":          {"ประเมินความพึงพอใจจุดบริการนี้", "Rate this service point"},
	"rate.already.title": {"ท่านประเมินจุดบริการนี้แล้ววันนี้", "You already rated this point today"},
	"rate.away":          {"ระบบขัดข้องชั่วคราว คำตอบของท่านยังอยู่ในแบบฟอร์มด้านล่าง โปรดกดส่งอีกครั้งในอีกหนึ่งนาที", "The system is briefly unavailable. Your answers are still in the form below; please send it again in a minute."},
	"rate.kept":          {"คำตอบของท่านยังอยู่ในแบบฟอร์มด้านล่าง กดส่งอีกครั้งได้ภายหลัง", "Your answers are still in the form below; send it again later."},
}
