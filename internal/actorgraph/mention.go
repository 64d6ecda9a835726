package actorgraph

import (
	"fmt"
	"slices"
	"strings"
)

// Source names the kind of source a mention or relationship comes from.
type Source string

// The sources.
const (
	SourceCurated Source = "CURATED" // a hand-curated dataset (the article)
	SourceGDELT   Source = "GDELT"   // a GDELT 1.0 or 2.0 event export
	SourceICEWS   Source = "ICEWS"   // an ICEWS event file (Harvard Dataverse)
)

// Sources lists every source in a fixed order.
var Sources = []Source{SourceCurated, SourceGDELT, SourceICEWS}

// Valid reports whether s is a known source.
func (s Source) Valid() bool { return slices.Contains(Sources, s) }

// Mention is what a source says about one party to an event, kept on the
// relationship so that nothing the source said is lost when the party is
// resolved to an actor: the source's own name and codes, the role it
// gives (GOV, MIL, CVL, OPP, …) and the rule that joined it to the actor.
type Mention struct {
	// Source is the kind of source (GDELT, ICEWS, CURATED).
	Source Source `json:"source"`
	// Name is the party's name as the source spells it ("VLADIMIR PUTIN",
	// "Government (Russia)").
	Name string `json:"name,omitempty"`
	// Code is the source's CAMEO actor code as given ("RUSGOV", "idgCOP");
	// lower-case letters are CAMEO ethnic or religion codes.
	Code string `json:"code,omitempty"`
	// Country is the country the source gives: a CAMEO country code
	// (GDELT) or a country name (ICEWS), as given.
	Country string `json:"country,omitempty"`
	// Roles are the CAMEO role (agent) codes the source gives the party
	// ("GOV", "MIL"); for ICEWS, those read from its sectors.
	Roles []string `json:"roles,omitempty"`
	// KnownGroup, Ethnic and Religions are GDELT's other actor codes.
	KnownGroup string   `json:"knownGroup,omitempty"`
	Ethnic     string   `json:"ethnic,omitempty"`
	Religions  []string `json:"religions,omitempty"`
	// Sectors are ICEWS's sectors as given.
	Sectors []string `json:"sectors,omitempty"`
	// Rule says how the mention was resolved to its actor.
	Rule ResolutionRule `json:"rule,omitempty"`
	// Entry names the dictionary entry the resolver used, if any
	// ("Phoenix.Countries.actors.txt:39559 VLADIMIR_PUTIN_").
	Entry string `json:"entry,omitempty"`
}

// Limits on mention fields.
const (
	maxMentionCodes = 10
	maxCodeLen      = 40
)

// Validate checks a mention's fields. The error wraps ErrInvalid.
func (m *Mention) Validate(field string) error {
	switch {
	case !m.Source.Valid():
		return invalid(field+".source", "%q is not a known source", m.Source)
	case len(m.Name) > MaxNameLen:
		return invalid(field+".name", "longer than %d bytes", MaxNameLen)
	case len(m.Country) > MaxNameLen:
		return invalid(field+".country", "longer than %d bytes", MaxNameLen)
	case len(m.Entry) > MaxTextLen:
		return invalid(field+".entry", "longer than %d bytes", MaxTextLen)
	case m.Rule != "" && !m.Rule.Valid():
		return invalid(field+".rule", "%q is not a resolution rule", m.Rule)
	case len(m.Roles) > maxMentionCodes || len(m.Religions) > maxMentionCodes || len(m.Sectors) > maxMentionCodes:
		return invalid(field, "more than %d roles, religions or sectors", maxMentionCodes)
	}
	for _, c := range append(append([]string{m.Code, m.KnownGroup, m.Ethnic}, m.Roles...), m.Religions...) {
		if len(c) > maxCodeLen {
			return invalid(field, "code %.20q… longer than %d bytes", c, maxCodeLen)
		}
	}
	for _, s := range m.Sectors {
		if len(s) > MaxNameLen {
			return invalid(field+".sectors", "a sector is longer than %d bytes", MaxNameLen)
		}
	}
	return nil
}

