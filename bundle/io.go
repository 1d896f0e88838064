package bundle

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Bundle is an opened bundle: a directory or a .zip.
type Bundle struct {
	dir   string
	zr    *zip.ReadCloser
	files map[string]*zip.File // a zip's files/, by SHA-256
}

// Open opens the bundle at path: a .zip file, or a directory.
func Open(path string) (*Bundle, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return &Bundle{dir: path}, nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: neither a directory nor a .zip: %w", path, err)
	}
	return &Bundle{zr: zr}, nil
}

// Close closes a zipped bundle.
func (b *Bundle) Close() error {
	if b.zr != nil {
		return b.zr.Close()
	}
	return nil
}

// open opens a file of the bundle; fs.ErrNotExist when absent.
func (b *Bundle) open(name string) (io.ReadCloser, int64, error) {
	if b.zr == nil {
		f, err := os.Open(filepath.Join(b.dir, name))
		if err != nil {
			return nil, 0, err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, 0, err
		}
		return f, st.Size(), nil
	}
	for _, f := range b.zr.File {
		if strings.TrimPrefix(f.Name, "./") == name {
			r, err := f.Open()
			return r, int64(f.UncompressedSize64), err
		}
	}
	return nil, 0, fs.ErrNotExist
}

// OpenFile opens the file of files/ named by its SHA-256 (lowercase
// hex); fs.ErrNotExist when the bundle does not hold it.
func (b *Bundle) OpenFile(sum string) (io.ReadCloser, error) {
	if !hashRE.MatchString(sum) {
		return nil, fs.ErrNotExist
	}
	if b.zr == nil {
		return os.Open(filepath.Join(b.dir, FilesDir, sum))
	}
	if b.files == nil {
		b.files = map[string]*zip.File{}
		for _, f := range b.zr.File {
			if name, ok := strings.CutPrefix(strings.TrimPrefix(f.Name, "./"), FilesDir); ok {
				b.files[name] = f
			}
		}
	}
	f, ok := b.files[sum]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return f.Open()
}

// Manifest reads manifest.json; a bundle without one is read as version 1.
func (b *Bundle) Manifest() (*Manifest, error) {
	r, _, err := b.open("manifest.json")
	if errors.Is(err, fs.ErrNotExist) {
		return &Manifest{Format: Format, Version: Version}, nil
	}
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var m Manifest
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	if m.Format != Format || m.Version < 1 || m.Version > Version {
		return nil, fmt.Errorf("manifest.json: format %q version %d; this openinfo reads %q versions 1–%d", m.Format, m.Version, Format, Version)
	}
	return &m, nil
}

// Size is the byte size of entity e's file (0 when absent), for progress.
func (b *Bundle) Size(e Entity) int64 {
	r, n, err := b.open(e.File())
	if err != nil {
		return 0
	}
	r.Close()
	return n
}

// Line is one line of a file as Each reads it.
type Line struct {
	No    int    // from 1
	Bytes []byte // without the newline; valid until the next call
	Read  int64  // bytes of the file read so far
}

// Each calls fn for each non-blank line of entity e's file, in order. A
// missing file has no lines. A line longer than MaxLine is passed
// truncated to MaxLine bytes with Long set: fn reports it.
func (b *Bundle) Each(e Entity, fn func(l Line) error) error {
	r, _, err := b.open(e.File())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	var read int64
	no := 0
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		read += int64(len(chunk))
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(long) < MaxLine+1 {
				long = append(long, chunk...)
			}
			continue
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
			long = nil
		}
		if len(line) > 0 {
			no++
			line = bytes.TrimRight(line, "\r\n")
			if len(line) > MaxLine {
				line = line[:MaxLine]
			}
			if len(bytes.TrimSpace(line)) > 0 {
				if ferr := fn(Line{No: no, Bytes: line, Read: read}); ferr != nil {
					return ferr
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", e.File(), err)
		}
	}
}

