package actorgraph

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// ChangeOp names the kind of write a Change records.
type ChangeOp string

// The operations. Each accepted write of Graph records one Change.
const (
	OpCreateActor        ChangeOp = "CREATE_ACTOR"
	OpUpdateActor        ChangeOp = "UPDATE_ACTOR"
	OpDeleteActor        ChangeOp = "DELETE_ACTOR"
	OpCreateRelationship ChangeOp = "CREATE_RELATIONSHIP"
	OpDeleteRelationship ChangeOp = "DELETE_RELATIONSHIP"
	OpMergeActors        ChangeOp = "MERGE_ACTORS"
	// OpUpsert is one Upsert batch: an import batch, a seed.
	OpUpsert ChangeOp = "UPSERT"
)

// ChangeOps lists every operation in a fixed order.
var ChangeOps = []ChangeOp{OpCreateActor, OpUpdateActor, OpDeleteActor, OpCreateRelationship, OpDeleteRelationship, OpMergeActors, OpUpsert}

// Valid reports whether op is a known operation.
func (op ChangeOp) Valid() bool { return slices.Contains(ChangeOps, op) }

// MaxChangeIDs caps the ids one Change lists: an import batch or a
// cascading delete can touch many thousands of records. Count always says
// how many were touched; IDs holds the first MaxChangeIDs of them.
const MaxChangeIDs = 1000

// RecordField is the FieldChange.Field of a whole record: created
// records have it with After only, deleted ones with Before only.
const RecordField = "record"

// Change is the audit record of one accepted write, stored by the driver
// in the same transaction as the write itself: a write that fails records
// nothing. Graph makes it (ID, At, Who, Op, and what the arguments say);
// the driver fills in what only the stored data says (before states,
// cascaded relationships, merged ids).
//
// What each operation records (IDs in this order, capped at MaxChangeIDs;
// Count is the number of records touched):
//   - CREATE_ACTOR, CREATE_RELATIONSHIP: the new id; Fields: "record" with
//     the new record's JSON as After.
//   - UPDATE_ACTOR: the actor's id; Fields: the changed fields only
//     (DiffActors), an update that changes nothing has none.
//   - DELETE_ACTOR: the actor's id, then the ids of the relationships a
//     cascade deleted (by id); Fields: "record" with the actor's JSON as
//     Before (the cascaded relationships' contents are not kept).
//   - DELETE_RELATIONSHIP: its id; Fields: "record" with its JSON as Before.
//   - MERGE_ACTORS: the survivor's id, the merged ids (sorted), then the
//     moved relationships' ids (by id); Fields: "merged" (JSON list of the
//     merged ids), "movedRelationships" (their count), then the survivor's
//     changed fields (DiffActors). A repeated merge that changes nothing
//     writes and records nothing.
//   - UPSERT: the batch's actor ids then relationship ids, in batch order;
//     no Fields (a batch can hold a million records).
type Change struct {
	// ID is time-ordered and unique: the UTC time of At as
	// yyyymmddhhmmss and nine digits of nanoseconds, a dash and eight
	// random hex digits. Lists of changes are ordered by it.
	ID string `json:"id"`
	// At is when Graph accepted the write.
	At time.Time `json:"at"`
	// Who made it: the token's subject, "static token", or the command
	// ("import", "seed", "resolve"); "unknown" when nobody said.
	Who string `json:"who"`
	// Op is what kind of write it was.
	Op ChangeOp `json:"op"`
	// IDs are the actor and relationship ids touched (see MaxChangeIDs).
	IDs []string `json:"ids"`
	// Count is how many records were touched.
	Count int `json:"count"`
	// Fields are the fields changed, with their values before and after.
	Fields []FieldChange `json:"fields,omitempty"`
}

// FieldChange is one changed field: its name (the JSON name of a record's
// field, or RecordField) and its values before and after as JSON text; ""
// for none (a created record has no before, an emptied field no after).
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// Clone returns a deep copy.
func (c Change) Clone() Change {
	c.IDs = slices.Clone(c.IDs)
	c.Fields = slices.Clone(c.Fields)
	return c
}

// changeTimeLayout is the time part of a change id: fixed width, so ids
// sort by time.
const changeTimeLayout = "20060102150405.000000000"

// ChangeIDTime returns the time prefix of the ids of changes made at t:
// every change at or after t has an id at or after it.
func ChangeIDTime(t time.Time) string {
	s := t.UTC().Format(changeTimeLayout)
	return s[:14] + s[15:] // without the dot: ids are slugs
}

type callerKey struct{}

// UnknownCaller is CallerFrom's answer when nobody set a caller.
const UnknownCaller = "unknown"

// WithCaller returns a context whose writes are recorded as made by who.
func WithCaller(ctx context.Context, who string) context.Context {
	return context.WithValue(ctx, callerKey{}, who)
}

// CallerFrom returns who the context's writes are made by (WithCaller),
// UnknownCaller when nobody said.
func CallerFrom(ctx context.Context) string {
	if who, ok := ctx.Value(callerKey{}).(string); ok && who != "" {
		return who
	}
	return UnknownCaller
}

// newChange starts the record of a write made now by the context's caller.
func newChange(ctx context.Context, op ChangeOp) *Change {
	at := time.Now().UTC().Round(0)
	var suffix [4]byte
	rand.Read(suffix[:]) // never fails (crypto/rand)
	return &Change{
		ID:  ChangeIDTime(at) + "-" + hex.EncodeToString(suffix[:]),
		At:  at,
		Who: CallerFrom(ctx),
		Op:  op,
	}
}

