package memstore

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Changes reads one page of the audit trail from the changes bucket, which
// is kept on disk only. A cursor seeks to Since's time (ids begin with
// it) or, when no total is asked for, to the page's After, and scans
// forward: to the end of the page, or to the end of the bucket to count
// the matches.
func (s *Store) Changes(ctx context.Context, q actorgraph.ChangeQuery) (actorgraph.Page[actorgraph.Change], error) {
	p := actorgraph.Page[actorgraph.Change]{Items: []actorgraph.Change{}}
	after := q.Page.After
	err := s.db.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketChanges).Cursor()
		start := ""
		if !q.Since.IsZero() {
			start = actorgraph.ChangeIDTime(q.Since)
		}
		if q.Page.NoTotal && after > start {
			start = after
		}
		k, v := cur.First()
		if start != "" {
			k, v = cur.Seek([]byte(start))
		}
		for n := 0; k != nil; k, v = cur.Next() {
			if n++; n%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			var c actorgraph.Change
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("memstore: %s: change %q: %w", s.path, k, err)
			}
			if !q.Matches(&c) {
				continue
			}
			if !q.Page.NoTotal {
				p.TotalCount++
			}
			switch {
			case after != "" && string(k) <= after:
			case len(p.Items) < q.Page.First:
				p.Items = append(p.Items, c)
			default:
				p.HasNextPage = true
			}
			if p.HasNextPage && q.Page.NoTotal {
				break
			}
		}
		return nil
	})
	if err != nil {
		return actorgraph.Page[actorgraph.Change]{}, err
	}
	return p, nil
}