// Writer writes a bundle: a directory, or a .zip when the path ends in
// ".zip". Entities are written one after the other.
type Writer struct {
	path   string
	dir    string
	zf     *os.File
	zw     *zip.Writer
	cur    io.Writer
	closer io.Closer
	buf    *bufio.Writer
	counts map[Entity]int
	entity Entity
	files  []string // SHA-256 of files written (a zip's, after its entities)
	spool  string   // a zip's files until Close
}

// Create starts a bundle at path; an existing directory's bundle files
// are replaced, an existing .zip is overwritten.
func Create(path string) (*Writer, error) {
	w := &Writer{path: path, counts: map[Entity]int{}}
	if strings.HasSuffix(strings.ToLower(path), ".zip") {
		f, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		w.zf, w.zw = f, zip.NewWriter(f)
		return w, nil
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, err
	}
	w.dir = path
	return w, nil
}

// Begin starts entity e's file.
func (w *Writer) Begin(e Entity) error {
	if err := w.end(); err != nil {
		return err
	}
	w.entity = e
	w.counts[e] = 0
	if w.zw != nil {
		f, err := w.zw.CreateHeader(&zip.FileHeader{Name: e.File(), Method: zip.Deflate})
		if err != nil {
			return err
		}
		w.cur = f
	} else {
		f, err := os.Create(filepath.Join(w.dir, e.File()))
		if err != nil {
			return err
		}
		w.cur, w.closer = f, f
	}
	w.buf = bufio.NewWriterSize(w.cur, 256<<10)
	return nil
}

// Write appends a record to the current entity's file.
func (w *Writer) Write(r Record) error {
	b, err := Encode(r)
	if err != nil {
		return err
	}
	w.buf.Write(b)
	w.counts[w.entity]++
	return w.buf.WriteByte('\n')
}

func (w *Writer) end() error {
	if w.buf == nil {
		return nil
	}
	err := w.buf.Flush()
	if w.closer != nil {
		if cerr := w.closer.Close(); err == nil {
			err = cerr
		}
	}
	w.buf, w.cur, w.closer = nil, nil, nil
	return err
}

// File writes a file of files/ under its SHA-256 sum. A zip cannot hold
// two entries open at once: its files wait in a temporary directory (not
// in memory) and are written at Close.
func (w *Writer) File(sum string, data []byte) error {
	if !hashRE.MatchString(sum) {
		return fmt.Errorf("file %q: not a SHA-256", sum)
	}
	dir := filepath.Join(w.dir, FilesDir)
	if w.zw != nil {
		if w.spool == "" {
			d, err := os.MkdirTemp("", "openinfo-export-")
			if err != nil {
				return err
			}
			w.spool = d
		}
		dir = w.spool
		w.files = append(w.files, sum)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, sum), data, 0o644)
}

// Counts is how many records of each entity were written.
func (w *Writer) Counts() map[Entity]int { return w.counts }

// Close writes manifest.json and finishes the bundle.
func (w *Writer) Close() error {
	if err := w.end(); err != nil {
		return err
	}
	m, err := json.MarshalIndent(Manifest{Format: Format, Version: Version, Counts: w.counts}, "", "  ")
	if err != nil {
		return err
	}
	m = append(m, '\n')
	if w.zw != nil {
		defer func() {
			if w.spool != "" {
				os.RemoveAll(w.spool)
			}
		}()
		for _, sum := range w.files {
			// Stored: PDFs and images are compressed already.
			f, err := w.zw.CreateHeader(&zip.FileHeader{Name: FilesDir + sum, Method: zip.Store})
			if err != nil {
				return err
			}
			data, err := os.ReadFile(filepath.Join(w.spool, sum))
			if err != nil {
				return err
			}
			if _, err := f.Write(data); err != nil {
				return err
			}
		}
		f, err := w.zw.Create("manifest.json")
		if err != nil {
			return err
		}
		if _, err := f.Write(m); err != nil {
			return err
		}
		if err := w.zw.Close(); err != nil {
			return err
		}
		if w.zf == nil { // NewZipWriter: the caller's stream
			return nil
		}
		return w.zf.Close()
	}
	return os.WriteFile(filepath.Join(w.dir, "manifest.json"), m, 0o644)
}
