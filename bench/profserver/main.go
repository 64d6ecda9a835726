// Command profserver is the actorgraph server plus a net/http/pprof
// listener, for profiling under load: `go run ./bench/load -pprof DIR`
// builds it instead of the real binary and saves a CPU profile per cell.
// Everything else is the real server (internal/cli, the same flags and
// environment); BENCH_PPROF_ADDR (e.g. 127.0.0.1:6060) is where pprof
// listens, on its own port, so the API's routes are untouched.
package main

import (
	"context"
	"fmt"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof on http.DefaultServeMux
	"os"
	"os/signal"
	"syscall"

	"github.com/actorgraph/actorgraph/internal/cli"
)

func main() {
	if addr := os.Getenv("BENCH_PPROF_ADDR"); addr != "" {
		go func() {
			if err := http.ListenAndServe(addr, nil); err != nil {
				fmt.Fprintln(os.Stderr, "profserver: pprof:", err)
			}
		}()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cli.Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "actorgraph:", err)
		os.Exit(1)
	}
}
