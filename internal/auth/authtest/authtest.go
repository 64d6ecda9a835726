// Package authtest makes what tests of authentication need: fresh RSA and
// P-256 keys, a JWKS file of their public halves, and signed JWTs.
package authtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Secret is an HS256 secret long enough for auth.NewVerifier.
const Secret = "test-secret-of-at-least-thirty-two-bytes"

// Keys are an RSA and a P-256 key pair, and the JWKS file of their public
// halves (kid "rsa" and "ec").
type Keys struct {
	RSA      *rsa.PrivateKey
	EC       *ecdsa.PrivateKey
	JWKSFile string
}

// NewKeys generates the keys and writes their JWKS into t.TempDir().
func NewKeys(t testing.TB) *Keys {
	t.Helper()
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k := &Keys{RSA: rk, EC: ek, JWKSFile: filepath.Join(t.TempDir(), "jwks.json")}
	WriteJWKS(t, k.JWKSFile, map[string]any{"rsa": &rk.PublicKey, "ec": &ek.PublicKey})
	return k
}

// WriteJWKS writes a JWKS of the public keys (*rsa.PublicKey or a P-256
// *ecdsa.PublicKey) by kid to path.
func WriteJWKS(t testing.TB, path string, keys map[string]any) {
	t.Helper()
	b64 := func(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
	var set struct {
		Keys []map[string]string `json:"keys"`
	}
	for kid, k := range keys {
		switch k := k.(type) {
		case *rsa.PublicKey:
			set.Keys = append(set.Keys, map[string]string{"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
				"n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())})
		case *ecdsa.PublicKey:
			// The uncompressed point is 0x04, then x and y, 32 bytes each.
			pt, err := k.Bytes()
			if err != nil || len(pt) != 65 {
				t.Fatalf("WriteJWKS: not a P-256 key: %v", err)
			}
			x, y := pt[1:33], pt[33:]
			set.Keys = append(set.Keys, map[string]string{"kty": "EC", "kid": kid, "use": "sig", "alg": "ES256",
				"crv": "P-256", "x": b64(x), "y": b64(y)})
		default:
			t.Fatalf("WriteJWKS: unsupported key %T", k)
		}
	}
	b, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Claims returns valid claims for subject sub with roles, expiring in an
// hour.
func Claims(sub string, roles ...string) jwt.MapClaims {
	now := time.Now()
	c := jwt.MapClaims{"sub": sub, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	if roles != nil {
		c["roles"] = roles
	}
	return c
}

// HS256 signs claims with secret.
func HS256(t testing.TB, secret string, claims jwt.Claims) string {
	t.Helper()
	return sign(t, jwt.NewWithClaims(jwt.SigningMethodHS256, claims), []byte(secret))
}

// RS256 signs claims with k's RSA key, kid "rsa".
func (k *Keys) RS256(t testing.TB, claims jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = "rsa"
	return sign(t, tok, k.RSA)
}

// ES256 signs claims with k's P-256 key, kid "ec".
func (k *Keys) ES256(t testing.TB, claims jwt.Claims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodES256, claims)
	tok.Header["kid"] = "ec"
	return sign(t, tok, k.EC)
}

func sign(t testing.TB, tok *jwt.Token, key any) string {
	t.Helper()
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
