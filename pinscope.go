package openinfo

import "strings"

// PinScope says to which service points officer o may pin (and unpin) an
// item owned by the agency at ownerPath: the points of the subtree it
// returns. Whoever may pin for the owner pins across the owner's subtree.
// An officer of an agency under the owner (a provincial office of the
// department that wrote the manual: seed 000, the service point officers'
// main task) pins a published item to the points of their own agency's
// subtree, and nothing else. ok is false when o may do neither.
func PinScope(o Officer, ownerPath string, published bool) (scope string, ok bool) {
	if Can(o, ActPinManual, ownerPath) {
		return ownerPath, true
	}
	// ownerPath must be a whole path ("/1/", not "/1", which "/10/" also starts with).
	if !published || o.AgencyPath == "" || !strings.HasPrefix(ownerPath, "/") || !strings.HasSuffix(ownerPath, "/") || o.AgencyPath == ownerPath ||
		!strings.HasPrefix(o.AgencyPath, ownerPath) || !Can(o, ActPinManual, o.AgencyPath) {
		return "", false
	}
	return o.AgencyPath, true
}
