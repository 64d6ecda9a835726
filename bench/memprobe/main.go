// Command memprobe measures what single GraphQL requests cost a running
// actorgraph server in memory, and whether the server keeps answering
// others while many clients send the costliest one. It reads the server's
// own /metrics (Go heap in use, resident memory) while each request runs.
//
//	go run ./bench/memprobe -url http://127.0.0.1:8080 -hub afghanistan -other united-states
//
// Loopback only: it refuses a URL whose host is not a loopback address.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the server (loopback only)")
	hub := flag.String("hub", "afghanistan", "a hub actor's id")
	other := flag.String("other", "united-states", "another hub's id (path searches)")
	clients := flag.Int("clients", 32, "clients sending the costliest request at once")
	duration := flag.Duration("duration", 20*time.Second, "how long the load runs")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil {
		log.Fatal(err)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		log.Fatalf("memprobe runs against loopback only, not %s", u.Host)
	}
	p := &probe{base: strings.TrimRight(*base, "/")}
	queries := requests(*hub, *other)
	fmt.Printf("%-34s %10s %10s %12s %s\n", "request", "ms", "bytes", "heap +MB", "errors")
	worst, worstGrowth := "", -1.0
	for _, q := range queries {
		m := p.measure(q.text)
		fmt.Printf("%-34s %10.0f %10d %12.1f %s\n", q.name, m.ms, m.bytes, m.heapGrowthMB, m.errs)
		if m.heapGrowthMB > worstGrowth {
			worst, worstGrowth = q.name, m.heapGrowthMB
		}
	}
	fmt.Printf("\ncostliest: %s (+%.1f MB heap)\n", worst, worstGrowth)
	for _, q := range queries {
		if q.name == worst {
			p.load(q.text, *clients, *duration)
		}
	}
}

type request struct{ name, text string }

// requests are the candidates for the costliest request within the
// default limits.
func requests(hub, other string) []request {
	rich := `nodes { id name kind title country } edges { id type source target date cameoCode goldstein modality summary evidence { kind quote source } }`
	var ten strings.Builder
	ten.WriteString("{ ")
	for i := range 6 {
		fmt.Fprintf(&ten, `n%d: neighborhood(id: %q, depth: 3) { nodes { id } edges { id source target } } `, i, hub)
	}
	ten.WriteString("}")
	return []request{
		{"neighborhood depth 2 (ids)", fmt.Sprintf(`{ neighborhood(id: %q, depth: 2) { nodes { id } edges { id } } }`, hub)},
		{"neighborhood depth 3 (rich)", fmt.Sprintf(`{ neighborhood(id: %q, depth: 3) { %s } }`, hub, rich)},
		{"6 aliased neighborhoods depth 3", ten.String()},
		{"actors x relationships 100x100", `{ actors(first: 100) { edges { node { id relationships(first: 100) { edges { node { id type date evidence { quote } } } } } } } }`},
		{"hub relationships + total", fmt.Sprintf(`{ relationships(first: 100, filter: {actor: %q}) { totalCount edges { node { id summary evidence { quote } } } } }`, hub)},
		{"all relationships total", `{ relationships(first: 100) { totalCount edges { node { id } } } }`},
		{"kShortestPaths k=100 hops 6", fmt.Sprintf(`{ kShortestPaths(from: %q, to: %q, k: 100, maxHops: 6) { nodes { id } relationships { id } } }`, hub, other)},
		{"paths first 100 hops 6", fmt.Sprintf(`{ paths(from: %q, to: %q, maxHops: 6, first: 100) { edges { node { relationships { id } } } } }`, hub, other)},
		{"allShortestPaths first 100", fmt.Sprintf(`{ allShortestPaths(from: %q, to: %q, first: 100) { nodes { id } relationships { id } } }`, hub, other)},
		{"cheapestPath hops 6", fmt.Sprintf(`{ cheapestPath(from: %q, to: %q, maxHops: 6) { cost relationships { id } } }`, hub, other)},
		{"search one letter", `{ search(text: "a", first: 100) { id name } }`},
	}
}

