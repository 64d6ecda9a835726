package actorgraph

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ActorKind says what sort of actor an Actor is. It decides the GraphQL
// object type the actor is exposed as (LEADER → Leader, …).
type ActorKind string

// The actor kinds. A kind is a property of the actor; a role in an event
// (mediating, hosting) is expressed by relationships instead.
const (
	KindLeader       ActorKind = "LEADER"       // a person who heads a state or government
	KindGovernment   ActorKind = "GOVERNMENT"   // a state or its government
	KindMediator     ActorKind = "MEDIATOR"     // an actor whose part in the story is mediation
	KindOfficial     ActorKind = "OFFICIAL"     // a person acting for a government or organisation
	KindJournalist   ActorKind = "JOURNALIST"   // a reporter
	KindOrganization ActorKind = "ORGANIZATION" // an institution, agency or company
	KindGroup        ActorKind = "GROUP"        // a collective actor ("European leaders")
)

// ActorKinds lists every kind in a fixed order.
var ActorKinds = []ActorKind{KindLeader, KindGovernment, KindMediator, KindOfficial, KindJournalist, KindOrganization, KindGroup}

// Valid reports whether k is one of the known kinds.
func (k ActorKind) Valid() bool {
	for _, known := range ActorKinds {
		if k == known {
			return true
		}
	}
	return false
}

// Actor is a person, government, organisation or group that acts in events.
type Actor struct {
	// ID is a stable lower-case slug ("vladimir-putin"); it never changes.
	ID string `json:"id"`
	// Kind is the actor's kind.
	Kind ActorKind `json:"kind"`
	// Name is the display name.
	Name string `json:"name"`
	// Aliases are other names the actor goes by; search matches them.
	Aliases []string `json:"aliases"`
	// Title is the role or office ("President of Russia"), empty if none.
	Title string `json:"title,omitempty"`
	// Country is the CAMEO/ISO-3166 alpha-3 country code the actor belongs to.
	Country string `json:"country,omitempty"`
	// CAMEOCode is the CAMEO actor code (country + role, "RUSGOV").
	CAMEOCode string `json:"cameoCode,omitempty"`
	// WikidataID is the Wikidata Q-id, empty where it is not confirmed.
	WikidataID string `json:"wikidataId,omitempty"`
	// Description is a one-line note on who the actor is.
	Description string `json:"description,omitempty"`
	// Resolution records how the actor was made and which source names
	// were joined to it (see Resolution); nil for an actor written without
	// the resolver (a curated record, an API write).
	Resolution *Resolution `json:"resolution,omitempty"`
}

var (
	wikidataRE = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	cameoRE    = regexp.MustCompile(`^[A-Z0-9]{3,15}$`)
	countryRE  = regexp.MustCompile(`^[A-Z]{3}$`)
)

// Limits on actor fields; Validate enforces them.
const (
	MaxIDLen      = 128
	MaxNameLen    = 200
	MaxAliases    = 50
	MaxTextLen    = 2000
	MaxQuoteLen   = 5000
	MaxEvidence   = 50
	maxAliasBytes = MaxNameLen
)

// ValidID reports whether id is a well-formed slug id: lower-case letters
// and digits in runs joined by single dashes. (A loop rather than the regexp
// ^[a-z0-9]+(?:-[a-z0-9]+)*$, which FuzzValidID holds it to:
// every write and every imported row checks ids, and the regexp was an
// eighth of an import's time.)
func ValidID(id string) bool {
	if len(id) == 0 || len(id) > MaxIDLen || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// Validate checks an actor before it is stored. The error wraps ErrInvalid
// and names the first offending field.
func (a *Actor) Validate() error {
	switch {
	case !ValidID(a.ID):
		return invalid("id", "%q is not a slug (lower-case letters, digits and single dashes, at most %d characters)", a.ID, MaxIDLen)
	case !a.Kind.Valid():
		return invalid("kind", "%q is not a known actor kind", a.Kind)
	case strings.TrimSpace(a.Name) == "":
		return invalid("name", "must not be empty")
	case len(a.Name) > MaxNameLen:
		return invalid("name", "longer than %d bytes", MaxNameLen)
	case len(a.Aliases) > MaxAliases:
		return invalid("aliases", "more than %d aliases", MaxAliases)
	case len(a.Title) > MaxTextLen:
		return invalid("title", "longer than %d bytes", MaxTextLen)
	case len(a.Description) > MaxTextLen:
		return invalid("description", "longer than %d bytes", MaxTextLen)
	case a.Country != "" && !countryRE.MatchString(a.Country):
		return invalid("country", "%q is not a three-letter country code", a.Country)
	case a.CAMEOCode != "" && !cameoRE.MatchString(a.CAMEOCode):
		return invalid("cameoCode", "%q is not a CAMEO actor code (upper-case letters and digits)", a.CAMEOCode)
	case a.WikidataID != "" && !wikidataRE.MatchString(a.WikidataID):
		return invalid("wikidataId", "%q is not a Wikidata item id like Q7747", a.WikidataID)
	}
	for i, alias := range a.Aliases {
		if strings.TrimSpace(alias) == "" || len(alias) > maxAliasBytes {
			return invalid(fmt.Sprintf("aliases[%d]", i), "must be non-empty and at most %d bytes", maxAliasBytes)
		}
	}
	if a.Resolution != nil {
		return a.Resolution.Validate()
	}
	return nil
}

// ActorPatch changes some fields of an actor; nil fields stay as they are.
// The id never changes.
type ActorPatch struct {
	Kind        *ActorKind
	Name        *string
	Aliases     *[]string
	Title       *string
	Country     *string
	CAMEOCode   *string
	WikidataID  *string
	Description *string
}

// Apply returns a copy of a with the patch applied. It does not validate.
func (p ActorPatch) Apply(a Actor) Actor {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	if p.Kind != nil {
		a.Kind = *p.Kind
	}
	set(&a.Name, p.Name)
	if p.Aliases != nil {
		a.Aliases = append([]string(nil), (*p.Aliases)...)
	} else {
		a.Aliases = append([]string(nil), a.Aliases...)
	}
	set(&a.Title, p.Title)
	set(&a.Country, p.Country)
	set(&a.CAMEOCode, p.CAMEOCode)
	set(&a.WikidataID, p.WikidataID)
	set(&a.Description, p.Description)
	return a
}

// ActorFilter selects actors in Graph.Actors. Zero fields match everything.
type ActorFilter struct {
	// Kinds keeps actors of any of these kinds.
	Kinds []ActorKind
	// Country keeps actors with this country code.
	Country string
	// NameContains keeps actors whose name or an alias contains this text,
	// compared case- and accent-insensitively.
	NameContains string
}

// Validate checks the filter's values.
func (f ActorFilter) Validate() error {
	for _, k := range f.Kinds {
		if !k.Valid() {
			return invalid("kinds", "%q is not a known actor kind", k)
		}
	}
	return nil
}

// ShortHash is 8 hex digits of the FNV-1a hash of s: short and stable
// across releases, for ids made from text that does not fold to a slug.
func ShortHash(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return fmt.Sprintf("%08x", h.Sum32())
}

// Truncate cuts s to at most n bytes at a character boundary, for text a
// source gives longer than a field's limit.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Clone returns a deep copy of the actor.
func (a Actor) Clone() Actor {
	a.Aliases = append([]string{}, a.Aliases...)
	a.Resolution = a.Resolution.Clone()
	return a
}
