// Package model holds the GraphQL types: generated ones (models_gen.go) and
// thin wrappers that expose domain values through the schema's field names.
package model

import (
	"fmt"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/cameo"
)

// Actor is the GraphQL Actor interface. Every object type that implements
// it wraps one domain actor.
type Actor interface {
	Domain() *actorgraph.Actor
}

// ActorNode exposes a domain actor's fields under the schema's names;
// the object types embed it.
type ActorNode struct{ A actorgraph.Actor }

// Domain returns the wrapped actor.
func (n *ActorNode) Domain() *actorgraph.Actor { return &n.A }

func (n *ActorNode) ID() string                 { return n.A.ID }
func (n *ActorNode) Kind() actorgraph.ActorKind { return n.A.Kind }
func (n *ActorNode) Name() string               { return n.A.Name }
func (n *ActorNode) Aliases() []string          { return nonNil(n.A.Aliases) }
func (n *ActorNode) Title() *string             { return optional(n.A.Title) }
func (n *ActorNode) Country() *string           { return optional(n.A.Country) }
func (n *ActorNode) CameoCode() *string         { return optional(n.A.CAMEOCode) }
func (n *ActorNode) WikidataID() *string        { return optional(n.A.WikidataID) }
func (n *ActorNode) Description() *string {
	return optional(n.A.Description)
}

// The object types, one per actor kind.
type (
	Leader       struct{ ActorNode }
	Government   struct{ ActorNode }
	Mediator     struct{ ActorNode }
	Official     struct{ ActorNode }
	Journalist   struct{ ActorNode }
	Organization struct{ ActorNode }
	Group        struct{ ActorNode }
)

// NewActor wraps a domain actor in the object type of its kind.
func NewActor(a actorgraph.Actor) Actor {
	n := ActorNode{A: a}
	switch a.Kind {
	case actorgraph.KindLeader:
		return &Leader{n}
	case actorgraph.KindGovernment:
		return &Government{n}
	case actorgraph.KindMediator:
		return &Mediator{n}
	case actorgraph.KindOfficial:
		return &Official{n}
	case actorgraph.KindJournalist:
		return &Journalist{n}
	case actorgraph.KindGroup:
		return &Group{n}
	default:
		return &Organization{n}
	}
}

// NewActors wraps a list of domain actors.
func NewActors(as []actorgraph.Actor) []Actor {
	out := make([]Actor, len(as))
	for i, a := range as {
		out[i] = NewActor(a)
	}
	return out
}

// Relationship exposes a domain relationship under the schema's names.
// from and to are resolved through the per-request actor loader.
type Relationship struct{ R actorgraph.Relationship }

// NewRelationship wraps a domain relationship.
func NewRelationship(r actorgraph.Relationship) *Relationship { return &Relationship{R: r} }

// NewRelationships wraps a list of domain relationships.
func NewRelationships(rs []actorgraph.Relationship) []*Relationship {
	out := make([]*Relationship, len(rs))
	for i, r := range rs {
		out[i] = NewRelationship(r)
	}
	return out
}

func (r *Relationship) ID() string                        { return r.R.ID }
func (r *Relationship) Type() actorgraph.RelationshipType { return r.R.Type }
func (r *Relationship) Date() *actorgraph.Date            { return r.R.Date }
func (r *Relationship) CameoCode() *string                { return optional(r.R.CAMEOCode) }
func (r *Relationship) CameoLabel() *string {
	label, ok := cameo.Label(r.R.CAMEOCode)
	if !ok {
		return nil
	}
	return &label
}
func (r *Relationship) Goldstein() *float64             { return r.R.Goldstein }
func (r *Relationship) Modality() actorgraph.Modality   { return r.R.Modality }
func (r *Relationship) EventID() *string                { return optional(r.R.EventID) }
func (r *Relationship) Summary() *string                { return optional(r.R.Summary) }
func (r *Relationship) Evidence() []actorgraph.Evidence { return nonNil(r.R.Evidence) }
func (r *Relationship) Source() *string                 { return optional(r.R.From) }
func (r *Relationship) Target() *string                 { return optional(r.R.To) }
func (r *Relationship) NumMentions() *int               { return optionalInt(r.R.NumMentions) }
func (r *Relationship) NumSources() *int                { return optionalInt(r.R.NumSources) }
func (r *Relationship) NumArticles() *int               { return optionalInt(r.R.NumArticles) }
func (r *Relationship) AvgTone() *float64               { return r.R.AvgTone }
func (r *Relationship) QuadClass() *int {
	return optionalInt(r.R.QuadClass)
}

// Path exposes a domain path; its evidence chain is derived from it.
type Path struct{ P actorgraph.Path }

// NewPath wraps a domain path (nil stays nil).
func NewPath(p *actorgraph.Path) *Path {
	if p == nil {
		return nil
	}
	return &Path{P: *p}
}

// NewPaths wraps a list of domain paths.
func NewPaths(ps []actorgraph.Path) []*Path {
	out := make([]*Path, len(ps))
	for i := range ps {
		out[i] = &Path{P: ps[i]}
	}
	return out
}

func (p *Path) Length() int                    { return p.P.Length() }
func (p *Path) Cost() float64                  { return p.P.Cost }
func (p *Path) Nodes() []Actor                 { return NewActors(p.P.Nodes) }
func (p *Path) Relationships() []*Relationship { return NewRelationships(p.P.Relationships) }

// EvidenceChain lists the steps in walking order with their first quote.
func (p *Path) EvidenceChain() []*PathStep {
	steps := make([]*PathStep, len(p.P.Relationships))
	for i, r := range p.P.Relationships {
		quote := ""
		if len(r.Evidence) > 0 {
			quote = r.Evidence[0].Quote
		}
		steps[i] = &PathStep{From: NewActor(p.P.Nodes[i]), To: NewActor(p.P.Nodes[i+1]), Relationship: NewRelationship(r), Quote: quote}
	}
	return steps
}

// PathStep is one step of a path's evidence chain.
type PathStep struct {
	From         Actor
	To           Actor
	Relationship *Relationship
	Quote        string
}

// MarshalDate writes a Date scalar as "YYYY-MM-DD".
func MarshalDate(d actorgraph.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(d.String()))
	})
}

// UnmarshalDate reads a Date scalar; it must be a "YYYY-MM-DD" string.
func UnmarshalDate(v any) (actorgraph.Date, error) {
	s, ok := v.(string)
	if !ok {
		return actorgraph.Date{}, fmt.Errorf("%w: Date must be a string in YYYY-MM-DD form, got %T", actorgraph.ErrInvalid, v)
	}
	return actorgraph.ParseDate(s)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optionalInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
