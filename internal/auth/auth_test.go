package auth_test

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/auth"
	"github.com/actorgraph/actorgraph/internal/auth/authtest"
)

func mustVerifier(t *testing.T, cfg auth.Config) *auth.Verifier {
	t.Helper()
	v, err := auth.NewVerifier(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestVerifyAccepts(t *testing.T) {
	keys := authtest.NewKeys(t)
	v := mustVerifier(t, auth.Config{StaticToken: "static", Secret: authtest.Secret, JWKSFile: keys.JWKSFile,
		Issuer: "https://issuer.test", Audience: "actorgraph", Leeway: 30 * time.Second})
	claims := func(roles ...string) jwt.MapClaims {
		c := authtest.Claims("alice", roles...)
		c["iss"], c["aud"] = "https://issuer.test", []string{"other", "actorgraph"}
		return c
	}
	nearlyExpired := claims("reader")
	nearlyExpired["exp"] = time.Now().Add(-10 * time.Second).Unix() // within the leeway
	for name, tc := range map[string]struct {
		token string
		want  auth.Principal
	}{
		"static":        {"static", auth.Principal{Subject: auth.StaticSubject, Roles: []auth.Role{auth.Admin}}},
		"HS256":         {authtest.HS256(t, authtest.Secret, claims("editor")), auth.Principal{Subject: "alice", Roles: []auth.Role{auth.Editor}}},
		"RS256":         {keys.RS256(t, claims("reader", "admin")), auth.Principal{Subject: "alice", Roles: []auth.Role{auth.Reader, auth.Admin}}},
		"ES256":         {keys.ES256(t, claims()), auth.Principal{Subject: "alice"}},
		"withinLeeway":  {authtest.HS256(t, authtest.Secret, nearlyExpired), auth.Principal{Subject: "alice", Roles: []auth.Role{auth.Reader}}},
		"unknownRoleOK": {authtest.HS256(t, authtest.Secret, claims("superuser")), auth.Principal{Subject: "alice", Roles: []auth.Role{"superuser"}}},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := v.Verify(context.Background(), tc.token)
			if err != nil {
				t.Fatal(err)
			}
			if p.Subject != tc.want.Subject || len(p.Roles) != len(tc.want.Roles) {
				t.Fatalf("principal = %+v, want %+v", p, tc.want)
			}
			for i := range p.Roles {
				if p.Roles[i] != tc.want.Roles[i] {
					t.Fatalf("principal = %+v, want %+v", p, tc.want)
				}
			}
		})
	}
}

func TestVerifyRefuses(t *testing.T) {
	keys := authtest.NewKeys(t)
	v := mustVerifier(t, auth.Config{StaticToken: "static", Secret: authtest.Secret, JWKSFile: keys.JWKSFile,
		Issuer: "https://issuer.test", Audience: "actorgraph", Leeway: 30 * time.Second})
	rsaOnly := mustVerifier(t, auth.Config{JWKSFile: keys.JWKSFile})
	good := func() jwt.MapClaims {
		c := authtest.Claims("alice", "admin")
		c["iss"], c["aud"] = "https://issuer.test", "actorgraph"
		return c
	}
	with := func(k string, val any) jwt.MapClaims {
		c := good()
		if val == nil {
			delete(c, k)
		} else {
			c[k] = val
		}
		return c
	}
	hour := time.Hour
	other := authtest.NewKeys(t)
	// An HS256 token whose "secret" is the RSA public key as PEM: the
	// classic algorithm confusion.
	der, err := x509.MarshalPKIXPublicKey(&keys.RSA.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, good()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	rsWithECKid := jwt.NewWithClaims(jwt.SigningMethodRS256, good())
	rsWithECKid.Header["kid"] = "ec"
	rsWithECKidS, err := rsWithECKid.SignedString(keys.RSA)
	if err != nil {
		t.Fatal(err)
	}
	rs384 := jwt.NewWithClaims(jwt.SigningMethodRS384, good())
	rs384.Header["kid"] = "rsa"
	rs384S, err := rs384.SignedString(keys.RSA)
	if err != nil {
		t.Fatal(err)
	}

	for name, tc := range map[string]struct {
		v     *auth.Verifier
		token string
		want  string
	}{
		"empty":               {v, "", "not valid"},
		"notAToken":           {v, "wrong", "neither the API token nor a well-formed JWT"},
		"expired":             {v, authtest.HS256(t, authtest.Secret, with("exp", time.Now().Add(-hour).Unix())), "expired"},
		"notYetValid":         {v, authtest.HS256(t, authtest.Secret, with("nbf", time.Now().Add(hour).Unix())), "not valid yet"},
		"noExp":               {v, authtest.HS256(t, authtest.Secret, with("exp", nil)), "no exp"},
		"noSub":               {v, authtest.HS256(t, authtest.Secret, with("sub", nil)), "no sub"},
		"rolesNotAList":       {v, authtest.HS256(t, authtest.Secret, with("roles", "admin")), "roles claim"},
		"wrongSecret":         {v, authtest.HS256(t, "another-secret-of-at-least-thirty-two-bytes", good()), "signature does not verify"},
		"wrongRSAKey":         {v, other.RS256(t, good()), "signature does not verify"},
		"wrongECKey":          {v, other.ES256(t, good()), "signature does not verify"},
		"wrongAudience":       {v, authtest.HS256(t, authtest.Secret, with("aud", "someone-else")), "audience"},
		"noAudience":          {v, authtest.HS256(t, authtest.Secret, with("aud", nil)), "audience"},
		"noIssuer":            {v, authtest.HS256(t, authtest.Secret, with("iss", nil)), "issuer"},
		"wrongIssuer":         {v, authtest.HS256(t, authtest.Secret, with("iss", "https://evil.test")), "issuer"},
		"algNone":             {v, none, "algorithm is not accepted"},
		"RS384":               {v, rs384S, "algorithm is not accepted"},
		"HS256WithoutSecret":  {rsaOnly, authtest.HS256(t, pubPEM, good()), "algorithm is not accepted"},
		"HS256KeyedWithRSA":   {v, authtest.HS256(t, pubPEM, good()), "signature does not verify"},
		"kidOfAnotherKeyType": {v, rsWithECKidS, "key this server does not know"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := tc.v.Verify(context.Background(), tc.token)
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, actorgraph.ErrUnauthenticated) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want UNAUTHENTICATED saying %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "keyfunc") || strings.Contains(err.Error(), "jwt") || strings.Contains(err.Error(), "json") {
				t.Errorf("err %q leaks library internals", err)
			}
		})
	}
}

