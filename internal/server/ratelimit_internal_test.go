package server

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/auth"
	"github.com/actorgraph/actorgraph/internal/config"
)

// A bucket refills at the rate, the wait it reports is the time to the
// next token, and no more than max clients are tracked.
func TestClientLimiter(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newClientLimiter(2, 2, 3, func() time.Time { return now })
	for i := range 2 {
		if ok, _ := l.allow("a"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := l.allow("a")
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("past the burst: ok %v, wait %s, want 500ms", ok, wait)
	}
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.allow("a"); !ok {
		t.Fatal("no token after the wait")
	}
	for _, k := range []string{"b", "c", "d", "e", "f"} {
		l.allow(k)
		if n := l.tracked(); n > 3 {
			t.Fatalf("%d clients tracked, max 3", n)
		}
	}
	// "a" was the least recently seen, so it was dropped: a full bucket.
	if ok, _ := l.allow("a"); !ok {
		t.Error("a dropped client does not start with a full bucket")
	}
}

func TestClientKey(t *testing.T) {
	s := &Server{cfg: Config{Settings: config.Default()}}
	s.cfg.APIToken = "secret"
	v, err := auth.NewVerifier(s.cfg.Access.VerifierConfig(s.cfg.APIToken))
	if err != nil {
		t.Fatal(err)
	}
	s.verifier = v
	tests := []struct{ remote, auth, want string }{
		{"192.0.2.7:5555", "", "addr:192.0.2.7"},
		{"192.0.2.7:5555", "Bearer made-up", "addr:192.0.2.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "", "addr:2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:443", "", "addr:2001:db8:1:2::/64"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/graphql", nil)
		r.RemoteAddr = tt.remote
		if tt.auth != "" {
			r.Header.Set("Authorization", tt.auth)
		}
		r.Header.Set("X-Forwarded-For", "203.0.113.9")
		if got := s.clientKey(r); got != tt.want {
			t.Errorf("%s %q: key %q, want %q", tt.remote, tt.auth, got, tt.want)
		}
	}
	r := httptest.NewRequest("POST", "/graphql", nil)
	r.RemoteAddr = "192.0.2.7:5555"
	r.Header.Set("Authorization", "Bearer secret")
	if got := s.clientKey(r); got != "token:"+auth.StaticSubject || strings.Contains(got, "secret") {
		t.Errorf("accepted token: key %q", got)
	}
}
