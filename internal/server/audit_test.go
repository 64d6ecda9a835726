package server_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/auth/authtest"
)

// changesPage is what the audit queries below select.
type changesPage struct {
	Changes struct {
		Edges []struct {
			Cursor string
			Node   struct {
				ID     string
				At     string
				Who    string
				Op     string
				IDs    []string `json:"ids"`
				Count  int
				Fields []struct {
					Field         string
					Before, After *string
				}
			}
		}
		PageInfo struct {
			HasPreviousPage, HasNextPage bool
			StartCursor, EndCursor       *string
		}
		TotalCount int
	}
}

const changesQuery = `query($since: String, $actor: ID, $first: Int, $after: String) {
	changes(since: $since, actor: $actor, first: $first, after: $after) {
		edges { cursor node { id at who op ids count fields { field before after } } }
		pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
		totalCount
	}
}`

func TestAuditTrailRecordsEveryMutation(t *testing.T) {
	keys := authtest.NewKeys(t)
	ts := jwtServer(t, keys, graph.ReadOpen)
	editor := keys.ES256(t, claims("eddie@example.org", "editor"))
	admin := authtest.HS256(t, authtest.Secret, claims("ada", "admin"))
	reader := keys.RS256(t, claims("rita", "reader"))
	start := time.Now().UTC().Format(time.RFC3339Nano)

	mutations := []struct{ query, op string }{
		{`mutation { createActor(input: {id: "audit-a", kind: OFFICIAL, name: "Audit A", title: "Aide"}) { id } }`, "CREATE_ACTOR"},
		{`mutation { createActor(input: {id: "audit-b", kind: OFFICIAL, name: "Audit B"}) { id } }`, "CREATE_ACTOR"},
		{`mutation { updateActor(id: "audit-a", input: {title: "Envoy"}) { id } }`, "UPDATE_ACTOR"},
		{`mutation { createRelationship(input: {id: "audit-r1", type: MET_WITH, from: "audit-a", to: "audit-b", evidence: [{quote: "they met", source: "test"}]}) { id } }`, "CREATE_RELATIONSHIP"},
		{`mutation { createRelationship(input: {id: "audit-r2", type: SPOKE_WITH, from: "audit-b", to: "vladimir-putin", evidence: [{quote: "they spoke", source: "test"}]}) { id } }`, "CREATE_RELATIONSHIP"},
		{`mutation { deleteRelationship(id: "audit-r1") { id } }`, "DELETE_RELATIONSHIP"},
		{`mutation { mergeActors(into: "audit-a", from: ["audit-b"]) { merged } }`, "MERGE_ACTORS"},
		{`mutation { deleteActor(id: "audit-a", cascade: true) { id } }`, "DELETE_ACTOR"},
	}
	for _, m := range mutations {
		ts.mustQuery(t, m.query, nil, bearer(editor)...)
	}

	t.Run("EachMutationLeavesItsRecord", func(t *testing.T) {
		var p changesPage
		ts.mustQuery(t, changesQuery, map[string]any{"since": start}, bearer(admin)...).decode(t, &p)
		c := p.Changes
		if len(c.Edges) != len(mutations) || c.TotalCount != len(mutations) || c.PageInfo.HasNextPage || c.PageInfo.HasPreviousPage {
			t.Fatalf("changes since the start: %d edges, total %d, pageInfo %+v; want %d", len(c.Edges), c.TotalCount, c.PageInfo, len(mutations))
		}
		for i, e := range c.Edges {
			if e.Node.Op != mutations[i].op || e.Node.Who != "eddie@example.org" {
				t.Errorf("change %d: op %s by %q, want %s by the editor's subject", i, e.Node.Op, e.Node.Who, mutations[i].op)
			}
			if _, err := time.Parse(time.RFC3339Nano, e.Node.At); err != nil {
				t.Errorf("change %d: at %q: %v", i, e.Node.At, err)
			}
		}
		upd := c.Edges[2].Node
		if len(upd.Fields) != 1 || upd.Fields[0].Field != "title" || *upd.Fields[0].Before != `"Aide"` || *upd.Fields[0].After != `"Envoy"` {
			t.Errorf("update's fields = %+v, want title from Aide to Envoy", upd.Fields)
		}
		created := c.Edges[0].Node.Fields
		if len(created) != 1 || created[0].Field != "record" || created[0].Before != nil || !json.Valid([]byte(*created[0].After)) {
			t.Errorf("create's fields = %+v, want the record as after", created)
		}
		merge := c.Edges[6].Node
		if !slices.Equal(merge.IDs, []string{"audit-a", "audit-b", "audit-r2"}) || merge.Count != 3 {
			t.Errorf("merge's ids = %v (count %d), want the survivor, the merged actor and the moved relationship", merge.IDs, merge.Count)
		}
		del := c.Edges[7].Node
		if !slices.Equal(del.IDs, []string{"audit-a", "audit-r2"}) || *del.Fields[0].Before == "" {
			t.Errorf("delete's ids = %v, fields %+v; want the actor and its cascaded relationship, and its record", del.IDs, del.Fields)
		}
		if *c.PageInfo.StartCursor != c.Edges[0].Cursor || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor {
			t.Errorf("pageInfo cursors %+v do not match the edges", c.PageInfo)
		}
	})

	t.Run("ByActorAndPaged", func(t *testing.T) {
		var ops []string
		var after any
		pages := 0
		for {
			var p changesPage
			ts.mustQuery(t, changesQuery, map[string]any{"actor": "audit-a", "first": 3, "after": after}, bearer(admin)...).decode(t, &p)
			pages++
			for _, e := range p.Changes.Edges {
				ops = append(ops, e.Node.Op)
			}
			if p.Changes.TotalCount != 4 || p.Changes.PageInfo.HasPreviousPage {
				t.Errorf("totalCount = %d, hasPreviousPage %v; want 4, false", p.Changes.TotalCount, p.Changes.PageInfo.HasPreviousPage)
			}
			if !p.Changes.PageInfo.HasNextPage {
				break
			}
			after = *p.Changes.PageInfo.EndCursor
		}
		// Relationships' changes list their own ids, not their ends'.
		if want := []string{"CREATE_ACTOR", "UPDATE_ACTOR", "MERGE_ACTORS", "DELETE_ACTOR"}; !slices.Equal(ops, want) || pages != 2 {
			t.Errorf("changes of audit-a in %d pages: %v, want %v in 2", pages, ops, want)
		}
		if r := ts.query(t, changesQuery, map[string]any{"after": "bm90LWEtY3Vyc29y"}, bearer(admin)...); !r.hasCode("BAD_USER_INPUT") {
			t.Errorf("a foreign cursor: errors = %+v, want BAD_USER_INPUT", r.Errors)
		}
	})

	t.Run("StaticTokenIsRecordedAsSuch", func(t *testing.T) {
		ts.mustQuery(t, `mutation { createActor(input: {id: "audit-static", kind: GROUP, name: "Static"}) { id } }`, nil, bearer("static")...)
		var p changesPage
		ts.mustQuery(t, changesQuery, map[string]any{"actor": "audit-static"}, bearer("static")...).decode(t, &p)
		if len(p.Changes.Edges) != 1 || p.Changes.Edges[0].Node.Who != "static token" {
			t.Errorf("changes of audit-static = %+v, want one by \"static token\"", p.Changes.Edges)
		}
	})

	t.Run("OnlyAdminsReadIt", func(t *testing.T) {
		for name, tok := range map[string]string{"reader": reader, "editor": editor} {
			r := ts.query(t, changesQuery, nil, bearer(tok)...)
			if !r.hasCode("FORBIDDEN") || !contains(r.Errors[0].Message, "changes needs the admin role") {
				t.Errorf("%s: errors = %+v, want FORBIDDEN naming the admin role", name, r.Errors)
			}
		}
		if r := ts.query(t, changesQuery, nil); !r.hasCode("UNAUTHENTICATED") {
			t.Errorf("no token: errors = %+v, want UNAUTHENTICATED", r.Errors)
		}
		if r := ts.query(t, changesQuery, map[string]any{"since": "yesterday"}, bearer(admin)...); !r.hasCode("BAD_USER_INPUT") {
			t.Errorf("since yesterday: errors = %+v, want BAD_USER_INPUT", r.Errors)
		}
	})
}
