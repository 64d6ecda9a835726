package config

import (
	"bytes"
	"flag"
	"github.com/actorgraph/actorgraph/graph"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func parse(t *testing.T, args []string, getenv func(string) string) (Settings, error) {
	t.Helper()
	s := Default()
	fs := NewFlagSet("test", "usage\n", &bytes.Buffer{})
	s.Register(fs)
	return s, fs.Parse(args, getenv)
}

func TestParse(t *testing.T) {
	t.Run("NothingSetGivesDefault", func(t *testing.T) {
		s, err := parse(t, nil, env())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(Default(), s); diff != "" {
			t.Errorf("settings differ from Default (-want +got):\n%s", diff)
		}
	})
	t.Run("EnvironmentSetsUnsetFlags", func(t *testing.T) {
		s, err := parse(t, []string{"-addr", ":7"}, env("ACTORGRAPH_ADDR", ":9", "ACTORGRAPH_LOADER_WAIT", "2ms",
			"ACTORGRAPH_CORS_ORIGINS", " a , ,b", "ACTORGRAPH_API_TOKEN", "tok", "NEO4J_URI", "bolt://x"))
		if err != nil {
			t.Fatal(err)
		}
		if s.Addr != ":7" || s.LoaderWait != 2*time.Millisecond || s.APIToken != "tok" || s.Neo4j.URI != "bolt://x" || s.Neo4j.Username != "neo4j" {
			t.Errorf("settings = %+v", s)
		}
		if diff := cmp.Diff([]string{"a", "b"}, s.AllowedOrigins); diff != "" {
			t.Errorf("origins (-want +got):\n%s", diff)
		}
	})
	t.Run("LimitsOfAnswersAndClients", func(t *testing.T) {
		s, err := parse(t, []string{"-rate-burst", "3"}, env("ACTORGRAPH_MAX_RESPONSE_BYTES", "4096", "ACTORGRAPH_RATE_LIMIT", "2.5"))
		if err != nil {
			t.Fatal(err)
		}
		if s.MaxResponseBytes != 4096 || s.RateLimit != 2.5 || s.RateBurst != 3 {
			t.Errorf("settings = %+v", s)
		}
		if err := s.Validate(); err != nil {
			t.Error(err)
		}
	})
	t.Run("BadEnvironmentValueNamesVariable", func(t *testing.T) {
		_, err := parse(t, nil, env("ACTORGRAPH_MAX_TOKENS", "lots"))
		if err == nil || !strings.Contains(err.Error(), "ACTORGRAPH_MAX_TOKENS") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestEveryFlagHasAnEnvironmentVariable(t *testing.T) {
	s := Default()
	fs := NewFlagSet("test", "usage\n", &bytes.Buffer{})
	s.Register(fs)
	fs.VisitAll(func(f *flag.Flag) {
		if fs.env[f.Name] == "" || !strings.Contains(f.Usage, "(env "+fs.env[f.Name]+")") {
			t.Errorf("-%s: no environment variable in %q", f.Name, f.Usage)
		}
	})
}

func TestWithDefaults(t *testing.T) {
	t.Run("ZeroIsDefault", func(t *testing.T) {
		if diff := cmp.Diff(Default(), Settings{}.WithDefaults()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("SetFieldsStay", func(t *testing.T) {
		s := Settings{MaxBodyBytes: 5, Settings: graph.Settings{APIToken: "t"}}
		s.Limits = Default().Limits
		s.Limits.MaxAliases = 0
		got := s.WithDefaults()
		if got.MaxBodyBytes != 5 || got.APIToken != "t" || got.Limits.MaxAliases != 0 {
			t.Errorf("WithDefaults = %+v", got)
		}
	})
}

func TestDefaultIsValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestAccessSettings(t *testing.T) {
	s, err := parse(t, []string{"-introspection=false", "-jwt-leeway", "5s"}, env("ACTORGRAPH_READ_AUTH", "required",
		"ACTORGRAPH_JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes", "ACTORGRAPH_JWT_AUDIENCE", "ag",
		"ACTORGRAPH_METRICS_TOKEN", "m"))
	if err != nil {
		t.Fatal(err)
	}
	a := s.Access
	if a.Introspection || a.ReadAuth != "required" || a.JWTLeeway != 5*time.Second || a.JWTAudience != "ag" || a.JWTSecret == "" || s.MetricsToken != "m" {
		t.Errorf("access = %+v, metrics token %q", a, s.MetricsToken)
	}
	if err := s.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if d := Default().Access; !d.Introspection || d.ReadAuth != "open" || d.JWTLeeway != 30*time.Second {
		t.Errorf("default access = %+v", d)
	}
	for name, tc := range map[string]struct {
		change func(*Settings)
		want   string
	}{
		"readAuthValue":         {func(s *Settings) { s.Access.ReadAuth = "sometimes" }, "-read-auth"},
		"readAuthWithoutTokens": {func(s *Settings) { s.Access.ReadAuth = "required" }, "needs a way to get a token"},
		"shortSecret":           {func(s *Settings) { s.Access.JWTSecret = "short" }, "at least 32 bytes"},
		"missingJWKS":           {func(s *Settings) { s.Access.JWKSFile = t.TempDir() + "/none.json" }, "JWKS"},
		"negativeLeeway":        {func(s *Settings) { s.Access.JWTLeeway = -time.Second }, "-jwt-leeway"},
	} {
		s := Default()
		tc.change(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Validate = %v, want an error saying %q", name, err, tc.want)
		}
	}
}
