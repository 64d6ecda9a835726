package cameo

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sharedDir = "../../../shared/data/cameo"

// readShared reads a file from the shared folder outside the module. When it
// is missing the test fails on CI and is skipped elsewhere.
func readShared(t *testing.T, name string) []byte {
	t.Helper()
	path := filepath.Join(sharedDir, name)
	b, err := os.ReadFile(path)
	if err == nil {
		return b
	}
	abs, absErr := filepath.Abs(path)
	if absErr != nil {
		abs = path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared file %s is required on CI but could not be read: %v", abs, err)
	}
	t.Skipf("shared file not available (looked in %s): %v", abs, err)
	return nil
}

func TestEmbeddedCopiesMatchShared(t *testing.T) {
	for name, embedded := range map[string]string{
		"CAMEO.eventcodes.txt":     eventCodesFile,
		"CAMEO.goldsteinscale.txt": goldsteinFile,
		"ORIGIN.md":                originFile,
	} {
		t.Run(name, func(t *testing.T) {
			shared := readShared(t, name)
			if !bytes.Equal(shared, []byte(embedded)) {
				t.Errorf("internal/cameo/%s differs from %s/%s: copy the shared file again", name, sharedDir, name)
			}
		})
	}
}

func TestEmbeddedTablesParse(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	codes := Codes()
	if len(codes) != 311 {
		t.Errorf("len(Codes()) = %d, want 311 (ORIGIN.md)", len(codes))
	}
	if codes[0] != "01" || codes[len(codes)-1] != "2042" {
		t.Errorf("Codes() runs %s … %s, want 01 … 2042", codes[0], codes[len(codes)-1])
	}
}

func TestLabelAndGoldsteinOfKnownCodes(t *testing.T) {
	tests := []struct {
		code      string
		label     string
		goldstein float64
	}{
		{"01", "MAKE PUBLIC STATEMENT", 0},
		{"040", "Consult, not specified below", 1},
		{"041", "Discuss by telephone", 1},
		{"044", `Meet at a "third" location`, 2.5},
		{"046", "Engage in negotiation", 7},
		{"0841", "Return, release person(s)", 7},
		{"1312", "Threaten to boycott, embargo, or sanction", -5.8},
		{"195", "Employ aerial weapons", -10},
		{"2042", "Detonate nuclear weapons", -10},
	}
	for _, tt := range tests {
		label, ok := Label(tt.code)
		if !ok || label != tt.label {
			t.Errorf("Label(%q) = %q, %v; want %q, true", tt.code, label, ok, tt.label)
		}
		g, ok := Goldstein(tt.code)
		if !ok || g != tt.goldstein {
			t.Errorf("Goldstein(%q) = %v, %v; want %v, true", tt.code, g, ok, tt.goldstein)
		}
		if !Known(tt.code) {
			t.Errorf("Known(%q) = false", tt.code)
		}
	}
}

func TestUnknownCodesAreNotFound(t *testing.T) {
	for _, code := range []string{"", "0", "00", "047", "99", "12345", "abc", "4"} {
		if _, ok := Label(code); ok {
			t.Errorf("Label(%q) found", code)
		}
		if _, ok := Goldstein(code); ok {
			t.Errorf("Goldstein(%q) found", code)
		}
		if Known(code) {
			t.Errorf("Known(%q) = true", code)
		}
	}
}

func TestQuadClassFollowsRoot(t *testing.T) {
	tests := map[string]int{
		"01": 1, "010": 1, "0353": 1, "05": 1, "057": 1,
		"06": 2, "0841": 2, "09": 2,
		"10": 3, "1056": 3, "125": 3, "1312": 3, "14": 3,
		"15": 4, "195": 4, "2042": 4, "20": 4,
		"": 0, "0": 0, "00": 0, "21": 0, "999": 0, "12345": 0, "1a": 0,
	}
	for code, want := range tests {
		if got := QuadClass(code); got != want {
			t.Errorf("QuadClass(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestQuadClassAgreesWithEveryCodebookCode(t *testing.T) {
	for _, code := range Codes() {
		if q := QuadClass(code); q < 1 || q > 4 {
			t.Errorf("QuadClass(%q) = %d", code, q)
		}
	}
}

func TestParseRejectsMalformedTables(t *testing.T) {
	good := "CAMEOEVENTCODE\tEVENTDESCRIPTION\n01\tX\n"
	goodG := "CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\t0.0\n"
	tests := []struct {
		name, labels, scores, want string
	}{
		{"bad header", "CODE\tLABEL\n01\tX\n", goodG, "header"},
		{"missing tab", "CAMEOEVENTCODE\tEVENTDESCRIPTION\n01 X\n", goodG, "line 2"},
		{"bad code", "CAMEOEVENTCODE\tEVENTDESCRIPTION\n0x\tX\n", goodG, "line 2"},
		{"score out of range", good, "CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\t11\n", "[-10, 10]"},
		{"score not a number", good, "CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\tabc\n", "[-10, 10]"},
		{"codes differ", good, "CAMEOEVENTCODE\tGOLDSTEINSCALE\n02\t0.0\n", "label code"},
		{"counts differ", good, goodG + "02\t1.0\n", "1 labels but 2"},
		{"duplicate", good + "01\tY\n", goodG + "01\t0.0\n", "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.labels, tt.scores)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parse() error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
