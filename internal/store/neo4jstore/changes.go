package neo4jstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// The audit trail is (:Change {id, at, who, op, ids, count, fields}) nodes,
// without relationships (no walk meets them), created in the transaction
// of the write they record. at is the UTC time, fixed width
// (changeAtLayout), so it compares as text; fields is the JSON of the
// field changes (absent when none), as mentions are stored.

const changeAtLayout = "2006-01-02T15:04:05.000000000Z"

// record stores c in the write's transaction.
func (tx *txn) record(ctx context.Context, c *actorgraph.Change) error {
	props := map[string]any{
		"id":    c.ID,
		"at":    c.At.UTC().Format(changeAtLayout),
		"who":   c.Who,
		"op":    string(c.Op),
		"ids":   stringsOrEmpty(c.IDs),
		"count": int64(c.Count),
	}
	if len(c.Fields) > 0 {
		b, err := json.Marshal(c.Fields)
		if err != nil {
			return err
		}
		props["fields"] = string(b)
	}
	_, err := tx.run(ctx, `CREATE (c:Change) SET c = $props`, map[string]any{"props": props})
	return err
}

// Changes reads one page of changes in id order through the id
// constraint's index, and counts the matches unless told not to.
func (s *Store) Changes(ctx context.Context, q actorgraph.ChangeQuery) (actorgraph.Page[actorgraph.Change], error) {
	res := actorgraph.Page[actorgraph.Change]{Items: []actorgraph.Change{}}
	params := map[string]any{
		"after": q.Page.After, "start": "", "since": "", "actor": q.ActorID,
		"limit": int64(q.Page.First + 1), "noTotal": q.Page.NoTotal,
	}
	if !q.Since.IsZero() {
		params["start"] = actorgraph.ChangeIDTime(q.Since)
		params["since"] = q.Since.UTC().Format(changeAtLayout)
	}
	const where = `c.id >= $start AND c.at >= $since AND ($actor = '' OR $actor IN c.ids)`
	err := s.read(ctx, func(tx *txn) error {
		count := `CALL () { MATCH (c:Change) WHERE ` + where + ` RETURN count(c) AS total }`
		if q.Page.NoTotal {
			count = `WITH changes, 0 AS total`
		}
		recs, err := tx.run(ctx, `MATCH (c:Change) WHERE `+where+` AND c.id > $after
			WITH c ORDER BY c.id LIMIT $limit
			WITH collect(c {.*}) AS changes
			`+count+`
			RETURN total, changes`, params)
		if err != nil {
			return err
		}
		res.TotalCount = integer(recs[0].Values[0])
		for _, v := range recs[0].Values[1].([]any) {
			c, err := decodeChange(v)
			if err != nil {
				return err
			}
			res.Items = append(res.Items, c)
		}
		return nil
	})
	if err != nil {
		return actorgraph.Page[actorgraph.Change]{}, err
	}
	if len(res.Items) > q.Page.First {
		res.Items = res.Items[:q.Page.First]
		res.HasNextPage = true
	}
	return res, nil
}

func decodeChange(v any) (actorgraph.Change, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return actorgraph.Change{}, fmt.Errorf("neo4jstore: a change is %T, not a map", v)
	}
	at, err := time.Parse(changeAtLayout, str(m["at"]))
	if err != nil {
		return actorgraph.Change{}, fmt.Errorf("neo4jstore: change %q: at: %v", str(m["id"]), err)
	}
	c := actorgraph.Change{
		ID: str(m["id"]), At: at, Who: str(m["who"]), Op: actorgraph.ChangeOp(str(m["op"])),
		IDs: strs(m["ids"]), Count: integer(m["count"]),
	}
	if f := str(m["fields"]); f != "" {
		if err := json.Unmarshal([]byte(f), &c.Fields); err != nil {
			return actorgraph.Change{}, fmt.Errorf("neo4jstore: change %q: fields: %v", c.ID, err)
		}
	}
	return c, nil
}
