package resolve

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Store is what re-resolution reads and writes.
type Store interface {
	ActorReader
	Upsert(ctx context.Context, actors []actorgraph.Actor, relationships []actorgraph.Relationship) error
	MergeActors(ctx context.Context, into string, from []string) (actorgraph.MergeResult, error)
}

// Merge is one step of a re-resolution plan: the actors in From are the
// party Into is, for the reasons in Why (one line per merged actor).
type Merge struct {
	Into string
	// Create is the survivor's record when the store does not hold it yet
	// (a country or dictionary actor no import had made).
	Create *actorgraph.Actor
	From   []string
	Why    []string
}

// Plan re-runs resolution over what a store holds: actors an import made
// before resolution existed (GDELT actors such as rusgov-vladimir-putin,
// told by their "GDELT actor …" description), and actors the resolver
// made that now resolve elsewhere (after a dictionary update, or a curated
// actor added since). Each is resolved again from the names it was made
// from; those that resolve to another actor are planned to merge into it.
// Curated actors are never merged away. The plan is sorted by survivor.
func Plan(ctx context.Context, t *Tables, store ActorReader) ([]Merge, error) {
	all, err := storedActors(ctx, store)
	if err != nil {
		return nil, err
	}
	stored := map[string]bool{}
	r := New(t)
	for _, a := range all {
		stored[a.ID] = true
		if curated(&a) && !legacy(&a) {
			r.Add(a)
		}
	}
	byInto := map[string]*Merge{}
	plan := func(into, from, why string) {
		m := byInto[into]
		if m == nil {
			m = &Merge{Into: into}
			byInto[into] = m
		}
		m.From = append(m.From, from)
		m.Why = append(m.Why, why)
	}
	for _, a := range all {
		mentions := mentionsOf(&a)
		if len(mentions) == 0 {
			continue
		}
		targets := map[string]Result{}
		var reasons []string
		for _, m := range mentions {
			res := r.Resolve(m, actorgraph.Date{})
			targets[res.ID] = res
			reasons = append(reasons, fmt.Sprintf("%s %q [%s] → %s by %s%s", m.Source, m.Name, m.Code, res.ID, res.Rule, entryNote(res.Entry)))
		}
		if len(targets) != 1 {
			continue // its names now resolve apart: leave it for an operator
		}
		for id := range targets {
			if id != a.ID {
				plan(id, a.ID, a.ID+": "+strings.Join(reasons, "; "))
			}
		}
	}
	// Curated actors absorb the made actors that denote them.
	for _, a := range all {
		if !curated(&a) || legacy(&a) {
			continue
		}
		_, absorb := r.Curate(a)
		for _, id := range absorb {
			if stored[id] && !planned(byInto, id) {
				plan(a.ID, id, id+": a made actor for the curated "+a.ID+" (same name, country or Wikidata id)")
			}
		}
	}
	out := make([]Merge, 0, len(byInto))
	for _, m := range byInto {
		if !stored[m.Into] {
			if a, ok := r.Actor(m.Into); ok {
				m.Create = &a // with every name resolved to it
			}
		}
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b Merge) int { return strings.Compare(a.Into, b.Into) })
	return out, nil
}

func planned(byInto map[string]*Merge, id string) bool {
	for _, m := range byInto {
		if slices.Contains(m.From, id) {
			return true
		}
	}
	return false
}

func entryNote(entry string) string {
	if entry == "" {
		return ""
	}
	return " (" + entry + ")"
}

// legacy reports whether an actor was made by a GDELT import before actor
// resolution: no resolution record, and the description those imports
// wrote ("GDELT actor RUSGOV (country RUS; roles GOV)").
func legacy(a *actorgraph.Actor) bool {
	return a.Resolution == nil && strings.HasPrefix(a.Description, "GDELT actor ")
}

// mentionsOf rebuilds the mentions an actor was made from: a legacy GDELT
// actor's name and codes, or a made actor's source names. Curated actors
// have none: they are not re-resolved.
func mentionsOf(a *actorgraph.Actor) []*actorgraph.Mention {
	if legacy(a) {
		m := &actorgraph.Mention{Source: actorgraph.SourceGDELT, Name: a.Name, Country: a.Country}
		desc := strings.TrimPrefix(a.Description, "GDELT actor ")
		code, rest, _ := strings.Cut(desc, " ")
		if code != "without" {
			m.Code = code
			if m.Name == code {
				m.Name = "" // the import named code-only actors by their code
			}
		}
		if _, roles, ok := strings.Cut(rest, "roles "); ok {
			roles, _, _ = strings.Cut(roles, ";")
			roles = strings.TrimSuffix(roles, ")")
			for _, role := range strings.Split(roles, ",") {
				if role = strings.TrimSpace(role); role != "" {
					m.Roles = append(m.Roles, role)
				}
			}
		}
		return []*actorgraph.Mention{m}
	}
	if a.Resolution == nil || curated(a) {
		return nil
	}
	var out []*actorgraph.Mention
	for _, n := range a.Resolution.Names {
		m := &actorgraph.Mention{Source: n.Source, Name: n.Name, Code: n.Code, Roles: slices.Clone(n.Roles)}
		if len(n.Code) >= 3 {
			m.Country = n.Code[:3]
		} else if a.Country != "" {
			m.Country = a.Country
		}
		out = append(out, m)
	}
	return out
}

// Apply carries out a plan: it writes the survivors the store lacks, then
// merges each group (at most actorgraph.MaxMergeActors per call). Each
// merge is one transaction and idempotent, so an interrupted Apply can be
// run again.
func Apply(ctx context.Context, store Store, plan []Merge) (merged int, err error) {
	for _, m := range plan {
		if m.Create != nil {
			if err := store.Upsert(ctx, []actorgraph.Actor{*m.Create}, nil); err != nil {
				return merged, fmt.Errorf("creating %s: %w", m.Into, err)
			}
		}
		for from := range slices.Chunk(m.From, actorgraph.MaxMergeActors) {
			res, err := store.MergeActors(ctx, m.Into, from)
			if err != nil {
				return merged, fmt.Errorf("merging %v into %s: %w", from, m.Into, err)
			}
			merged += len(res.Merged)
		}
	}
	return merged, nil
}

// Report prints a plan for people: each survivor, then what merges into
// it and why.
func Report(w io.Writer, plan []Merge) {
	if len(plan) == 0 {
		fmt.Fprintln(w, "nothing to merge: every actor resolves to itself")
		return
	}
	n := 0
	for _, m := range plan {
		n += len(m.From)
	}
	fmt.Fprintf(w, "%d actors merge into %d:\n", n, len(plan))
	for _, m := range plan {
		note := ""
		if m.Create != nil {
			note = fmt.Sprintf(" (new: %s %q, %s)", m.Create.Kind, m.Create.Name, m.Create.Resolution.Rule)
		}
		fmt.Fprintf(w, "\n%s%s ← %d\n", m.Into, note, len(m.From))
		for _, why := range m.Why {
			fmt.Fprintf(w, "  %s\n", why)
		}
	}
}
