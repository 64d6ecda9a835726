package main

import (
	"context"
	"sync"
	"time"
)

// cell says what one measurement runs.
type cell struct {
	graph    *graphData
	sys      system
	w        workload
	conc     int
	duration time.Duration
	seed     uint64
	eventID  string // writes: tags this cell's relationships
	prefix   string // writes: this cell's relationship id prefix
}

// workerResult is what one closed-loop worker saw.
type workerResult struct {
	latencies []time.Duration
	errors    int
	firstErr  error
	acked     []string // ids of acknowledged writes
}

// runCell runs c.conc closed-loop workers for c.duration: each sends its
// next operation as soon as the previous one answers. Operations still in
// flight at the end are awaited and counted; the window is until the last
// one answers.
func runCell(ctx context.Context, c cell) (summary, []string) {
	results := make([]workerResult, c.conc)
	stopAt := time.Now().Add(c.duration)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range c.conc {
		wg.Go(func() {
			results[i] = work(ctx, c, newGenerator(c.graph, c.seed, i, c.prefix, c.eventID), stopAt)
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var lat []time.Duration
	var acked []string
	errs := 0
	var firstErr string
	for _, r := range results {
		lat = append(lat, r.latencies...)
		acked = append(acked, r.acked...)
		errs += r.errors
		if firstErr == "" && r.firstErr != nil {
			firstErr = r.firstErr.Error()
		}
	}
	s := summarize(lat, errs, elapsed)
	s.firstError = firstErr
	return s, acked
}

// work is one worker's loop.
func work(ctx context.Context, c cell, g *generator, stopAt time.Time) workerResult {
	var r workerResult
	for time.Now().Before(stopAt) && ctx.Err() == nil {
		o := g.next(c.w)
		t0 := time.Now()
		err := c.sys.do(ctx, o)
		took := time.Since(t0)
		if err != nil {
			r.errors++
			if r.firstErr == nil {
				r.firstErr = err
			}
			continue
		}
		r.latencies = append(r.latencies, took)
		if o.kind == wWrite {
			r.acked = append(r.acked, o.relID)
		}
	}
	return r
}
