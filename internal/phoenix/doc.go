// Package phoenix is the Phoenix/PETRARCH2 actor dictionaries the actor
// resolver matches names against: countries with their names, adjectives
// and cities; about 18,000 named persons with their CAMEO codes over date
// ranges; institutions, international bodies, NGOs and companies; armed
// non-state groups; and the agents file of role words. The four files are
// embedded byte for byte from data/ (see Origin and License: the MIT
// notice must ship with them), so resolution works offline and every
// release resolves the same way.
//
// # Format
//
// An actor file is a series of blocks:
//
//	VLADIMIR_PUTIN_  # CountryInfo.txt      the entry line
//	+PUTIN_                                 a synonym
//		[RUSGOV 991231-080507]             a code valid in a date range
//		[RUSGOV >080508]                   … from that date on
//		[RUSELI]                           … with no range: the default
//
// Names are upper case with words joined by '_' (a trailing '_' means
// "whole word" to the coder; here it only disappears from the display
// form). A code can also sit on the entry line, several to a line
// (JAVIER_DE_CUELLAR_ [IGOUNO 820101-911231] [ELI]). "<D" means until D;
// a bare date, as in [MNEGOV 20121204], means from D on, as PETRARCH reads
// it. Bounds are inclusive. Dates are YYMMDD, years 00–29 being 20xx and
// the others 19xx, or YYYYMMDD. [---] is the explicit "no code" and gives
// no span. '#' starts a comment anywhere; blank lines are skipped; leading
// blanks do not matter (one entry line is tab-indented).
//
// Parsing is strict: every line of the embedded files parses (a test
// checks it), and anything else is a *ParseError naming the file and line
// — an unterminated '[', an impossible or malformed date ([RUS 991399-]),
// a synonym or code line before any entry, text after the codes of a code
// line. The few upstream slips that the real files hold are accepted, each
// by a narrow rule:
//
//   - five mistyped dates (9008223, 2004017, 201005011, 1920030320,
//     1920050709) are read as the dates their neighbours show they mean
//     (see dateFixes); any other date with the wrong number of digits is
//     an error;
//   - one synonym has a stray ']' (+FAEROYENE]_), dropped from the name;
//   - a stray "Source: MNC.MLH.actors" line, a comment that lost its '#',
//     is skipped;
//   - company lines with text after the codes but no '#' (ORTHOFIX_
//     INTERNATIONAL_ [MNCNLD] Antilles	Medical/Dental…) keep that text as
//     the comment;
//   - U+FFFD characters, where the upstream files lost a byte
//     (+COTE_D<U+FFFD>IVOIRE_), are kept as they are.
//
// A reversed range (KAMAL_GANZOURI_ [EGYGOV 20121207-20120802], meant
// for 2011-12-07) is kept as written and holds no date.
//
// Some blocks lost their '+': BORIS_YELTSIN_, then BORIS_N._YELTSIN,
// YELTSIN, … each on an entry line of its own with no code, and the codes
// only below the last (RUSSIAN_PRESIDENT_YELTSIN). Other runs list several
// groups that share one code (MUHAJIRIN_WA-ANSAR_ALLIANCE, SARAYAT_AL-QUDS,
// JUND_AL_AQSA, ABU_ABDUL_'AZIZ_AL-QATARI [SYRREBMUS]). PETRARCH gives such
// an entry no code at all. Here an entry with no [...] of its own whose
// block is directly followed (no blank or comment line between) by another
// entry line shares that entry's spans, and Entry.SpansFrom names the line
// it took them from; the entries stay separate, so distinct names are
// never merged (35 entries of the Countries file, JOHN_J MCCLOY_ in the
// International file). A code-less entry followed by a blank line
// (U.N._) keeps no spans.
//
// # Kinds
//
// Every entry of Phoenix.MilNonState.actors.txt is an ArmedGroup. In
// Phoenix.Countries.actors.txt an entry is a Country when one of its own
// codes is a country or region code (three upper-case letters that are no
// CAMEO role, sector, religion or international code: RUSSIAN_FEDERATION_
// [RUS], ARMENIA_ [ARM >911221], LEIPZIG_ [DDR 491007-901003]) or a
// dependency (a country code and three letters that are no role: GIBRALTAR_
// [GBRGIB], PUERTO_RICO_ [USAPRI]). The remaining entries of the Countries
// and International files are a Person or an Organization, decided in
// this order from what the data shows:
//
//  1. a comment naming a list of rulers (# CountryInfo.txt, # IGOrulers.txt,
//     which generated the person entries) makes a Person;
//  2. a company code (MNC…) makes an Organization, even with dates
//     (ABN_AMRO_ [NLDGOVBUS >081004][MNCNLD]);
//  3. a person's codes are date-ranged or carry ELI (elites): with them,
//     the entry is a Person unless its name holds an organisation word
//     (ARMY, PARTY, COUNCIL, MINISTRY, ASSEMBLY, FRONT, BRIGADE,
//     ADMINISTRATION, … and "SOVIET OF", Arabic JAISH, HARAKAT, …) and no
//     title (PRESIDENT, CHIEF, LEADER, SECRETARY, …):
//     COMMUNIST_PARTY_OF_THE_SOVIET_UNION [SUNGOV 19171109-19911225] is an
//     Organization, MOSCOW_PARTY_CHIEF_BORIS_N._YELTSIN a Person;
//  4. anything else, an undated institutional code, is an Organization
//     (KREMLIN_ [RUSGOV], RUSSIAN_FEDERAL_ASSEMBLY [RUSLEG],
//     THE_UNITED_NATIONS_ [IGOUNO]).
//
// The rules miss persons listed with one undated code and no comment —
// nothing on the line tells ALBIN_KURTI_ [KSVOPP], EDWARD_SNOWDEN [USAOPP]
// or most NGO staff of the International file (GILLIAN_MELLSOP_
// [IGOUNOKID]) from an institution — and they come out as Organization;
// posts (PRESIDENT_OF_THE_UNITED_STATES_ [USAGOV]) are Organization too.
// ISLAMIC_REVOLUTIONARY_COUNCIL_ is a Person: it is on the rulers list.
//
// # Lookups
//
// Load parses the embedded files once. Dictionary.Lookup maps an
// actorgraph.NameKey to the entries having it as name or synonym (a map
// access); Country and CountryByName find country entries by code and by
// name, counting only a country entry's own name and synonyms, not the
// persons and institutions listed after it. Entry.CodesOn gives the codes
// an entry held on a date and Entry.Countries the countries its codes
// name, to narrow ambiguous matches.
package phoenix
