package server_test

import (
	"testing"
)

const createMeloniAide = `mutation { createActor(input: {id: "test-aide", kind: OFFICIAL, name: "Test Aide"}) { id __typename } }`

func TestReadOnlyServerRefusesMutations(t *testing.T) {
	ts := MustStartServer(t)
	r := ts.query(t, createMeloniAide, nil, "Authorization", "Bearer anything")
	if !r.hasCode("FORBIDDEN") || !contains(r.Errors[0].Message, "read-only") || !contains(r.Errors[0].Message, "ACTORGRAPH_API_TOKEN") {
		t.Fatalf("errors = %+v, want FORBIDDEN saying the server is read-only", r.Errors)
	}
	if r := ts.mustQuery(t, `{ actor(id: "test-aide") { id } }`, nil); string(r.Data) != `{"actor":null}` {
		t.Fatalf("refused mutation wrote data: %s", r.Data)
	}
}

func TestMutationsNeedTheBearerToken(t *testing.T) {
	ts := MustStartServer(t, withToken("s3cret"))
	for _, hdr := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "s3cret"}, {"Authorization", "Basic czNjcmV0"}} {
		r := ts.query(t, createMeloniAide, nil, hdr...)
		if !r.hasCode("UNAUTHENTICATED") {
			t.Errorf("header %v: codes = %v, want UNAUTHENTICATED", hdr, r.codes())
		}
	}
	r := ts.mustQuery(t, createMeloniAide, nil, "Authorization", "Bearer s3cret")
	if !contains(string(r.Data), `"__typename":"Official"`) {
		t.Fatalf("create = %s", r.Data)
	}
}

func TestMutationLifecycle(t *testing.T) {
	ts := MustStartServer(t, withToken("tok"))
	auth := []string{"Authorization", "Bearer tok"}
	ts.mustQuery(t, createMeloniAide, nil, auth...)

	r := ts.query(t, createMeloniAide, nil, auth...)
	if !r.hasCode("CONFLICT") {
		t.Errorf("duplicate create: codes = %v", r.codes())
	}
	r = ts.query(t, `mutation { createActor(input: {id: "Bad Id", kind: LEADER, name: "x"}) { id } }`, nil, auth...)
	if !r.hasCode("BAD_USER_INPUT") || r.Errors[0].Extensions["field"] != "id" {
		t.Errorf("bad id: %+v", r.Errors)
	}

	ts.mustQuery(t, `mutation { updateActor(id: "test-aide", input: {title: "Aide", aliases: ["TA"]}) { id } }`, nil, auth...)
	r = ts.mustQuery(t, `{ actor(id: "test-aide") { name title aliases } }`, nil)
	if string(r.Data) != `{"actor":{"name":"Test Aide","title":"Aide","aliases":["TA"]}}` {
		t.Errorf("after update: %s", r.Data)
	}

	rel := `mutation($q: String!) { createRelationship(input: {id: "aide-spoke-with-putin", type: SPOKE_WITH, from: "test-aide", to: "vladimir-putin",
	  date: "2025-05-21", cameoCode: "040", goldstein: 1.0, quadClass: 1, evidence: [{quote: $q, source: "test"}]}) { id from { id } to { id } modality date } }`
	r = ts.mustQuery(t, rel, map[string]any{"q": "a test quote"}, auth...)
	if string(r.Data) != `{"createRelationship":{"id":"aide-spoke-with-putin","from":{"id":"test-aide"},"to":{"id":"vladimir-putin"},"modality":"ASSERTED","date":"2025-05-21"}}` {
		t.Errorf("createRelationship = %s", r.Data)
	}
	r = ts.query(t, `mutation { createRelationship(input: {id: "dangling", type: MET_WITH, from: "test-aide", to: "nobody", evidence: [{quote: "q", source: "s"}]}) { id } }`, nil, auth...)
	if !r.hasCode("BAD_USER_INPUT") {
		t.Errorf("dangling endpoint: codes = %v", r.codes())
	}

	r = ts.query(t, `mutation { deleteActor(id: "test-aide") { id } }`, nil, auth...)
	if !r.hasCode("CONFLICT") || !contains(r.Errors[0].Message, "cascade") {
		t.Errorf("delete with relationships: %+v", r.Errors)
	}
	r = ts.mustQuery(t, `mutation { deleteActor(id: "test-aide", cascade: true) { id deletedRelationships } }`, nil, auth...)
	if string(r.Data) != `{"deleteActor":{"id":"test-aide","deletedRelationships":["aide-spoke-with-putin"]}}` {
		t.Errorf("cascade delete = %s", r.Data)
	}
	r = ts.query(t, `mutation { deleteRelationship(id: "aide-spoke-with-putin") { id } }`, nil, auth...)
	if !r.hasCode("NOT_FOUND") {
		t.Errorf("relationship survived the cascade: %v", r.codes())
	}
}
