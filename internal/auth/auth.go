// Package auth checks bearer tokens: the static API token and JWTs (HS256
// with a shared secret, RS256 or ES256 with the keys of a JWKS file), and
// says who the caller is (Principal) and what they may do (Role).
//
// Verifier.Verify turns an Authorization header's token into a Principal or
// an error wrapping actorgraph.ErrUnauthenticated whose message says why
// (expired, wrong signature, wrong audience, …) without internals. The
// GraphQL handler stores the outcome in the request's context (WithResult);
// PrincipalFrom reads the caller back, for authorization and the audit
// trail.
package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Role is what a caller may do. Each role includes the ones before it:
// a reader runs queries, an editor also the create, update, delete and
// merge mutations, an admin everything.
type Role string

// The roles, least first.
const (
	Reader Role = "reader"
	Editor Role = "editor"
	Admin  Role = "admin"
)

var rank = map[Role]int{Reader: 1, Editor: 2, Admin: 3}

// StaticSubject is the Subject of a caller presenting the static API token,
// who is an admin.
const StaticSubject = "static token"

// Principal is an authenticated caller.
type Principal struct {
	// Subject is the token's sub claim, or StaticSubject.
	Subject string
	// Roles are the roles the token grants (unknown role names are kept
	// but grant nothing).
	Roles []Role
}

// Has reports whether p has role r or one that includes it.
func (p Principal) Has(r Role) bool {
	for _, have := range p.Roles {
		if rank[have] >= rank[r] && rank[have] > 0 {
			return true
		}
	}
	return false
}

// Config says which tokens a Verifier accepts.
type Config struct {
	// StaticToken is accepted as an admin; empty for none.
	StaticToken string
	// Secret is the HS256 shared secret; empty for none.
	Secret string
	// JWKSFile is a JSON Web Key Set of RS256/ES256 public keys; empty for
	// none.
	JWKSFile string
	// Issuer and Audience, when set, must be the token's iss and one of
	// its aud.
	Issuer, Audience string
	// Leeway is the clock skew allowed on exp and nbf.
	Leeway time.Duration
}

// Verifier checks bearer tokens.
type Verifier struct {
	static  []byte
	secret  []byte
	jwks    keyfunc.Keyfunc
	methods []string
	parser  *jwt.Parser
}

// NewVerifier reads the JWKS file, if any, and returns a Verifier. A
// Verifier with nothing configured accepts no token.
func NewVerifier(cfg Config) (*Verifier, error) {
	v := &Verifier{}
	if cfg.StaticToken != "" {
		v.static = []byte(cfg.StaticToken)
	}
	if cfg.Secret != "" {
		if len(cfg.Secret) < 32 {
			return nil, errors.New("ACTORGRAPH_JWT_SECRET must be at least 32 bytes long (HS256 needs a 256-bit key)")
		}
		v.secret = []byte(cfg.Secret)
		v.methods = append(v.methods, jwt.SigningMethodHS256.Alg())
	}
	if cfg.JWKSFile != "" {
		raw, err := os.ReadFile(cfg.JWKSFile)
		if err != nil {
			return nil, fmt.Errorf("JWKS file: %w", err)
		}
		k, err := keyfunc.NewJWKSetJSON(raw)
		if err != nil {
			return nil, fmt.Errorf("JWKS file %s: %w", cfg.JWKSFile, err)
		}
		set, err := k.VerificationKeySet(context.Background())
		if err != nil {
			return nil, fmt.Errorf("JWKS file %s: %w", cfg.JWKSFile, err)
		}
		usable := 0
		for _, key := range set.Keys {
			if rsaKey(key) != nil || ecKey(key) != nil {
				usable++
			}
		}
		if usable == 0 {
			return nil, fmt.Errorf("JWKS file %s has no RSA or P-256 EC public key", cfg.JWKSFile)
		}
		v.jwks = k
		v.methods = append(v.methods, jwt.SigningMethodRS256.Alg(), jwt.SigningMethodES256.Alg())
	}
	opts := []jwt.ParserOption{
		jwt.WithValidMethods(v.methods),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(cfg.Leeway),
	}
	if cfg.Issuer != "" {
		opts = append(opts, jwt.WithIssuer(cfg.Issuer))
	}
	if cfg.Audience != "" {
		opts = append(opts, jwt.WithAudience(cfg.Audience))
	}
	v.parser = jwt.NewParser(opts...)
	return v, nil
}

// Enabled reports whether any token can be accepted (a static token or a
// JWT key is configured).
func (v *Verifier) Enabled() bool { return v.static != nil || len(v.methods) > 0 }

