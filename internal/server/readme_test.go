package server_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

var graphqlBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// TestREADMEExamplesWork runs every graphql block of README.md against a
// fresh server, so the README cannot drift from the API.
func TestREADMEExamplesWork(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := graphqlBlock.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 5 {
		t.Fatalf("found %d graphql blocks in README.md", len(blocks))
	}
	ts := MustStartServer(t, withToken("readme"))
	answers := map[string]bool{}
	for _, b := range blocks {
		q := b[1]
		r := ts.mustQuery(t, q, nil, "Authorization", "Bearer readme")
		data := string(r.Data)
		if strings.Contains(q, `actor(id: "vladimir-putin")`) && strings.Contains(data, "Donald Trump") && strings.Contains(data, "phone conversation") {
			answers["who spoke with Putin"] = true
		}
		if strings.Contains(q, "shortestPath") && strings.Contains(data, `"length":2`) && strings.Contains(data, "Alexander Stubb") {
			answers["Stubb to Putin"] = true
		}
	}
	for _, want := range []string{"who spoke with Putin", "Stubb to Putin"} {
		if !answers[want] {
			t.Errorf("README has no working query answering %q", want)
		}
	}
	if !strings.HasPrefix(strings.SplitN(string(readme), "```sh\n", 2)[1], "go run .") {
		t.Error("README's first command block must start with `go run .`")
	}
}
