package gdelt

import "strconv"

// Layout is one of GDELT's event-export layouts, told apart by the number
// of tab-separated fields on a line.
type Layout int

// The layouts. Their values are the field counts.
//
// The 2.0 layout (61 fields) is docs/domain.md's. GDELT 1.0 daily files (from
// 1 April 2013) drop the three ADM2Code geo fields, leaving 58. The 1.0
// historical backfile (1979 – March 2013) is the daily layout without its
// last field, SOURCEURL: 57 fields ending in DATEADDED. Sources: GDELT's
// published header files data/lookups/CSV.header.historical.txt and
// CSV.header.dailyupdates.txt, as described in a public pipeline's notes
// ("57 colonnes (sans SOURCEURL en position 58)") and used by a public
// workshop script that reads the historical header and appends
// "SOURCEURL" to parse 2014 daily files; the GDELT 1.0 codebook says the
// source URL is only present in daily files from April 2013. (One pull
// request, azavea/geowave-geomesa-comparative-analysis#35, calls the 58th
// column the 2013 addition but mislabels it as the date added.) In 1.0
// files DATEADDED is YYYYMMDD; in 2.0 it is YYYYMMDDHHMMSS.
const (
	Layout2        Layout = 61 // GDELT 2.0 event export (*.export.CSV)
	Layout1Daily   Layout = 58 // GDELT 1.0 daily export (YYYYMMDD.export.CSV)
	Layout1History Layout = 57 // GDELT 1.0 historical backfile (no SOURCEURL)
)

// String names the layout for logs and error messages.
func (l Layout) String() string {
	switch l {
	case Layout2:
		return "GDELT 2.0 export"
	case Layout1Daily:
		return "GDELT 1.0 daily export"
	case Layout1History:
		return "GDELT 1.0 historical export"
	}
	return "layout(" + strconv.Itoa(int(l)) + ")"
}

// Valid reports whether l is one of the three layouts.
func (l Layout) Valid() bool { return l == Layout2 || l == Layout1Daily || l == Layout1History }

// HasSourceURL reports whether lines in the layout end with SOURCEURL.
func (l Layout) HasSourceURL() bool { return l != Layout1History }

// field is a column in 2.0 numbering; fieldIndex maps it to a layout's.
type field int

// The 2.0 columns (docs/domain.md numbers them from 0).
const (
	fEventID     field = 0
	fSQLDate     field = 1
	fActor1      field = 5 // first of ten actor fields
	fActor2      field = 15
	fIsRoot      field = 25
	fEventCode   field = 26
	fBaseCode    field = 27
	fRootCode    field = 28
	fQuadClass   field = 29
	fGoldstein   field = 30
	fNumMentions field = 31
	fNumSources  field = 32
	fNumArticles field = 33
	fAvgTone     field = 34
	fActor1Geo   field = 35 // first of eight geo fields
	fActor2Geo   field = 43
	fActionGeo   field = 51
	fDateAdded   field = 59
	fSourceURL   field = 60
)

// Offsets within an actor's ten fields and a geo block's eight.
const (
	aCode = iota
	aName
	aCountry
	aKnownGroup
	aEthnic
	aReligion1
	aReligion2
	aType1
	aType2
	aType3
)

const (
	gType = iota
	gFullName
	gCountry
	gADM1
	gADM2 // absent from 1.0 layouts
	gLat
	gLong
	gFeatureID
)

// fieldNames are the 2.0 column names, for error messages.
var fieldNames = func() [61]string {
	var n [61]string
	copy(n[:], []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"})
	actor := []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
		"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"}
	for i, s := range actor {
		n[int(fActor1)+i] = "Actor1" + s
		n[int(fActor2)+i] = "Actor2" + s
	}
	copy(n[25:], []string{"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
		"QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"})
	geo := []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"}
	for i, s := range geo {
		n[int(fActor1Geo)+i] = "Actor1Geo_" + s
		n[int(fActor2Geo)+i] = "Actor2Geo_" + s
		n[int(fActionGeo)+i] = "ActionGeo_" + s
	}
	n[fDateAdded] = "DATEADDED"
	n[fSourceURL] = "SOURCEURL"
	return n
}()

// index returns f's column in layout l, or -1 when l lacks it.
func (l Layout) index(f field) int {
	switch l {
	case Layout2:
		return int(f)
	case Layout1Daily:
		return int(dailyIndex[f])
	}
	return int(historyIndex[f])
}

// dailyIndex and historyIndex map 2.0 columns to the 1.0 layouts'. Those
// lack the ADM2Code columns (2.0's 39, 47, 55), and the historical one
// also SOURCEURL.
var dailyIndex, historyIndex = func() (daily, history [maxFields]int8) {
	adm2 := []field{fActor1Geo + gADM2, fActor2Geo + gADM2, fActionGeo + gADM2}
	for f := field(0); f < maxFields; f++ {
		dropped := 0
		daily[f] = -1
		for _, a := range adm2 {
			if f > a {
				dropped++
			}
		}
		if f != adm2[0] && f != adm2[1] && f != adm2[2] {
			daily[f] = int8(int(f) - dropped)
		}
		history[f] = daily[f]
	}
	history[fSourceURL] = -1
	return daily, history
}()
