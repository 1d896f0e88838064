package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// dateLayout is how dates without a time are stored: TEXT that compares
// and sorts the same on both engines.
const dateLayout = "2006-01-02"

// dateText writes t's Bangkok date; "" for the zero time.
func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(thaitime.Bangkok).Format(dateLayout)
}

// parseDate reads a stored date as Bangkok midnight; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(dateLayout, s, thaitime.Bangkok)
}

// Holiday is a row of the holiday calendar.
type Holiday struct {
	ID int64
	thaitime.Holiday
}

// seedHolidays loads thaitime's table for the current year and the next
// into an empty calendar, once across nodes and restarts (the meta key), so
// the administrator's later deletions stay deleted. Like the other fills
// of Migrate it is setup, not an officer's change, so it is not audited;
// the meta key records when it ran.
func (d *DB) seedHolidays(ctx context.Context) error {
	return d.tx(ctx, func(tx *sql.Tx) error {
		ok, err := claimMeta(ctx, tx, "holidays.seeded", d.now().Format(time.RFC3339))
		if err != nil || !ok {
			return err
		}
		y := d.now().In(thaitime.Bangkok).Year()
		for _, h := range thaitime.DefaultHolidays() {
			if hy := h.Date.Year(); hy != y && hy != y+1 {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO holidays (day, name_th, name_en) VALUES ($1, $2, $3)
				ON CONFLICT (day, name_th) DO NOTHING`, dateText(h.Date), h.NameTH, h.NameEN); err != nil {
				return err
			}
		}
		return nil
	})
}

// Holidays lists the calendar's holidays in CE year year (0: all), by date.
func (d *DB) Holidays(ctx context.Context, year int) ([]Holiday, error) {
	var w where
	if year != 0 {
		w.add("day >= ? AND day < ?", time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).Format(dateLayout),
			time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC).Format(dateLayout))
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, day, name_th, name_en FROM holidays`+w.sql()+` ORDER BY day, id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Holiday
	for rows.Next() {
		var h Holiday
		var day string
		if err := rows.Scan(&h.ID, &day, &h.NameTH, &h.NameEN); err != nil {
			return nil, err
		}
		if h.Date, err = parseDate(day); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// Calendar returns the business-day calendar of the holiday table.
func (d *DB) Calendar(ctx context.Context) (*thaitime.Calendar, error) {
	hs, err := d.Holidays(ctx, 0)
	if err != nil {
		return nil, err
	}
	list := make([]thaitime.Holiday, len(hs))
	for i, h := range hs {
		list[i] = h.Holiday
	}
	return thaitime.NewCalendar(list), nil
}

// AddHoliday adds a holiday (or a cabinet's extra day, or a substitution
// day) to the calendar.
func (d *DB) AddHoliday(ctx context.Context, h *Holiday, actor openinfo.Officer) error {
	if err := openinfo.Authorize(actor, openinfo.ActManageHolidays, ""); err != nil {
		return err
	}
	h.NameTH, h.NameEN = strings.TrimSpace(h.NameTH), strings.TrimSpace(h.NameEN)
	var fe []openinfo.FieldError
	if h.Date.IsZero() {
		fe = append(fe, openinfo.FieldError{Field: "day", TH: "กรุณากรอกวันที่", EN: "Enter the date."})
	}
	if h.NameTH == "" || len(h.NameTH) > 600 {
		fe = append(fe, openinfo.FieldError{Field: "name_th", TH: "กรุณากรอกชื่อวันหยุดภาษาไทย", EN: "Enter the holiday's Thai name."})
	}
	if len(h.NameEN) > 600 {
		fe = append(fe, openinfo.FieldError{Field: "name_en", TH: "ชื่อภาษาอังกฤษยาวเกินไป", EN: "The English name is too long."})
	}
	if fe != nil {
		return &openinfo.Error{Code: openinfo.EINVALID, TH: "ข้อมูลวันหยุดไม่ถูกต้อง", EN: "The holiday has errors.", Fields: fe}
	}
	h.Date = thaitime.StartOfDay(h.Date)
	return d.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO holidays (day, name_th, name_en) VALUES ($1, $2, $3)
			ON CONFLICT (day, name_th) DO NOTHING RETURNING id`, dateText(h.Date), h.NameTH, h.NameEN).Scan(&h.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return openinfo.Errorf(openinfo.ECONFLICT, "มีวันหยุดนี้ในปฏิทินแล้ว", "That holiday is in the calendar already.")
		}
		if err != nil {
			return err
		}
		return d.audit(ctx, tx, "holidays.add", "holiday", h.ID, nil, map[string]any{"day": dateText(h.Date), "name_th": h.NameTH, "name_en": h.NameEN})
	})
}

// DeleteHoliday removes a holiday from the calendar.
func (d *DB) DeleteHoliday(ctx context.Context, id int64, actor openinfo.Officer) error {
	if err := openinfo.Authorize(actor, openinfo.ActManageHolidays, ""); err != nil {
		return err
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		var day, th, en string
		err := tx.QueryRowContext(ctx, `SELECT day, name_th, name_en FROM holidays WHERE id = $1`, id).Scan(&day, &th, &en)
		if errors.Is(err, sql.ErrNoRows) {
			return openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบวันหยุดที่ระบุ", "No such holiday.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE id = $1`, id); err != nil {
			return err
		}
		return d.audit(ctx, tx, "holidays.delete", "holiday", id, map[string]any{"day": day, "name_th": th, "name_en": en}, nil)
	})
}
