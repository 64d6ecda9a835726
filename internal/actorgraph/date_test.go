package actorgraph

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2025-05-19", "2025-05-19", true},
		{"2024-02-29", "2024-02-29", true},
		{"2025-02-29", "", false},
		{"2025-5-19", "", false},
		{"2025-05-19T00:00:00Z", "", false},
		{"19/05/2025", "", false},
		{"", "", false},
		{" 2025-05-19", "", false},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if tt.ok != (err == nil) {
			t.Errorf("ParseDate(%q) err = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDate(%q) error %v does not wrap ErrInvalid", tt.in, err)
		}
		if tt.ok && d.String() != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, d, tt.want)
		}
	}
}

func TestDateOrderAndJSON(t *testing.T) {
	a, b := MustParseDate("2025-05-16"), MustParseDate("2025-05-19")
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Fatal("Before is wrong")
	}
	out, err := json.Marshal(struct{ D *Date }{&b})
	if err != nil || string(out) != `{"D":"2025-05-19"}` {
		t.Fatalf("marshal = %s, %v", out, err)
	}
	var back struct{ D *Date }
	if err := json.Unmarshal(out, &back); err != nil || *back.D != b {
		t.Fatalf("unmarshal = %v, %v", back.D, err)
	}
}

// FuzzParseDate: a string parses only if it is exactly the date it
// formats back to, and parsing never panics.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-05-19", "0000-01-01", "9999-12-31", "2025-13-01", "abcd-ef-gh", "2025-05-19x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) formats back as %q", s, d.String())
		}
	})
}
