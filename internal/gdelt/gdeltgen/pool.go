package gdeltgen

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/internal/gdelt"
)

// country is a CAMEO country with its FIPS 10-4 code (GDELT's geo fields
// use FIPS, not ISO) and a rough centre.
type country struct {
	cameo, fips, name string
	lat, long         float64
}

var countries = []country{
	{"USA", "US", "UNITED STATES", 39.83, -98.58}, {"RUS", "RS", "RUSSIA", 60, 100},
	{"UKR", "UP", "UKRAINE", 49, 32}, {"CHN", "CH", "CHINA", 35, 105},
	{"GBR", "UK", "UNITED KINGDOM", 54, -2}, {"FRA", "FR", "FRANCE", 46, 2},
	{"DEU", "GM", "GERMANY", 51, 9}, {"ISR", "IS", "ISRAEL", 31.5, 34.75},
	{"IRN", "IR", "IRAN", 32, 53}, {"TUR", "TU", "TURKEY", 39, 35},
	{"IND", "IN", "INDIA", 20, 77}, {"PAK", "PK", "PAKISTAN", 30, 70},
	{"ITA", "IT", "ITALY", 42.83, 12.83}, {"JPN", "JA", "JAPAN", 36, 138},
	{"FIN", "FI", "FINLAND", 64, 26}, {"CHE", "SZ", "SWITZERLAND", 47, 8},
	{"VAT", "VT", "VATICAN CITY", 41.9, 12.45}, {"POL", "PL", "POLAND", 52, 20},
	{"EGY", "EG", "EGYPT", 27, 30}, {"QAT", "QA", "QATAR", 25.5, 51.25},
	{"SAU", "SA", "SAUDI ARABIA", 25, 45}, {"SYR", "SY", "SYRIA", 35, 38},
	{"BRA", "BR", "BRAZIL", -10, -55}, {"ZAF", "SF", "SOUTH AFRICA", -29, 24},
	{"NGA", "NI", "NIGERIA", 10, 8}, {"KOR", "KS", "SOUTH KOREA", 37, 127.5},
	{"PRK", "KN", "NORTH KOREA", 40, 127}, {"AFG", "AF", "AFGHANISTAN", 33, 65},
	{"CAN", "CA", "CANADA", 60, -95}, {"MEX", "MX", "MEXICO", 23, -102},
	{"ESP", "SP", "SPAIN", 40, -4}, {"AUS", "AS", "AUSTRALIA", -25, 135},
}

// roles are CAMEO role codes with the word GDELT-style names use.
var roles = []struct{ code, word string }{
	{"GOV", "GOVERNMENT"}, {"MIL", "MILITARY"}, {"MED", "MEDIA"}, {"BUS", "BUSINESS"},
	{"CVL", "CIVILIANS"}, {"OPP", "OPPOSITION"}, {"COP", "POLICE"}, {"SPY", "INTELLIGENCE"},
	{"JUD", "COURT"}, {"LEG", "PARLIAMENT"}, {"REB", "REBELS"}, {"NGO", "ACTIVISTS"},
}

// personRoles are the roles named people get, most often government.
var personRoles = []string{"GOV", "GOV", "GOV", "MIL", "MED", "BUS", "OPP", "LEG"}

var syllables = []string{"ka", "lo", "mi", "ra", "ven", "to", "sa", "dri", "nel", "bor",
	"ta", "vik", "an", "el", "mor", "zu", "ri", "den", "ha", "lis", "go", "pe", "ster", "na"}

// buildPool makes PoolSize actors, most popular first: countries (GDELT's
// most frequent actors), then country roles, then named people.
func buildPool(r *rand.Rand) []poolActor {
	pool := make([]poolActor, 0, PoolSize)
	for _, c := range countries {
		pool = append(pool, poolActor{gdelt.Actor{Code: c.cameo, Name: c.name, CountryCode: c.cameo}, countryGeo(c)})
	}
	for _, role := range roles {
		for _, c := range countries {
			a := gdelt.Actor{Code: c.cameo + role.code, Name: c.name + " " + role.word, CountryCode: c.cameo, Type1Code: role.code}
			pool = append(pool, poolActor{a, countryGeo(c)})
		}
	}
	seen := map[string]bool{}
	for len(pool) < PoolSize {
		c := countries[r.IntN(len(countries))]
		role := personRoles[r.IntN(len(personRoles))]
		name := personName(r)
		if seen[name] {
			continue
		}
		seen[name] = true
		a := gdelt.Actor{Code: c.cameo + role, Name: name, CountryCode: c.cameo, Type1Code: role}
		pool = append(pool, poolActor{a, countryGeo(c)})
	}
	return pool
}

func personName(r *rand.Rand) string {
	word := func() string {
		var b strings.Builder
		for i := 0; i < 2+r.IntN(2); i++ {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		return strings.ToUpper(b.String())
	}
	return word() + " " + word()
}

func countryGeo(c country) gdelt.Geo {
	return gdelt.Geo{
		Type: "1", FullName: titleCase(c.name), CountryCode: c.fips, ADM1Code: c.fips,
		Lat: strconv.FormatFloat(c.lat, 'f', -1, 64), Long: strconv.FormatFloat(c.long, 'f', -1, 64),
		FeatureID: c.fips,
	}
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
