package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/graph/model"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// drawOptions resolves neighborhood's excludeIds and perNodeLimit.
func (l Limits) drawOptions(excludeIds []string, perNodeLimit *int) (actorgraph.DrawOptions, error) {
	var o actorgraph.DrawOptions
	if l.MaxNodes > 0 && len(excludeIds) > l.MaxNodes {
		return o, actorgraph.Invalid("excludeIds", "at most %d ids", l.MaxNodes)
	}
	o.Exclude = excludeIds
	if perNodeLimit != nil {
		if *perNodeLimit < 1 {
			return o, actorgraph.Invalid("perNodeLimit", "must be at least 1")
		}
		o.PerNodeLimit = *perNodeLimit
	}
	return o, nil
}

// subgraphOf turns a drawing into the GraphQL subgraph: aggregated edges
// when asked, and then the plain edges only with includeEdges.
func subgraphOf(d actorgraph.Drawing, aggregate, directed, includeEdges *bool) *model.Subgraph {
	on := func(b *bool, def bool) bool {
		if b == nil {
			return def
		}
		return *b
	}
	s := &model.Subgraph{Nodes: model.NewActors(d.Nodes), Edges: model.NewRelationships(d.Edges),
		Truncated: d.Truncated, TruncatedBy: append([]actorgraph.Truncation{}, d.TruncatedBy...),
		AggregatedEdges: []*model.AggregatedEdge{}, NodeStats: make([]*model.SubgraphNode, len(d.Stats))}
	for i, st := range d.Stats {
		s.NodeStats[i] = &model.SubgraphNode{Actor: model.NewActor(st.Actor), Distance: st.Distance,
			Degree: st.Degree, WeightedDegree: st.WeightedDegree}
	}
	if on(aggregate, false) {
		s.AggregatedEdges = model.NewAggregatedEdges(actorgraph.Aggregate(d.Edges, on(directed, true)))
		if !on(includeEdges, false) {
			s.Edges = []*model.Relationship{}
		}
	}
	return s
}

// aggregatedRelationships pages the relationships an aggregated edge
// holds (at most -max-edges, already loaded), by id.
func (r *Resolver) aggregatedRelationships(ctx context.Context, e *model.AggregatedEdge, first *int, after *string) (*model.RelationshipConnection, error) {
	page, err := r.pageRequest(ctx, cursorRelationship, connectionArgs{first: first, after: after})
	if err != nil {
		return nil, err
	}
	rels := e.E.Relationships
	start := 0
	if page.After != "" {
		start, _ = slices.BinarySearchFunc(rels, page.After, func(x actorgraph.Relationship, id string) int {
			return strings.Compare(x.ID, id)
		})
		if start < len(rels) && rels[start].ID == page.After {
			start++
		}
	}
	end := min(start+page.First, len(rels))
	return relationshipConnection(actorgraph.Page[actorgraph.Relationship]{Items: rels[start:end],
		HasNextPage: end < len(rels), TotalCount: len(rels)}), nil
}
