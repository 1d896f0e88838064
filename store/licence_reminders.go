package store

import (
	"context"
	"time"

	"github.com/openinfo/openinfo"
)

// Licence-report reminders (issue 14): who is written to, and the record
// that makes each reminder go out once across nodes and runs.

// LicenceReminderRecipients are the e-mail addresses of the officers who
// report for agencyID's reporters (its central and service point officers)
// and have an address, lower-cased and de-duplicated, in a stable order.
func (d *DB) LicenceReminderRecipients(ctx context.Context, agencyID int64) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT DISTINCT LOWER(email) FROM users
		WHERE agency_id = $1 AND role IN ($2, $3) AND email <> '' ORDER BY LOWER(email)`,
		agencyID, openinfo.RoleCentral, openinfo.RolePointOfficer)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// ClaimLicenceReminder records that the reminder mark (days before the due
// day) of month goes to reporter r, before it is sent: false when another
// run or node has claimed it already. The unique key decides, so two nodes
// racing never both send.
func (d *DB) ClaimLicenceReminder(ctx context.Context, r openinfo.Reporter, month, mark, recipients int, at time.Time) (bool, error) {
	res, err := d.db.ExecContext(ctx, `INSERT INTO licence_reminders (reporter_kind, reporter_id, month, days_before, recipients, sent_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (reporter_kind, reporter_id, month, days_before) DO NOTHING`,
		r.Kind, r.ID, month, mark, recipients, at)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseLicenceReminder forgets a claim whose mail could not be sent, so
// the next run tries again.
func (d *DB) ReleaseLicenceReminder(ctx context.Context, r openinfo.Reporter, month, mark int) error {
	_, err := d.db.ExecContext(ctx, `DELETE FROM licence_reminders
		WHERE reporter_kind = $1 AND reporter_id = $2 AND month = $3 AND days_before = $4`, r.Kind, r.ID, month, mark)
	return err
}

// LicenceRemindersSent counts the reminders recorded for month.
func (d *DB) LicenceRemindersSent(ctx context.Context, month int) (int, error) {
	var n int
	err := d.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM licence_reminders WHERE month = $1`, month).Scan(&n)
	return n, err
}

// CentralOfficerEmails returns the addresses of an agency's central
// officers (those who record its Section 10 and 16 documents).
func (d *DB) CentralOfficerEmails(ctx context.Context, agencyID int64) ([]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT DISTINCT LOWER(email) FROM users
		WHERE agency_id = $1 AND role = $2 AND email <> '' ORDER BY LOWER(email)`, agencyID, openinfo.RoleCentral)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
