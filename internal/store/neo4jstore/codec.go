package neo4jstore

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Nodes are (:Actor {id, kind, name, aliases, title, country, cameoCode,
// wikidataId, description, searchText, resolution}). searchText holds the folded name
// and aliases joined by "|" (Fold never yields "|"), so CONTAINS on it, served
// by a text index, gives exactly the embedded store's substring matches.
//
// Relationships carry their type as the Neo4j relationship type (from the
// fixed table in types.go) and {id, date ("YYYY-MM-DD"), cameoCode,
// goldstein, quadClass, modality, eventId, summary, evidenceQuotes,
// evidenceSources, evidenceKinds, numMentions, numSources, numArticles,
// avgTone, fromMention, toMention}). Dates are ISO strings so comparisons are the same as the
// embedded store's, undated relationships have no date property. An
// actor's resolution and a relationship's mentions are nested records,
// which Neo4j properties cannot hold: they are stored as their JSON, the
// same JSON the embedded store writes.
//
// A one-actor event (one end unknown) is a relationship to or from the
// single (:UnknownActor {key: "unknown"}) node, which has no id: reads
// decode its missing id as the empty end, and walks only follow
// relationships between two :Actor nodes. The direction is kept, so an
// actor's OUTGOING and INCOMING lists stay right.

func actorProps(a *actorgraph.Actor) map[string]any {
	names := append([]string{a.Name}, a.Aliases...)
	folded := make([]string, len(names))
	for i, n := range names {
		folded[i] = actorgraph.Fold(n)
	}
	return map[string]any{
		"id":          a.ID,
		"kind":        string(a.Kind),
		"name":        a.Name,
		"aliases":     stringsOrEmpty(a.Aliases),
		"title":       nullable(a.Title),
		"country":     nullable(a.Country),
		"cameoCode":   nullable(a.CAMEOCode),
		"wikidataId":  nullable(a.WikidataID),
		"description": nullable(a.Description),
		"searchText":  "|" + strings.Join(folded, "|") + "|",
		"resolution":  jsonOrNil(a.Resolution),
	}
}

// jsonOrNil is the JSON of a nested record, or nil (no property) for a
// nil pointer. The records are plain structs: Marshal cannot fail.
func jsonOrNil[T any](v *T) any {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("neo4jstore: %T does not marshal: %v", v, err))
	}
	return string(b)
}

// fromJSON decodes a property written by jsonOrNil.
func fromJSON[T any](v any, what string) (*T, error) {
	s, ok := v.(string)
	if !ok || s == "" {
		return nil, nil
	}
	out := new(T)
	if err := json.Unmarshal([]byte(s), out); err != nil {
		return nil, fmt.Errorf("neo4jstore: stored %s: %v", what, err)
	}
	return out, nil
}

func relProps(r *actorgraph.Relationship) map[string]any {
	quotes := make([]string, len(r.Evidence))
	sources := make([]string, len(r.Evidence))
	kinds := make([]string, len(r.Evidence))
	for i, e := range r.Evidence {
		quotes[i], sources[i], kinds[i] = e.Quote, e.Source, string(e.Kind)
	}
	p := map[string]any{
		"id":              r.ID,
		"cameoCode":       nullable(r.CAMEOCode),
		"modality":        string(r.Modality),
		"eventId":         nullable(r.EventID),
		"summary":         nullable(r.Summary),
		"evidenceQuotes":  quotes,
		"evidenceSources": sources,
		"evidenceKinds":   kinds,
		"date":            nil,
		"goldstein":       nil,
		"quadClass":       nil,
		"numMentions":     nullableInt(r.NumMentions),
		"numSources":      nullableInt(r.NumSources),
		"numArticles":     nullableInt(r.NumArticles),
		"avgTone":         nil,
		"fromMention":     jsonOrNil(r.FromMention),
		"toMention":       jsonOrNil(r.ToMention),
	}
	if r.AvgTone != nil {
		p["avgTone"] = *r.AvgTone
	}
	if r.Date != nil {
		p["date"] = r.Date.String()
	}
	if r.Goldstein != nil {
		p["goldstein"] = *r.Goldstein
	}
	if r.QuadClass != 0 {
		p["quadClass"] = int64(r.QuadClass)
	}
	return p
}

