package icews

import (
	"strings"
	"unicode"
)

// sectorRoles reads CAMEO role (agent) codes out of ICEWS sector names
// ("Legislative / Parliamentary") and the heads of ICEWS's generic names
// ("Police" in "Police (India)"). A text is lower-cased and cut into words
// at anything but a letter or digit ("State-Owned" → "state owned"); the
// first row, in this order, with a word or phrase among those words gives
// the role, so one text has at most one role. The order settles texts
// that name two things: a party out of government is OPP, a court of any
// kind JUD, a state-owned firm BUS, a ministry of anything GOV. Roles are
// listed in this order too, the more specific first. docs/icews.md shows
// the same table; TestDocRoleTableMatchesCode keeps the two equal.
var sectorRoles = []struct {
	Role  string
	Words []string
}{
	{"OPP", []string{"out of government", "opposition", "dissident", "dissidents", "protester", "protesters", "protestor", "protestors", "exile", "exiles", "banned parties"}},
	{"IGO", []string{"international government organization", "international government organizations", "intergovernmental", "igo", "igos"}},
	{"NGO", []string{"nongovernmental", "non governmental", "ngo", "ngos"}},
	{"JUD", []string{"judicial", "judiciary", "court", "courts", "judge", "judges", "tribunal", "prosecutor", "prosecutors"}},
	{"INS", []string{"insurgent", "insurgents", "insurgency"}},
	{"SEP", []string{"separatist", "separatists"}},
	{"REB", []string{"rebel", "rebels"}},
	{"RAD", []string{"radical", "radicals", "extremist", "extremists", "fundamentalist", "fundamentalists"}},
	{"SPY", []string{"intelligence", "spy", "spies", "secret service", "secret agent", "secret agents"}},
	{"COP", []string{"police", "policeman", "policemen", "policewoman"}},
	{"MIL", []string{"military", "army", "navy", "air force", "marines", "coast guard", "armed forces", "special forces", "soldier", "soldiers", "research and design wings"}},
	{"LEG", []string{"legislative", "legislature", "legislator", "legislators", "parliament", "parliamentary", "parliamentarian", "parliamentarians", "senate", "senator", "senators"}},
	{"BUS", []string{"state owned", "business", "businesses", "businessman", "businessmen", "businesswoman", "company", "companies", "corporate", "enterprises"}},
	{"GOV", []string{"government", "executive", "cabinet", "ministry", "ministries", "minister", "ministers", "head of government", "head of state", "president", "foreign affairs", "ambassador", "ambassadors", "diplomat", "diplomats", "governor", "governors", "mayor", "mayors"}},
	{"MED", []string{"media", "journalist", "journalists", "reporter", "reporters", "newspaper", "news agency"}},
	{"EDU", []string{"education", "educational", "student", "students", "university", "universities", "school", "schools", "teacher", "teachers", "academic"}},
	{"HLH", []string{"health", "medical", "hospital", "hospitals", "doctor", "doctors"}},
	{"HRI", []string{"human rights"}},
	{"ENV", []string{"environment", "environmental", "environmentalist", "environmentalists"}},
	{"REL", []string{"religious", "religion", "clergy", "cleric", "clerics", "church"}},
	{"REF", []string{"refugee", "refugees", "displaced"}},
	{"CRM", []string{"criminal", "criminals", "crime", "gang", "gangs", "thief", "thieves", "drug trafficker", "drug traffickers"}},
	{"AGR", []string{"agriculture", "agricultural", "farmer", "farmers"}},
	{"LAB", []string{"labor", "labour", "trade union", "trade unions", "labor union", "labor unions"}},
	{"ELI", []string{"elite", "elites"}},
	{"CVL", []string{"citizen", "citizens", "civilian", "civilians", "general population", "resident", "residents", "villager", "villagers"}},
}

// roleIndex returns the row of sectorRoles text matches, or -1.
func roleIndex(text string) int {
	words := " " + wordsOf(text) + " "
	if words == "  " {
		return -1
	}
	for i, row := range sectorRoles {
		for _, w := range row.Words {
			if strings.Contains(words, " "+w+" ") {
				return i
			}
		}
	}
	return -1
}

// wordsOf lower-cases text and joins its runs of letters and digits with
// single spaces.
func wordsOf(text string) string {
	var b strings.Builder
	gap := false
	for _, r := range text {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte(' ')
		}
		gap = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// SectorRole returns the CAMEO role code an ICEWS sector name gives
// ("Police" → "COP", "Executive Office" → "GOV", "Health Ministry" →
// "GOV"); false when the table has none ("Parties", "Unidentified
// Forces").
func SectorRole(sector string) (string, bool) {
	if i := roleIndex(sector); i >= 0 {
		return sectorRoles[i].Role, true
	}
	return "", false
}

// BracketRole reads an ICEWS generic name, a sector word and a country in
// brackets: "Government (Russia)" → ("GOV", "Russia", true), "Citizen
// (Ukraine)" → ("CVL", "Ukraine", true). The country is the text in the
// last brackets, as given. ok is false for a name without a bracketed
// tail ("Vladimir Putin", "Russia") or whose head the role table does not
// know ("Kurd (Ethnic Group)").
func BracketRole(name string) (role string, country string, ok bool) {
	i, country := bracketIndex(name)
	if i < 0 {
		return "", "", false
	}
	return sectorRoles[i].Role, country, true
}

// bracketIndex returns the sectorRoles row of a generic name's head and
// the bracketed country, or -1.
func bracketIndex(name string) (int, string) {
	name = strings.TrimSpace(name)
	open := strings.LastIndexByte(name, '(')
	if !strings.HasSuffix(name, ")") || open < 0 {
		return -1, ""
	}
	head := strings.TrimSpace(name[:open])
	country := strings.TrimSpace(name[open+1 : len(name)-1])
	if head == "" || country == "" {
		return -1, ""
	}
	i := roleIndex(head)
	if i < 0 {
		return -1, ""
	}
	return i, country
}

// maxRoles is the mention's limit on role codes.
const maxRoles = 10

// Roles returns the CAMEO role codes the party's name (BracketRole) and
// sectors (SectorRole) give, each once, in sectorRoles order (the more
// specific first), whatever order the file lists the sectors in:
// "Government (Russia)" with sectors "Police,Government" gives
// ["COP", "GOV"]. Nil when none does.
func (p *Party) Roles() []string {
	seen := make([]bool, len(sectorRoles))
	if i, _ := bracketIndex(p.Name); i >= 0 {
		seen[i] = true
	}
	for _, s := range p.Sectors {
		if i := roleIndex(s); i >= 0 {
			seen[i] = true
		}
	}
	var roles []string
	for i, ok := range seen {
		if ok && len(roles) < maxRoles {
			roles = append(roles, sectorRoles[i].Role)
		}
	}
	return roles
}
