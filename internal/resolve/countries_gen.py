#!/usr/bin/env python3
"""Generate countries.tsv: CAMEO country and region codes -> stable slug ids.

The list of codes comes from the Phoenix/PETRARCH2 actor dictionaries
(/work/shared/data/phoenix, see ORIGIN.md there); the ids, display names and
kinds are written by hand below. Rerunning this script reproduces
countries.tsv byte for byte.

Which codes are listed:

* country codes: every code of exactly three letters that an entry of
  Phoenix.Countries.actors.txt carries as its own code, inline
  (`TURKEY_  [TUR]`) or on an indented date line (`UKRAINE_` ... `[UKR >911221]`);
* region codes: every CAMEO region code (REGIONS below) that appears in the
  Phoenix dictionaries, whether as an entry's whole code (`[WEU]`) or as the
  region part of a longer code (`[IGOEUREEC]`, `[NGOAFRDEV]`, `[MEAREB]`);
* EXTRA: a few codes Phoenix uses only inside longer codes or not at all but
  that the project needs (each with the reason it is listed).

It fails (exit status 1) if a listed code has no hand-written entry, if two
codes share an id, if an id is not a well-formed slug, or if an EXTRA code's
stated source no longer holds.

Usage (Python 3, standard library only):
    python3 internal/resolve/countries_gen.py            # write countries.tsv
    python3 internal/resolve/countries_gen.py --check    # exit 1 if it differs
    python3 internal/resolve/countries_gen.py --phoenix DIR --out FILE
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PHOENIX = "/work/shared/data/phoenix"
DEFAULT_OUT = os.path.join(HERE, "countries.tsv")
SCRIPT_NAME = "internal/resolve/countries_gen.py"

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
ALL_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
)

# code -> (id, display name). Common English short names, as Wikipedia titles
# the country, except where the project's curated dataset already fixed the
# id (turkiye, holy-see) or the project prefers the short form (czechia).
COUNTRIES = {
    "ABW": ("aruba", "Aruba"),
    "AFG": ("afghanistan", "Afghanistan"),
    "AGO": ("angola", "Angola"),
    "AIA": ("anguilla", "Anguilla"),
    "ALB": ("albania", "Albania"),
    "AND": ("andorra", "Andorra"),
    "ARE": ("united-arab-emirates", "United Arab Emirates"),
    "ARG": ("argentina", "Argentina"),
    "ARM": ("armenia", "Armenia"),
    "ATG": ("antigua-and-barbuda", "Antigua and Barbuda"),
    "AUS": ("australia", "Australia"),
    "AUT": ("austria", "Austria"),
    "AZE": ("azerbaijan", "Azerbaijan"),
    "BDI": ("burundi", "Burundi"),
    "BEL": ("belgium", "Belgium"),
    "BEN": ("benin", "Benin"),
    "BFA": ("burkina-faso", "Burkina Faso"),
    "BGD": ("bangladesh", "Bangladesh"),
    "BGR": ("bulgaria", "Bulgaria"),
    "BHR": ("bahrain", "Bahrain"),
    "BHS": ("bahamas", "The Bahamas"),
    "BIH": ("bosnia-and-herzegovina", "Bosnia and Herzegovina"),
    "BLR": ("belarus", "Belarus"),
    "BLZ": ("belize", "Belize"),
    "BMU": ("bermuda", "Bermuda"),
    "BOL": ("bolivia", "Bolivia"),
    "BRA": ("brazil", "Brazil"),
    "BRB": ("barbados", "Barbados"),
    "BRN": ("brunei", "Brunei"),
    "BTN": ("bhutan", "Bhutan"),
    "BWA": ("botswana", "Botswana"),
    "CAF": ("central-african-republic", "Central African Republic"),
    "CAN": ("canada", "Canada"),
    "CHE": ("switzerland", "Switzerland"),
    "CHL": ("chile", "Chile"),
    "CHN": ("china", "China"),
    "CIV": ("ivory-coast", "Ivory Coast"),
    "CMR": ("cameroon", "Cameroon"),
    "COD": ("democratic-republic-of-the-congo", "Democratic Republic of the Congo"),
    "COG": ("republic-of-the-congo", "Republic of the Congo"),
    "COK": ("cook-islands", "Cook Islands"),
    "COL": ("colombia", "Colombia"),
    "COM": ("comoros", "Comoros"),
    "CPV": ("cape-verde", "Cape Verde"),
    "CRI": ("costa-rica", "Costa Rica"),
    "CUB": ("cuba", "Cuba"),
    "CYM": ("cayman-islands", "Cayman Islands"),
    "CYP": ("cyprus", "Cyprus"),
    "CZE": ("czechia", "Czechia"),
    "DEU": ("germany", "Germany"),
    "DJI": ("djibouti", "Djibouti"),
    "DMA": ("dominica", "Dominica"),
    "DNK": ("denmark", "Denmark"),
    "DOM": ("dominican-republic", "Dominican Republic"),
    "DZA": ("algeria", "Algeria"),
    "ECU": ("ecuador", "Ecuador"),
    "EGY": ("egypt", "Egypt"),
    "ERI": ("eritrea", "Eritrea"),
    "ESP": ("spain", "Spain"),
    "EST": ("estonia", "Estonia"),
    "ETH": ("ethiopia", "Ethiopia"),
    "FIN": ("finland", "Finland"),
    "FJI": ("fiji", "Fiji"),
    "FRA": ("france", "France"),
    "FSM": ("federated-states-of-micronesia", "Federated States of Micronesia"),
    "GAB": ("gabon", "Gabon"),
    "GBR": ("united-kingdom", "United Kingdom"),
    "GEO": ("georgia", "Georgia"),
    "GGY": ("guernsey", "Guernsey"),
    "GHA": ("ghana", "Ghana"),
    "GIN": ("guinea", "Guinea"),
    "GMB": ("gambia", "The Gambia"),
    "GNB": ("guinea-bissau", "Guinea-Bissau"),
    "GNQ": ("equatorial-guinea", "Equatorial Guinea"),
    "GRC": ("greece", "Greece"),
    "GRD": ("grenada", "Grenada"),
    "GTM": ("guatemala", "Guatemala"),
    "GUY": ("guyana", "Guyana"),
    "HKG": ("hong-kong", "Hong Kong"),
    "HND": ("honduras", "Honduras"),
    "HRV": ("croatia", "Croatia"),
    "HTI": ("haiti", "Haiti"),
    "HUN": ("hungary", "Hungary"),
    "IDN": ("indonesia", "Indonesia"),
    "IND": ("india", "India"),
    "IRL": ("ireland", "Ireland"),
    "IRN": ("iran", "Iran"),
    "IRQ": ("iraq", "Iraq"),
    "ISL": ("iceland", "Iceland"),
    "ISR": ("israel", "Israel"),
    "ITA": ("italy", "Italy"),
    "JAM": ("jamaica", "Jamaica"),
    "JOR": ("jordan", "Jordan"),
    "JPN": ("japan", "Japan"),
    "KAZ": ("kazakhstan", "Kazakhstan"),
    "KEN": ("kenya", "Kenya"),
    "KGZ": ("kyrgyzstan", "Kyrgyzstan"),
    "KHM": ("cambodia", "Cambodia"),
    "KIR": ("kiribati", "Kiribati"),
    "KNA": ("saint-kitts-and-nevis", "Saint Kitts and Nevis"),
    # Fictional: the Sultanate of Kinakuta from Neal Stephenson's
    # Cryptonomicon, kept in CountryInfo.txt / Phoenix as a test entry.
    "KNT": ("kinakuta", "Kinakuta"),
    "KOR": ("south-korea", "South Korea"),
    # Not ISO 3166: Phoenix notes "using World Bank code-No ISO".
    "KSV": ("kosovo", "Kosovo"),
    "KWT": ("kuwait", "Kuwait"),
    "LAO": ("laos", "Laos"),
    "LBN": ("lebanon", "Lebanon"),
    "LBR": ("liberia", "Liberia"),
    "LBY": ("libya", "Libya"),
    "LCA": ("saint-lucia", "Saint Lucia"),
    "LIE": ("liechtenstein", "Liechtenstein"),
    "LKA": ("sri-lanka", "Sri Lanka"),
    "LSO": ("lesotho", "Lesotho"),
    "LTU": ("lithuania", "Lithuania"),
    "LUX": ("luxembourg", "Luxembourg"),
    "LVA": ("latvia", "Latvia"),
    "MAR": ("morocco", "Morocco"),
    "MCO": ("monaco", "Monaco"),
    "MDA": ("moldova", "Moldova"),
    "MDG": ("madagascar", "Madagascar"),
    "MDV": ("maldives", "Maldives"),
    "MEX": ("mexico", "Mexico"),
    "MHL": ("marshall-islands", "Marshall Islands"),
    "MKD": ("north-macedonia", "North Macedonia"),
    "MLI": ("mali", "Mali"),
    "MLT": ("malta", "Malta"),
    "MMR": ("myanmar", "Myanmar"),
    "MNE": ("montenegro", "Montenegro"),
    "MNG": ("mongolia", "Mongolia"),
    "MOZ": ("mozambique", "Mozambique"),
    "MRT": ("mauritania", "Mauritania"),
    "MUS": ("mauritius", "Mauritius"),
    "MWI": ("malawi", "Malawi"),
    "MYS": ("malaysia", "Malaysia"),
    "NAM": ("namibia", "Namibia"),
    "NER": ("niger", "Niger"),
    "NGA": ("nigeria", "Nigeria"),
    "NIC": ("nicaragua", "Nicaragua"),
    "NLD": ("netherlands", "Netherlands"),
    "NOR": ("norway", "Norway"),
    "NPL": ("nepal", "Nepal"),
    "NRU": ("nauru", "Nauru"),
    "NZL": ("new-zealand", "New Zealand"),
    "OMN": ("oman", "Oman"),
    "PAK": ("pakistan", "Pakistan"),
    "PAN": ("panama", "Panama"),
    "PER": ("peru", "Peru"),
    "PHL": ("philippines", "Philippines"),
    "PLW": ("palau", "Palau"),
    "PNG": ("papua-new-guinea", "Papua New Guinea"),
    "POL": ("poland", "Poland"),
    "PRK": ("north-korea", "North Korea"),
    "PRT": ("portugal", "Portugal"),
    "PRY": ("paraguay", "Paraguay"),
    "PSE": ("palestine", "Palestine"),
    "QAT": ("qatar", "Qatar"),
    "ROU": ("romania", "Romania"),
    "RUS": ("russia", "Russia"),
    "RWA": ("rwanda", "Rwanda"),
    "SAU": ("saudi-arabia", "Saudi Arabia"),
    "SDN": ("sudan", "Sudan"),
    "SEN": ("senegal", "Senegal"),
    "SGP": ("singapore", "Singapore"),
    "SLB": ("solomon-islands", "Solomon Islands"),
    "SLE": ("sierra-leone", "Sierra Leone"),
    "SLV": ("el-salvador", "El Salvador"),
    "SMR": ("san-marino", "San Marino"),
    "SOM": ("somalia", "Somalia"),
    "SRB": ("serbia", "Serbia"),
    "SSD": ("south-sudan", "South Sudan"),
    "STP": ("sao-tome-and-principe", "São Tomé and Príncipe"),
    "SUR": ("suriname", "Suriname"),
    "SVK": ("slovakia", "Slovakia"),
    "SVN": ("slovenia", "Slovenia"),
    "SWE": ("sweden", "Sweden"),
    "SWZ": ("eswatini", "Eswatini"),
    "SYC": ("seychelles", "Seychelles"),
    "SYR": ("syria", "Syria"),
    "TCD": ("chad", "Chad"),
    "TGO": ("togo", "Togo"),
    "THA": ("thailand", "Thailand"),
    "TJK": ("tajikistan", "Tajikistan"),
    "TKM": ("turkmenistan", "Turkmenistan"),
    # TMP is the withdrawn ISO code for East Timor (now TLS); Phoenix keeps it.
    "TMP": ("east-timor", "East Timor"),
    "TON": ("tonga", "Tonga"),
    "TTO": ("trinidad-and-tobago", "Trinidad and Tobago"),
    "TUN": ("tunisia", "Tunisia"),
    "TUR": ("turkiye", "Türkiye"),
    "TUV": ("tuvalu", "Tuvalu"),
    "TWN": ("taiwan", "Taiwan"),
    "TZA": ("tanzania", "Tanzania"),
    "UGA": ("uganda", "Uganda"),
    "UKR": ("ukraine", "Ukraine"),
    "URY": ("uruguay", "Uruguay"),
    "USA": ("united-states", "United States"),
    "UZB": ("uzbekistan", "Uzbekistan"),
    "VAT": ("holy-see", "Holy See"),
    "VCT": ("saint-vincent-and-the-grenadines", "Saint Vincent and the Grenadines"),
    "VEN": ("venezuela", "Venezuela"),
    "VNM": ("vietnam", "Vietnam"),
    "VUT": ("vanuatu", "Vanuatu"),
    "WSM": ("samoa", "Samoa"),
    "YEM": ("yemen", "Yemen"),
    "ZAF": ("south-africa", "South Africa"),
    "ZMB": ("zambia", "Zambia"),
    "ZWE": ("zimbabwe", "Zimbabwe"),
}

# Dissolved states. Phoenix gives SUN, DDR, CSK and SCG their own entries;
# YUG appears only as the prefix of republics' pre-independence codes.
HISTORICAL = {
    "CSK": ("czechoslovakia", "Czechoslovakia"),
    "DDR": ("east-germany", "East Germany"),
    "SCG": ("serbia-and-montenegro", "Serbia and Montenegro"),
    "SUN": ("soviet-union", "Soviet Union"),
    "YUG": ("yugoslavia", "Yugoslavia"),
}

# CAMEO region codes (CAMEO manual's regional codes, plus WEU, which Phoenix
# uses for Western Europe). Only those found in the Phoenix files are written.
REGIONS = {
    "AFR": ("africa", "Africa"),
    "ASA": ("asia", "Asia"),
    "BLK": ("balkans", "Balkans"),
    "CAS": ("central-asia", "Central Asia"),
    "CAU": ("caucasus", "Caucasus"),
    "CEU": ("central-europe", "Central Europe"),
    "CFR": ("central-africa", "Central Africa"),
    "CRB": ("caribbean", "Caribbean"),
    "EAF": ("east-africa", "East Africa"),
    "EEU": ("eastern-europe", "Eastern Europe"),
    "EIN": ("east-indies", "East Indies"),
    "EUR": ("europe", "Europe"),
    "LAM": ("latin-america", "Latin America"),
    "MDT": ("mediterranean", "Mediterranean"),
    "MEA": ("middle-east", "Middle East"),
    "NAF": ("north-africa", "North Africa"),
    "NMR": ("north-america", "North America"),
    "PGS": ("persian-gulf", "Persian Gulf"),
    "SAF": ("southern-africa", "Southern Africa"),
    "SAM": ("south-america", "South America"),
    "SAS": ("south-asia", "South Asia"),
    "SCN": ("scandinavia", "Scandinavia"),
    "SEA": ("southeast-asia", "Southeast Asia"),
    "WAF": ("west-africa", "West Africa"),
    "WEU": ("western-europe", "Western Europe"),
    "WST": ("western-world", "The West"),
}

# Codes listed although no Phoenix entry carries them as its own code.
# kind "prefix": the code must occur as the first three letters of some code
# in Phoenix.Countries.actors.txt; kind "domain": taken from the project's
# docs/domain.md (the story's actors), not checked here.
EXTRA = {
    "YUG": ("prefix", "Phoenix codes YUGBIH, YUGHRV, YUGMKD, YUGMNE, YUGSRB, YUGSVN, YUGKSV"),
    "VAT": ("domain", "docs/domain.md lists VAT among the story's CAMEO country codes; Phoenix has no Holy See entry"),
}

# Leading role/sector codes after which the next three letters are a
# country or region slot (IGOEUREEC, NGOAFRDEV, MNCEURMED, IMGSEAMUS).
GROUP_PREFIXES = ("IGO", "NGO", "MNC", "IMG")

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE = re.compile(r"\[\s*~?([A-Z]+)(?:\s[^\]]*)?\]")


def die(msg):
    sys.stderr.write("countries_gen: " + msg + "\n")
    sys.exit(1)


def read_codes(path):
    """Yield every bracketed code of a Phoenix dictionary, comments removed."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            body = line.split("#", 1)[0]
            for m in CODE.finditer(body):
                yield m.group(1)