// relRow is what a write sends for one relationship.
func relRow(r *actorgraph.Relationship) map[string]any {
	return map[string]any{"id": r.ID, "from": r.From, "to": r.To, "props": relProps(r)}
}

// relProjection is the Cypher map projection every read of a relationship
// returns, decoded by decodeRel.
const relProjection = `r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}`

func decodeActor(v any) (actorgraph.Actor, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return actorgraph.Actor{}, fmt.Errorf("neo4jstore: actor is %T, not a map", v)
	}
	res, err := fromJSON[actorgraph.Resolution](m["resolution"], "resolution of actor "+str(m["id"]))
	if err != nil {
		return actorgraph.Actor{}, err
	}
	return actorgraph.Actor{
		Resolution:  res,
		ID:          str(m["id"]),
		Kind:        actorgraph.ActorKind(str(m["kind"])),
		Name:        str(m["name"]),
		Aliases:     strs(m["aliases"]),
		Title:       str(m["title"]),
		Country:     str(m["country"]),
		CAMEOCode:   str(m["cameoCode"]),
		WikidataID:  str(m["wikidataId"]),
		Description: str(m["description"]),
	}, nil
}

func decodeRel(v any) (actorgraph.Relationship, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return actorgraph.Relationship{}, fmt.Errorf("neo4jstore: relationship is %T, not a map", v)
	}
	r := actorgraph.Relationship{
		ID:        str(m["id"]),
		Type:      actorgraph.RelationshipType(str(m["type"])),
		From:      str(m["from"]),
		To:        str(m["to"]),
		CAMEOCode: str(m["cameoCode"]),
		Modality:  actorgraph.Modality(str(m["modality"])),
		EventID:   str(m["eventId"]),
		Summary:   str(m["summary"]),
	}
	if d, ok := m["date"].(string); ok {
		date, err := actorgraph.ParseDate(d)
		if err != nil {
			return r, fmt.Errorf("neo4jstore: relationship %q: stored date: %v", r.ID, err)
		}
		r.Date = &date
	}
	if g, ok := m["goldstein"].(float64); ok {
		r.Goldstein = &g
	}
	if q, ok := m["quadClass"].(int64); ok {
		r.QuadClass = int(q)
	}
	r.NumMentions, r.NumSources, r.NumArticles = integer(m["numMentions"]), integer(m["numSources"]), integer(m["numArticles"])
	if t, ok := m["avgTone"].(float64); ok {
		r.AvgTone = &t
	}
	var err error
	if r.FromMention, err = fromJSON[actorgraph.Mention](m["fromMention"], "fromMention of "+r.ID); err != nil {
		return r, err
	}
	if r.ToMention, err = fromJSON[actorgraph.Mention](m["toMention"], "toMention of "+r.ID); err != nil {
		return r, err
	}
	quotes, sources, kinds := strs(m["evidenceQuotes"]), strs(m["evidenceSources"]), strs(m["evidenceKinds"])
	r.Evidence = make([]actorgraph.Evidence, len(quotes))
	for i, q := range quotes {
		r.Evidence[i].Quote = q
		if i < len(sources) {
			r.Evidence[i].Source = sources[i]
		}
		if i < len(kinds) {
			r.Evidence[i].Kind = actorgraph.EvidenceKind(kinds[i])
		}
	}
	return r, nil
}

func decodeRels(v any) ([]actorgraph.Relationship, error) {
	list, _ := v.([]any)
	out := make([]actorgraph.Relationship, 0, len(list))
	for _, item := range list {
		r, err := decodeRel(item)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullableInt(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

func integer(v any) int {
	n, _ := v.(int64)
	return int(n)
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, item := range list {
		out = append(out, str(item))
	}
	return out
}

func stringsOrEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
