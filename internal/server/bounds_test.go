package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/actorgraph/actorgraph/internal/server"
)

func withMaxResponse(n int64) option { return func(c *server.Config) { c.MaxResponseBytes = n } }
func withRate(perSecond float64, burst int) option {
	return func(c *server.Config) { c.RateLimit, c.RateBurst = perSecond, burst }
}

// postBytes sends a query and returns the status, headers and raw body.
func (ts *testServer) postBytes(t testing.TB, q string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": q})
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return send(t, req, header...)
}

// An answer one byte over the cap is refused whole (data null,
// RESPONSE_TOO_LARGE, 200 for both media types); one exactly at the cap
// is sent; the server carries on.
func TestResponseSizeCap(t *testing.T) {
	const q = `{ actors(first: 60) { edges { node { id name title country } } } }`
	status, _, body := MustStartServer(t).postBytes(t, q)
	if status != http.StatusOK || len(body) < 1000 {
		t.Fatalf("reference answer %d: %s", status, body)
	}
	size := int64(len(body))

	at := MustStartServer(t, withMaxResponse(size))
	if _, _, got := at.postBytes(t, q); !bytes.Equal(got, body) {
		t.Errorf("answer at the cap differs from the reference:\n%s", got)
	}

	over := MustStartServer(t, withMaxResponse(size-1))
	for _, accept := range []string{"application/json", "application/graphql-response+json"} {
		status, h, got := over.postBytes(t, q, "Accept", accept)
		var r gqlResponse
		if err := json.Unmarshal(got, &r); err != nil {
			t.Fatalf("%s: not JSON: %s", accept, got)
		}
		if status != http.StatusOK || string(r.Data) != "null" || len(r.Errors) != 1 || !r.hasCode("RESPONSE_TOO_LARGE") {
			t.Errorf("%s: status %d, body %s", accept, status, got)
		}
		if !contains(h.Get("Content-Type"), accept) || bytes.Contains(got, []byte("edges")) {
			t.Errorf("%s: Content-Type %q, body %s", accept, h.Get("Content-Type"), got)
		}
	}
	over.assertHealthy(t)
}

// Past its burst a client gets 429 RATE_LIMITED with Retry-After, while
// another client (the API token's holder) is still served, a made-up
// token does not buy a fresh bucket, and the other routes are not
// limited. The rate is so low that no token comes back during the test.
func TestRateLimit(t *testing.T) {
	const burst = 3
	ts := MustStartServer(t, withToken("tok"), withRate(0.01, burst))
	const q = `{ __typename }`
	for i := range burst {
		if status, _, body := ts.postBytes(t, q); status != http.StatusOK {
			t.Fatalf("request %d of the burst: %d %s", i+1, status, body)
		}
	}
	status, h, body := ts.postBytes(t, q)
	var r gqlResponse
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("429 body is not JSON: %s", body)
	}
	retry, err := strconv.Atoi(h.Get("Retry-After"))
	if status != http.StatusTooManyRequests || !r.hasCode("RATE_LIMITED") || r.Data != nil || err != nil || retry < 1 || retry > 100 {
		t.Fatalf("request %d: status %d, Retry-After %q, body %s", burst+1, status, h.Get("Retry-After"), body)
	}
	if status, _, _ := ts.postBytes(t, q, "Authorization", "Bearer made-up"); status != http.StatusTooManyRequests {
		t.Errorf("a made-up token escaped its address's limit: %d", status)
	}
	for i := range burst {
		if status, _, body := ts.postBytes(t, q, "Authorization", "Bearer tok"); status != http.StatusOK {
			t.Fatalf("token client, request %d: %d %s", i+1, status, body)
		}
	}
	if status, _, _ := ts.postBytes(t, q, "Authorization", "Bearer tok"); status != http.StatusTooManyRequests {
		t.Errorf("token client past its burst: %d", status)
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics", "/"} {
		if code, _, _ := ts.get(t, path); code != http.StatusOK {
			t.Errorf("GET %s = %d from a rate-limited client", path, code)
		}
	}
	if _, _, m := ts.get(t, "/metrics"); !contains(m, `code="RATE_LIMITED"`) {
		t.Errorf("metrics do not count RATE_LIMITED")
	}
}

// Rate limiting is off by default.
func TestNoRateLimitByDefault(t *testing.T) {
	ts := MustStartServer(t)
	for i := range 60 {
		if status, _, body := ts.postBytes(t, `{ __typename }`); status != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, status, body)
		}
	}
}
