package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/auth/authtest"
)

const (
	testIssuer   = "https://issuer.test"
	testAudience = "actorgraph-test"
)

// jwtServer starts a server accepting the static token "static", HS256
// JWTs with authtest.Secret and RS256/ES256 JWTs with keys' JWKS, for
// testIssuer and testAudience; more options follow.
func jwtServer(t *testing.T, keys *authtest.Keys, readAuth string, opts ...option) *testServer {
	t.Helper()
	a := graph.DefaultAccess()
	a.JWTSecret, a.JWKSFile, a.JWTIssuer, a.JWTAudience, a.ReadAuth = authtest.Secret, keys.JWKSFile, testIssuer, testAudience, readAuth
	return MustStartServer(t, append([]option{withToken("static"), withAccess(a)}, opts...)...)
}

// claims are valid claims for the test server.
func claims(sub string, roles ...string) jwt.MapClaims {
	c := authtest.Claims(sub, roles...)
	c["iss"], c["aud"] = testIssuer, testAudience
	return c
}

func bearer(tok string) []string { return []string{"Authorization", "Bearer " + tok} }

const readPutin = `{ actor(id: "vladimir-putin") { name } }`

func TestRolesMapToOperations(t *testing.T) {
	keys := authtest.NewKeys(t)
	ts := jwtServer(t, keys, graph.ReadOpen)
	reader := keys.RS256(t, claims("rita", "reader"))
	editor := keys.ES256(t, claims("eddie", "editor"))
	admin := authtest.HS256(t, authtest.Secret, claims("ada", "admin"))
	nobody := keys.RS256(t, claims("nora"))

	create := func(id string) string {
		return `mutation { createActor(input: {id: "` + id + `", kind: OFFICIAL, name: "Test Aide"}) { id } }`
	}
	t.Run("ReaderQueriesButCannotMutate", func(t *testing.T) {
		ts.mustQuery(t, readPutin, nil, bearer(reader)...)
		r := ts.query(t, create("by-reader"), nil, bearer(reader)...)
		if !r.hasCode("FORBIDDEN") || !contains(r.Errors[0].Message, "createActor needs the editor role") {
			t.Fatalf("errors = %+v, want FORBIDDEN naming the editor role", r.Errors)
		}
	})
	t.Run("NoRolesIsForbidden", func(t *testing.T) {
		r := ts.query(t, `mutation { mergeActors(into: "vladimir-putin", from: ["x"]) { merged } }`, nil, bearer(nobody)...)
		if !r.hasCode("FORBIDDEN") || !contains(r.Errors[0].Message, "mergeActors needs the editor role; the token has no roles") {
			t.Fatalf("errors = %+v", r.Errors)
		}
	})
	t.Run("EditorMutates", func(t *testing.T) {
		ts.mustQuery(t, create("by-editor"), nil, bearer(editor)...)
		ts.mustQuery(t, `mutation { updateActor(id: "by-editor", input: {title: "Aide"}) { id } }`, nil, bearer(editor)...)
		ts.mustQuery(t, `mutation { deleteActor(id: "by-editor") { id } }`, nil, bearer(editor)...)
		ts.mustQuery(t, readPutin, nil, bearer(editor)...)
	})
	t.Run("AdminDoesAll", func(t *testing.T) {
		ts.mustQuery(t, readPutin, nil, bearer(admin)...)
		ts.mustQuery(t, create("by-admin"), nil, bearer(admin)...)
		ts.mustQuery(t, `mutation { deleteActor(id: "by-admin") { id } }`, nil, bearer(admin)...)
	})
	t.Run("StaticTokenIsAdmin", func(t *testing.T) {
		ts.mustQuery(t, create("by-static"), nil, bearer("static")...)
	})
	t.Run("NoTokenIsUnauthenticated", func(t *testing.T) {
		r := ts.query(t, create("by-anyone"), nil)
		if !r.hasCode("UNAUTHENTICATED") || !contains(r.Errors[0].Message, "editor role") {
			t.Fatalf("errors = %+v", r.Errors)
		}
	})
	t.Run("BadTokensSayWhy", func(t *testing.T) {
		expired := claims("ed", "editor")
		expired["exp"] = time.Now().Add(-time.Hour).Unix()
		wrongAud := claims("ed", "editor")
		wrongAud["aud"] = "someone-else"
		wrongIss := claims("ed", "editor")
		wrongIss["iss"] = "https://evil.test"
		other := authtest.NewKeys(t)
		for name, tc := range map[string]struct{ token, want string }{
			"expired":        {keys.RS256(t, expired), "the token has expired"},
			"wrongSignature": {other.RS256(t, claims("ed", "editor")), "signature does not verify"},
			"wrongSecret":    {authtest.HS256(t, "a-different-secret-of-thirty-two-bytes!", claims("ed", "editor")), "signature does not verify"},
			"wrongAudience":  {keys.ES256(t, wrongAud), "audience"},
			"wrongIssuer":    {keys.ES256(t, wrongIss), "issuer"},
			"garbage":        {"not-a-token", "neither the API token nor a well-formed JWT"},
		} {
			r := ts.query(t, create("by-"+strings.ToLower(name)), nil, bearer(tc.token)...)
			if !r.hasCode("UNAUTHENTICATED") || !contains(r.Errors[0].Message, tc.want) {
				t.Errorf("%s: errors = %+v, want UNAUTHENTICATED saying %q", name, r.Errors, tc.want)
			}
		}
	})
	t.Run("ReadsAreOpen", func(t *testing.T) {
		ts.mustQuery(t, readPutin, nil)
	})
}

