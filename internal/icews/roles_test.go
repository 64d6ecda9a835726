package icews

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBracketRole(t *testing.T) {
	for _, tc := range []struct {
		name, role, country string
		ok                  bool
	}{
		{"Government (Russia)", "GOV", "Russia", true},
		{"Citizen (Ukraine)", "CVL", "Ukraine", true},
		{"Police (India)", "COP", "India", true},
		{"Military (Ukraine)", "MIL", "Ukraine", true},
		{"Business (Russia)", "BUS", "Russia", true},
		{"Media Personnel (United States)", "MED", "United States", true},
		{"Protestors / Popular Opposition / Mobs (Syria)", "OPP", "Syria", true},
		{"Opposition Major Party (Out Of Government) (Thailand)", "OPP", "Thailand", true},
		{"Armed Rebel (Colombia)", "REB", "Colombia", true},
		{"Insurgent (Iraq)", "INS", "Iraq", true},
		{"Member of the Judiciary (Pakistan)", "JUD", "Pakistan", true},
		{"Supreme Court (India)", "JUD", "India", true},
		{"Member of Parliament (United Kingdom)", "LEG", "United Kingdom", true},
		{"Head of Government (Italy)", "GOV", "Italy", true},
		{"Refugee (Syria)", "REF", "Syria", true},
		{"Intelligence (Russia)", "SPY", "Russia", true},
		{"Elite (Syria)", "ELI", "Syria", true},
		{"  Government (Russia)  ", "GOV", "Russia", true},
		{"Government ( Russia )", "GOV", "Russia", true},
		{"Vladimir Putin", "", "", false},
		{"Russia", "", "", false},
		{"Kurd (Ethnic Group)", "", "", false}, // no role word
		{"Employee (Russia)", "", "", false},
		{"Government ()", "", "", false},
		{"(Russia)", "", "", false},
		{"Government (Russia", "", "", false},
		{"Government Russia)", "", "", false},
		{"", "", "", false},
	} {
		role, country, ok := BracketRole(tc.name)
		if role != tc.role || country != tc.country || ok != tc.ok {
			t.Errorf("BracketRole(%q) = %q, %q, %v; want %q, %q, %v", tc.name, role, country, ok, tc.role, tc.country, tc.ok)
		}
	}
}

func TestSectorRole(t *testing.T) {
	for sector, want := range map[string]string{
		"Government":       "GOV",
		"Executive":        "GOV",
		"Executive Office": "GOV",
		"Cabinet":          "GOV",
		"Foreign Ministry": "GOV",
		"Health Ministry":  "GOV", // a ministry of anything
		"Agriculture / Fishing / Forestry Ministry":  "GOV",
		"Government Major Party (In Government)":     "GOV",
		"Opposition Major Party (Out of Government)": "OPP", // not GOV
		"Dissident":                              "OPP",
		"Protestors / Popular Opposition / Mobs": "OPP",
		"Police":                                 "COP",
		"Military":                               "MIL",
		"Army":                                   "MIL",
		"Air Force Special Forces":               "MIL",
		"Coast Guard":                            "MIL",
		"Army Medical":                           "MIL",
		"Military / Tribunal":                    "JUD", // a court first
		"Judicial":                               "JUD",
		"National / Supreme Court":               "JUD",
		"Religious Court":                        "JUD",
		"Legislative / Parliamentary":            "LEG",
		"General Population / Civilian / Social": "CVL",
		"Business":                               "BUS",
		"State-Owned Enterprises":                "BUS",
		"State-Owned Medical / Health / Pharmaceutical": "BUS",
		"Media":                                 "MED",
		"State Media":                           "MED",
		"Education":                             "EDU",
		"Medical / Health":                      "HLH",
		"Religious":                             "REL",
		"Government Religious":                  "GOV",
		"Nongovernmental Organizations":         "NGO",
		"International Government Organization": "IGO", // not GOV
		"Regional Diplomatic IGOs":              "IGO",
		"Rebel":                                 "REB",
		"Insurgents":                            "INS",
		"Separatists":                           "SEP",
		"Radicals / Extremists / Fundamentalists": "RAD",
		"Criminal":              "CRM",
		"Refugees":              "REF",
		"Elite":                 "ELI",
		"Labor":                 "LAB",
		"Agricultural":          "AGR",
		"Intelligence":          "SPY",
		"Human Rights":          "HRI",
		"Human Rights Ministry": "GOV",
		"Environmental":         "ENV",
		"POLICE":                "COP",
	} {
		if got, ok := SectorRole(sector); !ok || got != want {
			t.Errorf("SectorRole(%q) = %q, %v; want %q", sector, got, ok, want)
		}
	}
	for _, sector := range []string{"Parties", "(National) Major Party", "Unidentified Forces", "Social", "Local", "Legal", "Organized Violent", "", "Policeless", "Governmental"} {
		if got, ok := SectorRole(sector); ok {
			t.Errorf("SectorRole(%q) = %q, want none", sector, got)
		}
	}
}

func TestPartyRolesAreSetsInTableOrder(t *testing.T) {
	for _, tc := range []struct {
		party Party
		want  []string
	}{
		{Party{Name: "Vladimir Putin", Sectors: []string{"Elite", "Executive", "Executive Office", "Government"}}, []string{"GOV", "ELI"}},
		{Party{Name: "Government (Russia)", Sectors: []string{"Police", "Government"}}, []string{"COP", "GOV"}},
		{Party{Name: "Government (Russia)", Sectors: []string{"Government", "Police"}}, []string{"COP", "GOV"}},
		{Party{Name: "Citizen (Ukraine)", Sectors: []string{"General Population / Civilian / Social", "Social"}}, []string{"CVL"}},
		{Party{Name: "Police (India)"}, []string{"COP"}},
		{Party{Name: "Russia"}, nil},
		{Party{Country: "Ukraine", Sectors: []string{"Military"}}, []string{"MIL"}},
		{Party{Name: "Kurd (Ethnic Group)", Sectors: []string{"Parties"}}, nil},
	} {
		if diff := cmp.Diff(tc.want, tc.party.Roles()); diff != "" {
			t.Errorf("%+v roles (-want +got):\n%s", tc.party, diff)
		}
	}
}

// cameoRoles are CAMEO's role (agent) codes, as docs/gdelt.md lists them.
var cameoRoles = strings.Fields(`GOV UIS MIL COP SPY JUD LEG IGO NGO BUS MNC MED EDU HLH DEV ENV HRI
	REL UNO PKO IMG AMN IRC GRP REB INS SEP UAF OPP CVL REF CRM ELI LAB AGR MOD RAD SET NGM INT`)

func TestRoleTableIsWellFormed(t *testing.T) {
	seen := map[string]string{}
	roles := map[string]bool{}
	for _, row := range sectorRoles {
		if !slices.Contains(cameoRoles, row.Role) {
			t.Errorf("role %s is not a CAMEO role code", row.Role)
		}
		if roles[row.Role] {
			t.Errorf("role %s has two rows", row.Role)
		}
		roles[row.Role] = true
		if len(row.Words) == 0 {
			t.Errorf("role %s has no words", row.Role)
		}
		for _, w := range row.Words {
			if wordsOf(w) != w {
				t.Errorf("role %s: %q is not in normal form %q", row.Role, w, wordsOf(w))
			}
			if other, dup := seen[w]; dup {
				t.Errorf("%q is listed for %s and %s", w, other, row.Role)
			}
			seen[w] = row.Role
		}
	}
}
