package graph

import (
	"encoding/base64"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Cursors are opaque to clients: base64url of "<kind>:<id>". Stores page by
// id, so a cursor stays valid while other records come and go.
const (
	cursorActor        = "actor"
	cursorRelationship = "rel"
	cursorPath         = "path"
	cursorChange       = "change"
)

// encodeCursor makes the cursor for the item with this id.
func encodeCursor(kind, id string) string {
	return cursorEncoding.EncodeToString([]byte(kind + ":" + id))
}

// decodeCursor returns the id in a cursor of the given kind; "" for a nil
// cursor. A malformed cursor, or one of another kind, is ErrInvalid.
func decodeCursor(kind string, cursor *string) (string, error) {
	if cursor == nil || *cursor == "" {
		return "", nil
	}
	raw, err := cursorEncoding.DecodeString(*cursor)
	// The decoder skips \r and \n; comparing with the re-encoding makes
	// every id have exactly one cursor (the fuzzer found both holes).
	if err != nil || cursorEncoding.EncodeToString(raw) != *cursor {
		return "", actorgraph.Invalid("after", "not a cursor this API issued")
	}
	id, ok := strings.CutPrefix(string(raw), kind+":")
	if !ok || !actorgraph.ValidID(id) {
		return "", actorgraph.Invalid("after", "not a cursor for this list")
	}
	return id, nil
}

// cursorEncoding is strict so that each id has exactly one cursor (the
// fuzzer found non-canonical trailing bits decoding to the same id).
var cursorEncoding = base64.RawURLEncoding.Strict()