func TestUnknownKid(t *testing.T) {
	keys := authtest.NewKeys(t)
	v := mustVerifier(t, auth.Config{JWKSFile: keys.JWKSFile})
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, authtest.Claims("a", "reader"))
	tok.Header["kid"] = "rotated-away"
	s, err := tok.SignedString(keys.RSA)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(context.Background(), s); err == nil || !strings.Contains(err.Error(), "key this server does not know") {
		t.Fatalf("err = %v", err)
	}
}

func TestNewVerifierRefusesBadConfig(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	authtest.WriteJWKS(t, bad, map[string]any{})
	for name, cfg := range map[string]auth.Config{
		"shortSecret": {Secret: "short"},
		"missingJWKS": {JWKSFile: filepath.Join(t.TempDir(), "nope.json")},
		"emptyJWKS":   {JWKSFile: bad},
	} {
		if _, err := auth.NewVerifier(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	v := mustVerifier(t, auth.Config{})
	if v.Enabled() {
		t.Error("a Verifier with nothing configured is enabled")
	}
	if _, err := v.Verify(context.Background(), authtest.HS256(t, authtest.Secret, authtest.Claims("a", "admin"))); err == nil {
		t.Error("a Verifier with nothing configured accepted a JWT")
	}
}

func TestRolesInclude(t *testing.T) {
	for _, tc := range []struct {
		have []auth.Role
		need auth.Role
		ok   bool
	}{
		{nil, auth.Reader, false},
		{[]auth.Role{"superuser"}, auth.Reader, false},
		{[]auth.Role{auth.Reader}, auth.Reader, true},
		{[]auth.Role{auth.Reader}, auth.Editor, false},
		{[]auth.Role{auth.Editor}, auth.Reader, true},
		{[]auth.Role{auth.Editor}, auth.Admin, false},
		{[]auth.Role{auth.Admin}, auth.Editor, true},
		{[]auth.Role{"x", auth.Admin}, auth.Admin, true},
	} {
		if got := (auth.Principal{Roles: tc.have}).Has(tc.need); got != tc.ok {
			t.Errorf("%v has %s = %v, want %v", tc.have, tc.need, got, tc.ok)
		}
	}
}

func TestPrincipalFrom(t *testing.T) {
	v := mustVerifier(t, auth.Config{StaticToken: "static", Secret: authtest.Secret})
	ctx := context.Background()
	if _, ok := auth.PrincipalFrom(ctx); ok {
		t.Error("a bare context has a principal")
	}
	for header, want := range map[string]string{
		"Bearer static": auth.StaticSubject,
		"bearer " + authtest.HS256(t, authtest.Secret, authtest.Claims("bob", "editor")): "bob",
		"":               "",
		"Bearer wrong":   "",
		"Basic c3RhdGlj": "",
	} {
		p, ok := auth.PrincipalFrom(auth.WithResult(ctx, v.Authenticate(ctx, header)))
		if ok != (want != "") || p.Subject != want {
			t.Errorf("%q: principal %+v, %v; want subject %q", header, p, ok, want)
		}
	}
}
