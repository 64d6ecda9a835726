package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/config"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/server"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
)

// testServer is a real server on a random loopback port, over an embedded
// store seeded with the article dataset.
type testServer struct {
	URL   string
	Store *actorgraph.Graph
	// Calls counts store calls made through the server.
	Calls atomic.Int64
}

type option func(*server.Config)

func withToken(tok string) option      { return func(c *server.Config) { c.APIToken = tok } }
func withLimits(l graph.Limits) option { return func(c *server.Config) { c.Limits = l } }
func withOrigins(o ...string) option   { return func(c *server.Config) { c.AllowedOrigins = o } }
func withMaxBody(n int64) option       { return func(c *server.Config) { c.MaxBodyBytes = n } }
func withStore(s *actorgraph.Graph) option {
	return func(c *server.Config) { c.Graph, c.Backup = s, nil }
}
func withBackup(f func(context.Context, io.Writer) (int64, error)) option {
	return func(c *server.Config) { c.Backup = f }
}
func withAccess(a graph.Access) option   { return func(c *server.Config) { c.Access = a } }
func withMetricsToken(tok string) option { return func(c *server.Config) { c.MetricsToken = tok } }

// MustStartServer starts a server and stops it when the test ends.
func MustStartServer(t testing.TB, opts ...option) *testServer {
	t.Helper()
	d, _, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	st := actorgraph.NewGraph(d)
	ds, err := dataset.Article()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Upsert(context.Background(), ds.Actors, ds.Relationships); err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Store: st}
	cfg := server.Config{Graph: st, Backup: d.Backup, Settings: config.Default()}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.Graph = cfg.Graph.WithObserver(func(string, time.Duration, error) { ts.Calls.Add(1) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.URL = "http://" + ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	srv, err := server.New(cfg)
	if err != nil {
		cancel()
		ln.Close()
		t.Fatal(err)
	}
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server shutdown: %v", err)
		}
	})
	return ts
}

// gqlResponse is a GraphQL response with errors decoded.
type gqlResponse struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// codes lists the error codes of a response.
func (r *gqlResponse) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// hasCode reports whether any error has the code.
func (r *gqlResponse) hasCode(code string) bool {
	for _, c := range r.codes() {
		if c == code {
			return true
		}
	}
	return false
}

// decode unmarshals data into v.
func (r *gqlResponse) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decoding data %s: %v", r.Data, err)
	}
}

// post sends a GraphQL request body and decodes the response.
func (ts *testServer) post(t testing.TB, body any, header ...string) *gqlResponse {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return ts.postRaw(t, b, header...)
}

func (ts *testServer) postRaw(t testing.TB, body []byte, header ...string) *gqlResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) *gqlResponse {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := &gqlResponse{Status: res.StatusCode}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("response %d is not JSON: %s", res.StatusCode, raw)
	}
	return out
}

// query runs a query with variables and optional header pairs.
func (ts *testServer) query(t testing.TB, q string, vars map[string]any, header ...string) *gqlResponse {
	t.Helper()
	return ts.post(t, map[string]any{"query": q, "variables": vars}, header...)
}

// mustQuery runs a query and fails the test on any GraphQL error.
func (ts *testServer) mustQuery(t testing.TB, q string, vars map[string]any, header ...string) *gqlResponse {
	t.Helper()
	r := ts.query(t, q, vars, header...)
	if len(r.Errors) > 0 || r.Status != http.StatusOK {
		t.Fatalf("query failed (%d): %+v\n%s", r.Status, r.Errors, q)
	}
	return r
}

// get fetches a path and returns status, headers and body.
func (ts *testServer) get(t testing.TB, path string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	status, h, body := send(t, req, header...)
	return status, h, string(body)
}

// send makes one request, with header's name and value pairs set, and
// returns the status, headers and the whole body. Every raw-HTTP helper of
// these tests goes through it.
func send(t testing.TB, req *http.Request, header ...string) (int, http.Header, []byte) {
	t.Helper()
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

// assertHealthy checks the server still answers after an abuse test.
func (ts *testServer) assertHealthy(t testing.TB) {
	t.Helper()
	if code, _, _ := ts.get(t, "/healthz"); code != http.StatusOK {
		t.Fatalf("healthz = %d after the test", code)
	}
	ts.mustQuery(t, `{ actor(id: "vladimir-putin") { name } }`, nil)
}

func contains(haystack, needle string) bool { return strings.Contains(haystack, needle) }
