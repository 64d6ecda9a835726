package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/server"
)

// send makes one HTTP request to /graphql and returns the status, headers
// and body.
func (ts *testServer) send(t *testing.T, method, query string, body string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+"/graphql"+query, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	status, h, b := send(t, req, header...)
	return status, h, string(b)
}

// TestGraphQLOverHTTPStatusesAndMediaTypes holds the transport to the
// GraphQL-over-HTTP rules (CI also runs graphql-http's audits): the media
// type follows Accept, a request that cannot run has no data and answers
// 200 or 400 by media type, and refusals have their own statuses.
func TestGraphQLOverHTTPStatusesAndMediaTypes(t *testing.T) {
	ts := MustStartServer(t)
	const (
		jsonMedia = "application/json"
		gqlMedia  = "application/graphql-response+json"
	)
	tests := []struct {
		name, method, query, body, accept, contentType string
		status                                         int
		media, code                                    string
		hasData                                        bool
	}{
		{"QueryWithoutAcceptIsJSON", "POST", "", `{"query":"{ actor(id: \"vladimir-putin\") { id } }"}`, "", jsonMedia, 200, jsonMedia, "", true},
		{"QueryAskingForGraphQLResponse", "POST", "", `{"query":"{ actor(id: \"vladimir-putin\") { id } }"}`, gqlMedia, jsonMedia, 200, gqlMedia, "", true},
		{"PreferenceFollowsQ", "POST", "", `{"query":"{ __typename }"}`, gqlMedia + ";q=0.5, " + jsonMedia, jsonMedia, 200, jsonMedia, "", true},
		{"AnyMediaIsJSON", "POST", "", `{"query":"{ __typename }"}`, "*/*", jsonMedia, 200, jsonMedia, "", true},
		{"NeitherMediaIs406", "POST", "", `{"query":"{ __typename }"}`, "text/html", jsonMedia, 406, jsonMedia, "NOT_ACCEPTABLE", false},
		{"ParseFailureAsJSONIs200", "POST", "", `{"query":"{ actor(id: "}`, jsonMedia, jsonMedia, 200, jsonMedia, "GRAPHQL_PARSE_FAILED", false},
		{"ParseFailureAsGraphQLResponseIs400", "POST", "", `{"query":"{ actor(id: "}`, gqlMedia, jsonMedia, 400, gqlMedia, "GRAPHQL_PARSE_FAILED", false},
		{"ValidationFailureAsGraphQLResponseIs400", "POST", "", `{"query":"{ actor(id: \"x\") { shoeSize } }"}`, gqlMedia, jsonMedia, 400, gqlMedia, "GRAPHQL_VALIDATION_FAILED", false},
		{"FieldErrorKeepsDataAnd200", "POST", "", `{"query":"{ neighborhood(id: \"nobody\") { nodes { id } } }"}`, gqlMedia, jsonMedia, 200, gqlMedia, "NOT_FOUND", true},
		{"NoQueryIs400", "POST", "", `{"variables":{}}`, jsonMedia, jsonMedia, 400, jsonMedia, "BAD_REQUEST", false},
		{"VariablesOfTheWrongTypeAre400", "POST", "", `{"query":"{ __typename }","variables":"{}"}`, jsonMedia, jsonMedia, 400, jsonMedia, "BAD_REQUEST", false},
		{"BatchIsRefused", "POST", "", `[{"query":"{ __typename }"}]`, jsonMedia, jsonMedia, 400, jsonMedia, "BAD_REQUEST", false},
		{"NotJSONIs400", "POST", "", "query=x", jsonMedia, jsonMedia, 400, jsonMedia, "BAD_REQUEST", false},
		{"OtherContentTypeIs415", "POST", "", `{ __typename }`, jsonMedia, "application/graphql", 415, jsonMedia, "UNSUPPORTED_MEDIA_TYPE", false},
		{"GETQuery", "GET", "?query=" + url.QueryEscape(`{ actor(id: "vladimir-putin") { id } }`), "", gqlMedia, "", 200, gqlMedia, "", true},
		{"GETMutationIs405", "GET", "?query=" + url.QueryEscape(`mutation { deleteRelationship(id: "x") { id } }`), "", jsonMedia, "", 405, jsonMedia, "METHOD_NOT_ALLOWED", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var header []string
			if tc.accept != "" {
				header = append(header, "Accept", tc.accept)
			}
			if tc.contentType != "" {
				header = append(header, "Content-Type", tc.contentType)
			}
			status, h, body := ts.send(t, tc.method, tc.query, tc.body, header...)
			if status != tc.status {
				t.Errorf("status %d, want %d (%s)", status, tc.status, body)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, tc.media) {
				t.Errorf("Content-Type %q, want %s", ct, tc.media)
			}
			var resp map[string]json.RawMessage
			if err := json.Unmarshal([]byte(body), &resp); err != nil {
				t.Fatalf("body is not a JSON object: %s", body)
			}
			if _, ok := resp["data"]; ok != tc.hasData {
				t.Errorf("data entry present %v, want %v: %s", ok, tc.hasData, body)
			}
			if tc.code != "" && !strings.Contains(string(resp["errors"]), `"code":"`+tc.code+`"`) {
				t.Errorf("errors %s, want code %s", resp["errors"], tc.code)
			}
			if tc.status == 405 && h.Get("Allow") != "POST" {
				t.Errorf("405 without Allow: POST (Allow %q)", h.Get("Allow"))
			}
		})
	}
}

