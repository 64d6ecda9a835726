package gdelt

import (
	"hash/fnv"
	"strconv"
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// eventTypes maps CAMEO event-code prefixes to relationship types; the
// longest matching prefix wins, and codes matching none are RELATED_TO.
// It follows DOMAIN.md's edge-type table. docs/gdelt.md shows the same
// table, and TestDocTableMatchesCode keeps the two equal.
var eventTypes = []struct {
	Prefix string
	Type   actorgraph.RelationshipType
}{
	{"02", actorgraph.Urged},                 // appeal
	{"03", actorgraph.AgreedTo},              // express intent to cooperate (0353 release persons)
	{"036", actorgraph.Proposed},             // express intent to meet or negotiate
	{"037", actorgraph.Proposed},             // express intent to settle dispute
	{"039", actorgraph.OfferedToMediate},     // express intent to mediate
	{"04", actorgraph.SpokeWith},             // consult (040), discuss by telephone (041)
	{"042", actorgraph.MetWith},              // make a visit
	{"043", actorgraph.MetWith},              // host a visit
	{"044", actorgraph.MetWith},              // meet at a "third" location
	{"045", actorgraph.Mediated},             // mediate
	{"046", actorgraph.NegotiatedWith},       // engage in negotiation
	{"051", actorgraph.Praised},              // praise or endorse
	{"057", actorgraph.AgreedTo},             // sign formal agreement
	{"07", actorgraph.Supported},             // provide aid
	{"0841", actorgraph.ExchangedPrisoners},  // return, release person(s)
	{"10", actorgraph.Demanded},              // demand
	{"112", actorgraph.Accused},              // accuse
	{"12", actorgraph.Rejected},              // reject
	{"125", actorgraph.DeclinedToMeet},       // reject proposal to meet, discuss, negotiate
	{"1312", actorgraph.ThreatenedSanctions}, // threaten to boycott, embargo, or sanction
	{"18", actorgraph.Attacked},              // assault
	{"19", actorgraph.Attacked},              // fight
	{"20", actorgraph.Attacked},              // use unconventional mass violence
}

// TypeOf returns the relationship type for a CAMEO event code.
func TypeOf(code string) actorgraph.RelationshipType {
	best, typ := 0, actorgraph.RelatedTo
	for _, e := range eventTypes {
		if len(e.Prefix) > best && strings.HasPrefix(code, e.Prefix) {
			best, typ = len(e.Prefix), e.Type
		}
	}
	return typ
}

// ModalityOf returns the modality a CAMEO code implies: the 03 codes
// "express intent to …" are INTENDED, the 13 codes "threaten" are
// THREATENED (neither has happened), everything else ASSERTED, as GDELT
// reports it as having happened.
func ModalityOf(code string) actorgraph.Modality {
	switch {
	case strings.HasPrefix(code, "03"):
		return actorgraph.Intended
	case strings.HasPrefix(code, "13"):
		return actorgraph.Threatened
	}
	return actorgraph.Asserted
}

// roleKinds maps CAMEO actor role (type) codes to actor kinds. State
// bodies other than the government itself (military, police,
// intelligence, judiciary, legislature) are institutions: ORGANIZATION.
// Collectives without a formal structure (rebels, opposition, civilians,
// refugees, …) are GROUP.
var roleKinds = map[string]actorgraph.ActorKind{
	"GOV": actorgraph.KindGovernment, // government
	"UIS": actorgraph.KindGovernment, // unidentified state actor

	"MIL": actorgraph.KindOrganization, // military
	"COP": actorgraph.KindOrganization, // police
	"SPY": actorgraph.KindOrganization, // state intelligence
	"JUD": actorgraph.KindOrganization, // judiciary
	"LEG": actorgraph.KindOrganization, // legislature
	"IGO": actorgraph.KindOrganization, // inter-governmental organisation
	"NGO": actorgraph.KindOrganization, // non-governmental organisation
	"BUS": actorgraph.KindOrganization, // business
	"MNC": actorgraph.KindOrganization, // multinational corporation
	"MED": actorgraph.KindOrganization, // media
	"EDU": actorgraph.KindOrganization, // education
	"HLH": actorgraph.KindOrganization, // health
	"DEV": actorgraph.KindOrganization, // development
	"ENV": actorgraph.KindOrganization, // environmental
	"HRI": actorgraph.KindOrganization, // human rights
	"REL": actorgraph.KindOrganization, // religious
	"UNO": actorgraph.KindOrganization, // United Nations
	"PKO": actorgraph.KindOrganization, // peacekeepers
	"IMG": actorgraph.KindOrganization, // international militarised group
	"AMN": actorgraph.KindOrganization, // Amnesty International
	"IRC": actorgraph.KindOrganization, // Red Cross
	"GRP": actorgraph.KindOrganization, // Greenpeace

	"REB": actorgraph.KindGroup, // rebels
	"INS": actorgraph.KindGroup, // insurgents
	"SEP": actorgraph.KindGroup, // separatists
	"UAF": actorgraph.KindGroup, // unaligned armed forces
	"OPP": actorgraph.KindGroup, // political opposition
	"CVL": actorgraph.KindGroup, // civilians
	"REF": actorgraph.KindGroup, // refugees
	"CRM": actorgraph.KindGroup, // criminals
	"ELI": actorgraph.KindGroup, // elites
	"LAB": actorgraph.KindGroup, // labour
	"AGR": actorgraph.KindGroup, // agriculture
	"MOD": actorgraph.KindGroup, // moderates
	"RAD": actorgraph.KindGroup, // radicals
	"SET": actorgraph.KindGroup, // settlers
	"NGM": actorgraph.KindGroup, // non-governmental movement
	"INT": actorgraph.KindGroup, // international / transnational, generic
}

// KindOf decides an actor's kind: the first role code (Type1, Type2,
// Type3) in roleKinds; else ORGANIZATION for a known group (NATO, the UN,
// …); else GOVERNMENT for a bare country code (Code = CountryCode, "RUS");
// else GROUP, the kind that claims least.
func KindOf(a *Actor) actorgraph.ActorKind {
	for _, c := range a.TypeCodes() {
		if k, ok := roleKinds[c]; ok {
			return k
		}
	}
	switch {
	case a.KnownGroupCode != "":
		return actorgraph.KindOrganization
	case a.Code != "" && a.Code == a.CountryCode:
		return actorgraph.KindGovernment
	}
	return actorgraph.KindGroup
}

// ActorID is the actor's stable id: the CAMEO code and the name, folded to
// a slug ("RUSGOV", "VLADIMIR PUTIN" → "rusgov-vladimir-putin"); the code
// alone when there is no name; "gdelt-" and the name when there is no
// code, so GDELT actors never take a curated actor's id. A name whose
// letters do not fold to a–z ("Владимир") or that has none gets a short
// hash of the exact name, so distinct names keep distinct ids. Ids longer
// than actorgraph.MaxIDLen keep a prefix and a hash of the whole.
func ActorID(a *Actor) string {
	code := strings.ToLower(a.Code)
	name := strings.TrimSpace(a.Name)
	if code == "" {
		code = "gdelt"
	}
	id := code
	if name != "" {
		slug, lossy := slugify(name)
		if slug != "" {
			id += "-" + slug
		}
		if lossy || slug == "" {
			id += "-" + hash8(name)
		}
	}
	if len(id) > actorgraph.MaxIDLen {
		id = strings.TrimRight(id[:actorgraph.MaxIDLen-9], "-") + "-" + hash8(id)
	}
	return id
}

// slugify folds s (lower case, accents stripped, see actorgraph.Fold) and
// joins its runs of a–z and 0–9 with "-". lossy reports letters or digits
// outside a–z0–9 that were dropped.
func slugify(s string) (slug string, lossy bool) {
	folded := s
	if !isASCII(s) {
		folded = actorgraph.Fold(s)
	}
	var b strings.Builder
	gap := false
	for _, r := range folded {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
			fallthrough
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(r)
		default:
			lossy = lossy || unicode.IsLetter(r) || unicode.IsDigit(r)
			gap = true
		}
	}
	return b.String(), lossy
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// hash8 is 8 hex digits of FNV-1a: short, stable across releases.
func hash8(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	out := strconv.FormatUint(uint64(h.Sum32()), 16)
	return strings.Repeat("0", 8-len(out)) + out
}
