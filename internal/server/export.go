package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/export"
)

// exportBatch is how many ids one store read of an export asks for.
const exportBatch = 1000

// exportReader is what /export reads besides the GraphQL answer: the
// records behind the ids the answer names.
type exportReader interface {
	ActorsByID(ctx context.Context, ids []string) ([]*actorgraph.Actor, error)
	RelationshipsByID(ctx context.Context, ids []string) ([]*actorgraph.Relationship, error)
}

// export serves /export?format=…: the request is a GraphQL request as
// /graphql takes it (GET with query and variables parameters, or POST with
// a JSON body), run by the same handler (so the same limits, auth, read
// auth and response cap apply; the route has the same rate, body and time
// limits). Every object of the answer with an `id` names an actor or a
// relationship (by its __typename when the query asks for it, else by
// looking the id up as both); the export holds those actors and
// relationships, whole as the store has them, and the actors at both ends
// of each relationship. More than maxRecords of them is EXPORT_TOO_LARGE,
// and an answer with errors exports nothing: the errors are answered as
// they are.
func (s *Server) export(gql http.Handler, store exportReader) http.Handler {
	maxRecords := s.cfg.MaxExportRecords
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		format, err := export.ParseFormat(r.URL.Query().Get("format"))
		if err != nil {
			writeGraphQLError(w, graph.CodeBadRequest, err.Error())
			return
		}
		// The GraphQL request: the same one, without format, asking for
		// graphql-response+json so that a request that cannot run is 400.
		inner := r.Clone(r.Context())
		q := inner.URL.Query()
		q.Del("format")
		inner.URL.Path = "/graphql"
		inner.URL.RawQuery = q.Encode()
		inner.RequestURI = ""
		inner.Header.Set("Accept", "application/graphql-response+json")
		inner.Header.Del("If-None-Match")
		rec := &answerRecorder{header: http.Header{}, status: http.StatusOK}
		gql.ServeHTTP(rec, inner)

		var answer struct {
			Data   json.RawMessage `json:"data"`
			Errors []struct {
				Extensions struct {
					Code graph.Code `json:"code"`
				} `json:"extensions"`
			} `json:"errors"`
		}
		badJSON := json.Unmarshal(rec.body.Bytes(), &answer) != nil
		if rec.status != http.StatusOK || badJSON || len(answer.Errors) > 0 {
			status := rec.status
			if len(answer.Errors) > 0 {
				// 200 has no meaning for a file that is not sent; an
				// auth refusal before running (400) is said as HTTP says it.
				s := exportErrorStatus(answer.Errors[0].Extensions.Code)
				if status == http.StatusOK || (status == http.StatusBadRequest && (s == http.StatusUnauthorized || s == http.StatusForbidden)) {
					status = s
				}
			}
			for _, h := range []string{"Retry-After", "WWW-Authenticate"} {
				if v := rec.header.Get(h); v != "" {
					w.Header().Set(h, v)
				}
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write(rec.body.Bytes())
			return
		}

		found, err := collectIDs(answer.Data)
		if err != nil {
			writeGraphQLError(w, graph.CodeInternal, "could not read the answer: "+err.Error())
			return
		}
		tooLarge := func(n int) {
			s.metrics.observeGraphQLError(string(graph.CodeExportTooLarge))
			writeGraphQLError(w, graph.CodeExportTooLarge, fmt.Sprintf(
				"the export would hold %d or more actors and relationships, above the limit of %d (-max-export-records); ask for less", n, maxRecords))
		}
		if n := found.count(); n > maxRecords {
			tooLarge(n)
			return
		}
		actors, rels, err := found.fetch(r, store)
		if err != nil {
			code, msg := graph.ErrorCode(err)
			writeGraphQLError(w, code, msg)
			return
		}
		if n := len(actors) + len(rels); n > maxRecords {
			tooLarge(n)
			return
		}
		h := w.Header()
		h.Set("Content-Type", format.ContentType())
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", format.FileName()))
		h.Set("Cache-Control", "private, no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		if err := export.Write(w, format, export.SliceSource(actors, rels)); err != nil {
			s.cfg.Logger.Warn("export cut short", "format", format, "err", err, "request_id", RequestID(r.Context()))
		}
	})
}

