//go:build !unix

package memstore

// lockFile does nothing where flock is missing: bbolt locks the file
// another way there, and Restore's earlier read-only open is the only
// in-use check.
func lockFile(string) (func(), error) { return func() {}, nil }
