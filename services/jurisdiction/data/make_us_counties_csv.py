#!/usr/bin/env python3
"""Build us-states-counties.csv from the us-atlas TopoJSON (Census cartographic boundaries).

Usage:
    python3 make_us_counties_csv.py PATH/TO/counties-10m.json OUTPUT.csv

Reads only the ids and names of objects.states and objects.counties (no geometry is decoded),
keeps the 50 states and DC and their counties / county-equivalents (Puerto Rico and the other
territories are dropped), gives county names their usual suffix, assigns an IANA time zone
(state default, overridden per county by COUNTY_ZONE below) and writes the CSV:

    fips,name,type,state,parent_fips,population,time_zone

Standard library only. The output is deterministic for a given input file.
See README.md beside this script for the source, the rules and the known simplifications.
"""

import csv
import hashlib
import json
import sys

HEADER = ["fips", "name", "type", "state", "parent_fips", "population", "time_zone"]

# The only zone names this data set may contain.
ALLOWED_ZONES = frozenset([
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "America/Adak", "Pacific/Honolulu",
    "America/Indiana/Indianapolis", "America/Kentucky/Louisville", "America/Detroit",
    "America/Boise",
])

NY = "America/New_York"
CHI = "America/Chicago"
DEN = "America/Denver"
PHX = "America/Phoenix"
LA = "America/Los_Angeles"

# State FIPS -> (USPS code, IANA zone of most of the state). Exactly the 50 states and DC.
STATES = {
    "01": ("AL", CHI), "02": ("AK", "America/Anchorage"), "04": ("AZ", PHX),
    "05": ("AR", CHI), "06": ("CA", LA), "08": ("CO", DEN), "09": ("CT", NY),
    "10": ("DE", NY), "11": ("DC", NY), "12": ("FL", NY), "13": ("GA", NY),
    "15": ("HI", "Pacific/Honolulu"), "16": ("ID", "America/Boise"), "17": ("IL", CHI),
    "18": ("IN", "America/Indiana/Indianapolis"), "19": ("IA", CHI), "20": ("KS", CHI),
    "21": ("KY", "America/Kentucky/Louisville"), "22": ("LA", CHI), "23": ("ME", NY),
    "24": ("MD", NY), "25": ("MA", NY), "26": ("MI", "America/Detroit"), "27": ("MN", CHI),
    "28": ("MS", CHI), "29": ("MO", CHI), "30": ("MT", DEN), "31": ("NE", CHI),
    "32": ("NV", LA), "33": ("NH", NY), "34": ("NJ", NY), "35": ("NM", DEN),
    "36": ("NY", NY), "37": ("NC", NY), "38": ("ND", CHI), "39": ("OH", NY),
    "40": ("OK", CHI), "41": ("OR", LA), "42": ("PA", NY), "44": ("RI", NY),
    "45": ("SC", NY), "46": ("SD", CHI), "47": ("TN", CHI), "48": ("TX", CHI),
    "49": ("UT", DEN), "50": ("VT", NY), "51": ("VA", NY), "53": ("WA", LA),
    "54": ("WV", NY), "55": ("WI", CHI), "56": ("WY", DEN),
}