// exportErrorStatus is the status of an export whose GraphQL answer (200)
// has an error with code: an export has no partial data to send beside it.
func exportErrorStatus(code graph.Code) int {
	switch code {
	case graph.CodeUnauthenticated:
		return http.StatusUnauthorized
	case graph.CodeForbidden:
		return http.StatusForbidden
	case graph.CodeNotFound:
		return http.StatusNotFound
	case graph.CodeTimeout:
		return http.StatusGatewayTimeout
	case graph.CodeUnavailable, graph.CodeOverloaded:
		return http.StatusServiceUnavailable
	case graph.CodeInternal:
		return http.StatusInternalServerError
	}
	return http.StatusUnprocessableEntity
}

// answerRecorder is the in-memory ResponseWriter the GraphQL handler
// answers an export into (its answer is capped at -max-response-bytes).
type answerRecorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (a *answerRecorder) Header() http.Header { return a.header }

func (a *answerRecorder) WriteHeader(status int) {
	if !a.wrote {
		a.status, a.wrote = status, true
	}
}

func (a *answerRecorder) Write(p []byte) (int, error) {
	a.WriteHeader(http.StatusOK)
	return a.body.Write(p)
}

// actorTypes are the GraphQL object types of actors, by __typename
// (ActorKind LEADER is type Leader, …).
var actorTypes = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range actorgraph.ActorKinds {
		s := strings.ToLower(string(k))
		m[strings.ToUpper(s[:1])+s[1:]] = true
	}
	return m
}()

// idSet keeps ids in the order first seen.
type idSet struct {
	seen map[string]bool
	ids  []string
}

func (s *idSet) add(id string) {
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if !s.seen[id] {
		s.seen[id] = true
		s.ids = append(s.ids, id)
	}
}

// foundIDs are the ids an answer names: of actors, of relationships, and
// of objects without a __typename, which may be either.
type foundIDs struct {
	actors, rels, either idSet
}

func (f *foundIDs) count() int {
	n := len(f.actors.ids) + len(f.rels.ids)
	for _, id := range f.either.ids {
		if !f.actors.seen[id] && !f.rels.seen[id] {
			n++
		}
	}
	return n
}

// collectIDs walks a GraphQL answer's data for objects with a string id.
func collectIDs(data json.RawMessage) (*foundIDs, error) {
	var v any
	if len(data) == 0 || string(data) == "null" {
		return &foundIDs{}, nil
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	f := &foundIDs{}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			if id, ok := v["id"].(string); ok && id != "" {
				switch t, _ := v["__typename"].(string); {
				case t == "Relationship":
					f.rels.add(id)
				case actorTypes[t]:
					f.actors.add(id)
				case t == "":
					f.either.add(id)
				}
			}
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return f, nil
}

// fetch reads the records the ids name, and the actors at the ends of the
// relationships: relationships first, then actors, each in the order
// first seen in the answer.
func (f *foundIDs) fetch(r *http.Request, store exportReader) ([]actorgraph.Actor, []actorgraph.Relationship, error) {
	ctx := r.Context()
	relIDs := append(append([]string{}, f.rels.ids...), f.either.ids...)
	var rels []actorgraph.Relationship
	var relSeen idSet
	for ids := range slices.Chunk(relIDs, exportBatch) {
		got, err := store.RelationshipsByID(ctx, ids)
		if err != nil {
			return nil, nil, err
		}
		for _, rel := range got {
			if rel != nil && !relSeen.seen[rel.ID] {
				relSeen.add(rel.ID)
				rels = append(rels, *rel)
			}
		}
	}
	var actorIDs idSet
	for _, id := range f.actors.ids {
		actorIDs.add(id)
	}
	for _, id := range f.either.ids {
		if !relSeen.seen[id] {
			actorIDs.add(id)
		}
	}
	for _, rel := range rels {
		for _, id := range rel.Ends() {
			actorIDs.add(id)
		}
	}
	var actors []actorgraph.Actor
	for ids := range slices.Chunk(actorIDs.ids, exportBatch) {
		got, err := store.ActorsByID(ctx, ids)
		if err != nil {
			return nil, nil, err
		}
		for _, a := range got {
			if a != nil {
				actors = append(actors, *a)
			}
		}
	}
	return actors, rels, nil
}
