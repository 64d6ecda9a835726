// Package server is the HTTP side: routes, middleware (request ids,
// logging, metrics, CORS, per-client rate, body and time limits), health
// and readiness, the playground page, and graceful shutdown.
package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/rs/cors"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/auth"
	"github.com/actorgraph/actorgraph/internal/config"
)

// Config configures a Server.
type Config struct {
	Graph  *actorgraph.Graph
	Logger *slog.Logger
	// Backup, when set, writes a consistent copy of the store's data file
	// to w while the server serves, and returns the bytes written: GET
	// /admin/backup streams it. If w has a method SetSize(int64), Backup
	// calls it with the copy's length before the first byte (the response's
	// Content-Length). Nil for a store without one (Neo4j): the route then
	// says how to back that store up.
	Backup func(ctx context.Context, w io.Writer) (int64, error)
	// Settings are the server's settings (the store's part is ignored);
	// a zero field means its default (config.Settings.WithDefaults).
	config.Settings
}

// Server serves the API.
type Server struct {
	cfg     Config
	metrics *metrics
	handler http.Handler
	// limiter keeps the clients' token buckets; nil when RateLimit is 0.
	limiter *clientLimiter
	// verifier checks bearer tokens outside GraphQL: the admin routes, and
	// naming a rate-limited client by its token's subject.
	verifier *auth.Verifier
}

// New builds a server and its routes. It fails when the JWT keys cannot be
// read.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cfg.Settings = cfg.Settings.WithDefaults()
	s := &Server{cfg: cfg, metrics: newMetrics()}
	v, err := auth.NewVerifier(cfg.Access.VerifierConfig(cfg.APIToken))
	if err != nil {
		return nil, err
	}
	s.verifier = v
	if cfg.RateLimit > 0 {
		s.limiter = newClientLimiter(cfg.RateLimit, cfg.RateBurst, maxTrackedClients, time.Now)
	}
	store := cfg.Graph.WithObserver(s.metrics.observeStore).WithWriteLimit(cfg.Limits.MaxWriteRelationships)
	gql, err := graph.NewHandler(graph.HandlerConfig{
		Graph:        store,
		Settings:     cfg.Settings.Settings,
		Logger:       cfg.Logger,
		ObserveError: s.metrics.observeGraphQLError,
		RequestID:    RequestID,
	})
	if err != nil {
		return nil, err
	}
	s.handler = s.routes(gql, store)
	return s, nil
}

// Serve serves on ln until ctx ends, then shuts down gracefully: it stops
// accepting, lets in-flight requests finish within ShutdownTimeout, and
// returns.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       s.cfg.Limits.RequestTimeout + 10*time.Second,
		WriteTimeout:      s.cfg.Limits.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.cfg.Logger.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	shutCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// corsMiddleware allows the configured origins, or does nothing when none
// are configured (rs/cors would otherwise allow every origin).
func corsMiddleware(origins []string) func(http.Handler) http.Handler {
	if len(origins) == 0 {
		return func(h http.Handler) http.Handler { return h }
	}
	c := cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-Request-Id"},
		ExposedHeaders: []string{"X-Request-Id"},
		MaxAge:         600,
	})
	return c.Handler
}
