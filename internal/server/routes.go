package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// routes is the one place that lists every route.
func (s *Server) routes(gql http.Handler, store *actorgraph.Graph) http.Handler {
	mux := http.NewServeMux()
	api := s.rateLimit(s.limitBody(s.withTimeout(gql)))
	mux.Handle("POST /graphql", s.metrics.instrument("/graphql", api))
	mux.Handle("GET /graphql", s.metrics.instrument("/graphql", api))
	exp := s.rateLimit(s.limitBody(s.withTimeout(s.export(gql, store))))
	mux.Handle("GET /export", s.metrics.instrument("/export", exp))
	mux.Handle("POST /export", s.metrics.instrument("/export", exp))
	ui := newWebUI(Examples())
	mux.Handle("GET /{$}", s.metrics.instrument("/", ui.playground))
	mux.Handle("GET /explore", s.metrics.instrument("/explore", ui.explorer))
	mux.Handle("GET /assets/{file...}", s.metrics.instrument("/assets", ui.assets))
	mux.Handle("GET /healthz", s.metrics.instrument("/healthz", http.HandlerFunc(healthz)))
	mux.Handle("GET /readyz", s.metrics.instrument("/readyz", readyz(store)))
	// Admin: not under the request time limit (a copy takes as long as it takes).
	mux.Handle("GET /admin/backup", s.metrics.instrument("/admin/backup", s.rateLimit(http.HandlerFunc(s.backup))))
	mux.Handle("GET /metrics", requireToken(s.cfg.MetricsToken, promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{})))

	var h http.Handler = mux
	h = corsMiddleware(s.cfg.AllowedOrigins)(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	h = requestID(h)
	return h
}

// requireToken answers 401 unless the request carries token as a bearer
// token; an empty token lets every request through.
func requireToken(token string, h http.Handler) http.Handler {
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "/metrics needs the metrics token (ACTORGRAPH_METRICS_TOKEN) as an Authorization: Bearer <token> header"})
			return
		}
		h.ServeHTTP(w, r)
	})
}

func healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readier is what /readyz asks.
type readier interface {
	Ready(ctx context.Context) error
}

// readyz answers 200 when the store can serve, 503 with the reason when not.
func readyz(store readier) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ready(r.Context()); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready", "reason": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeGraphQLError answers with a GraphQL-shaped error body and the
// code's HTTP status, for errors that happen before the GraphQL handler
// runs (body too large, rate limited).
func writeGraphQLError(w http.ResponseWriter, code graph.Code, message string) {
	writeJSON(w, code.HTTPStatus(), graph.RefusalBody(code, message))
}
