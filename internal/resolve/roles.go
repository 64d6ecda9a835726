package resolve

import "github.com/actorgraph/actorgraph/internal/actorgraph"

// roleKinds maps CAMEO role (agent) codes to the kind of an actor that is
// an institution or collective playing that role. State bodies other than
// the government itself (military, police, intelligence, judiciary,
// legislature) are institutions: ORGANIZATION; collectives without a
// formal structure (rebels, opposition, civilians, refugees, …) are GROUP.
// A role on a country mention is not an actor: it stays on the mention
// and the mention joins the country. docs/resolution.md shows the table
// (TestDocRoleKindTableMatchesCode keeps the two equal).
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

// stateRoles are the roles of people acting for a state: a named person
// with one of them, and no dictionary entry, is an OFFICIAL.
var stateRoles = map[string]bool{"GOV": true, "UIS": true, "MIL": true, "COP": true, "SPY": true, "JUD": true, "LEG": true}

// leaderWords in a person's dictionary aliases ("PRESIDENT VLADIMIR
// PUTIN", "PRIME MINISTER …") mark a head of state or government: a
// LEADER rather than an OFFICIAL.
var leaderWords = []string{"president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan", "supreme leader", "head of state"}
