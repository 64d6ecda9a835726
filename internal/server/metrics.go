package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the server's Prometheus metrics, on their own registry.
type metrics struct {
	registry      *prometheus.Registry
	requests      *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	graphqlErrors *prometheus.CounterVec
	storeCalls    *prometheus.CounterVec
	storeLatency  *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "actorgraph_http_requests_total", Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "actorgraph_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2.5, 12),
		}, []string{"route"}),
		graphqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "actorgraph_graphql_errors_total", Help: "GraphQL errors returned to clients, by extensions.code.",
		}, []string{"code"}),
		storeCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "actorgraph_store_calls_total", Help: "Store calls by method and outcome.",
		}, []string{"method", "outcome"}),
		storeLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "actorgraph_store_call_duration_seconds", Help: "Store call latency by method.",
			Buckets: prometheus.ExponentialBuckets(0.00001, 3, 12),
		}, []string{"method"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.graphqlErrors, m.storeCalls, m.storeLatency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observeGraphQLError(code string) { m.graphqlErrors.WithLabelValues(code).Inc() }

func (m *metrics) observeStore(method string, took time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.storeCalls.WithLabelValues(method, outcome).Inc()
	m.storeLatency.WithLabelValues(method).Observe(took.Seconds())
}

// instrument counts and times the requests of one route.
func (m *metrics) instrument(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(rec.status)).Inc()
		m.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}