// SetIDs sets the ids touched (the first MaxChangeIDs) and their count.
// Like every setter here it replaces what was set before, so a driver
// whose transaction is retried may call it again.
func (c *Change) SetIDs(groups ...[]string) {
	c.IDs, c.Count = nil, 0
	for _, ids := range groups {
		c.Count += len(ids)
		if room := MaxChangeIDs - len(c.IDs); room > 0 {
			c.IDs = append(c.IDs, ids[:min(room, len(ids))]...)
		}
	}
	if c.IDs == nil {
		c.IDs = []string{}
	}
}

// Created records a created actor or relationship.
func (c *Change) Created(id string, record any) {
	c.SetIDs([]string{id})
	c.Fields = []FieldChange{{Field: RecordField, After: jsonText(record)}}
}

// ActorUpdated records an update from old to updated.
func (c *Change) ActorUpdated(old, updated Actor) {
	c.SetIDs([]string{old.ID})
	c.Fields = DiffActors(old, updated)
}

// ActorDeleted records the deletion of old and of the relationships a
// cascade deleted with it.
func (c *Change) ActorDeleted(old Actor, relationships []string) {
	c.SetIDs([]string{old.ID}, relationships)
	c.Fields = []FieldChange{{Field: RecordField, Before: jsonText(old)}}
}

// RelationshipDeleted records the deletion of r.
func (c *Change) RelationshipDeleted(r Relationship) {
	c.SetIDs([]string{r.ID})
	c.Fields = []FieldChange{{Field: RecordField, Before: jsonText(r)}}
}

// ActorsMerged records a merge: the survivor before it, the result, and
// the ids of the relationships moved onto the survivor.
func (c *Change) ActorsMerged(before Actor, res MergeResult, moved []string) {
	c.SetIDs([]string{before.ID}, res.Merged, moved)
	c.Fields = append([]FieldChange{
		{Field: "merged", After: jsonText(res.Merged)},
		{Field: "movedRelationships", After: jsonText(res.MovedRelationships)},
	}, DiffActors(before, res.Actor)...)
}

// Upserted records an Upsert batch.
func (c *Change) Upserted(actors []Actor, relationships []Relationship) {
	ids := make([]string, 0, min(len(actors)+len(relationships), MaxChangeIDs))
	for i := 0; i < len(actors) && len(ids) < MaxChangeIDs; i++ {
		ids = append(ids, actors[i].ID)
	}
	for i := 0; i < len(relationships) && len(ids) < MaxChangeIDs; i++ {
		ids = append(ids, relationships[i].ID)
	}
	c.IDs, c.Count, c.Fields = ids, len(actors)+len(relationships), nil
}

// DiffActors returns the fields that differ between old and updated, by
// their JSON names in the order of the JSON record, with their values as
// JSON text. An absent, null or empty-list value counts as none ("").
func DiffActors(old, updated Actor) []FieldChange {
	return diffRecords(old, updated)
}

func diffRecords(old, updated any) []FieldChange {
	before, after := jsonFields(old), jsonFields(updated)
	var out []FieldChange
	for _, name := range fieldOrder(old, updated) {
		if b, a := before[name], after[name]; b != a {
			out = append(out, FieldChange{Field: name, Before: b, After: a})
		}
	}
	return out
}

// jsonFields returns a record's fields as JSON text by name, leaving out
// the empty ones.
func jsonFields(v any) map[string]string {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(jsonText(v)), &raw); err != nil {
		panic(fmt.Sprintf("actorgraph: %T is not a JSON object: %v", v, err))
	}
	out := make(map[string]string, len(raw))
	for k, r := range raw {
		if s := string(r); s != "null" && s != "[]" && s != `""` {
			out[k] = s
		}
	}
	return out
}

// fieldOrder returns the field names of two records in the order their
// JSON gives them (the struct's order), each once.
func fieldOrder(vs ...any) []string {
	var names []string
	for _, v := range vs {
		dec := json.NewDecoder(bytes.NewReader([]byte(jsonText(v))))
		dec.Token() // {
		for dec.More() {
			tok, _ := dec.Token()
			name, _ := tok.(string)
			var skip json.RawMessage
			dec.Decode(&skip)
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	return names
}

// jsonText is v's JSON, without HTML escaping; the records are plain
// structs, so it cannot fail.
func jsonText(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("actorgraph: %T does not marshal: %v", v, err))
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

// ChangeQuery asks for changes: those at or after Since (zero: all), that
// touched ActorID (an id in their IDs; "" for all), one page of them in id
// (time) order. Only forward paging is offered.
type ChangeQuery struct {
	Since   time.Time
	ActorID string
	Page    PageRequest
}

// Validate checks the query.
func (q ChangeQuery) Validate() error {
	if err := q.Page.Validate(); err != nil {
		return err
	}
	if q.Page.Backward {
		return invalid("last", "changes page forwards only: use first and after")
	}
	if q.ActorID != "" && !ValidID(q.ActorID) {
		return invalid("actor", "%q is not an id", q.ActorID)
	}
	return nil
}

// Matches reports whether c is one the query asks for, paging aside.
func (q ChangeQuery) Matches(c *Change) bool {
	if !q.Since.IsZero() && c.At.Before(q.Since) {
		return false
	}
	return q.ActorID == "" || slices.Contains(c.IDs, q.ActorID)
}
