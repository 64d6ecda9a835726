package model

import "github.com/actorgraph/actorgraph/internal/actorgraph"

// AggregatedEdge wraps a domain aggregated edge; its relationships are
// paged by a resolver from the ones it holds.
type AggregatedEdge struct{ E actorgraph.AggregatedEdge }

// NewAggregatedEdges wraps a list of domain aggregated edges.
func NewAggregatedEdges(es []actorgraph.AggregatedEdge) []*AggregatedEdge {
	out := make([]*AggregatedEdge, len(es))
	for i, e := range es {
		out[i] = &AggregatedEdge{E: e}
	}
	return out
}

func (e *AggregatedEdge) ID() string                     { return e.E.ID }
func (e *AggregatedEdge) Source() string                 { return e.E.Source }
func (e *AggregatedEdge) Target() string                 { return e.E.Target }
func (e *AggregatedEdge) Count() int                     { return e.E.Count }
func (e *AggregatedEdge) Types() []actorgraph.TypeCount  { return e.E.Types }
func (e *AggregatedEdge) GoldsteinSum() *float64         { return e.E.GoldsteinSum }
func (e *AggregatedEdge) GoldsteinAvg() *float64         { return e.E.GoldsteinAvg }
func (e *AggregatedEdge) FirstDate() *actorgraph.Date    { return e.E.FirstDate }
func (e *AggregatedEdge) LastDate() *actorgraph.Date     { return e.E.LastDate }
func (e *AggregatedEdge) Evidence() *actorgraph.Evidence { return e.E.Evidence }
