package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestFlagsFallBackToEnvironment(t *testing.T) {
	c, err := parseConfig("serve", nil, env("ACTORGRAPH_ADDR", ":9999", "ACTORGRAPH_MAX_HOPS", "4",
		"ACTORGRAPH_REQUEST_TIMEOUT", "3s", "ACTORGRAPH_API_TOKEN", "t"), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9999" || c.Limits.MaxHops != 4 || c.Limits.RequestTimeout != 3*time.Second || c.APIToken != "t" {
		t.Fatalf("config = %+v", c)
	}
	c, err = parseConfig("serve", []string{"-addr", ":7"}, env("ACTORGRAPH_ADDR", ":9999"), &bytes.Buffer{})
	if err != nil || c.Addr != ":7" {
		t.Fatalf("flag should beat env: %+v %v", c, err)
	}
}

func TestDefaults(t *testing.T) {
	c, err := parseConfig("serve", nil, env(), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DataDir != "./data" || c.APIToken != "" || c.MaxBodyBytes != 1<<20 ||
		c.MaxResponseBytes != 8<<20 || c.RateLimit != 0 || c.RateBurst != 20 {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestBadSettingsAreClearErrors(t *testing.T) {
	tests := []struct {
		args []string
		env  []string
		want string
	}{
		{nil, []string{"ACTORGRAPH_MAX_HOPS", "many"}, "ACTORGRAPH_MAX_HOPS"},
		{[]string{"-max-page-size", "0"}, nil, "max-page-size"},
		{[]string{"-default-page-size", "50", "-max-page-size", "10"}, nil, "default-page-size"},
		{[]string{"-log-format", "xml"}, nil, "log-format"},
		{[]string{"-max-response-bytes", "-1"}, nil, "max-response-bytes"},
		{nil, []string{"ACTORGRAPH_RATE_LIMIT", "-2"}, "rate-limit"},
		{[]string{"-rate-limit", "5", "-rate-burst", "-1"}, nil, "rate-burst"},
		{[]string{"stray"}, nil, "unexpected arguments"},
	}
	for _, tt := range tests {
		_, err := parseConfig("serve", tt.args, env(tt.env...), &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v %v: err = %v, want mention of %s", tt.args, tt.env, err, tt.want)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	err := Run(context.Background(), []string{"frobnicate"}, env(), &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Fatalf("err = %v", err)
	}
}

func TestSeedIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	var first, second bytes.Buffer
	for _, out := range []*bytes.Buffer{&first, &second} {
		if err := Run(t.Context(), []string{"seed", "-data", dir}, env(), out, &bytes.Buffer{}); err != nil {
			t.Fatal(err)
		}
	}
	if first.String() != second.String() || !strings.Contains(first.String(), "actors") {
		t.Fatalf("seed twice: %q then %q", first.String(), second.String())
	}
}
