package digitalid

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// Signing keys live in did_keys, encrypted with a key derived from
// Config.Secret, so every node signs with and publishes the same keys. A new
// key generation ("slot") is made every keyRotation; the previous keys stay
// published for keyPublish so tokens signed with them still verify.
const (
	keyRotation = 90 * 24 * time.Hour
	keyPublish  = keyRotation + 7*24*time.Hour
	keyBits     = 2048
)

type signingKey struct {
	id      string
	slot    int64
	created time.Time
	priv    *rsa.PrivateKey
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *signingKey) Key() any                                    { return k.priv }
func (k *signingKey) ID() string                                  { return k.id }

type publicKey struct{ k *signingKey }

func (k publicKey) ID() string                         { return k.k.id }
func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.k.priv.PublicKey }

// keyCache keeps decrypted keys by ID; the list of keys is always read from
// the database, so a key made by another node is seen at once.
type keyCache struct {
	mu   sync.Mutex
	byID map[string]*signingKey
}

func (p *Provider) keyAEAD() (cipher.AEAD, error) {
	k := sha256.Sum256(append([]byte("digitalid signing key encryption\x00"), p.secret...))
	b, err := aes.NewCipher(k[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

func (p *Provider) sealKey(id string, priv *rsa.PrivateKey) (string, error) {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return "", err
	}
	aead, err := p.keyAEAD()
	if err != nil {
		return "", err
	}
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	return base64.StdEncoding.EncodeToString(aead.Seal(nonce, nonce, der, []byte(id))), nil
}

func (p *Provider) openKey(id, sealed string) (*rsa.PrivateKey, error) {
	raw, err := base64.StdEncoding.DecodeString(sealed)
	if err != nil {
		return nil, err
	}
	aead, err := p.keyAEAD()
	if err != nil {
		return nil, err
	}
	if len(raw) < aead.NonceSize() {
		return nil, errors.New("sealed key too short")
	}
	der, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(id))
	if err != nil {
		return nil, fmt.Errorf("key %s does not open with this secret (was Secret changed?): %w", id, err)
	}
	k, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		return nil, err
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("not an RSA key")
	}
	return rk, nil
}

// loadKeys returns the published keys, newest first.
func (p *Provider) loadKeys(ctx context.Context) ([]*signingKey, error) {
	rows, err := p.db.QueryContext(ctx, `SELECT id, slot, private_key, created_at FROM did_keys WHERE created_at > $1 ORDER BY slot DESC`,
		p.nowUTC().Add(-keyPublish))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []*signingKey
	for rows.Next() {
		var id, sealed string
		var slot int64
		var created time.Time
		if err := rows.Scan(&id, &slot, &sealed, &created); err != nil {
			return nil, err
		}
		p.keys.mu.Lock()
		k := p.keys.byID[id]
		p.keys.mu.Unlock()
		if k == nil {
			priv, err := p.openKey(id, sealed)
			if err != nil {
				return nil, err
			}
			k = &signingKey{id: id, slot: slot, created: created, priv: priv}
			p.keys.mu.Lock()
			if p.keys.byID == nil {
				p.keys.byID = map[string]*signingKey{}
			}
			p.keys.byID[id] = k
			p.keys.mu.Unlock()
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// signingKey returns the newest key, making a new generation when there is
// none or the newest is older than keyRotation. Two nodes racing insert the
// same slot; one wins and both then use the winner.
func (p *Provider) signingKey(ctx context.Context) (*signingKey, error) {
	for range 3 {
		keys, err := p.loadKeys(ctx)
		if err != nil {
			return nil, err
		}
		if len(keys) > 0 && p.nowUTC().Sub(keys[0].created) < keyRotation {
			return keys[0], nil
		}
		var maxSlot sql.NullInt64
		if err := p.db.QueryRowContext(ctx, `SELECT MAX(slot) FROM did_keys`).Scan(&maxSlot); err != nil {
			return nil, err
		}
		priv, err := rsa.GenerateKey(rand.Reader, keyBits)
		if err != nil {
			return nil, err
		}
		idb := make([]byte, 8)
		rand.Read(idb)
		id := hex.EncodeToString(idb)
		sealed, err := p.sealKey(id, priv)
		if err != nil {
			return nil, err
		}
		if _, err := p.db.ExecContext(ctx, `INSERT INTO did_keys (id, slot, alg, private_key, created_at) VALUES ($1, $2, 'RS256', $3, $4) ON CONFLICT (slot) DO NOTHING`,
			id, maxSlot.Int64+1, sealed, p.nowUTC()); err != nil {
			return nil, err
		}
		if len(keys) > 0 {
			p.log.Info("signing key rotated", "kid", id)
		}
	}
	return nil, errors.New("could not settle on a signing key")
}
