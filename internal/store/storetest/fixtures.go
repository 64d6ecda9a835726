package storetest

import (
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
)

// Fixture is a set of actors and relationships a test loads into a store.
type Fixture struct {
	Actors        []actorgraph.Actor
	Relationships []actorgraph.Relationship
}

// ArticleFixture returns the curated article dataset.
func ArticleFixture(tb testing.TB) Fixture {
	tb.Helper()
	ds, err := dataset.Article()
	if err != nil {
		tb.Fatalf("dataset.Article(): %v", err)
	}
	return Fixture{Actors: ds.Actors, Relationships: ds.Relationships}
}

// TownFixture is a small hand-drawn graph whose answers can be worked out
// on paper. Arrows point from From to To:
//
//	f --r06 MET_WITH--> a --r01 SPOKE_WITH--> b --r03 SPOKE_WITH--> d --r05 SPOKE_WITH--> e --r08 LEADS--> h
//	                    a --r02 MET_WITH----> c --r04 URGED-------> d
//	                                          c --r07 PRAISED-----> b
//	g stands alone.
//
// Dates: r06 2025-04-15, r01 2025-05-01, r02 2025-05-10, r03 2025-05-20,
// r05 2025-06-01; r04, r07 and r08 are undated. r03 is INTENDED, r05
// THREATENED, r07 CLAIMED, the rest ASSERTED. r01 and r03 share the event
// "call-1".
func TownFixture() Fixture {
	return Fixture{
		Actors: []actorgraph.Actor{
			{ID: "a", Kind: actorgraph.KindLeader, Name: "Aino Aalto", Aliases: []string{"Chair Aalto"}, Country: "FIN", Title: "President", WikidataID: "Q1001"},
			{ID: "b", Kind: actorgraph.KindOfficial, Name: "Bohdan Bondarenko", Aliases: []string{"Bondarenko"}, Country: "UKR", CAMEOCode: "UKRGOV"},
			{ID: "c", Kind: actorgraph.KindOfficial, Name: "Céline Corre", Country: "FRA", Description: "Envoy"},
			{ID: "d", Kind: actorgraph.KindGovernment, Name: "Dnipro Council", Country: "UKR"},
			{ID: "e", Kind: actorgraph.KindJournalist, Name: "Eero Eskola"},
			{ID: "f", Kind: actorgraph.KindLeader, Name: "Fyodor Fomin", Country: "RUS"},
			{ID: "g", Kind: actorgraph.KindOrganization, Name: "Green Office", Country: "FIN"},
			{ID: "h", Kind: actorgraph.KindGroup, Name: "Helpers"},
		},
		Relationships: []actorgraph.Relationship{
			rel("r01", "a", actorgraph.SpokeWith, "b", on("2025-05-01"), event("call-1")),
			rel("r02", "a", actorgraph.MetWith, "c", on("2025-05-10")),
			rel("r03", "b", actorgraph.SpokeWith, "d", on("2025-05-20"), modality(actorgraph.Intended), event("call-1")),
			rel("r04", "c", actorgraph.Urged, "d"),
			rel("r05", "d", actorgraph.SpokeWith, "e", on("2025-06-01"), modality(actorgraph.Threatened)),
			rel("r06", "f", actorgraph.MetWith, "a", on("2025-04-15")),
			rel("r07", "c", actorgraph.Praised, "b", modality(actorgraph.Claimed)),
			rel("r08", "e", actorgraph.Leads, "h"),
		},
	}
}

