package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
)

// Sealer encrypts officer tokens so their issuer can show them again, with a
// key derived from the installation secret (never stored beside the data
// when OPENINFO_SECRET is set).
type Sealer struct {
	aead   cipher.AEAD
	secret []byte
}

// NewSealer derives the token keys from secret.
func NewSealer(secret []byte) (*Sealer, error) {
	if len(secret) < 16 {
		return nil, errors.New("auth: secret shorter than 16 bytes")
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("openinfo token sealing"))
	block, err := aes.NewCipher(m.Sum(nil))
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	h := hmac.New(sha256.New, secret)
	h.Write([]byte("openinfo token hashing"))
	return &Sealer{aead: aead, secret: h.Sum(nil)}, nil
}

// HashKey is the HMAC key for openinfo.HashToken.
func (s *Sealer) HashKey() []byte { return s.secret }

// Seal encrypts a token.
func (s *Sealer) Seal(token string) string {
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return base64.RawStdEncoding.EncodeToString(s.aead.Seal(nonce, nonce, []byte(token), nil))
}

// Open decrypts a sealed token.
func (s *Sealer) Open(sealed string) (string, error) {
	b, err := base64.RawStdEncoding.DecodeString(sealed)
	if err != nil || len(b) < s.aead.NonceSize() {
		return "", errors.New("auth: malformed sealed token")
	}
	p, err := s.aead.Open(nil, b[:s.aead.NonceSize()], b[s.aead.NonceSize():], nil)
	return string(p), err
}

// Sign returns a MAC over parts (for links sent by e-mail); Verify checks one.
func (s *Sealer) Sign(parts ...string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("openinfo link"))
	for _, p := range parts {
		m.Write([]byte{0})
		m.Write([]byte(p))
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is Sign(parts...).
func (s *Sealer) Verify(sig string, parts ...string) bool {
	return hmac.Equal([]byte(sig), []byte(s.Sign(parts...)))
}
