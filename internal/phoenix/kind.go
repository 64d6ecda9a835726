package phoenix

import "strings"

// orgWords are words that, anywhere in an entry's name, make it an
// institution rather than a person. Titles (PRESIDENT, MINISTER,
// SECRETARY) are left out: the dictionaries spell persons with them
// (SECRETARY_BREZHNEV, PRESIDENT_JOSIPOVIC_).
var orgWords = toSet(
	// armed and security bodies
	"ARMY", "ARMIES", "FORCE", "FORCES", "BRIGADE", "BRIGADES", "BATTALION",
	"GUARD", "GUARDS", "MILITIA", "MILITIAS", "RIFLES", "FRONT", "INTELLIGENCE",
	// politics and the state
	"PARTY", "MOVEMENT", "COUNCIL", "ASSEMBLY", "PARLIAMENT", "CONGRESS", "SENATE",
	"CHAMBER", "VOLKSKAMMER", "BUNDESRAT", "BUNDESTAG", "REICHSTAG", "KNESSET",
	"DUMA", "MAJLIS", "COMMITTEE", "COMMISSION", "MINISTRY", "DEPARTMENT",
	"OFFICE", "AGENCY", "BUREAU", "SERVICE", "SERVICES", "ADMINISTRATION",
	"AUTHORITY", "GOVERNMENT", "REGIME", "COURT", "DIRECTORATE", "POLITBURO",
	"UNION", "COALITION", "ALLIANCE", "DECLARATION", "STATE", "PALACE",
	"HEADQUARTERS", "TEAM", "TASK",
	// society, business, international bodies
	"ORGANIZATION", "ORGANISATION", "ORGANIZATIONS", "ASSOCIATION", "FEDERATION",
	"FOUNDATION", "INSTITUTE", "INSTITUTION", "UNIVERSITY", "COLLEGE", "SCHOOL",
	"CENTER", "CENTRE", "SOCIETY", "LEAGUE", "CHURCH", "BANK", "FUND", "CORP",
	"CORPORATION", "INC", "LTD", "LLC", "COMPANY", "GROUP", "HOLDINGS", "TRUST",
	"NETWORK", "OBSERVATORY", "INTERNET", "NATIONS",
	// Arabic: army, movement, front, brigade(s)
	"JAISH", "JAYSH", "HARAKAT", "JABHAT", "LIWA", "KATAIB",
)

// orgPairs are the same for word pairs whose words alone also name
// persons (EX-SOVIET_PRESIDENT_MIKHAIL_GORBACHEV).
var orgPairs = map[[2]string]bool{{"SOVIET", "OF"}: true, {"THINK", "TANK"}: true}

// titleWords mark a person named by post: an entry with a title and a
// person's codes stays a person even with an organisation word
// (MOSCOW_PARTY_CHIEF_BORIS_N._YELTSIN).
var titleWords = toSet(
	"PRESIDENT", "CHIEF", "LEADER", "SECRETARY", "MINISTER", "PREMIER",
	"CHAIRMAN", "CONGRESSMAN", "SENATOR", "AMBASSADOR", "KING", "PRINCE",
	"SHEIKH", "SIR", "MR",
)

// rulerLists are the source lists named in the comments of person entries
// ("# CountryInfo.txt", "# IGOrulers.txt").
var rulerLists = []string{"COUNTRYINFO", "IGORULERS"}

// classify decides an entry's kind; the package documentation states the
// rules. It needs the entry's final spans (after any it shares).
func classify(file string, e *Entry) EntryKind {
	if file == MilNonStateFile {
		return ArmedGroup
	}
	if file == CountriesFile && e.isCountry() {
		return Country
	}
	for _, l := range rulerLists {
		if containsFold(e.Comment, l) {
			return Person
		}
	}
	personal := false
	for _, s := range e.Spans {
		if strings.HasPrefix(s.Code, "MNC") {
			return Organization // a company, even with a dated code (ABN_AMRO_)
		}
		personal = personal || s.Dated() || hasELI(s.Code)
	}
	org, title, prev := false, false, ""
	for w := range strings.FieldsFuncSeq(strings.ToUpper(e.Name), notLetter) {
		org = org || orgWords[w] || orgPairs[[2]string{prev, w}]
		title = title || titleWords[w]
		prev = w
	}
	if personal && (!org || title) {
		return Person
	}
	return Organization
}

// containsFold reports whether s contains sub, ignoring ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func notLetter(r rune) bool { return (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r < 0x80 }

// isCountry reports whether one of the entry's own codes is a country or
// region code (RUS), or a dependency of one: a country code followed by a
// three-letter code that is no role, sector or religion (GBRGIB, USAPRI,
// DNKFRO).
func (e *Entry) isCountry() bool {
	for _, s := range e.Spans {
		if _, ok := countryPart(s.Code); !ok {
			continue
		}
		if len(s.Code) == 3 || (len(s.Code) == 6 && isUpper(s.Code[3:]) && !nonCountry[s.Code[3:]]) {
			return true
		}
	}
	return false
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// hasELI reports whether a code carries the ELI (elites) role in one of its
// three-letter slots: RUSELI, ELI, IGOUNOELI. CAMEO gives it to persons,
// and to a few elite bodies (ERGENEKON [TURELI]).
func hasELI(code string) bool {
	for i := 0; i+3 <= len(code); i += 3 {
		if code[i:i+3] == "ELI" {
			return true
		}
	}
	return false
}
