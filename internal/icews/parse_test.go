package icews

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeCAMEOCode(t *testing.T) {
	for _, tc := range []struct {
		given, want string
		ok          bool
	}{
		{"042", "042", true},   // as published
		{"0341", "0341", true}, // four digits
		{"190", "190", true},   // roots 10–20 need no zero
		{"1312", "1312", true},
		{"42", "042", true},    // a dropped zero: make a visit
		{"10", "010", true},    // make statement, not root 10 "demand": ICEWS has no bare roots
		{"20", "020", true},    // appeal, not root 20
		{"341", "0341", true},  // a dropped zero on a four-digit code
		{"841", "0841", true},  // return, release persons
		{"211", "0211", true},  // appeal for economic cooperation
		{"120", "120", true},   // known as given: no zero added
		{"04", "04", true},     // a bare root 01–09 keeps its zero
		{"099", "099", true},   // not in the codebook, but its root is valid
		{"1999", "1999", true}, // likewise
		{"199", "199", true},   // root 19, not in the codebook
		{"29", "", false},      // neither 29 nor 029 is a code
		{"999", "", false},     // neither 999 nor 0999
		{"00", "", false},      // root 00
		{"2101", "", false},    // root 21
		{"4", "", false},
		{"04111", "", false},
		{"", "", false},
		{"4a", "", false},
		{" 42", "", false},
		{"-42", "", false},
	} {
		got, ok := NormalizeCAMEOCode(tc.given)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("NormalizeCAMEOCode(%q) = %q, %v; want %q, %v", tc.given, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSplitSectors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Government,Executive,Executive Office", []string{"Government", "Executive", "Executive Office"}},
		{" Government , Police ", []string{"Government", "Police"}},
		{"Army Mechanized (Ships, Tanks, Planes),Military", []string{"Army Mechanized (Ships, Tanks, Planes)", "Military"}},
		{"Legislative / Parliamentary", []string{"Legislative / Parliamentary"}},
		{"Government,,NA,", []string{"Government"}},
		{"a)b,c(d,e", []string{"a)b", "c(d,e"}},
		{"", nil},
		{"NA", nil},
	} {
		if diff := cmp.Diff(tc.want, SplitSectors(tc.in)); diff != "" {
			t.Errorf("SplitSectors(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}