type probe struct{ base string }

type measurement struct {
	ms           float64
	bytes        int
	heapGrowthMB float64
	errs         string
}

// measure sends one request and samples the server's heap every 5 ms
// while it runs: the growth is the peak over the idle heap before it.
func (p *probe) measure(query string) measurement {
	time.Sleep(time.Second) // let the previous request's garbage go
	idle := p.metric("go_memstats_heap_inuse_bytes")
	var peak atomic.Int64
	peak.Store(int64(idle))
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
				if v := int64(p.metric("go_memstats_heap_inuse_bytes")); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	start := time.Now()
	body, err := p.post(context.Background(), query)
	ms := float64(time.Since(start).Microseconds()) / 1000
	close(done)
	wg.Wait()
	return measurement{ms: ms, bytes: len(body), heapGrowthMB: float64(peak.Load()-int64(idle)) / (1 << 20), errs: errorCodes(body, err)}
}

// load runs clients sending query for d while one more client sends a
// cheap query every 100 ms; it reports the cheap query's latencies and
// failures, and the server's peak heap and resident memory.
func (p *probe) load(query string, clients int, d time.Duration) {
	fmt.Printf("\nload: %d clients sending it for %s, one client asking for one actor every 100 ms\n", clients, d)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var sent, failed, peakHeap, peakRSS atomic.Int64
	var mu sync.Mutex
	codes := map[string]int{}
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				body, err := p.post(ctx, query)
				sent.Add(1)
				if c := errorCodes(body, err); ctx.Err() == nil && c != "" {
					failed.Add(1)
					mu.Lock()
					codes[c]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			h, r := int64(p.metric("go_memstats_heap_inuse_bytes")), int64(p.metric("process_resident_memory_bytes"))
			if h > peakHeap.Load() {
				peakHeap.Store(h)
			}
			if r > peakRSS.Load() {
				peakRSS.Store(r)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	var lat []float64
	cheapFailed := 0
	for ctx.Err() == nil {
		start := time.Now()
		body, err := p.post(context.Background(), `{ actor(id: "vladimir-putin") { id name } }`)
		lat = append(lat, float64(time.Since(start).Microseconds())/1000)
		if errorCodes(body, err) != "" {
			cheapFailed++
		}
		time.Sleep(100 * time.Millisecond)
	}
	wg.Wait()
	slices.Sort(lat)
	q := func(f float64) float64 { return lat[min(len(lat)-1, int(f*float64(len(lat))))] }
	fmt.Printf("costly requests: %d sent, %d answered with errors %v\n", sent.Load(), failed.Load(), codes)
	fmt.Printf("cheap request: %d sent, %d failed, latency ms p50 %.1f p99 %.1f max %.1f\n", len(lat), cheapFailed, q(0.5), q(0.99), lat[len(lat)-1])
	fmt.Printf("server peak: heap in use %.0f MB, resident %.0f MB\n", float64(peakHeap.Load())/(1<<20), float64(peakRSS.Load())/(1<<20))
	if _, err := p.post(context.Background(), `{ __typename }`); err != nil {
		fmt.Println("server after the load: DOWN:", err)
		os.Exit(1)
	}
	fmt.Println("server after the load: up")
}

func (p *probe) post(ctx context.Context, query string) ([]byte, error) {
	b, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.base+"/graphql", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	return io.ReadAll(res.Body)
}

// metric reads one gauge from /metrics (0 when absent).
func (p *probe) metric(name string) float64 {
	res, err := http.Get(p.base + "/metrics")
	if err != nil {
		return 0
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return 0
}

// errorCodes lists the error codes of an answer ("" for none).
func errorCodes(body []byte, err error) string {
	if err != nil {
		return err.Error()
	}
	var r struct {
		Errors []struct {
			Extensions struct{ Code string } `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &r) != nil {
		return "not JSON"
	}
	var codes []string
	for _, e := range r.Errors {
		codes = append(codes, e.Extensions.Code)
	}
	return strings.Join(codes, ",")
}