# County FIPS -> (atlas name, zone) for counties whose zone differs from their state's default,
# plus a few split counties listed explicitly to record the decision (zone equal to the default).
# Split counties take the zone of their county seat. The name is checked against the atlas so
# that a mistyped code fails the run instead of silently tagging the wrong county.
COUNTY_ZONE = {
    # Alaska: the Aleutians West Census Area on Hawaii-Aleutian time (see README: Unalaska and
    # the Pribilofs in fact keep Alaska time; only the islands west of 169°30'W keep HST).
    "02016": ("Aleutians West", "America/Adak"),

    # Florida: the panhandle west of the Apalachicola River is Central.
    "12005": ("Bay", CHI),
    "12013": ("Calhoun", CHI),
    "12033": ("Escambia", CHI),
    "12059": ("Holmes", CHI),
    "12063": ("Jackson", CHI),
    "12091": ("Okaloosa", CHI),
    "12113": ("Santa Rosa", CHI),
    "12131": ("Walton", CHI),
    "12133": ("Washington", CHI),
    "12045": ("Gulf", NY),  # split: north Central; seat Port St. Joe is Eastern

    # Idaho: the north (Panhandle) is Pacific; the rest is Mountain (America/Boise).
    "16009": ("Benewah", LA),
    "16017": ("Bonner", LA),
    "16021": ("Boundary", LA),
    "16035": ("Clearwater", LA),
    "16049": ("Idaho", LA),  # split at the Salmon River; seat Grangeville is Pacific
    "16055": ("Kootenai", LA),
    "16057": ("Latah", LA),
    "16061": ("Lewis", LA),
    "16069": ("Nez Perce", LA),
    "16079": ("Shoshone", LA),

    # Indiana: six NW (Chicago area) and six SW (Evansville area) counties are Central.
    "18051": ("Gibson", CHI),
    "18073": ("Jasper", CHI),
    "18089": ("Lake", CHI),
    "18091": ("LaPorte", CHI),
    "18111": ("Newton", CHI),
    "18123": ("Perry", CHI),
    "18127": ("Porter", CHI),
    "18129": ("Posey", CHI),
    "18147": ("Spencer", CHI),
    "18149": ("Starke", CHI),
    "18163": ("Vanderburgh", CHI),
    "18173": ("Warrick", CHI),

    # Kansas: four counties on the Colorado line are Mountain.
    "20071": ("Greeley", DEN),
    "20075": ("Hamilton", DEN),
    "20181": ("Sherman", DEN),
    "20199": ("Wallace", DEN),

    # Kentucky: the 41 western counties are Central.
    "21001": ("Adair", CHI),
    "21003": ("Allen", CHI),
    "21007": ("Ballard", CHI),
    "21009": ("Barren", CHI),
    "21027": ("Breckinridge", CHI),
    "21031": ("Butler", CHI),
    "21033": ("Caldwell", CHI),
    "21035": ("Calloway", CHI),
    "21039": ("Carlisle", CHI),
    "21047": ("Christian", CHI),
    "21053": ("Clinton", CHI),
    "21055": ("Crittenden", CHI),
    "21057": ("Cumberland", CHI),
    "21059": ("Daviess", CHI),
    "21061": ("Edmonson", CHI),
    "21075": ("Fulton", CHI),
    "21083": ("Graves", CHI),
    "21085": ("Grayson", CHI),
    "21087": ("Green", CHI),
    "21091": ("Hancock", CHI),
    "21099": ("Hart", CHI),
    "21101": ("Henderson", CHI),
    "21105": ("Hickman", CHI),
    "21107": ("Hopkins", CHI),
    "21139": ("Livingston", CHI),
    "21141": ("Logan", CHI),
    "21143": ("Lyon", CHI),
    "21145": ("McCracken", CHI),
    "21149": ("McLean", CHI),
    "21157": ("Marshall", CHI),
    "21169": ("Metcalfe", CHI),
    "21171": ("Monroe", CHI),
    "21177": ("Muhlenberg", CHI),
    "21183": ("Ohio", CHI),
    "21207": ("Russell", CHI),
    "21213": ("Simpson", CHI),
    "21219": ("Todd", CHI),
    "21221": ("Trigg", CHI),
    "21225": ("Union", CHI),
    "21227": ("Warren", CHI),
    "21233": ("Webster", CHI),

    # Michigan: the four Upper Peninsula counties bordering Wisconsin are Central.
    "26043": ("Dickinson", CHI),
    "26053": ("Gogebic", CHI),
    "26071": ("Iron", CHI),
    "26109": ("Menominee", CHI),

    # Nebraska: the Panhandle and the western Sandhills are Mountain.
    "31005": ("Arthur", DEN),
    "31007": ("Banner", DEN),
    "31013": ("Box Butte", DEN),
    "31029": ("Chase", DEN),
    "31033": ("Cheyenne", DEN),
    "31045": ("Dawes", DEN),
    "31049": ("Deuel", DEN),
    "31057": ("Dundy", DEN),
    "31069": ("Garden", DEN),
    "31075": ("Grant", DEN),
    "31091": ("Hooker", DEN),
    "31101": ("Keith", DEN),
    "31105": ("Kimball", DEN),
    "31123": ("Morrill", DEN),
    "31135": ("Perkins", DEN),
    "31157": ("Scotts Bluff", DEN),
    "31161": ("Sheridan", DEN),
    "31165": ("Sioux", DEN),
    "31031": ("Cherry", CHI),  # split: west Mountain; seat Valentine is Central

    # North Dakota: the southwest is Mountain.
    "38001": ("Adams", DEN),
    "38007": ("Billings", DEN),
    "38011": ("Bowman", DEN),
    "38025": ("Dunn", DEN),  # seat Manning is Mountain
    "38033": ("Golden Valley", DEN),
    "38037": ("Grant", DEN),
    "38041": ("Hettinger", DEN),
    "38087": ("Slope", DEN),
    "38089": ("Stark", DEN),
    "38053": ("McKenzie", CHI),  # split: south Mountain; seat Watford City is Central
    "38085": ("Sioux", CHI),  # keeps Central (made official in part in 2003); seat Fort Yates

    # Oregon: most of Malheur County (seat Vale) is Mountain, on America/Boise as in tzdb.
    "41045": ("Malheur", "America/Boise"),

    # South Dakota: the west river counties are Mountain.
    "46007": ("Bennett", DEN),
    "46019": ("Butte", DEN),
    "46031": ("Corson", DEN),
    "46033": ("Custer", DEN),
    "46041": ("Dewey", DEN),
    "46047": ("Fall River", DEN),
    "46055": ("Haakon", DEN),
    "46063": ("Harding", DEN),
    "46071": ("Jackson", DEN),
    "46081": ("Lawrence", DEN),
    "46093": ("Meade", DEN),
    "46102": ("Oglala Lakota", DEN),
    "46103": ("Pennington", DEN),
    "46105": ("Perkins", DEN),
    "46137": ("Ziebach", DEN),
    "46117": ("Stanley", CHI),  # legally Mountain, but Fort Pierre keeps Central (tzdb: Chicago)

    # Tennessee: East Tennessee is Eastern; the rest of the state is Central.
    "47001": ("Anderson", NY),
    "47009": ("Blount", NY),
    "47011": ("Bradley", NY),
    "47013": ("Campbell", NY),
    "47019": ("Carter", NY),
    "47025": ("Claiborne", NY),
    "47029": ("Cocke", NY),
    "47057": ("Grainger", NY),
    "47059": ("Greene", NY),
    "47063": ("Hamblen", NY),
    "47065": ("Hamilton", NY),
    "47067": ("Hancock", NY),
    "47073": ("Hawkins", NY),
    "47089": ("Jefferson", NY),
    "47091": ("Johnson", NY),
    "47093": ("Knox", NY),
    "47105": ("Loudon", NY),
    "47107": ("McMinn", NY),
    "47121": ("Meigs", NY),
    "47123": ("Monroe", NY),
    "47129": ("Morgan", NY),
    "47139": ("Polk", NY),
    "47143": ("Rhea", NY),
    "47145": ("Roane", NY),
    "47151": ("Scott", NY),
    "47155": ("Sevier", NY),
    "47163": ("Sullivan", NY),
    "47171": ("Unicoi", NY),
    "47173": ("Union", NY),
    "47179": ("Washington", NY),

    # Texas: the two westernmost counties are Mountain.
    "48141": ("El Paso", DEN),
    "48229": ("Hudspeth", DEN),
}

