// Map picker for a service point's pin: a small slippy map (Web Mercator
// tiles from the source the installation configures) over a coordinate
// grid. Clicking sets the latitude and longitude fields; typing them moves
// the pin. Without tiles (offline, or no source configured) the grid and
// the click still work; without JavaScript the two fields are the form.
(function () {
  var box = document.getElementById("map");
  var lat = document.getElementById("lat"), lon = document.getElementById("lon");
  if (!box || !lat || !lon) return;
  var tiles = box.dataset.tiles || "", T = 256;
  var view = document.createElement("div");
  view.className = "map-view";
  view.tabIndex = 0;
  view.setAttribute("role", "application");
  view.setAttribute("aria-label", box.dataset.label || "map");
  var layer = document.createElement("div");
  layer.className = "map-tiles";
  var pin = document.createElement("div");
  pin.className = "map-pin";
  pin.hidden = true;
  var readout = document.createElement("p");
  readout.className = "map-readout muted small";
  readout.setAttribute("aria-live", "polite");
  var bar = document.createElement("div");
  bar.className = "map-bar";
  function button(text, title, fn) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "secondary small"; b.textContent = text; b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", fn);
    bar.appendChild(b);
  }
  view.appendChild(layer); view.appendChild(pin);
  box.hidden = false;
  box.appendChild(bar); box.appendChild(view); box.appendChild(readout);

  // Web Mercator: world pixel coordinates at zoom z.
  function px(la, lo, z) {
    var s = T * Math.pow(2, z), r = Math.sin(la * Math.PI / 180);
    return [(lo + 180) / 360 * s, (0.5 - Math.log((1 + r) / (1 - r)) / (4 * Math.PI)) * s];
  }
  function ll(x, y, z) {
    var s = T * Math.pow(2, z), n = Math.PI - 2 * Math.PI * y / s;
    return [180 / Math.PI * Math.atan(0.5 * (Math.exp(n) - Math.exp(-n))), x / s * 360 - 180];
  }
  function typed() {
    var a = parseFloat(lat.value), o = parseFloat(lon.value);
    return isFinite(a) && isFinite(o) && Math.abs(a) < 85 && Math.abs(o) <= 180 ? [a, o] : null;
  }
  var start = typed();
  var z = start ? 16 : 5, c = px(start ? start[0] : 13.2, start ? start[1] : 101.0, z);

  function draw() {
    var w = view.clientWidth, h = view.clientHeight, n = Math.pow(2, z);
    var x0 = c[0] - w / 2, y0 = c[1] - h / 2;
    layer.textContent = "";
    if (tiles) {
      for (var tx = Math.floor(x0 / T); tx <= Math.floor((x0 + w) / T); tx++) {
        for (var ty = Math.max(0, Math.floor(y0 / T)); ty <= Math.min(n - 1, Math.floor((y0 + h) / T)); ty++) {
          var img = new Image(T, T);
          img.alt = "";
          img.className = "map-tile";
          img.style.left = (tx * T - x0) + "px";
          img.style.top = (ty * T - y0) + "px";
          img.onerror = function () { this.remove(); }; // offline: the grid shows through
          img.src = tiles.replace("{z}", z).replace("{x}", ((tx % n) + n) % n).replace("{y}", ty);
          layer.appendChild(img);
        }
      }
    }
    var p = typed();
    pin.hidden = !p;
    if (p) {
      var q = px(p[0], p[1], z);
      pin.style.left = (q[0] - x0) + "px";
      pin.style.top = (q[1] - y0) + "px";
    }
    // The grid: a line every 2^k pixels of the world, labelled by the pointer readout.
    view.style.backgroundPosition = (-x0 % 64) + "px " + (-y0 % 64) + "px";
  }
  function zoom(d) {
    var nz = Math.max(3, Math.min(19, z + d)), m = ll(c[0], c[1], z);
    z = nz; c = px(m[0], m[1], z); draw();
  }
  button("+", box.dataset.zoomin || "zoom in", function () { zoom(1); });
  button("−", box.dataset.zoomout || "zoom out", function () { zoom(-1); });

  var drag = null, moved = false;
  view.addEventListener("pointerdown", function (e) { drag = [e.clientX, e.clientY, c[0], c[1]]; moved = false; view.setPointerCapture(e.pointerId); });
  view.addEventListener("pointermove", function (e) {
    var r = view.getBoundingClientRect(), m = ll(c[0] - view.clientWidth / 2 + e.clientX - r.left, c[1] - view.clientHeight / 2 + e.clientY - r.top, z);
    readout.textContent = m[0].toFixed(5) + ", " + m[1].toFixed(5);
    if (!drag) return;
    var dx = e.clientX - drag[0], dy = e.clientY - drag[1];
    if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
    if (moved) { c = [drag[2] - dx, drag[3] - dy]; draw(); }
  });
  view.addEventListener("pointerup", function (e) {
    var was = drag; drag = null;
    if (!was || moved) return;
    var r = view.getBoundingClientRect();
    var m = ll(c[0] - view.clientWidth / 2 + e.clientX - r.left, c[1] - view.clientHeight / 2 + e.clientY - r.top, z);
    lat.value = m[0].toFixed(6); lon.value = m[1].toFixed(6);
    readout.textContent = (box.dataset.set || "") + " " + lat.value + ", " + lon.value;
    draw();
  });
  view.addEventListener("wheel", function (e) { e.preventDefault(); zoom(e.deltaY < 0 ? 1 : -1); }, { passive: false });
  view.addEventListener("keydown", function (e) {
    var k = { ArrowLeft: [-64, 0], ArrowRight: [64, 0], ArrowUp: [0, -64], ArrowDown: [0, 64] }[e.key];
    if (k) { e.preventDefault(); c = [c[0] + k[0], c[1] + k[1]]; draw(); }
    if (e.key === "+" || e.key === "=") zoom(1);
    if (e.key === "-") zoom(-1);
  });
  function follow() { var p = typed(); if (p) { c = px(p[0], p[1], z); } draw(); }
  lat.addEventListener("change", follow); lon.addEventListener("change", follow);
  window.addEventListener("resize", draw);
  draw();
})();