// DiamondFixture is a graph with several equally short paths from s to t,
// built to pin down the tie-break between them:
//
//	s --r2 SPOKE_WITH--> x --r5 SPOKE_WITH--> t
//	s --r3 MET_WITH----> x --r9 MET_WITH----> t
//	                     x <--r4 SPOKE_WITH-- t
//	s --r1 SPOKE_WITH--> y --r0 SPOKE_WITH--> t
//	s --r6 RELATED_TO--> a --r7 RELATED_TO--> b --r8 RELATED_TO--> t
//
// Through y the relationship ids are smaller, through x the actor id is:
// steps compare as (next actor id, relationship id), so x wins. The long
// way round through a and b starts with the smallest actor id but is not
// a shortest path.
func DiamondFixture() Fixture {
	actors := []actorgraph.Actor{}
	for _, id := range []string{"a", "b", "s", "t", "x", "y"} {
		actors = append(actors, actorgraph.Actor{ID: id, Kind: actorgraph.KindOfficial, Name: "Actor " + id})
	}
	return Fixture{
		Actors: actors,
		Relationships: []actorgraph.Relationship{
			rel("r0", "y", actorgraph.SpokeWith, "t"),
			rel("r1", "s", actorgraph.SpokeWith, "y"),
			rel("r2", "s", actorgraph.SpokeWith, "x"),
			rel("r3", "s", actorgraph.MetWith, "x"),
			rel("r4", "t", actorgraph.SpokeWith, "x"),
			rel("r5", "x", actorgraph.SpokeWith, "t"),
			rel("r6", "s", actorgraph.RelatedTo, "a"),
			rel("r7", "a", actorgraph.RelatedTo, "b"),
			rel("r8", "b", actorgraph.RelatedTo, "t"),
			rel("r9", "x", actorgraph.MetWith, "t"),
		},
	}
}

// SearchFixture holds one actor for every rank of a match on "mar" (see
// actorgraph.RankMatch), two ties broken by name and one broken by id, and
// one actor that does not match.
func SearchFixture() Fixture {
	person := func(id, name string, aliases ...string) actorgraph.Actor {
		return actorgraph.Actor{ID: id, Kind: actorgraph.KindOfficial, Name: name, Aliases: aliases}
	}
	return Fixture{Actors: []actorgraph.Actor{
		person("name-exact", "Mar"),
		person("alias-exact", "Quentin", "MAR"),
		person("name-prefix-2", "Marta Lopez"),
		person("name-prefix-1", "Marco Polo"),
		person("alias-prefix", "Zed", "Marvel"),
		person("name-word", "Ana Mariño"),
		person("alias-word", "Bo", "Big Mars"),
		person("name-substring-2", "Omar Said"),
		person("name-substring-1", "Omar Said"),
		person("alias-substring", "Yo", "Gomart"),
		person("no-match", "Nobody", "Someone"),
	}}
}

// searchFixtureOrder is the ranking of SearchFixture for the query "mar".
var searchFixtureOrder = []string{
	"name-exact", "alias-exact", "name-prefix-1", "name-prefix-2", "alias-prefix",
	"name-word", "alias-word", "name-substring-1", "name-substring-2", "alias-substring",
}

// rel builds a valid ASSERTED relationship with one evidence quote; opts
// change the rest.
func rel(id, from string, typ actorgraph.RelationshipType, to string, opts ...func(*actorgraph.Relationship)) actorgraph.Relationship {
	r := actorgraph.Relationship{
		ID: id, Type: typ, From: from, To: to,
		Modality: actorgraph.Asserted,
		Evidence: []actorgraph.Evidence{{Quote: "quote for " + id, Source: "storetest"}},
	}
	for _, o := range opts {
		o(&r)
	}
	return r
}

func on(date string) func(*actorgraph.Relationship) {
	d := actorgraph.MustParseDate(date)
	return func(r *actorgraph.Relationship) { r.Date = &d }
}

func modality(m actorgraph.Modality) func(*actorgraph.Relationship) {
	return func(r *actorgraph.Relationship) { r.Modality = m }
}

func event(id string) func(*actorgraph.Relationship) {
	return func(r *actorgraph.Relationship) { r.EventID = id }
}

func datePtr(s string) *actorgraph.Date {
	d := actorgraph.MustParseDate(s)
	return &d
}