# Alaska county-equivalents: the Census legal/statistical suffix of each (2017 vintage). The
# atlas names carry no suffix, so without this table every one would read "... Borough".
ALASKA_SUFFIX = {
    "02013": "Borough",           # Aleutians East
    "02016": "Census Area",       # Aleutians West
    "02020": "Municipality",      # Anchorage
    "02050": "Census Area",       # Bethel
    "02060": "Borough",           # Bristol Bay
    "02068": "Borough",           # Denali
    "02070": "Census Area",       # Dillingham
    "02090": "Borough",           # Fairbanks North Star
    "02100": "Borough",           # Haines
    "02105": "Census Area",       # Hoonah-Angoon
    "02110": "City and Borough",  # Juneau
    "02122": "Borough",           # Kenai Peninsula
    "02130": "Borough",           # Ketchikan Gateway
    "02150": "Borough",           # Kodiak Island
    "02158": "Census Area",       # Kusilvak
    "02164": "Borough",           # Lake and Peninsula
    "02170": "Borough",           # Matanuska-Susitna
    "02180": "Census Area",       # Nome
    "02185": "Borough",           # North Slope
    "02188": "Borough",           # Northwest Arctic
    "02195": "Borough",           # Petersburg
    "02198": "Census Area",       # Prince of Wales-Hyder
    "02220": "City and Borough",  # Sitka
    "02230": "Municipality",      # Skagway
    "02240": "Census Area",       # Southeast Fairbanks
    "02261": "Census Area",       # Valdez-Cordova
    "02275": "City and Borough",  # Wrangell
    "02282": "City and Borough",  # Yakutat
    "02290": "Census Area",       # Yukon-Koyukuk
}
ALASKA_KNOWN_SUFFIXES = ("City and Borough", "Borough", "Census Area", "Municipality")

# Independent cities outside Virginia (Virginia's are the county codes 51500 and up).
INDEPENDENT_CITIES = frozenset(["24510", "29510", "32510"])


def with_suffix(name, suffix):
    """Append ' suffix' unless the name already ends with it (case-insensitive)."""
    if name.lower().endswith(" " + suffix.lower()) or name.lower() == suffix.lower():
        return name
    return name + " " + suffix


def county_name(fips, atlas_name):
    state = fips[:2]
    if fips == "11001":
        return "District of Columbia"
    if fips in INDEPENDENT_CITIES or (state == "51" and int(fips[2:]) >= 500):
        return with_suffix(atlas_name, "city")
    if state == "22":
        return with_suffix(atlas_name, "Parish")
    if state == "02":
        if any(atlas_name.endswith(" " + s) for s in ALASKA_KNOWN_SUFFIXES):
            return atlas_name
        return with_suffix(atlas_name, ALASKA_SUFFIX.get(fips, "Borough"))
    return with_suffix(atlas_name, "County")


