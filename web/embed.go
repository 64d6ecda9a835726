// Package web holds the built front end: the GraphiQL playground and the
// graph explorer, bundled by build.mjs from src/ into dist/ and committed,
// so the Go binary serves them without Node.js and without internet.
// internal/server mounts them.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Dist returns the built files, rooted at dist/: playground.html,
// explore.html and assets/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path; fs.Sub fails only on invalid ones
	}
	return sub
}
