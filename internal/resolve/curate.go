package resolve

import (
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Curate prepares a curated record (a dataset's actor, written as given)
// for writing. It returns the record with the stored record's resolution
// carried over, so source names seen by imports are kept, and the ids of
// the actors the resolver made that denote the same party, which the
// caller merges into it (Store.MergeActors, then Merged). So a curated
// dataset loaded after event files joins their actors exactly as if it had
// been loaded first: a made actor is absorbed when its key is one of the
// record's names or aliases in a country that does not contradict it (a
// NEW or AMBIGUOUS actor), when one of its names is (a DICTIONARY actor),
// when it is the country the record is (same CAMEO country code), or when
// it has the record's Wikidata id.
func (r *Resolver) Curate(a actorgraph.Actor) (actorgraph.Actor, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a = a.Clone()
	if old, ok := r.actors[a.ID]; ok && old.Resolution != nil {
		res := a.Resolution
		if res == nil {
			res = &actorgraph.Resolution{Rule: actorgraph.RuleCurated}
		}
		res.Names = actorgraph.AddNames(res.Names, old.Resolution.Names...)
		res.Merged = union(res.Merged, old.Resolution.Merged)
		a.Resolution = res
	}
	if a.Resolution != nil && a.Resolution.Rule != actorgraph.RuleCurated {
		r.put(a)
		return a, nil // a made actor re-imported (an export): no curation
	}
	keys := map[string]bool{}
	for _, k := range nameKeys(&a) {
		keys[k] = true
	}
	compatible := func(c string) bool { return c == "" || a.Country == "" || c == a.Country }
	isCountry := len(a.CAMEOCode) == 3 && a.CAMEOCode == a.Country
	var absorb []string
	for id, g := range r.actors {
		if id == a.ID || curated(g) {
			continue
		}
		res := g.Resolution
		match := false
		switch res.Rule {
		case actorgraph.RuleNew, actorgraph.RuleAmbiguous:
			k, c, _ := strings.Cut(strings.TrimPrefix(res.Key, "name:"), "|")
			match = keys[k] && compatible(c)
		case actorgraph.RuleDictionary:
			for _, k := range nameKeys(g) {
				match = match || (keys[k] && compatible(g.Country))
			}
		case actorgraph.RuleCountry:
			match = isCountry && res.Key == "country:"+a.CAMEOCode
		}
		if a.WikidataID != "" && g.WikidataID == a.WikidataID {
			match = true
		}
		if match {
			absorb = append(absorb, id)
		}
	}
	slices.Sort(absorb)
	r.put(a)
	return a, absorb
}

// Merged tells the resolver that the actors in from were merged into
// into (by Store.MergeActors): later mentions and ids resolve to into.
func (r *Resolver) Merged(into actorgraph.Actor, from []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range from {
		if old, ok := r.actors[id]; ok && curated(old) {
			r.unindex(old)
		}
		delete(r.actors, id)
		delete(r.dirty, id)
		r.redirects[id] = into.ID
	}
	for old, to := range r.redirects {
		if slices.Contains(from, to) {
			r.redirects[old] = into.ID
		}
	}
	r.put(into.Clone())
	clear(r.cache)
}

func union(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
