package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/server"
)

// The pages' references: src and href attributes, and url(...) in CSS.
var (
	htmlRef = regexp.MustCompile(`(?:src|href)="([^"]*)"`)
	cssURL  = regexp.MustCompile(`url\(\s*['"]?([^'")]*)`)
	// Hosts a front-end bundle might load code from at run time.
	cdnHost = regexp.MustCompile(`(?i)esm\.sh|unpkg\.com|jsdelivr\.net|cdnjs\.|googleapis\.com|gstatic\.com`)
)

// local reports whether a reference stays on this origin: a relative or
// absolute path, a fragment, or a data: URL.
func local(ref string) bool {
	if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
		return true
	}
	return !strings.Contains(ref, "//") && !strings.Contains(ref, ":")
}

func TestWebPagesServeTheEmbeddedBuild(t *testing.T) {
	ts := MustStartServer(t)
	for _, tc := range []struct {
		path, wantScript, wantStyle string
	}{
		{"/", "assets/playground.js", "assets/playground.css"},
		{"/explore", "assets/explorer.js", "assets/explorer.css"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			code, hdr, body := ts.get(t, tc.path)
			if code != http.StatusOK || hdr.Get("Content-Type") != "text/html; charset=utf-8" {
				t.Fatalf("GET %s = %d %q", tc.path, code, hdr.Get("Content-Type"))
			}
			csp := hdr.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "script-src 'self';", "connect-src 'self'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") {
				t.Errorf("CSP allows eval or inline scripts: %q", csp)
			}
			refs := htmlRef.FindAllStringSubmatch(body, -1)
			seen := map[string]bool{}
			for _, m := range refs {
				ref := m[1]
				seen[ref] = true
				if !local(ref) {
					t.Errorf("%s references %q: it must work offline", tc.path, ref)
				}
			}
			for _, want := range []string{tc.wantScript, tc.wantStyle} {
				if !seen[want] {
					t.Errorf("%s does not load %s (refs: %v)", tc.path, want, refs)
				}
			}
			if strings.Contains(body, "<script>") {
				t.Errorf("%s has an inline script; the CSP would block it", tc.path)
			}
		})
	}
}

func TestWebAssetsHaveTypesAndNoExternalURLs(t *testing.T) {
	ts := MustStartServer(t)
	for _, tc := range []struct {
		path, ctype string
	}{
		{"/assets/playground.js", "text/javascript; charset=utf-8"},
		{"/assets/playground.css", "text/css; charset=utf-8"},
		{"/assets/explorer.js", "text/javascript; charset=utf-8"},
		{"/assets/explorer.css", "text/css; charset=utf-8"},
		{"/assets/editor.worker.js", "text/javascript; charset=utf-8"},
		{"/assets/json.worker.js", "text/javascript; charset=utf-8"},
		{"/assets/graphql.worker.js", "text/javascript; charset=utf-8"},
		{"/assets/layout.worker.js", "text/javascript; charset=utf-8"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			code, hdr, body := ts.get(t, tc.path)
			if code != http.StatusOK {
				t.Fatalf("GET %s = %d", tc.path, code)
			}
			if got := hdr.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tc.ctype)
			}
			if hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("ETag") == "" {
				t.Errorf("headers = %v, want nosniff and an ETag", hdr)
			}
			if m := cdnHost.FindString(body); m != "" {
				t.Errorf("%s mentions %q: code must not come from a CDN", tc.path, m)
			}
			if strings.HasSuffix(tc.path, ".css") {
				for _, m := range cssURL.FindAllStringSubmatch(body, -1) {
					if !local(m[1]) {
						t.Errorf("%s loads %q", tc.path, m[1])
					}
				}
			}
		})
	}
	if code, _, _ := ts.get(t, "/assets/no-such-file.js"); code != http.StatusNotFound {
		t.Errorf("unknown asset = %d, want 404", code)
	}
}

func TestWebAssetsRevalidateAndCompress(t *testing.T) {
	ts := MustStartServer(t)
	_, hdr, plain := ts.get(t, "/assets/explorer.js", "Accept-Encoding", "identity")
	etag := hdr.Get("ETag")
	if hdr.Get("Content-Encoding") != "" {
		t.Fatalf("Content-Encoding = %q for a client that asked for none", hdr.Get("Content-Encoding"))
	}
	if code, _, body := ts.get(t, "/assets/explorer.js", "Accept-Encoding", "identity", "If-None-Match", etag); code != http.StatusNotModified || body != "" {
		t.Errorf("with If-None-Match = %d (%d bytes), want 304 and no body", code, len(body))
	}

	req, err := http.NewRequest(http.MethodGet, ts.URL+"/assets/explorer.js", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultClient.Do(req) // our Accept-Encoding: the body stays compressed
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers = %v, want gzip with Vary", res.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if string(unzipped) != plain {
		t.Error("gzipped body differs from the plain one")
	}
	if len(raw) >= len(plain)/2 {
		t.Errorf("gzip: %d bytes of %d", len(raw), len(plain))
	}
	if res.Header.Get("ETag") == etag {
		t.Error("the gzipped and plain bodies share an ETag")
	}
}

// The examples are inlined into the playground as JSON, mutations with a
// header template for the token.
func TestPlaygroundInlinesTheExamples(t *testing.T) {
	ts := MustStartServer(t)
	_, _, body := ts.get(t, "/")
	m := regexp.MustCompile(`<script type="application/json" id="examples">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no examples block in the page")
	}
	var got []struct{ Name, Query, Headers string }
	if err := json.Unmarshal([]byte(m[1]), &got); err != nil {
		t.Fatal(err)
	}
	want := server.Examples()
	if len(got) != len(want) {
		t.Fatalf("%d examples inlined, want %d", len(got), len(want))
	}
	for i, ex := range want {
		if got[i].Name != ex.Name || got[i].Query != ex.Query {
			t.Errorf("example %d = %q, want %q", i, got[i].Name, ex.Name)
		}
		mutation := strings.Contains(ex.Query, "mutation ")
		if hasAuth := strings.Contains(got[i].Headers, "Authorization"); hasAuth != mutation {
			t.Errorf("example %q: headers %q (mutation: %v)", ex.Name, got[i].Headers, mutation)
		}
	}
}
