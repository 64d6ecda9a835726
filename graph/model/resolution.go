package model

import "github.com/actorgraph/actorgraph/internal/actorgraph"

// Resolution exposes an actor's resolution record; ActorID lets the
// mentionCount resolver count the actor's relationships.
type Resolution struct {
	R       actorgraph.Resolution
	ActorID string
}

// Resolution returns the actor's record; an actor written without the
// resolver (curated data, the API) is CURATED.
func (n *ActorNode) Resolution() *Resolution {
	r := actorgraph.Resolution{Rule: actorgraph.RuleCurated}
	if n.A.Resolution != nil {
		r = *n.A.Resolution
	}
	return &Resolution{R: r, ActorID: n.A.ID}
}

func (r *Resolution) Rule() actorgraph.ResolutionRule { return r.R.Rule }
func (r *Resolution) Entry() *string                  { return optional(r.R.Entry) }
func (r *Resolution) Key() *string                    { return optional(r.R.Key) }
func (r *Resolution) Candidates() []string            { return nonNil(r.R.Candidates) }
func (r *Resolution) Merged() []string                { return nonNil(r.R.Merged) }
func (r *Resolution) Names() []*SourceName {
	out := make([]*SourceName, len(r.R.Names))
	for i := range r.R.Names {
		out[i] = &SourceName{N: r.R.Names[i]}
	}
	return out
}

// SourceName exposes one source name.
type SourceName struct{ N actorgraph.SourceName }

func (n *SourceName) Source() actorgraph.Source { return n.N.Source }
func (n *SourceName) Name() string              { return n.N.Name }
func (n *SourceName) Code() *string             { return optional(n.N.Code) }
func (n *SourceName) Roles() []string           { return nonNil(n.N.Roles) }
func (n *SourceName) Rule() *actorgraph.ResolutionRule {
	if n.N.Rule == "" {
		return nil
	}
	return &n.N.Rule
}

// Mention exposes what a source said about a party.
type Mention struct{ M actorgraph.Mention }

// NewMention wraps a mention; nil stays nil.
func NewMention(m *actorgraph.Mention) *Mention {
	if m == nil {
		return nil
	}
	return &Mention{M: *m}
}

func (m *Mention) Source() actorgraph.Source { return m.M.Source }
func (m *Mention) Name() *string             { return optional(m.M.Name) }
func (m *Mention) Code() *string             { return optional(m.M.Code) }
func (m *Mention) Country() *string          { return optional(m.M.Country) }
func (m *Mention) Roles() []string           { return nonNil(m.M.Roles) }
func (m *Mention) KnownGroup() *string       { return optional(m.M.KnownGroup) }
func (m *Mention) Ethnic() *string           { return optional(m.M.Ethnic) }
func (m *Mention) Religions() []string       { return nonNil(m.M.Religions) }
func (m *Mention) Sectors() []string         { return nonNil(m.M.Sectors) }
func (m *Mention) Entry() *string            { return optional(m.M.Entry) }
func (m *Mention) Rule() *actorgraph.ResolutionRule {
	if m.M.Rule == "" {
		return nil
	}
	return &m.M.Rule
}

// FromMention and ToMention are what the source said about each end.
func (r *Relationship) FromMention() *Mention { return NewMention(r.R.FromMention) }
func (r *Relationship) ToMention() *Mention   { return NewMention(r.R.ToMention) }
