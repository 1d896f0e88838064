package admin

import (
	"net/http"
	"net/url"

	"github.com/openinfo/openinfo/export"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// exportTables streams tables to the officer as name.csv (one table after
// another) or name.xlsx (a sheet each), straight from their row iterators:
// memory stays flat however many rows a view has. Every export of the back
// office goes through here, with the rows of the page's own filters.
//
// Once the first byte is out the status is 200; a failure further on can
// only be logged and end the download short, which the spreadsheet then
// refuses to open.
func (s *Admin) exportTables(w http.ResponseWriter, r *http.Request, name, format string, tables ...export.Table) {
	var ctype string
	var write func() error
	switch format {
	case "csv":
		ctype = "text/csv; charset=utf-8"
		write = func() error { return export.WriteCSV(w, tables...) }
	case "xlsx":
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		write = func() error { return export.WriteXLSX(w, tables...) }
	default:
		s.NotFound(w, r)
		return
	}
	file := name + "." + format
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+file+`"; filename*=UTF-8''`+url.PathEscape(file))
	if err := write(); err != nil {
		s.Log.Error("export cut short", "file", file, "err", err, "request_id", ui.RequestID(r.Context()))
	}
}
