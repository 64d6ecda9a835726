package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/actorgraph/actorgraph/internal/server"
)

func withMaxResponse(n int64) option { return func(c *server.Config) { c.MaxResponseBytes = n } }

// postBytes sends a query and returns the status, headers and raw body.
func (ts *testServer) postBytes(t testing.TB, q string, header ...string) (int, http.Header, []byte) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": q})
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, body
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
