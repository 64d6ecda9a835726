package server

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/internal/auth"
)

// authorizeAdmin is the one check of the admin routes (GET /admin/backup):
// the caller needs a token with the admin role (the static API token is
// one). It answers the refusal itself and reports whether the request may
// go on.
func (s *Server) authorizeAdmin(w http.ResponseWriter, r *http.Request) bool {
	if !s.verifier.Enabled() {
		writeJSON(w, http.StatusForbidden, adminError("admin routes are disabled: the server has no ACTORGRAPH_API_TOKEN and no JWT key"))
		return false
	}
	token, ok := bearerToken(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="actorgraph admin"`)
		writeJSON(w, http.StatusUnauthorized, adminError("admin routes need an Authorization: Bearer <token> header with the admin role"))
		return false
	}
	p, err := s.verifier.Verify(r.Context(), token)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="actorgraph admin"`)
		writeJSON(w, http.StatusUnauthorized, adminError(err.Error()))
		return false
	}
	if !p.Has(auth.Admin) {
		writeJSON(w, http.StatusForbidden, adminError("admin routes need the admin role"))
		return false
	}
	return true
}

func adminError(msg string) map[string]string { return map[string]string{"error": msg} }

// backup streams a consistent copy of the embedded store's data file
// (Config.Backup) as application/octet-stream with its Content-Length, so
// the client can tell a whole copy from a cut one. A failure before the
// first byte is a JSON error; after it, the connection is cut short.
func (s *Server) backup(w http.ResponseWriter, r *http.Request) {
	if !s.authorizeAdmin(w, r) {
		return
	}
	if s.cfg.Backup == nil {
		writeJSON(w, http.StatusNotImplemented, adminError("this store has no online backup through the server: "+
			"Neo4j is backed up with `neo4j-admin database dump` (README, Backups), or `actorgraph export` for a dataset file"))
		return
	}
	// A copy of a large store may take longer than the request time limit.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})
	bw := &backupWriter{w: w, name: "actorgraph-" + time.Now().UTC().Format("20060102T150405Z") + ".db"}
	start := time.Now()
	n, err := s.cfg.Backup(r.Context(), bw)
	if err != nil {
		s.cfg.Logger.ErrorContext(r.Context(), "backup failed", "request_id", RequestID(r.Context()), "bytes", n, "error", err.Error())
		if !bw.started {
			w.Header().Del("Content-Length")
			writeJSON(w, http.StatusInternalServerError, adminError(fmt.Sprintf("backup failed: %v", err)))
			return
		}
		panic(http.ErrAbortHandler) // cut the connection: the client sees fewer bytes than Content-Length
	}
	s.cfg.Logger.InfoContext(r.Context(), "backup", "request_id", RequestID(r.Context()), "bytes", n, "took", time.Since(start))
}

// backupWriter sets the response's headers from the copy's size (Backup
// calls SetSize before the first byte) and its first Write.
type backupWriter struct {
	w       http.ResponseWriter
	name    string
	started bool
}

func (b *backupWriter) SetSize(n int64) {
	b.w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
}

func (b *backupWriter) Write(p []byte) (int, error) {
	if !b.started {
		b.started = true
		h := b.w.Header()
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", `attachment; filename="`+b.name+`"`)
		h.Set("Cache-Control", "no-store")
		b.w.WriteHeader(http.StatusOK)
	}
	return b.w.Write(p)
}
