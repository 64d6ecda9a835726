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
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
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
	if foldedQuery == "" {
		return scoreNone
	}
	best := score(Fold(a.Name), foldedQuery, scoreNameExact, scoreNamePrefix, scoreNameWordPrefix, scoreNameSubstring)
	for _, alias := range a.Aliases {
		s := score(Fold(alias), foldedQuery, scoreAliasExact, scoreAliasPrefix, scoreAliasWordPrefix, scoreAliasSubstring)
		best = max(best, s)
	}
	return best
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
	type ranked struct {
		a     Actor
		score int
	}
	var hits []ranked
	for _, a := range actors {
		if s := RankMatch(&a, q); s > scoreNone {
			hits = append(hits, ranked{a, s})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score > hits[j].score
		}
		if hits[i].a.Name != hits[j].a.Name {
			return hits[i].a.Name < hits[j].a.Name
		}
		return hits[i].a.ID < hits[j].a.ID
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Actor, len(hits))
	for i, h := range hits {
		out[i] = h.a
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
