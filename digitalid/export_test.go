package digitalid

import "time"

// SetHashing gives p slots password hashing slots, lets a request wait up to
// wait for one (0: not at all), and runs inSlot in each slot before hashing.
// Call it before p serves requests.
func SetHashing(p *Provider, slots int, wait time.Duration, inSlot func()) {
	p.hashSlots = make(chan struct{}, slots)
	p.hashWait = wait
	p.hashHook = inSlot
}

// HashWaiting is how many requests wait for a hashing slot.
func HashWaiting(p *Provider) int { return int(p.hashWaiting.Load()) }
