package digitalid

import (
	"context"
	"time"
)

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

// SendOTP and VerifyOTP reach the one-time codes without the registration
// pages around them.
func SendOTP(p *Provider, ctx context.Context, purpose, ref, mobile string) (string, error) {
	return p.sendOTP(ctx, purpose, ref, mobile, "th")
}

func VerifyOTP(p *Provider, ctx context.Context, ip, purpose, ref, code string) error {
	return p.verifyOTP(ctx, ip, purpose, ref, code)
}
