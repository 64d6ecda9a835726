// Package icews reads ICEWS coded event files as Harvard Dataverse
// publishes them and maps each event to a relationship whose two ends are
// mentions: what the file says about the source and the target (name,
// sectors, country, the CAMEO roles read from them). It is the pure layer
// under an import: lines in, checked records out, no store access. Actor
// resolution (turning a mention into an actor id, From and To) is the
// resolver's job, not this package's; see docs/resolution.md.
//
// A file starts with a header line naming its columns (IsHeader tells an
// ICEWS file from a GDELT one); files are streamed by Reader (plain, zip or
// gzip, see Open), and an event becomes a relationship through Map.
// docs/icews.md documents the layout, the checks and the mapping tables.
package icews
