package server

import (
	"container/list"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/actorgraph/actorgraph/graph"
)

// maxTrackedClients bounds the clients whose buckets are kept. Past it the
// least recently seen client's bucket is dropped (it starts full again if
// that client comes back), so a client cycling addresses costs at most
// maxTrackedClients buckets, about 200 bytes each: some 2 MB in all.
const maxTrackedClients = 10_000

// clientLimiter is a token bucket per client, the clients kept in an LRU.
type clientLimiter struct {
	limit rate.Limit
	burst int
	max   int
	now   func() time.Time

	mu      sync.Mutex
	clients map[string]*list.Element // of *clientBucket
	lru     *list.List               // most recently seen first
}

type clientBucket struct {
	key string
	lim *rate.Limiter
}

func newClientLimiter(perSecond float64, burst, maxClients int, now func() time.Time) *clientLimiter {
	return &clientLimiter{
		limit: rate.Limit(perSecond), burst: burst, max: maxClients, now: now,
		clients: map[string]*list.Element{}, lru: list.New(),
	}
}

// allow takes a token from key's bucket. When there is none it reports
// how long until there is one.
func (l *clientLimiter) allow(key string) (bool, time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	var b *clientBucket
	if e, ok := l.clients[key]; ok {
		l.lru.MoveToFront(e)
		b = e.Value.(*clientBucket)
	} else {
		if l.lru.Len() >= l.max {
			oldest := l.lru.Back()
			l.lru.Remove(oldest)
			delete(l.clients, oldest.Value.(*clientBucket).key)
		}
		b = &clientBucket{key: key, lim: rate.NewLimiter(l.limit, l.burst)}
		l.clients[key] = l.lru.PushFront(b)
	}
	if b.lim.AllowN(now, 1) {
		return true, 0
	}
	missing := 1 - b.lim.TokensAt(now)
	return false, time.Duration(missing / float64(l.limit) * float64(time.Second))
}

// tracked is how many clients have a bucket.
func (l *clientLimiter) tracked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lru.Len()
}

// clientKey names the client a request counts against: its bearer token
// when the token is one the server accepts, else its remote address (an
// IPv6 address by its /64, which one host usually holds whole).
// X-Forwarded-For is not trusted.
//
// A token the server does not accept does not name a client: keying on
// it would give anyone a fresh bucket per made-up token. An accepted token
// names its subject (a JWT's sub; all holders of the static API token
// share one bucket).
func (s *Server) clientKey(r *http.Request) string {
	if tok, ok := bearerToken(r); ok {
		if p, err := s.verifier.Verify(r.Context(), tok); err == nil {
			return "token:" + p.Subject
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return "addr:" + ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return "addr:" + host
}

func bearerToken(r *http.Request) (string, bool) {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

// rateLimit refuses a client past its rate with 429 RATE_LIMITED and a
// Retry-After in whole seconds. Off (next itself) when RateLimit is 0.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.limiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ok, wait := s.limiter.allow(s.clientKey(r))
		if !ok {
			secs := max(1, int64(math.Ceil(wait.Seconds())))
			w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
			s.metrics.observeGraphQLError(string(graph.CodeRateLimited))
			writeGraphQLError(w, graph.CodeRateLimited, fmt.Sprintf("too many requests; retry in %d s", secs))
			return
		}
		next.ServeHTTP(w, r)
	})
}