// JWT reports whether JWTs are accepted.
func (v *Verifier) JWT() bool { return len(v.methods) > 0 }

// claims are the claims read from a JWT: the registered ones and roles.
type claims struct {
	jwt.RegisteredClaims
	// Roles is decoded as any JSON value so a wrong type is reported as
	// such rather than as a malformed token.
	Roles any `json:"roles"`
}

// Reasons a token is refused, as clients read them.
var (
	errNotValid     = reason("the bearer token is not valid")
	errMalformed    = reason("the bearer token is neither the API token nor a well-formed JWT")
	errAlgorithm    = reason("the token's signing algorithm is not accepted (this server accepts %s)")
	errUnknownKey   = reason("the token is signed with a key this server does not know")
	errSignature    = reason("the token's signature does not verify")
	errExpired      = reason("the token has expired")
	errNotYetValid  = reason("the token is not valid yet (nbf is in the future)")
	errIssuedLater  = reason("the token's iat is in the future")
	errNoExpiry     = reason("the token has no exp claim")
	errAudience     = reason("the token is not meant for this audience (aud)")
	errIssuer       = reason("the token's issuer (iss) is not accepted")
	errNoSubject    = reason("the token has no sub claim")
	errRolesInvalid = reason("the token's roles claim is not an array of strings")
)

func reason(msg string) error { return errors.New(msg) }

// unauthenticated wraps a reason so it maps to UNAUTHENTICATED.
func unauthenticated(r error, args ...any) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: "+r.Error(), append([]any{actorgraph.ErrUnauthenticated}, args...)...)
	}
	return fmt.Errorf("%w: %w", actorgraph.ErrUnauthenticated, r)
}

// Verify checks a bearer token (the header's value after "Bearer ") and
// returns its caller. The static token is an admin with StaticSubject;
// a JWT must carry a valid signature by a configured key with an accepted
// algorithm, exp (and nbf, if present) within the leeway, the configured
// iss and aud, and a sub; its roles claim gives the roles. Errors wrap
// actorgraph.ErrUnauthenticated with a message for the client.
func (v *Verifier) Verify(_ context.Context, bearer string) (Principal, error) {
	if bearer == "" {
		return Principal{}, unauthenticated(errNotValid)
	}
	if v.static != nil && subtle.ConstantTimeCompare([]byte(bearer), v.static) == 1 {
		return Principal{Subject: StaticSubject, Roles: []Role{Admin}}, nil
	}
	if !v.JWT() {
		return Principal{}, unauthenticated(errNotValid)
	}
	var c claims
	tok, err := v.parser.ParseWithClaims(bearer, &c, v.key)
	if err != nil {
		return Principal{}, v.explain(tok, &c, err)
	}
	if c.Subject == "" {
		return Principal{}, unauthenticated(errNoSubject)
	}
	p := Principal{Subject: c.Subject}
	if c.Roles != nil {
		list, ok := c.Roles.([]any)
		if !ok {
			return Principal{}, unauthenticated(errRolesInvalid)
		}
		for _, r := range list {
			s, ok := r.(string)
			if !ok {
				return Principal{}, unauthenticated(errRolesInvalid)
			}
			p.Roles = append(p.Roles, Role(s))
		}
	}
	return p, nil
}

// key returns the key that may verify t: the shared secret for HS256 only,
// a JWKS RSA key for RS256 only, a JWKS P-256 key for ES256 only.
func (v *Verifier) key(t *jwt.Token) (any, error) {
	alg := t.Method.Alg()
	switch alg {
	case jwt.SigningMethodHS256.Alg():
		if v.secret == nil {
			return nil, errAlgorithm
		}
		return v.secret, nil
	case jwt.SigningMethodRS256.Alg(), jwt.SigningMethodES256.Alg():
		if v.jwks == nil {
			return nil, errAlgorithm
		}
		fits := func(k any) any {
			if alg == jwt.SigningMethodRS256.Alg() {
				if k := rsaKey(k); k != nil {
					return k
				}
				return nil
			}
			if k := ecKey(k); k != nil {
				return k
			}
			return nil
		}
		got, err := v.jwks.Keyfunc(t)
		if err != nil {
			return nil, errUnknownKey
		}
		if set, ok := got.(jwt.VerificationKeySet); ok {
			var out jwt.VerificationKeySet
			for _, k := range set.Keys {
				if k := fits(k); k != nil {
					out.Keys = append(out.Keys, k)
				}
			}
			if len(out.Keys) == 0 {
				return nil, errUnknownKey
			}
			return out, nil
		}
		k := fits(got)
		if k == nil {
			// The kid names a key of another type: no HS/RS/ES confusion.
			return nil, errUnknownKey
		}
		return k, nil
	}
	return nil, errAlgorithm
}

