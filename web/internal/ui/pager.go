package ui

import (
	"net/http"
	"net/url"
	"strconv"
)

// Pager turns ?page=N into limit/offset and builds the links back.
type Pager struct {
	Page, Pages, Size, Total int
	Lang                     string
	param                    string
	query                    url.Values
	path                     string
}

// NewPager reads the page number from param; junk means page 1.
func NewPager(r *http.Request, param string, size int) *Pager {
	n, err := strconv.Atoi(r.URL.Query().Get(param))
	if err != nil || n < 1 || n > 1_000_000 {
		n = 1
	}
	return &Pager{Page: n, Size: size, Lang: LangFrom(r), param: param, query: r.URL.Query(), path: r.URL.Path}
}

func (p *Pager) Offset() int { return (p.Page - 1) * p.Size }

// SetTotal records the total and clamps nothing: a page past the end shows empty with a way back.
func (p *Pager) SetTotal(total int) {
	p.Total = total
	p.Pages = (total + p.Size - 1) / p.Size
}

func (p *Pager) link(n int) string {
	q := url.Values{}
	for k, v := range p.query {
		q[k] = v
	}
	if n <= 1 {
		q.Del(p.param)
	} else {
		q.Set(p.param, strconv.Itoa(n))
	}
	if len(q) == 0 {
		return p.path
	}
	return p.path + "?" + q.Encode()
}

func (p *Pager) Prev() string {
	if p.Page <= 1 {
		return ""
	}
	return p.link(min(p.Page-1, max(p.Pages, 1)))
}

func (p *Pager) Next() string {
	if p.Page >= p.Pages {
		return ""
	}
	return p.link(p.Page + 1)
}