def collect(phoenix_dir):
    countries_path = os.path.join(phoenix_dir, COUNTRIES_FILE)
    if not os.path.isfile(countries_path):
        die("missing " + countries_path)
    own = set()
    prefixes = set()
    for code in read_codes(countries_path):
        if len(code) == 3:
            own.add(code)
        prefixes.add(code[:3])

    regions = set()
    for name in ALL_FILES:
        path = os.path.join(phoenix_dir, name)
        if not os.path.isfile(path):
            die("missing " + path)
        for code in read_codes(path):
            slots = [code[:3]]
            if code[:3] in GROUP_PREFIXES:
                slots.append(code[3:6])
            for s in slots:
                if s in REGIONS:
                    regions.add(s)
    return own, prefixes, regions


def build(phoenix_dir):
    own, prefixes, regions = collect(phoenix_dir)

    for code, (how, why) in EXTRA.items():
        if how == "prefix" and code not in prefixes:
            die("EXTRA %s: no Phoenix code starts with %s any more (%s)" % (code, code, why))

    rows = []
    missing = []
    for code in sorted(own | set(EXTRA)):
        if code in HISTORICAL:
            ident, name = HISTORICAL[code]
            kind = "historical"
        elif code in COUNTRIES:
            ident, name = COUNTRIES[code]
            kind = "country"
        elif code in REGIONS:
            ident, name = REGIONS[code]
            kind = "region"
        else:
            missing.append(code)
            continue
        rows.append((code, ident, name, kind))
    for code in sorted(regions - own):
        ident, name = REGIONS[code]
        rows.append((code, ident, name, "region"))
    if missing:
        die("Phoenix codes without a hand-written name: " + " ".join(missing))

    # Hand-written entries that Phoenix no longer uses are a sign of drift.
    listed = {r[0] for r in rows}
    stale = sorted((set(COUNTRIES) | set(HISTORICAL)) - listed)
    if stale:
        die("hand-written codes not found in Phoenix (remove or add to EXTRA): " + " ".join(stale))

    rows.sort()
    seen = {}
    for code, ident, name, kind in rows:
        if not SLUG.match(ident):
            die("%s: id %r is not a slug" % (code, ident))
        if ident in seen:
            die("id %r used by both %s and %s" % (ident, seen[ident], code))
        seen[ident] = code
        for field in (ident, name, kind):
            if "\t" in field or "\n" in field:
                die("%s: field contains a tab or newline" % code)
    return rows