// Intern replaces the mention's strings with the copies intern returns
// (see resolve.Resolver). Readers cut fields out of the line they read, so
// a kept field would keep the whole line alive; and the same names and
// codes recur in millions of events, so one copy of each serves them all.
func (m *Mention) Intern(intern func(string) string) {
	for _, f := range []*string{&m.Name, &m.Code, &m.Country, &m.KnownGroup, &m.Ethnic} {
		if *f != "" {
			*f = intern(*f)
		}
	}
	for _, list := range [][]string{m.Roles, m.Religions, m.Sectors} {
		for i := range list {
			list[i] = intern(list[i])
		}
	}
}

// Clone returns a deep copy.
func (m *Mention) Clone() *Mention {
	if m == nil {
		return nil
	}
	c := *m
	c.Roles = slices.Clone(m.Roles)
	c.Religions = slices.Clone(m.Religions)
	c.Sectors = slices.Clone(m.Sectors)
	return &c
}

// ResolutionRule says how a mention was joined to an actor, or how an
// actor came to be. The rules are tried in this order; docs/resolution.md
// explains each.
type ResolutionRule string

// The rules.
const (
	// RuleCurated: the actor is a curated record (its id is given).
	RuleCurated ResolutionRule = "CURATED"
	// RuleID: the mention named an actor id that exists, or one merged
	// into another (a redirect).
	RuleID ResolutionRule = "ID"
	// RuleCountry: a country-level mention (a country code with only role
	// codes, or the country's name, adjective or capital as the
	// dictionaries list them) joined the country's actor.
	RuleCountry ResolutionRule = "COUNTRY"
	// RuleStoredName: the normalised name matched the name or an alias
	// of an actor already stored.
	RuleStoredName ResolutionRule = "STORED_NAME"
	// RuleDictionary: the normalised name matched a Phoenix/PETRARCH
	// dictionary entry (person, organisation, armed group).
	RuleDictionary ResolutionRule = "DICTIONARY"
	// RuleAmbiguous: more than one stored actor or dictionary entry fitted,
	// even after country and date; a distinct actor was made instead.
	RuleAmbiguous ResolutionRule = "AMBIGUOUS"
	// RuleNew: nothing matched; the actor is keyed by normalised name and
	// country, so the same unknown party from any source is one actor.
	RuleNew ResolutionRule = "NEW"
	// RuleMerged: an operator merged the mention's first actor into this
	// one (mergeActors, or `actorgraph resolve`).
	RuleMerged ResolutionRule = "MERGED"
)

// ResolutionRules lists every rule in a fixed order.
var ResolutionRules = []ResolutionRule{RuleCurated, RuleID, RuleCountry, RuleStoredName, RuleDictionary, RuleAmbiguous, RuleNew, RuleMerged}

// Valid reports whether r is a known rule.
func (r ResolutionRule) Valid() bool { return slices.Contains(ResolutionRules, r) }

// Resolution records how an actor was made and which source names were
// joined to it, so an analyst can see why two mentions are one actor.
// Every field is a set or a pure function of the mentions seen, so
// importing the same files in any order gives the same record.
type Resolution struct {
	// Rule is how the actor was made (CURATED, COUNTRY, DICTIONARY,
	// AMBIGUOUS, NEW).
	Rule ResolutionRule `json:"rule"`
	// Entry is the dictionary entry the actor was made from, if any.
	Entry string `json:"entry,omitempty"`
	// Key is the resolver's key for the actor ("country:RUS",
	// "name:vladimir putin", "name:john smith|USA").
	Key string `json:"key,omitempty"`
	// Candidates are the actors or entries that fitted equally well when
	// the rule is AMBIGUOUS.
	Candidates []string `json:"candidates,omitempty"`
	// Names are the distinct source names joined to the actor, sorted, at
	// most MaxResolutionNames of them (the first in sort order).
	Names []SourceName `json:"names,omitempty"`
	// Merged are the ids of actors merged into this one, sorted.
	Merged []string `json:"merged,omitempty"`
}

