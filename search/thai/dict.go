package thai

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Dict is a set of Thai words stored as a trie over runes. Lookups during
// segmentation walk the trie without allocating. A Dict is safe for
// concurrent use; Add and the Load methods may run while other goroutines
// segment.
//
// Words are normalised with Normalize and only their Thai parts are kept: a
// word such as "กรมการปกครอง" is one entry, "ภ.ง.ด. 90" adds "ภ", "ง" and
// "ด". The zero Dict is an empty dictionary ready to use; a nil *Dict
// segments as an empty dictionary too.
type Dict struct {
	mu     sync.RWMutex
	splits splitCache // Split's results; the dictionary drops them when it grows
	edges  edgeTable  // (node<<21 | rune) → child node
	term   []bool     // term[node]: a word ends at node
	learnt []bool     // learnt[node]: that word is learnt (Learn), not of the list
	words  int
	max    int // longest word, in runes
}

// root is the id of the trie's root node.
const root = 0

// NewDict returns a dictionary holding words.
func NewDict(words ...string) *Dict {
	d := &Dict{term: []bool{false}}
	d.Add(words...)
	return d
}

// Default returns a new dictionary holding the built-in seed list (common
// words of Thai government services, written for openinfo). Callers add the
// domain's own words (process names, agency and place names) with Add, and
// may load a system dictionary with LoadSystem.
func Default() *Dict {
	return NewDict(seedWords...)
}

// Add adds words to the dictionary and returns how many were new.
func (d *Dict) Add(words ...string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, w := range words {
		n += d.addLocked(w)
	}
	return n
}

// addLocked adds every Thai run of the normalised w.
func (d *Dict) addLocked(w string) int {
	n := 0
	w = Normalize(w)
	forEachThaiRun(w, func(run string) {
		if d.insert(run) {
			n++
		}
	})
	if n > 0 {
		d.splits.drop()
	}
	return n
}

// Learn adds words learnt from data (names of places and services) rather
// than from a word list. A learnt word cuts a query (SegmentQuery) only
// where it does better than the list's words: it counts as one and a half
// (see better), so it never swallows the start of a longer query that the
// list's words cover in as many words.
// It returns the number of new words; a learnt word added later by Add
// becomes a word of the list.
func (d *Dict) Learn(words ...string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, w := range words {
		forEachThaiRun(Normalize(w), func(run string) {
			if d.insertAs(run, true) {
				n++
			}
		})
	}
	if n > 0 {
		d.splits.drop()
	}
	return n
}

// Learnt reports whether w is a learnt word (see Learn), not one of the list.
func (d *Dict) Learnt(w string) bool {
	if d == nil {
		return false
	}
	w = Normalize(w)
	d.mu.RLock()
	defer d.mu.RUnlock()
	node, ok := d.find(w)
	return ok && d.learnt[node]
}

// find returns the node of w. The caller holds d.mu.
func (d *Dict) find(w string) (uint32, bool) {
	node := uint32(root)
	for _, r := range w {
		next, ok := d.child(node, r)
		if !ok {
			return 0, false
		}
		node = next
	}
	return node, node != root && d.term[node]
}

func (d *Dict) insert(w string) bool { return d.insertAs(w, false) }

func (d *Dict) insertAs(w string, learnt bool) bool {
	if d.term == nil {
		d.term = []bool{false}
	}
	for len(d.learnt) < len(d.term) {
		d.learnt = append(d.learnt, false)
	}
	node, depth := uint32(root), 0
	for _, r := range w {
		next, ok := d.child(node, r)
		if !ok {
			next = uint32(len(d.term))
			d.term = append(d.term, false)
			d.learnt = append(d.learnt, false)
			d.edges.put(edgeKey(node, r), next)
		}
		node = next
		depth++
	}
	if depth == 0 {
		return false
	}
	if d.term[node] {
		if d.learnt[node] && !learnt {
			d.learnt[node] = false // now a word of the list
			return true
		}
		return false
	}
	d.term[node] = true
	d.learnt[node] = learnt
	d.words++
	if depth > d.max {
		d.max = depth
	}
	return true
}

func edgeKey(node uint32, r rune) uint64 { return uint64(node)<<21 | uint64(r&0x1FFFFF) }

// child returns the trie node reached from node by r. The caller holds d.mu.
func (d *Dict) child(node uint32, r rune) (uint32, bool) {
	return d.edges.get(edgeKey(node, r))
}

// edgeTable maps an edge key to a child node: an open-addressing hash table
// with linear probing. The segmenter looks up an edge for every character
// it tries, and this is several times faster than a Go map for it.
type edgeTable struct {
	keys  []uint64 // key+1; 0 marks an empty slot
	vals  []uint32
	n     int
	shift uint // 64 - log2(len(keys))
}

func (t *edgeTable) slot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> t.shift }

func (t *edgeTable) get(k uint64) (uint32, bool) {
	if t.n == 0 {
		return 0, false
	}
	k++
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put adds key k (not yet in t) with value v.
func (t *edgeTable) put(k uint64, v uint32) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	k++
	mask := uint64(len(t.keys) - 1)
	i := t.slot(k)
	for t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i] = k, v
	t.n++
}

