// Package poster renders the material printed at a service point so that
// citizens can rate the service: the QR code of the rating URL (PNG and
// SVG) and an A4 portrait poster in Thai (SVG, plus a print-ready HTML page
// that embeds it).
//
// Everything is generated in pure Go without fonts or external resources;
// text widths on the poster are estimates (see estimateWidth).
package poster

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"

	"rsc.io/qr"
)

// QuietZone is the number of light modules drawn around the QR symbol, as
// required by ISO/IEC 18004.
const QuietZone = 4

// Level is the error correction level used for every QR code. Q (about 25%
// of codewords recoverable) tolerates posters that are scratched, faded or
// partly covered by a stamp, and rating URLs are short enough for it.
const level = qr.Q

// ErrEmptyURL is returned when no URL is given to encode.
var ErrEmptyURL = errors.New("poster: empty URL")

// matrix returns the QR modules of url, without the quiet zone:
// m[y][x] is true for a dark module.
func matrix(url string) ([][]bool, error) {
	if strings.TrimSpace(url) == "" {
		return nil, ErrEmptyURL
	}
	code, err := qr.Encode(url, level)
	if err != nil {
		return nil, fmt.Errorf("poster: encode QR: %w", err)
	}
	n := code.Size
	m := make([][]bool, n)
	for y := range n {
		m[y] = make([]bool, n)
		for x := range n {
			m[y][x] = code.Black(x, y)
		}
	}
	return m, nil
}

// QRPNG returns a PNG of the QR code of url, with a 4-module quiet zone.
// Each module is a square of whole pixels (no anti-aliasing); the module
// size is chosen so that the image is as close as possible to size pixels
// on a side (at least one pixel per module). The PNG is a 1-bit paletted
// image.
func QRPNG(url string, size int) ([]byte, error) {
	m, err := matrix(url)
	if err != nil {
		return nil, err
	}
	total := len(m) + 2*QuietZone
	scale := (size + total/2) / total
	if scale < 1 {
		scale = 1
	}
	d := total * scale
	img := image.NewPaletted(image.Rect(0, 0, d, d), color.Palette{color.Gray{0xFF}, color.Gray{0x00}})
	// Index 0 (white) is the zero value, so only dark modules are written.
	for y, row := range m {
		for x, dark := range row {
			if !dark {
				continue
			}
			x0, y0 := (x+QuietZone)*scale, (y+QuietZone)*scale
			for py := y0; py < y0+scale; py++ {
				line := img.Pix[py*img.Stride+x0 : py*img.Stride+x0+scale]
				for i := range line {
					line[i] = 1
				}
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("poster: encode PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// QRSVG returns the QR code of url as a standalone SVG: a white background
// and a single <path> of the dark modules, in a viewBox measured in modules
// (quiet zone included), with shape-rendering="crispEdges". It scales to
// any size and has no external references.
func QRSVG(url string) ([]byte, error) {
	m, err := matrix(url)
	if err != nil {
		return nil, err
	}
	total := strconv.Itoa(len(m) + 2*QuietZone)
	px := strconv.Itoa((len(m) + 2*QuietZone) * 8) // default display size: 8 px per module
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + total + " " + total +
		`" width="` + px + `" height="` + px + `" shape-rendering="crispEdges">`)
	b.WriteString(`<rect width="` + total + `" height="` + total + `" fill="#fff"/>`)
	b.WriteString(`<path fill="#000" d="`)
	b.WriteString(modulePath(m, QuietZone))
	b.WriteString(`"/></svg>` + "\n")
	return b.Bytes(), nil
}

// modulePath returns SVG path data covering the dark modules of m, one
// subpath per horizontal run of dark modules, each of the exact form
// "M{x} {y}h{n}v1h-{n}z" with the origin shifted by off modules.
func modulePath(m [][]bool, off int) string {
	var b strings.Builder
	for y, row := range m {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			n := strconv.Itoa(x - start)
			b.WriteByte('M')
			b.WriteString(strconv.Itoa(start + off))
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(y + off))
			b.WriteByte('h')
			b.WriteString(n)
			b.WriteString("v1h-")
			b.WriteString(n)
			b.WriteByte('z')
		}
	}
	return b.String()
}
