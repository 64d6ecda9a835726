package main

import (
	"math"
	"slices"
	"time"
)

// summary is what one cell (system, workload, concurrency) measured.
type summary struct {
	ops        int           // operations that succeeded
	errors     int           // operations that failed
	elapsed    time.Duration // wall time of the measured window
	p50        time.Duration // latency percentiles of successful operations
	p95        time.Duration
	p99        time.Duration
	firstError string // the first error seen, for the log
}

// throughput is successful operations per second.
func (s summary) throughput() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return float64(s.ops) / s.elapsed.Seconds()
}

// percentile returns the nearest-rank p-th percentile (0 < p <= 100) of
// sorted latencies: the smallest value with at least p% of the values at
// or below it. It returns 0 for an empty slice.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// summarize sorts the latencies in place and fills in the percentiles.
func summarize(latencies []time.Duration, errors int, elapsed time.Duration) summary {
	slices.Sort(latencies)
	return summary{
		ops:     len(latencies),
		errors:  errors,
		elapsed: elapsed,
		p50:     percentile(latencies, 50),
		p95:     percentile(latencies, 95),
		p99:     percentile(latencies, 99),
	}
}

// missingWrites returns the acknowledged ids absent from found, in the
// order they were acknowledged: the writes a read-back did not see.
func missingWrites(acked []string, found []string) []string {
	seen := make(map[string]bool, len(found))
	for _, id := range found {
		seen[id] = true
	}
	var missing []string
	for _, id := range acked {
		if !seen[id] {
			missing = append(missing, id)
		}
	}
	return missing
}