def fail(message):
    sys.exit("make_us_counties_csv: " + message)


def load_objects(path):
    with open(path, "rb") as f:
        raw = f.read()
    topo = json.loads(raw.decode("utf-8"))
    try:
        states = topo["objects"]["states"]["geometries"]
        counties = topo["objects"]["counties"]["geometries"]
    except (KeyError, TypeError):
        fail(path + " has no objects.states / objects.counties geometries")
    return hashlib.sha256(raw).hexdigest(), states, counties


def build_rows(states, counties):
    rows = []
    state_names = {}
    for g in states:
        fips = str(g.get("id", ""))
        if fips not in STATES:
            continue  # territories (60, 66, 69, 72, 78)
        name = g["properties"]["name"]
        usps, zone = STATES[fips]
        state_names[fips] = name
        rows.append([fips, name, "STATE", usps, "", "", zone])
    missing = sorted(set(STATES) - set(state_names))
    if missing:
        fail("states missing from the atlas: " + ", ".join(missing))

    atlas_county_names = {}
    for g in counties:
        fips = str(g.get("id", ""))
        if len(fips) != 5 or not fips.isdigit():
            fail("county id is not 5 digits: %r" % (fips,))
        state = fips[:2]
        if state not in STATES:
            continue
        atlas_name = g["properties"]["name"]
        atlas_county_names[fips] = atlas_name
        usps, zone = STATES[state]
        if fips in COUNTY_ZONE:
            zone = COUNTY_ZONE[fips][1]
        rows.append([fips, county_name(fips, atlas_name), "COUNTY", usps, state, "", zone])

    # Every override must name a real county, with the name we expect.
    for fips, (expected, _zone) in sorted(COUNTY_ZONE.items()):
        actual = atlas_county_names.get(fips)
        if actual != expected:
            fail("COUNTY_ZONE %s is %r in the atlas, expected %r" % (fips, actual, expected))
    for fips in ALASKA_SUFFIX:
        if fips not in atlas_county_names:
            fail("ALASKA_SUFFIX %s is not in the atlas" % fips)
    for fips in INDEPENDENT_CITIES:
        if fips not in atlas_county_names:
            fail("independent city %s is not in the atlas" % fips)

    rows.sort(key=lambda r: (r[0][:2], len(r[0]), r[0]))
    return rows


def validate(rows):
    seen = set()
    state_fips = {r[0] for r in rows if r[2] == "STATE"}
    for r in rows:
        fips, name, kind, usps, parent, population, zone = r
        if fips in seen:
            fail("duplicate FIPS " + fips)
        seen.add(fips)
        if zone not in ALLOWED_ZONES:
            fail("zone %r of %s is not an allowed name" % (zone, fips))
        if not name or name != name.strip():
            fail("bad name for " + fips)
        if population != "":
            fail("population must be empty")
        if kind == "STATE":
            if len(fips) != 2 or parent != "":
                fail("bad state row " + fips)
        elif kind == "COUNTY":
            if len(fips) != 5 or parent != fips[:2]:
                fail("bad county row " + fips)
            if parent not in state_fips:
                fail("county %s has no parent state row" % fips)
            if usps != STATES[parent][0]:
                fail("county %s has state %s" % (fips, usps))
        else:
            fail("bad type " + kind)
    without_counties = state_fips - {r[4] for r in rows if r[2] == "COUNTY"}
    if without_counties:
        fail("states without counties: " + ", ".join(sorted(without_counties)))


def write_csv(rows, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(HEADER)
        writer.writerows(rows)


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: python3 make_us_counties_csv.py PATH/TO/counties-10m.json OUTPUT.csv")
    digest, states, counties = load_objects(argv[1])
    rows = build_rows(states, counties)
    validate(rows)
    write_csv(rows, argv[2])
    n_states = sum(1 for r in rows if r[2] == "STATE")
    n_counties = sum(1 for r in rows if r[2] == "COUNTY")
    zones = {}
    for r in rows:
        if r[2] == "COUNTY":
            zones[r[6]] = zones.get(r[6], 0) + 1
    print("input %s (sha256 %s)" % (argv[1], digest))
    print("states (incl. DC): %d" % n_states)
    print("counties and equivalents: %d" % n_counties)
    print("rows: %d (+ header) -> %s" % (len(rows), argv[2]))
    for zone in sorted(zones):
        print("  %-30s %4d counties" % (zone, zones[zone]))


if __name__ == "__main__":
    main(sys.argv)