func TestReadAuthRequired(t *testing.T) {
	keys := authtest.NewKeys(t)
	ts := jwtServer(t, keys, graph.ReadRequired)
	reader := keys.RS256(t, claims("rita", "reader"))

	t.Run("AnonymousIsRefusedBeforeParsing", func(t *testing.T) {
		for _, q := range []string{readPutin, `{ noSuchField }`, `{ __schema { types { name } } }`} {
			r := ts.post(t, map[string]any{"query": q}, "Accept", "application/graphql-response+json")
			if r.Status != http.StatusBadRequest || !r.hasCode("UNAUTHENTICATED") || len(r.Data) != 0 || !contains(r.Errors[0].Message, "reader role") {
				t.Errorf("%s: %d %s %+v, want 400 UNAUTHENTICATED naming the reader role and no data", q, r.Status, r.Data, r.Errors)
			}
		}
	})
	t.Run("ReaderQueries", func(t *testing.T) {
		r := ts.mustQuery(t, readPutin, nil, bearer(reader)...)
		if !contains(string(r.Data), "Putin") {
			t.Fatalf("data = %s", r.Data)
		}
		ts.mustQuery(t, readPutin, nil, bearer(keys.ES256(t, claims("eddie", "editor")))...)
		ts.mustQuery(t, readPutin, nil, bearer("static")...)
	})
	t.Run("TokenWithoutRoleIsForbidden", func(t *testing.T) {
		r := ts.query(t, readPutin, nil, bearer(keys.RS256(t, claims("nora")))...)
		if !r.hasCode("FORBIDDEN") || !contains(r.Errors[0].Message, "needs the reader role") {
			t.Fatalf("errors = %+v", r.Errors)
		}
	})
	t.Run("ExpiredIsUnauthenticated", func(t *testing.T) {
		c := claims("rita", "reader")
		c["exp"] = time.Now().Add(-time.Minute).Unix()
		r := ts.query(t, readPutin, nil, bearer(keys.RS256(t, c))...)
		if !r.hasCode("UNAUTHENTICATED") || !contains(r.Errors[0].Message, "expired") {
			t.Fatalf("errors = %+v", r.Errors)
		}
	})
	t.Run("ReaderStillCannotMutate", func(t *testing.T) {
		r := ts.query(t, createMeloniAide, nil, bearer(reader)...)
		if !r.hasCode("FORBIDDEN") || !contains(r.Errors[0].Message, "editor") {
			t.Fatalf("errors = %+v", r.Errors)
		}
	})
	t.Run("GETAnswersVaryOnAuthorization", func(t *testing.T) {
		code, h, _ := ts.get(t, "/graphql?query="+strings.ReplaceAll(readPutin, " ", "%20"), bearer(reader)...)
		if code != http.StatusOK || !strings.Contains(strings.Join(h.Values("Vary"), ","), "Authorization") {
			t.Fatalf("GET = %d, Vary %v", code, h.Values("Vary"))
		}
	})
	t.Run("HealthReadinessAndPlaygroundStayOpen", func(t *testing.T) {
		for _, path := range []string{"/healthz", "/readyz", "/", "/metrics"} {
			if code, _, _ := ts.get(t, path); code != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", path, code)
			}
		}
	})
}

func TestIntrospection(t *testing.T) {
	queries := []string{
		`{ __schema { queryType { name } } }`,
		`{ __type(name: "Actor") { name } }`,
		`query { ...F } fragment F on Query { ... on Query { __schema { types { name } } } }`,
	}
	t.Run("OnByDefault", func(t *testing.T) {
		ts := MustStartServer(t)
		for _, q := range queries {
			ts.mustQuery(t, q, nil)
		}
	})
	t.Run("Off", func(t *testing.T) {
		a := graph.DefaultAccess()
		a.Introspection = false
		ts := MustStartServer(t, withAccess(a))
		for _, q := range queries {
			r := ts.query(t, q, nil)
			if !r.hasCode("GRAPHQL_VALIDATION_FAILED") || !contains(r.Errors[0].Message, "introspection is disabled") || len(r.Data) != 0 {
				t.Errorf("%s: %s %+v, want GRAPHQL_VALIDATION_FAILED saying introspection is disabled", q, r.Data, r.Errors)
			}
		}
		r := ts.mustQuery(t, `{ __typename actor(id: "vladimir-putin") { __typename name } }`, nil)
		if !contains(string(r.Data), `"__typename":"Query"`) {
			t.Errorf("__typename = %s", r.Data)
		}
	})
}

func TestMetricsToken(t *testing.T) {
	t.Run("OpenWhenUnset", func(t *testing.T) {
		ts := MustStartServer(t)
		if code, _, _ := ts.get(t, "/metrics"); code != http.StatusOK {
			t.Fatalf("/metrics = %d", code)
		}
	})
	t.Run("NeedsItsToken", func(t *testing.T) {
		ts := MustStartServer(t, withToken("api"), withMetricsToken("scrape"))
		for _, hdr := range [][]string{nil, bearer("wrong"), bearer("api"), {"Authorization", "scrape"}} {
			code, h, body := ts.get(t, "/metrics", hdr...)
			if code != http.StatusUnauthorized || h.Get("WWW-Authenticate") == "" || !contains(body, "ACTORGRAPH_METRICS_TOKEN") {
				t.Errorf("%v: /metrics = %d %q", hdr, code, body)
			}
		}
		code, _, body := ts.get(t, "/metrics", bearer("scrape")...)
		if code != http.StatusOK || !contains(body, "# HELP") {
			t.Fatalf("/metrics with the token = %d", code)
		}
		if code, _, _ := ts.get(t, "/healthz"); code != http.StatusOK {
			t.Errorf("/healthz = %d", code)
		}
	})
}
