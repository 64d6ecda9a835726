package actorgraph

import (
	"slices"
	"strings"
)

// MaxMergeActors bounds how many actors one merge may fold into another.
const MaxMergeActors = 100

// MergeResult is what Graph.MergeActors did.
type MergeResult struct {
	// Actor is the surviving actor, after the merge.
	Actor Actor
	// Merged are the ids merged by this call (deleted, now redirects),
	// sorted; empty when every id had been merged before (a repeat).
	Merged []string
	// MovedRelationships counts the relationships moved onto the survivor.
	MovedRelationships int
}

// ValidateMerge checks Graph.MergeActors' arguments: a valid survivor id,
// one to MaxMergeActors valid ids to merge, and never the survivor itself.
func ValidateMerge(into string, from []string) error {
	if !ValidID(into) {
		return invalid("into", "%q is not an actor id", into)
	}
	if len(from) == 0 {
		return invalid("from", "name at least one actor to merge")
	}
	if len(from) > MaxMergeActors {
		return invalid("from", "at most %d actors per merge", MaxMergeActors)
	}
	for _, id := range from {
		if id == into {
			return invalid("from", "cannot merge actor %q into itself", into)
		}
		if !ValidID(id) {
			return invalid("from", "%q is not an actor id", id)
		}
	}
	return nil
}

// MergeRecords returns into with the actors in from folded in, as
// Graph.MergeActors stores it: their names and aliases become aliases (at
// most MaxAliases, the survivor's own first), fields the survivor lacks
// are taken from them in id order, and its resolution record gains their
// source names and ids. The survivor's own fields are never overwritten.
func MergeRecords(into Actor, from []Actor) Actor {
	out := into.Clone()
	from = slices.Clone(from)
	slices.SortFunc(from, func(a, b Actor) int { return strings.Compare(a.ID, b.ID) })
	seen := map[string]bool{Fold(out.Name): true}
	for _, a := range out.Aliases {
		seen[Fold(a)] = true
	}
	addAlias := func(name string) {
		k := Fold(name)
		if k == "" || seen[k] || len(out.Aliases) >= MaxAliases || len(name) > maxAliasBytes {
			return
		}
		seen[k] = true
		out.Aliases = append(out.Aliases, name)
	}
	res := out.Resolution.Clone()
	if res == nil {
		res = &Resolution{Rule: RuleCurated}
	}
	for i := range from {
		a := &from[i]
		addAlias(a.Name)
		for _, alias := range a.Aliases {
			addAlias(alias)
		}
		fill := func(dst *string, src string) {
			if *dst == "" {
				*dst = src
			}
		}
		fill(&out.Title, a.Title)
		fill(&out.Country, a.Country)
		fill(&out.CAMEOCode, a.CAMEOCode)
		fill(&out.WikidataID, a.WikidataID)
		fill(&out.Description, a.Description)
		res.Merged = append(res.Merged, a.ID)
		if a.Resolution != nil {
			res.Names = AddNames(res.Names, a.Resolution.Names...)
			res.Merged = append(res.Merged, a.Resolution.Merged...)
		}
	}
	slices.Sort(res.Merged)
	res.Merged = slices.Compact(res.Merged)
	if len(res.Merged) > MaxResolutionNames {
		res.Merged = res.Merged[:MaxResolutionNames]
	}
	out.Resolution = res
	return out
}

// RewriteEnds moves r's ends that are in gone onto into, and reports
// whether anything changed. A relationship that would then link into to
// itself keeps into as its From and loses its To (a one-actor event, as
// for a coded event whose two sides are one actor); its mentions still say
// what the source named on each side.
func RewriteEnds(r Relationship, gone map[string]bool, into string) (Relationship, bool) {
	changed := false
	if gone[r.From] {
		r.From, changed = into, true
	}
	if gone[r.To] {
		r.To, changed = into, true
	}
	if changed && r.From == r.To {
		r.To = ""
	}
	return r, changed
}
