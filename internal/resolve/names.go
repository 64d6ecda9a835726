package resolve

import (
	"strings"
	"unicode"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Slug makes an actor id from a name: folded (case, accents), runs of
// a–z and 0–9 joined by "-" ("Recep Tayyip Erdoğan" → recep-tayyip-erdogan).
// A name with letters that do not fold to a–z ("Владимир") or with none
// gets 8 hex digits of a hash of the exact name, so distinct names keep
// distinct ids; an id over actorgraph.MaxIDLen keeps a prefix and a hash.
func Slug(name string) string {
	folded := actorgraph.Fold(name)
	var b strings.Builder
	gap, lossy := false, false
	for _, r := range folded {
		switch {
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
	id := b.String()
	if lossy || id == "" {
		if id != "" {
			id += "-"
		}
		id += actorgraph.ShortHash(name)
	}
	if len(id) > actorgraph.MaxIDLen {
		id = strings.TrimRight(id[:actorgraph.MaxIDLen-9], "-") + "-" + actorgraph.ShortHash(id)
	}
	return id
}

// TitleCase turns a dictionary or GDELT name ("VLADIMIR_PUTIN_",
// "RECEP TAYYIP ERDOĞAN") into a display name ("Vladimir Putin", "Recep
// Tayyip Erdoğan"): underscores become spaces, each word's first letter
// stays upper case and the rest go lower.
func TitleCase(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", " "))
	var b strings.Builder
	start := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			if start {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			start = false
			continue
		}
		b.WriteRune(r)
		start = r != '\''
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