func (t *edgeTable) grow() {
	keys, vals := t.keys, t.vals
	size := max(1024, 2*len(keys))
	t.keys, t.vals = make([]uint64, size), make([]uint32, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	mask := uint64(size - 1)
	for j, k := range keys {
		if k == 0 {
			continue
		}
		i := t.slot(k)
		for t.keys[i] != 0 {
			i = (i + 1) & mask
		}
		t.keys[i], t.vals[i] = k, vals[j]
	}
}

// Contains reports whether w (after normalisation) is a word of d.
func (d *Dict) Contains(w string) bool {
	if d == nil {
		return false
	}
	w = Normalize(w)
	d.mu.RLock()
	defer d.mu.RUnlock()
	node := uint32(root)
	for _, r := range w {
		next, ok := d.child(node, r)
		if !ok {
			return false
		}
		node = next
	}
	return node != root && d.term[node]
}

// Len returns the number of words in d.
func (d *Dict) Len() int {
	if d == nil {
		return 0
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.words
}

// MaxWordLen returns the length in runes of the longest word in d.
func (d *Dict) MaxWordLen() int {
	if d == nil {
		return 0
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.max
}

// maxLine bounds one line of a word file.
const maxLine = 1 << 20

// LoadWords adds the words of a one-word-per-line file: blank lines and
// lines starting with '#' are skipped; text after a tab is ignored. Lines
// that are not valid UTF-8 are read as TIS-620. It returns the number of new
// words.
func (d *Dict) LoadWords(r io.Reader) (n int, err error) {
	return d.load(r, false, false)
}

// LoadHunspell adds the words of a hunspell .dic file: the first line (the
// word count) is skipped and "/FLAGS" suffixes are stripped. The encoding is
// taken from the SET line of the .aff file next to it (TIS-620 and
// ISO-8859-11 are converted to UTF-8); lines that are not valid UTF-8 are
// read as TIS-620 whatever the .aff says. It returns the number of new
// words.
func (d *Dict) LoadHunspell(path string) (n int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	tis := isTISCharset(affCharset(strings.TrimSuffix(path, filepath.Ext(path)) + ".aff"))
	n, err = d.load(f, true, tis)
	if err != nil {
		return n, fmt.Errorf("thai: hunspell %s: %w", path, err)
	}
	return n, nil
}

// LoadFile adds the words of path: a hunspell dictionary if the name ends in
// ".dic", otherwise a one-word-per-line list.
func (d *Dict) LoadFile(path string) (n int, err error) {
	if strings.EqualFold(filepath.Ext(path), ".dic") {
		return d.LoadHunspell(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err = d.LoadWords(f)
	if err != nil {
		return n, fmt.Errorf("thai: word list %s: %w", path, err)
	}
	return n, nil
}

func (d *Dict) load(r io.Reader, hunspell, tis bool) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	var batch []string
	n, first := 0, true
	flush := func() {
		n += d.Add(batch...)
		batch = batch[:0]
	}
	for sc.Scan() {
		line := sc.Bytes()
		if first {
			first = false
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
			if hunspell {
				if _, err := strconv.Atoi(strings.TrimSpace(string(line))); err == nil {
					continue
				}
			}
		}
		if i := bytes.IndexByte(line, '\t'); i >= 0 {
			line = line[:i]
		}
		if hunspell {
			if i := bytes.IndexByte(line, '/'); i > 0 {
				line = line[:i]
			}
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		var w string
		if tis || !utf8.Valid(line) {
			w = fromTIS620(line)
		} else {
			w = string(line)
		}
		batch = append(batch, w)
		if len(batch) == 1024 {
			flush()
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return n, err
	}
	return n, nil
}

// affCharset returns the value of the SET line of a hunspell .aff file, or
// "" when there is none.
func affCharset(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "SET" {
			return fields[1]
		}
	}
	return ""
}

func isTISCharset(cs string) bool {
	cs = strings.ToUpper(strings.NewReplacer("-", "", "_", "", " ", "").Replace(cs))
	switch cs {
	case "TIS620", "TIS6202533", "ISO885911", "CP874", "WINDOWS874":
		return true
	}
	return false
}

// fromTIS620 converts TIS-620 / ISO-8859-11 bytes to UTF-8: ASCII stays,
// 0xA1–0xFB map to U+0E01–U+0E5B and other bytes are dropped. A line that
// is valid UTF-8 containing Thai is returned unchanged, so that a .aff that
// names the wrong charset does no harm.
func fromTIS620(b []byte) string {
	if utf8.Valid(b) && hasThaiRune(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) * 3)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c >= 0xA1 && c <= 0xFB:
			sb.WriteRune(rune(c) + 0x0D60)
		}
	}
	return sb.String()
}

func hasThaiRune(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r >= 0x0E01 && r <= 0x0E5B {
			return true
		}
		b = b[size:]
	}
	return false
}

// SystemDictPaths lists where Debian and other distributions install a Thai
// hunspell dictionary (package hunspell-th, from LibreOffice's dictionaries,
// © NECTEC, LGPL). libthai's /usr/share/libthai/thbrk.tri is a binary
// libdatrie trie and is not read.
var SystemDictPaths = []string{
	"/usr/share/hunspell/th_TH.dic",
	"/usr/share/myspell/th_TH.dic",
	"/usr/share/myspell/dicts/th_TH.dic",
	"/usr/local/share/hunspell/th_TH.dic",
}

// ErrNoSystemDict is returned by LoadSystemErr when no dictionary was found.
var ErrNoSystemDict = errors.New("thai: no system Thai dictionary found")

// LoadSystem loads the first Thai dictionary of SystemDictPaths that exists
// into d and returns its path. ok is false when none could be read; d then
// keeps the words it had (the seed list, for a Default dictionary).
func LoadSystem(d *Dict) (path string, ok bool) {
	path, err := LoadSystemErr(d)
	return path, err == nil
}

// LoadSystemErr is LoadSystem with the reason for a failure.
func LoadSystemErr(d *Dict) (string, error) {
	var errs []error
	for _, p := range SystemDictPaths {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		n, err := d.LoadHunspell(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n > 0 {
			return p, nil
		}
	}
	if len(errs) > 0 {
		return "", errors.Join(append([]error{ErrNoSystemDict}, errs...)...)
	}
	return "", ErrNoSystemDict
}