// MaxResolutionNames bounds Resolution.Names.
const MaxResolutionNames = 100

// SourceName is one distinct way a source named an actor.
type SourceName struct {
	Source Source `json:"source"`
	Name   string `json:"name"`
	Code   string `json:"code,omitempty"`
	// Roles are the CAMEO role codes the source gave with the name.
	Roles []string       `json:"roles,omitempty"`
	Rule  ResolutionRule `json:"rule,omitempty"`
}

// CompareSourceNames orders source names: by source, name, code, roles,
// rule. It allocates nothing: imports call it for every mention.
func CompareSourceNames(a, b SourceName) int {
	if c := strings.Compare(string(a.Source), string(b.Source)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	if c := strings.Compare(a.Code, b.Code); c != 0 {
		return c
	}
	if c := slices.Compare(a.Roles, b.Roles); c != 0 {
		return c
	}
	return strings.Compare(string(a.Rule), string(b.Rule))
}

// AddNames returns the union of names and add, sorted and cut to
// MaxResolutionNames. The union's first names in sort order do not depend
// on the order names arrive in, so neither does the result.
func AddNames(names []SourceName, add ...SourceName) []SourceName {
	out := make([]SourceName, 0, len(names)+len(add))
	out = append(out, names...)
	out = append(out, add...)
	slices.SortFunc(out, CompareSourceNames)
	out = slices.CompactFunc(out, func(a, b SourceName) bool { return CompareSourceNames(a, b) == 0 })
	if len(out) > MaxResolutionNames {
		out = out[:MaxResolutionNames]
	}
	return out
}

// Clone returns a deep copy.
func (r *Resolution) Clone() *Resolution {
	if r == nil {
		return nil
	}
	c := *r
	c.Candidates = slices.Clone(r.Candidates)
	c.Names = make([]SourceName, len(r.Names))
	for i, n := range r.Names {
		n.Roles = slices.Clone(n.Roles)
		c.Names[i] = n
	}
	if r.Names == nil {
		c.Names = nil
	}
	c.Merged = slices.Clone(r.Merged)
	return &c
}

// Validate checks the record. The error wraps ErrInvalid.
func (r *Resolution) Validate() error {
	switch {
	case !r.Rule.Valid():
		return invalid("resolution.rule", "%q is not a resolution rule", r.Rule)
	case len(r.Names) > MaxResolutionNames:
		return invalid("resolution.names", "more than %d names", MaxResolutionNames)
	case len(r.Candidates) > MaxAliases:
		return invalid("resolution.candidates", "more than %d candidates", MaxAliases)
	case len(r.Entry) > MaxTextLen || len(r.Key) > MaxTextLen:
		return invalid("resolution", "entry or key longer than %d bytes", MaxTextLen)
	}
	for i, n := range r.Names {
		if !n.Source.Valid() || len(n.Name) > MaxNameLen || len(n.Code) > maxCodeLen || len(n.Roles) > maxMentionCodes {
			return invalid(fmt.Sprintf("resolution.names[%d]", i), "bad source, or name or code too long")
		}
	}
	return nil
}

// NameKey normalises a name for matching: folded (case, accents,
// punctuation), an inverted "SURNAME, GIVEN" turned round, and words
// joined by single spaces: "PUTIN, VLADIMIR", "Vladimir Putin" and
// "VLADIMIR_PUTIN_" all give "vladimir putin".
func NameKey(name string) string {
	name = strings.ReplaceAll(name, "_", " ")
	if i := strings.IndexByte(name, ','); i > 0 && strings.Count(name, ",") == 1 {
		if rest := strings.TrimSpace(name[i+1:]); rest != "" {
			name = rest + " " + name[:i]
		}
	}
	return Fold(name)
}
