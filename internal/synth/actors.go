package synth

import (
	"math/rand/v2"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// countries are the CAMEO country codes actors belong to: the story's,
// then a few more.
var countries = []string{
	"USA", "RUS", "UKR", "VAT", "TUR", "ITA", "FRA", "DEU", "FIN", "GBR", "CHE",
	"CHN", "IND", "BRA", "ZAF", "JPN", "POL", "ISR", "EGY", "QAT",
}

// kindWeights are the relative frequencies of actorgraph.ActorKinds, in
// that order: officials and organisations are common, mediators rare.
var kindWeights = []int{8, 10, 2, 30, 15, 25, 10}

// kindInfo is what names, titles and CAMEO role codes look like per kind.
var kindInfo = map[actorgraph.ActorKind]struct {
	person bool
	role   string // CAMEO role code after the country
	title  string
	suffix string // for non-persons: the name's last word
}{
	actorgraph.KindLeader:       {person: true, role: "GOV", title: "Head of government"},
	actorgraph.KindGovernment:   {role: "GOV", suffix: "Government"},
	actorgraph.KindMediator:     {person: true, role: "REL", title: "Envoy"},
	actorgraph.KindOfficial:     {person: true, role: "GOV", title: "Minister"},
	actorgraph.KindJournalist:   {person: true, role: "MED", title: "Correspondent"},
	actorgraph.KindOrganization: {role: "BUS", suffix: "Institute"},
	actorgraph.KindGroup:        {role: "CVL", suffix: "Coalition"},
}

// syllables make pronounceable made-up names.
var syllables = []string{
	"ka", "lo", "mi", "ra", "ven", "to", "sa", "dri", "nel", "bor", "ta", "vik",
	"an", "el", "mor", "zu", "ri", "den", "ha", "lis", "go", "pe", "ster", "na",
}

const description = "Synthetic actor generated for testing."

// generateActors makes n actors with ids a-000001 … in order.
func generateActors(r *rand.Rand, n int) []actorgraph.Actor {
	ids := slugs("a-", 6, n)
	actors := make([]actorgraph.Actor, n)
	for i := range actors {
		kind := actorgraph.ActorKinds[pickWeighted(r, kindWeights)]
		info := kindInfo[kind]
		country := countries[r.IntN(len(countries))]
		a := actorgraph.Actor{
			ID:          ids[i],
			Kind:        kind,
			Country:     country,
			CAMEOCode:   country + info.role,
			Title:       info.title,
			Description: description,
		}
		if info.person {
			given, family := word(r), word(r)
			a.Name = given + " " + family
			a.Aliases = []string{family}
			if kind == actorgraph.KindLeader {
				a.Aliases = append(a.Aliases, "Leader "+family)
			}
		} else {
			w := word(r)
			a.Name = w + " " + info.suffix
			a.Aliases = []string{w}
		}
		actors[i] = a
	}
	return actors
}

// word makes a capitalised made-up word of two or three syllables.
func word(r *rand.Rand) string {
	var b strings.Builder
	for i := range 2 + r.IntN(2) {
		s := syllables[r.IntN(len(syllables))]
		if i == 0 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		b.WriteString(s)
	}
	return b.String()
}
