package store

import (
	"strconv"
	"strings"
)

// where builds a WHERE clause with numbered placeholders, written as "?" by
// the caller and numbered in order, so filters compose without counting.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// limit appends LIMIT/OFFSET as placeholders.
func (w *where) limit(limit, offset int) string {
	w.args = append(w.args, limit, offset)
	n := len(w.args)
	return " LIMIT $" + strconv.Itoa(n-1) + " OFFSET $" + strconv.Itoa(n)
}

// pageBounds clamps a page request: a query string can ask for anything.
func pageBounds(limit, offset, max int) (int, int) {
	if limit <= 0 || limit > max {
		limit = max
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// likePattern escapes LIKE wildcards in user input and wraps it for "contains".
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}
