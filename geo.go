package openinfo

import "math"

// Thailand's extent with a small margin: a pin outside it is a typing error
// (swapped latitude and longitude, a missing minus, a point in the sea).
const (
	MinLat, MaxLat = 5.5, 20.5
	MinLon, MaxLon = 97.3, 105.7
)

// InThailand reports whether lat/lon falls within Thailand's extent.
func InThailand(lat, lon float64) bool {
	if math.IsNaN(lat) || math.IsNaN(lon) {
		return false
	}
	return lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon
}
