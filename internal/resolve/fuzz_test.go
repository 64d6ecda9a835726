package resolve

import (
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// FuzzResolve: an unresolvable mention is never an error: whatever a
// source says, the resolver joins it to a valid actor with a valid id,
// and the same mention always resolves the same way.
func FuzzResolve(f *testing.F) {
	for _, seed := range [][4]string{
		{"RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV"}, {"kurREB", "KURDISH REBEL", "", "REB"}, {"", "Government (Russia)", "Russian Federation", ""},
		{"IGOEUREEC", "EUROPEAN UNION", "", ""}, {"", "PUTIN, VLADIMIR", "", ""}, {"USA", "", "USA", ""}, {"", "Владимир Путин", "RUS", "GOV"},
	} {
		f.Add(seed[0], seed[1], seed[2], seed[3])
	}
	tb, err := LoadTables()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, code, name, country, role string) {
		if !utf8.ValidString(name) || len(name) > actorgraph.MaxNameLen || len(code) > 40 || len(country) > 200 || len(role) > 40 {
			return // the readers reject these before resolution
		}
		if name == "" && code == "" {
			return // no actor: the readers skip these
		}
		m := &actorgraph.Mention{Source: actorgraph.SourceGDELT, Code: code, Name: name, Country: country}
		if role != "" {
			m.Roles = []string{role}
		}
		r := New(tb)
		res := r.Resolve(m, actorgraph.Date{Year: 2025, Month: 5, Day: 19})
		a, ok := r.Actor(res.ID)
		if !ok || !actorgraph.ValidID(res.ID) || !res.Rule.Valid() {
			t.Fatalf("Resolve(%+v) = %+v, actor known %v", m, res, ok)
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("Resolve(%+v) made an invalid actor %+v: %v", m, a, err)
		}
		again := New(tb).Resolve(&actorgraph.Mention{Source: m.Source, Code: code, Name: name, Country: country, Roles: m.Roles},
			actorgraph.Date{Year: 2025, Month: 5, Day: 19})
		if again != res {
			t.Fatalf("the same mention resolved to %+v, then %+v", res, again)
		}
	})
}
