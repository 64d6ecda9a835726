package actorgraph

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, strips accents and maps punctuation to spaces, so
// that "Zelenskyy", "zelenskyy" and "Zélenskyy" compare equal and
// "Türkiye" matches "turkiye".
func Fold(s string) string {
	out := s
	if !isASCII(s) { // ASCII has no accents: skip the (costly) normalisation
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		var err error
		if out, _, err = transform.String(t, s); err != nil {
			out = s
		}
	}
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(out) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// Match scores, best first. A name beats an alias at the same level.
const (
	scoreNone = iota
	scoreAliasSubstring
	scoreNameSubstring
	scoreAliasWordPrefix
	scoreNameWordPrefix
	scoreAliasPrefix
	scoreNamePrefix
	scoreAliasExact
	scoreNameExact
)

// RankMatch scores how well an actor matches a folded query: exact name,
// exact alias, name prefix, alias prefix, a word of the name starting with
// the query, the same for an alias, then any substring of name or alias.
// Zero means no match. Both stores rank search results with it and break
// ties by name, then id.
func RankMatch(a *Actor, foldedQuery string) int {
	f := FoldActor(a)
	return f.Rank(foldedQuery)
}

// Folded is an actor's name and aliases, folded once: a store that keeps
// it beside each actor ranks a search without folding every name again.
type Folded struct {
	Name    string
	Aliases []string
}

// FoldActor folds an actor's name and aliases.
func FoldActor(a *Actor) Folded {
	f := Folded{Name: Fold(a.Name), Aliases: make([]string, len(a.Aliases))}
	for i, alias := range a.Aliases {
		f.Aliases[i] = Fold(alias)
	}
	return f
}

// Rank is RankMatch on folded names.
func (f *Folded) Rank(foldedQuery string) int {
	if foldedQuery == "" {
		return scoreNone
	}
	best := score(f.Name, foldedQuery, scoreNameExact, scoreNamePrefix, scoreNameWordPrefix, scoreNameSubstring)
	for _, alias := range f.Aliases {
		best = max(best, score(alias, foldedQuery, scoreAliasExact, scoreAliasPrefix, scoreAliasWordPrefix, scoreAliasSubstring))
	}
	return best
}

// Hit is an actor that matched a search, with its score.
type Hit struct {
	Actor *Actor
	Score int
}

// BestHits orders hits best first (score, then name, then id, as
// RankActors does) and keeps at most limit.
func BestHits(hits []Hit, limit int) []Hit {
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if hits[i].Actor.Name != hits[j].Actor.Name {
			return hits[i].Actor.Name < hits[j].Actor.Name
		}
		return hits[i].Actor.ID < hits[j].Actor.ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func score(text, q string, exact, prefix, wordPrefix, substring int) int {
	switch {
	case text == q:
		return exact
	case strings.HasPrefix(text, q):
		return prefix
	case strings.Contains(" "+text, " "+q):
		return wordPrefix
	case strings.Contains(text, q):
		return substring
	}
	return scoreNone
}

// RankActors keeps the actors that match query, best first, at most limit.
func RankActors(actors []Actor, query string, limit int) []Actor {
	q := Fold(query)
	var hits []Hit
	for i := range actors {
		if s := RankMatch(&actors[i], q); s > scoreNone {
			hits = append(hits, Hit{&actors[i], s})
		}
	}
	hits = BestHits(hits, limit)
	out := make([]Actor, len(hits))
	for i, h := range hits {
		out[i] = *h.Actor
	}
	return out
}

// MatchesNameFilter reports whether the actor's name or an alias contains
// the text, folded; used by ActorFilter.NameContains.
func MatchesNameFilter(a *Actor, text string) bool {
	q := Fold(text)
	return q == "" || RankMatch(a, q) > scoreNone
}

// MatchesFilter reports whether a passes every condition of f.
func (f *ActorFilter) MatchesFilter(a *Actor) bool {
	if len(f.Kinds) > 0 {
		ok := false
		for _, k := range f.Kinds {
			ok = ok || k == a.Kind
		}
		if !ok {
			return false
		}
	}
	if f.Country != "" && f.Country != a.Country {
		return false
	}
	return f.NameContains == "" || MatchesNameFilter(a, f.NameContains)
}
