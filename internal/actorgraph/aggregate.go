package actorgraph

import (
	"cmp"
	"slices"
)

// TypeCount is how many relationships of one type an aggregated edge has.
type TypeCount struct {
	Type  RelationshipType
	Count int
}

// AggregatedEdge stands for the relationships between two actors: one
// direction of a dyad, or both when undirected.
type AggregatedEdge struct {
	// ID is "agg:<source>><target>" for a directed edge and
	// "agg:<source>~<target>" for an undirected one (source < target).
	ID             string
	Source, Target string
	Count          int
	// Types by count (most first), then type.
	Types []TypeCount
	// GoldsteinSum and GoldsteinAvg are over the scored relationships,
	// nil when none has a score.
	GoldsteinSum, GoldsteinAvg *float64
	// FirstDate and LastDate bound the dated relationships, nil when none
	// is dated.
	FirstDate, LastDate *Date
	// Evidence is the representative quote (see Aggregate), nil when no
	// relationship has evidence.
	Evidence *Evidence
	// Relationships are the aggregated relationships, by id.
	Relationships []Relationship
}

// Aggregate groups relationships (by id, as in a Subgraph) into one edge
// per ordered pair of actors (directed) or per unordered pair, ordered by
// id. One-actor events are skipped.
//
// The representative evidence is chosen by kind (a verbatim quote first,
// then a coded event, then background), then by the relationship's
// NumMentions (most first), then by relationship id, then by the
// evidence's position in the relationship.
func Aggregate(rels []Relationship, directed bool) []AggregatedEdge {
	type key struct{ s, t string }
	at := map[key]int{}
	var out []AggregatedEdge
	for _, r := range rels {
		if r.From == "" || r.To == "" {
			continue
		}
		k, sep := key{r.From, r.To}, ">"
		if !directed {
			sep = "~"
			if k.t < k.s {
				k.s, k.t = k.t, k.s
			}
		}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, AggregatedEdge{ID: "agg:" + k.s + sep + k.t, Source: k.s, Target: k.t})
		}
		out[i].Relationships = append(out[i].Relationships, r)
	}
	for i := range out {
		summarize(&out[i])
	}
	slices.SortFunc(out, func(a, b AggregatedEdge) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

func evidenceRank(k EvidenceKind) int {
	switch k {
	case VerbatimQuote:
		return 0
	case CodedEvent:
		return 1
	}
	return 2
}

func summarize(e *AggregatedEdge) {
	slices.SortFunc(e.Relationships, func(a, b Relationship) int { return cmp.Compare(a.ID, b.ID) })
	e.Count = len(e.Relationships)
	types := map[RelationshipType]int{}
	var sum float64
	scored := 0
	var best *Evidence
	var bestRel *Relationship
	for i := range e.Relationships {
		r := &e.Relationships[i]
		types[r.Type]++
		if r.Goldstein != nil {
			sum += *r.Goldstein
			scored++
		}
		if r.Date != nil {
			if e.FirstDate == nil || r.Date.Before(*e.FirstDate) {
				e.FirstDate = r.Date
			}
			if e.LastDate == nil || e.LastDate.Before(*r.Date) {
				e.LastDate = r.Date
			}
		}
		for j := range r.Evidence {
			ev := &r.Evidence[j]
			if best == nil || evidenceRank(ev.Kind) < evidenceRank(best.Kind) ||
				evidenceRank(ev.Kind) == evidenceRank(best.Kind) && r.NumMentions > bestRel.NumMentions {
				best, bestRel = ev, r
			}
		}
	}
	if best != nil {
		ev := *best
		e.Evidence = &ev
	}
	if scored > 0 {
		avg := sum / float64(scored)
		e.GoldsteinSum, e.GoldsteinAvg = &sum, &avg
	}
	for t, n := range types {
		e.Types = append(e.Types, TypeCount{t, n})
	}
	slices.SortFunc(e.Types, func(a, b TypeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Type, b.Type))
	})
}