// TestGETAnswersAreCacheable: a GET query's answer has an ETag and the
// configured Cache-Control; the same request with If-None-Match is 304
// without a body; a changed answer has another ETag; POST has none.
func TestGETAnswersAreCacheable(t *testing.T) {
	ts := MustStartServer(t, withToken("tok"), func(c *server.Config) { c.CacheControl = "public, max-age=60" })
	get := "?query=" + url.QueryEscape(`{ actor(id: "vladimir-putin") { name aliases } }`)
	status, h, body := ts.send(t, "GET", get, "")
	etag := h.Get("ETag")
	if status != 200 || etag == "" || h.Get("Cache-Control") != "public, max-age=60" || !strings.Contains(h.Get("Vary"), "Accept") {
		t.Fatalf("GET: status %d, ETag %q, Cache-Control %q, Vary %q", status, etag, h.Get("Cache-Control"), h.Get("Vary"))
	}
	status, h2, body2 := ts.send(t, "GET", get, "", "If-None-Match", etag)
	if status != http.StatusNotModified || body2 != "" || h2.Get("ETag") != etag {
		t.Fatalf("conditional GET: status %d, ETag %q, body %q; want 304, the same ETag, no body", status, h2.Get("ETag"), body2)
	}
	if status, _, _ := ts.send(t, "GET", get, "", "If-None-Match", `"other"`); status != 200 {
		t.Fatalf("GET with a stale ETag: status %d, want 200", status)
	}
	ts.mustQuery(t, `mutation { updateActor(id: "vladimir-putin", input: {aliases: ["Putin"]}) { id } }`, nil, "Authorization", "Bearer tok")
	status, h3, body3 := ts.send(t, "GET", get, "", "If-None-Match", etag)
	if status != 200 || h3.Get("ETag") == etag || body3 == body {
		t.Fatalf("after a change: status %d, ETag %q (was %q); want 200 and a new ETag", status, h3.Get("ETag"), etag)
	}
	if _, h, _ := ts.send(t, "POST", "", `{"query":"{ __typename }"}`, "Content-Type", "application/json"); h.Get("ETag") != "" {
		t.Errorf("a POST answer has an ETag %q", h.Get("ETag"))
	}
}

// TestQueriesThatExpandOrGrowAreRefusedCheaply: a chain of fragments that
// expands to millions of selections is refused before its complexity is
// counted, and a query text over -max-query-bytes before it is parsed.
func TestQueriesThatExpandOrGrowAreRefusedCheaply(t *testing.T) {
	ts := MustStartServer(t)
	var bomb strings.Builder
	bomb.WriteString("query { ...F0 }")
	for i := range 13 {
		fmt.Fprintf(&bomb, " fragment F%d on Query { ...F%d ...F%d ...F%d ...F%d }", i, i+1, i+1, i+1, i+1)
	}
	bomb.WriteString(" fragment F13 on Query { __typename }") // 4^13 selections
	start := time.Now()
	r := ts.query(t, bomb.String(), nil)
	if !r.hasCode("COMPLEXITY_LIMIT_EXCEEDED") {
		t.Fatalf("fragment bomb: codes %v, want COMPLEXITY_LIMIT_EXCEEDED", r.codes())
	}
	t.Logf("fragment bomb refused in %v", time.Since(start)) // minutes before
	long := `{ __typename } # ` + strings.Repeat("x", 70<<10)
	if r := ts.query(t, long, nil); !r.hasCode("REQUEST_TOO_LARGE") || r.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 70 KiB query: status %d codes %v, want 413 REQUEST_TOO_LARGE", r.Status, r.codes())
	}
	ts.assertHealthy(t)
}

// TestAnswersToATokenAreNotSharedCacheable: a GET answer to a request
// with a token is private whatever -cache-control says.
func TestAnswersToATokenAreNotSharedCacheable(t *testing.T) {
	ts := MustStartServer(t, withToken("tok"), func(c *server.Config) { c.CacheControl = "public, max-age=60" })
	get := "?query=" + url.QueryEscape(`{ actor(id: "vladimir-putin") { name } }`)
	_, h, _ := ts.send(t, "GET", get, "", "Authorization", "Bearer tok")
	if h.Get("Cache-Control") != "private, no-store" || !strings.Contains(strings.Join(h.Values("Vary"), ","), "Authorization") {
		t.Fatalf("GET with a token: Cache-Control %q, Vary %q; want private, no-store and Vary: Authorization", h.Get("Cache-Control"), h.Values("Vary"))
	}
}
