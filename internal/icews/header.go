package icews

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// column is one of the columns the package reads.
type column int

// The columns, in the order Dataverse's files have them.
const (
	colEventID column = iota
	colEventDate
	colSourceName
	colSourceSectors
	colSourceCountry
	colEventText
	colCAMEOCode
	colIntensity
	colTargetName
	colTargetSectors
	colTargetCountry
	colStoryID
	colSentenceNumber
	colPublisher
	colCity
	colDistrict
	colProvince
	colCountry
	colLatitude
	colLongitude
	numColumns
)

// columnNames are the header names, matched exactly (case and spaces).
var columnNames = [numColumns]string{
	"Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
	"Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
	"Target Country", "Story ID", "Sentence Number", "Publisher", "City",
	"District", "Province", "Country", "Latitude", "Longitude",
}

// required are the columns a header must have; a missing optional column
// reads as empty in every row.
var required = []column{
	colEventID, colEventDate, colSourceName, colSourceCountry,
	colCAMEOCode, colIntensity, colTargetName, colTargetCountry,
}

func (c column) String() string { return columnNames[c] }

// header maps each known column to its index in a file's rows (-1 when the
// file lacks it) and counts the fields every row must have.
type header struct {
	index  [numColumns]int
	fields int
}

var bom = []byte("\xef\xbb\xbf")

// IsHeader reports whether line (an optional UTF-8 BOM, then the fields,
// then an optional line break) is an ICEWS header with every required
// column. A GDELT file, which has no header, gives false.
func IsHeader(line []byte) bool {
	_, err := parseHeader(line)
	return err == nil
}

// parseHeader reads a header line. The error is a *LineError wrapping
// ErrHeader that lists the missing columns.
func parseHeader(line []byte) (*header, error) {
	s := trimEOL(string(bytes.TrimPrefix(line, bom)))
	names := strings.Split(s, "\t")
	h := &header{fields: len(names)}
	for c := range h.index {
		h.index[c] = -1
	}
	for i, name := range names {
		for c, want := range columnNames {
			if name != want {
				continue
			}
			if h.index[c] >= 0 {
				return nil, headerError("column %q appears twice", name)
			}
			h.index[c] = i
		}
	}
	var missing []string
	for _, c := range required {
		if h.index[c] < 0 {
			missing = append(missing, strconv.Quote(c.String()))
		}
	}
	switch {
	case len(missing) == len(required):
		return nil, headerError("the first line is not an ICEWS header: it has none of the required columns %s", strings.Join(missing, ", "))
	case len(missing) > 0:
		return nil, headerError("the header lacks the required column(s) %s", strings.Join(missing, ", "))
	}
	return h, nil
}

func headerError(format string, args ...any) *LineError {
	return &LineError{Reason: fmt.Sprintf(format, args...), Err: ErrHeader}
}

func trimEOL(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r")
}
