package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestMapPicker drives the point form's map picker (web/static/mappick.js)
// in Chromium, with a tile server and without one (offline): a click sets
// the coordinates of the spot clicked, typed coordinates move the pin, and
// the grid alone still places a pin.
func TestMapPicker(t *testing.T) {
	exe := chromium(t)
	script, err := os.ReadFile("../web/static/mappick.js")
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile("../web/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	var tilesServed atomic.Int64
	var tile bytes.Buffer
	png.Encode(&tile, image.NewGray(image.Rect(0, 0, 256, 256)))
	mux := http.NewServeMux()
	mux.HandleFunc("/tiles/", func(w http.ResponseWriter, r *http.Request) {
		tilesServed.Add(1)
		w.Header().Set("Content-Type", "image/png")
		w.Write(tile.Bytes())
	})
	mux.HandleFunc("/mappick.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(script)
	})
	mux.HandleFunc("/style.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Write(css)
	})
	mux.HandleFunc("/form", func(w http.ResponseWriter, r *http.Request) {
		tiles := ""
		if r.URL.Query().Get("tiles") != "" {
			tiles = "/tiles/{z}/{x}/{y}.png"
		}
		fmt.Fprintf(w, `<!doctype html><html lang="th"><head><meta charset="utf-8"><link rel="stylesheet" href="/style.css"><title>map</title></head>
<body><form><label for="lat">lat</label><input id="lat" name="lat" value="%s"><label for="lon">lon</label><input id="lon" name="lon" value="%s">
<div id="map" class="map" hidden data-tiles="%s" data-label="แผนที่"></div></form><script src="/mappick.js"></script></body></html>`,
			r.URL.Query().Get("lat"), r.URL.Query().Get("lon"), tiles)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	profile, err := os.MkdirTemp("", "openinfo-e2e-map-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		for i := 0; i < 10 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	}()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(360, 740), chromedp.UserDataDir(profile))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

	// The centre of the map's view, in page coordinates.
	centre := func() (float64, float64) {
		var box []float64
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const r = document.querySelector('.map-view').getBoundingClientRect(); return [r.left + r.width/2, r.top + r.height/2]; })()`, &box)); err != nil {
			t.Fatal(err)
		}
		return box[0], box[1]
	}
	values := func() (float64, float64) {
		var lat, lon string
		if err := chromedp.Run(ctx, chromedp.Value(`#lat`, &lat), chromedp.Value(`#lon`, &lon)); err != nil {
			t.Fatal(err)
		}
		var a, o float64
		fmt.Sscan(lat, &a)
		fmt.Sscan(lon, &o)
		return a, o
	}

	// With tiles, centred on a typed pin (Bangkok City Hall): a click at the
	// centre gives back the same spot (within a pixel at zoom 16: ~2 m).
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/form?tiles=1&lat=13.7530&lon=100.5010"), chromedp.WaitVisible(`.map-view`)); err != nil {
		t.Fatal(err)
	}
	x, y := centre()
	if err := chromedp.Run(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	if a, o := values(); math.Abs(a-13.7530) > 0.0001 || math.Abs(o-100.5010) > 0.0001 {
		t.Fatalf("a click at the centre set %v, %v", a, o)
	}
	if tilesServed.Load() == 0 {
		t.Fatal("no tiles were asked for")
	}
	// 64 px to the right is further east, same latitude.
	if err := chromedp.Run(ctx, chromedp.MouseClickXY(x+64, y)); err != nil {
		t.Fatal(err)
	}
	if a, o := values(); math.Abs(a-13.7530) > 0.0001 || o <= 100.5010+0.0005 {
		t.Fatalf("a click to the east set %v, %v", a, o)
	}
	// Typed coordinates move the pin.
	var before, after string
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector('.map-pin').style.left`, &before),
		chromedp.SetValue(`#lon`, "100.5020"),
		chromedp.Evaluate(`document.getElementById('lon').dispatchEvent(new Event('change'))`, nil),
		chromedp.Evaluate(`document.querySelector('.map-pin').style.left`, &after))
	if err != nil || before == after || strings.TrimSpace(after) == "" {
		t.Fatalf("the pin did not follow the typed longitude: %q → %q (%v)", before, after, err)
	}

	// Offline, no tile source: the grid shows and a click still sets a
	// pin somewhere in Thailand (the default view).
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/form"), chromedp.WaitVisible(`.map-view`)); err != nil {
		t.Fatal(err)
	}
	var imgs int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('.map-tile').length`, &imgs)); err != nil || imgs != 0 {
		t.Fatalf("tiles without a source: %d %v", imgs, err)
	}
	x, y = centre()
	if err := chromedp.Run(ctx, chromedp.MouseClickXY(x, y)); err != nil {
		t.Fatal(err)
	}
	if a, o := values(); a < 5 || a > 21 || o < 97 || o > 106 {
		t.Fatalf("offline click set %v, %v: not in Thailand", a, o)
	}
}
