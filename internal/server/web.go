package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/web"
)

// The playground (/) and the graph explorer (/explore) are built by npm and
// esbuild from web/src into web/dist, which is committed and embedded (see
// package web), so the binary serves them with no Node.js and no internet.
// The playground's example tabs are the .graphql files in examples/, which
// a test runs against the server; they are inlined into the page as JSON.

//go:embed examples/*.graphql
var examplesFS embed.FS

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

// pageCSP allows nothing but this origin: scripts, workers (Monaco's
// language services), styles and the API. Inline styles are allowed because
// Monaco and Cytoscape set element styles and Monaco adds <style> elements;
// inline scripts and eval are not. Fonts and icons come as data: URLs
// inside the stylesheet.
const pageCSP = "default-src 'self'; script-src 'self'; worker-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// examplesMarker in dist/playground.html is replaced by the examples.
const examplesMarker = "<!--actorgraph:examples-->"

// webUI serves the two pages and their static files.
type webUI struct {
	playground, explorer, assets http.Handler
}

// newWebUI builds the handlers over the embedded build. It panics if the
// build lacks a page: that is fixed at compile time, and a test checks it.
func newWebUI(examples []Example) *webUI {
	dist := web.Dist()
	playground := mustReadFile(dist, "playground.html")
	if !bytes.Contains(playground, []byte(examplesMarker)) {
		panic("web/dist/playground.html lacks " + examplesMarker)
	}
	playground = bytes.Replace(playground, []byte(examplesMarker), examplesScript(examples), 1)
	return &webUI{
		playground: page(playground),
		explorer:   page(mustReadFile(dist, "explore.html")),
		assets:     newAssetServer(dist, "assets"),
	}
}

func mustReadFile(fsys fs.FS, name string) []byte {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		panic(fmt.Sprintf("web/dist/%s: %v (run 'npm run build' in web/)", name, err))
	}
	return b
}

// playgroundExample is an example as the playground reads it.
type playgroundExample struct {
	Name    string `json:"name"`
	Query   string `json:"query"`
	Headers string `json:"headers,omitempty"`
}

// examplesScript renders the examples as a JSON data block. json.Marshal
// escapes <, > and &, so no query text can close the element; a data block
// is not executed, so the CSP needs no 'unsafe-inline' for it.
func examplesScript(examples []Example) []byte {
	out := make([]playgroundExample, 0, len(examples))
	for _, ex := range examples {
		pe := playgroundExample{Name: ex.Name, Query: ex.Query}
		if isMutation(ex.Query) {
			pe.Headers = "{\n  \"Authorization\": \"Bearer <ACTORGRAPH_API_TOKEN>\"\n}"
		}
		out = append(out, pe)
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err) // strings only
	}
	return fmt.Appendf(nil, `<script type="application/json" id="examples">%s</script>`, b)
}

// isMutation reports whether a document has a mutation operation.
func isMutation(query string) bool {
	for line := range strings.Lines(query) {
		if strings.HasPrefix(strings.TrimSpace(line), "mutation") {
			return true
		}
	}
	return false
}

// page serves one HTML document under the strict CSP.
func page(body []byte) http.Handler {
	etag := etagOf(body)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		serveBytes(w, r, "text/html; charset=utf-8", etag, body)
	})
}

// assetServer serves the files under one directory of the build, gzipped
// for clients that accept it. File names carry no content hash (chunks
// do), so responses say no-cache and revalidate by ETag.
type assetServer struct {
	files map[string]*asset
}

// asset is one file; its ETag and gzipped form are made on first request,
// so starting a server (as every test does) costs nothing.
type asset struct {
	body  []byte
	ctype string

	once sync.Once
	etag string
	gz   []byte // nil when not worth compressing
}

func newAssetServer(dist fs.FS, dir string) *assetServer {
	s := &assetServer{files: map[string]*asset{}}
	err := fs.WalkDir(dist, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dist, p)
		if err != nil {
			return err
		}
		s.files[strings.TrimPrefix(p, dir+"/")] = &asset{body: b, ctype: contentType(p)}
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("web/dist/%s: %v", dir, err))
	}
	return s
}

func (s *assetServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a, ok := s.files[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	a.once.Do(a.prepare)
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	if a.gz == nil {
		serveBytes(w, r, a.ctype, a.etag, a.body)
		return
	}
	h.Add("Vary", "Accept-Encoding")
	if !acceptsGzip(r) {
		serveBytes(w, r, a.ctype, a.etag, a.body)
		return
	}
	h.Set("Content-Encoding", "gzip")
	serveBytes(w, r, a.ctype, strings.TrimSuffix(a.etag, `"`)+`-gz"`, a.gz)
}

func (a *asset) prepare() {
	a.etag = etagOf(a.body)
	if !compressible(a.ctype) || len(a.body) < 1024 {
		return
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	_, _ = zw.Write(a.body)
	_ = zw.Close()
	if buf.Len() < len(a.body)*9/10 {
		a.gz = buf.Bytes()
	}
}

// serveBytes answers with body, or 304 when the client has it already.
func serveBytes(w http.ResponseWriter, r *http.Request, ctype, etag string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("ETag", etag)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

func etagMatches(ifNoneMatch, etag string) bool {
	for tag := range strings.SplitSeq(ifNoneMatch, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == etag || tag == "*" {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding lists gzip without q=0.
func acceptsGzip(r *http.Request) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// contentType is a fixed table: mime.TypeByExtension also reads the
// system's mime.types, which differs between machines.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".ttf":
		return "font/ttf"
	case ".woff2":
		return "font/woff2"
	default:
		return "application/octet-stream"
	}
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/json") ||
		ctype == "image/svg+xml" || ctype == "font/ttf"
}
