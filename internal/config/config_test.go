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