HEADER = """\
# CAMEO country and region codes -> stable actor ids (slugs) for the resolver.
# Generated by {script} from the Phoenix/PETRARCH2 actor dictionaries
# (openeventdata/petrarch2, copied in /work/shared/data/phoenix; MIT licence,
# Copyright (c) 2014 Open Event Data Alliance) plus hand-written names.
# Do not edit by hand: change the script and run `python3 {script}`.
# Codes: each 3-letter code a Phoenix country entry carries as its own code,
# each CAMEO region code used in the Phoenix dictionaries, and YUG (Phoenix
# uses it only as a prefix) and VAT (not in Phoenix; from docs/domain.md).
# kind: country (incl. dependent territories), region, or historical
# (dissolved state). Sorted by code; tab-separated; UTF-8.
"""


def render(rows):
    out = [HEADER.format(script=SCRIPT_NAME), "code\tid\tname\tkind\n"]
    for row in rows:
        out.append("\t".join(row) + "\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--phoenix", default=DEFAULT_PHOENIX, help="folder holding the Phoenix dictionaries")
    ap.add_argument("--out", default=DEFAULT_OUT, help="file to write (default: countries.tsv beside this script)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if --out differs from the generated table")
    args = ap.parse_args()

    text = render(build(args.phoenix))
    if args.check:
        try:
            with open(args.out, encoding="utf-8", newline="") as f:
                current = f.read()
        except OSError as e:
            die("cannot read %s: %s" % (args.out, e))
        if current != text:
            die("%s is out of date; run python3 %s" % (args.out, SCRIPT_NAME))
        return
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
