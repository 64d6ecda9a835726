package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/actorgraph/actorgraph/internal/resolve"
)

// runResolve re-runs actor resolution over the store: it prints the plan
// (what merges into what, and why) before writing anything, then, unless
// -dry-run, carries it out.
func runResolve(ctx context.Context, c options, logger *slog.Logger, stdout io.Writer) error {
	c.NoSeed = true
	store, err := openStore(ctx, c, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	tables, err := resolve.LoadTables()
	if err != nil {
		return err
	}
	plan, err := resolve.Plan(ctx, tables, store)
	if err != nil {
		return err
	}
	resolve.Report(stdout, plan)
	if c.dryRun || len(plan) == 0 {
		if c.dryRun {
			fmt.Fprintln(stdout, "\ndry run: nothing was written")
		}
		return nil
	}
	merged, err := resolve.Apply(ctx, store, plan)
	if err != nil {
		return fmt.Errorf("after merging %d actors: %w (merges are idempotent: run resolve again to finish)", merged, err)
	}
	fmt.Fprintf(stdout, "\nmerged %d actors\n", merged)
	return nil
}