func rsaKey(k any) *rsa.PublicKey {
	switch k := k.(type) {
	case *rsa.PublicKey:
		return k
	case *rsa.PrivateKey:
		return &k.PublicKey
	}
	return nil
}

func ecKey(k any) *ecdsa.PublicKey {
	var pub *ecdsa.PublicKey
	switch k := k.(type) {
	case *ecdsa.PublicKey:
		pub = k
	case *ecdsa.PrivateKey:
		pub = &k.PublicKey
	}
	if pub == nil || pub.Curve != elliptic.P256() {
		return nil
	}
	return pub
}

// explain turns a jwt error into the reason the client reads.
func (v *Verifier) explain(tok *jwt.Token, c *claims, err error) error {
	switch {
	case errors.Is(err, errAlgorithm):
		return unauthenticated(errAlgorithm, v.accepted())
	case errors.Is(err, errUnknownKey):
		return unauthenticated(errUnknownKey)
	case errors.Is(err, jwt.ErrTokenMalformed):
		return unauthenticated(errMalformed)
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		// An unknown or unusable alg header.
		return unauthenticated(errAlgorithm, v.accepted())
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		if tok != nil && tok.Method != nil && !slices.Contains(v.methods, tok.Method.Alg()) {
			return unauthenticated(errAlgorithm, v.accepted())
		}
		return unauthenticated(errSignature)
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing) && c.ExpiresAt == nil:
		return unauthenticated(errNoExpiry)
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing) && len(c.Audience) == 0:
		return unauthenticated(errAudience)
	case errors.Is(err, jwt.ErrTokenRequiredClaimMissing) && c.Issuer == "":
		return unauthenticated(errIssuer)
	case errors.Is(err, jwt.ErrTokenExpired):
		return unauthenticated(errExpired)
	case errors.Is(err, jwt.ErrTokenNotValidYet):
		return unauthenticated(errNotYetValid)
	case errors.Is(err, jwt.ErrTokenUsedBeforeIssued):
		return unauthenticated(errIssuedLater)
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return unauthenticated(errAudience)
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return unauthenticated(errIssuer)
	case errors.Is(err, jwt.ErrTokenInvalidClaims):
		// A claim of the wrong JSON type (roles not a list of strings,
		// exp not a number) fails decoding as a malformed token instead;
		// anything else claim-related lands here.
		return unauthenticated(errNotValid)
	}
	return unauthenticated(errNotValid)
}

func (v *Verifier) accepted() string { return strings.Join(v.methods, ", ") }

// Result is the outcome of checking a request's Authorization header.
type Result struct {
	// Present: the request had a bearer token.
	Present bool
	// Principal is the caller when Err is nil and Present.
	Principal Principal
	// Err says why the token was refused (wraps
	// actorgraph.ErrUnauthenticated), or why the header is unusable.
	Err error
}

type resultKey struct{}

// WithResult stores a request's authentication result in ctx.
func WithResult(ctx context.Context, r Result) context.Context {
	return context.WithValue(ctx, resultKey{}, r)
}

// ResultFrom returns the authentication result stored in ctx (the zero
// Result, no token, when none is).
func ResultFrom(ctx context.Context) Result {
	r, _ := ctx.Value(resultKey{}).(Result)
	return r
}

// PrincipalFrom returns the authenticated caller of the request ctx belongs
// to: its subject (StaticSubject for the static token) and roles; ok is
// false for an anonymous caller or a refused token.
func PrincipalFrom(ctx context.Context) (p Principal, ok bool) {
	r := ResultFrom(ctx)
	if !r.Present || r.Err != nil {
		return Principal{}, false
	}
	return r.Principal, true
}

// Authenticate checks an Authorization header value: no header is an
// anonymous Result; "Bearer <token>" is verified; anything else is an
// error.
func (v *Verifier) Authenticate(ctx context.Context, header string) Result {
	if header == "" {
		return Result{}
	}
	token, ok := cutBearer(header)
	if !ok || token == "" {
		return Result{Present: true, Err: fmt.Errorf("%w: send the token as an Authorization: Bearer <token> header", actorgraph.ErrUnauthenticated)}
	}
	p, err := v.Verify(ctx, token)
	return Result{Present: true, Principal: p, Err: err}
}

// cutBearer returns the token of a "Bearer <token>" header (the scheme is
// case-insensitive, RFC 9110).
func cutBearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}
