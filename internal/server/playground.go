package server

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
)

// The playground is a self-contained page (no CDN, no build step), so it
// works on a machine without internet. Its example tabs are the .graphql
// files in examples/, which a test runs against the server.

//go:embed examples/*.graphql
var examplesFS embed.FS

//go:embed static/playground.html
var playgroundHTML string

// Example is one prepared query.
type Example struct {
	Name  string
	Query string
}

// Examples returns the playground's prepared queries, in file order.
func Examples() []Example {
	names, _ := fs.Glob(examplesFS, "examples/*.graphql")
	sort.Strings(names)
	var out []Example
	for _, n := range names {
		b, _ := examplesFS.ReadFile(n)
		title := strings.TrimSuffix(path.Base(n), ".graphql")
		title = strings.ReplaceAll(title[strings.IndexByte(title, '-')+1:], "-", " ")
		out = append(out, Example{Name: title, Query: string(b)})
	}
	return out
}

var playgroundTmpl = template.Must(template.New("playground").Parse(playgroundHTML))

func playground() http.Handler {
	examples := Examples()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
		_ = playgroundTmpl.Execute(w, examples)
	})
}
