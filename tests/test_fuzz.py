"""A seeded sweep of every public page and every parameter: no request, however odd, gets a 5xx, and every
answer is in the language that was asked for.

The pages come from the URL resolver and the parameters from every list's FilterSet and every form of the
views, so a page or a filter added later is swept without editing this file. Hypothesis runs derandomized
(its seed is derived from each test), so a failure reproduces on the next run; FUZZ_EXAMPLES=N sweeps
deeper locally. The number of requests made is printed at the end of the run.
"""

import datetime
import importlib
import os
import re
from urllib.parse import quote, urlencode

import pytest
from django import forms
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from organs.models import Organ
from osce_kb.api import router
from osce_kb.filters import RecordField
from osce_kb.models import Source
from tests.factories import make_event, make_organ, make_person, make_post, make_source, make_state, make_tenure
from tests.public_urls import KNOWLEDGE_BASE_APPS, public_patterns, record_parameters
from timeline.models import Event

D = datetime.date
LANGUAGES = ["kk", "ru", "en"]
HTML_LANG = re.compile(r'<html lang="([^"]*)"')

# Values at and beyond the edges, by kind: the date bounds and the limits of Python's and the databases'
# calendars; the year bounds and integers too large for any column; what is not a value at all.
DATE_EDGES = [
    "1900-01-01",
    "2100-12-31",
    "1899-12-31",
    "2101-01-01",
    "0001-01-01",
    "9999-12-31",
    "2010-02-30",
    "10000-01-01",
]
NUMBER_EDGES = ["1900", "2100", "1899", "2101", "0", "-1", "-2147483649", "9223372036854775808", "9" * 50, "1e400"]
GARBAGE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "Қ" * 5_000,
    "😀🇰🇿",
    "' OR 1=1 --",
    "%",
    "%00",
    "../../etc/passwd",
    "\u202egnp.exe",
    "\ufeff",
    "null",
    "NaN",
    "[]",
    "+2010-01-01",
    "2010-1-1",
    "２０１０",
]
EDGES = DATE_EDGES + NUMBER_EDGES + GARBAGE
# Garbage tried on every parameter in turn, with the edges of the parameter's kind, rather than left to chance.
GARBAGE_SAMPLE = ["\x00", "x" * 10_000, "😀Қ", "-1", "9" * 50, ""]
# Examples per page with path parameters; twice as many per list or form page.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
SWEEP_SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    # The world is built once for the module and no request writes to it, so examples may share it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """A small knowledge base: one record of each kind, published and draft, dated at the bounds and at every
    precision. Built once for the module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        kz = make_state(code="KZ", joined_date=D(1992, 1, 30), joined_precision="day")
        make_state(
            code="CS", joined_date=D(1973, 1, 1), joined_precision="year", left_date=D(1993, 1, 1), left_precision="day"
        )
        sources = [make_source(slug=f"source-{kind}", kind=kind) for kind in Source.Kind.values]
        sources[0].published_date, sources[0].published_precision = D(2100, 12, 1), "month"
        sources[0].save()
        root = make_organ(slug="osce", kind=Organ.Kind.OTHER, start_date=D(1900, 1, 1))
        organs = [
            make_organ(slug=f"organ-{kind}", kind=kind, parent=root, host_state=kz, region="central_asia")
            for kind in Organ.Kind.values
        ]
        make_organ(slug="closed", parent=organs[0], end_date=D(2100, 12, 31), end_precision="day")
        make_organ(slug="draft-organ", parent=root, is_published=False)
        people = [make_person(slug="person", nationality=kz), make_person(slug="draft-person", is_published=False)]
        post = make_post(slug="head", organ=organs[0])
        make_tenure(person=people[0], post=post, start=(1900, 1, 1), end=(1999, 12, 1), end_precision="month")
        make_tenure(person=people[0], post=post, start=(2000, 1, 1), start_precision="year", is_current=True)
        make_tenure(person=people[1], post=make_post(organ=organs[1]), start=(2010, 6, 1), start_precision="month")
        for index, kind in enumerate(Event.Kind.values):
            event = make_event(slug=f"event-{kind}", kind=kind, start=(1990 + index, 1, 1), start_precision="year")
            event.organs.add(organs[index])
            event.people.add(people[0])
            event.states.add(kz)
            event.sources.add(sources[index])
        make_event(slug="last-day", start=(2100, 12, 31), kind=Event.Kind.KAZAKHSTAN_RELATIONS)
        make_event(slug="first-day", start=(1900, 1, 1), end=(2100, 12, 31), end_precision="day")
        make_event(slug="draft-event", is_published=False)
        yield
        transaction.set_rollback(True)


def form_classes():
    """Every form the public views read from the query string (search, as-of), found in the views modules."""
    found = []
    for app in KNOWLEDGE_BASE_APPS:
        module = importlib.import_module(f"{app}.views")
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, forms.Form) and value.__module__ == module.__name__
        ]
    return found


def valid_values(field):
    """Values a reader could pick or type for a form field: its choices, days, years, words; for a field naming a
    record, the slugs the site's links carry and names a reader types (one, several or no records)."""
    if isinstance(field, RecordField) or field.widget.is_hidden:
        slugs = ["person", "osce", "organ-institution", "head", "source-essay", "event-osce_history", "KZ"]
        return [*slugs, "Person", "Body 1", "Тұлға", "nobody at all"]
    if isinstance(field, forms.ChoiceField):
        return [str(value) for value, _label in field.choices]
    if isinstance(field, forms.DateField):
        return ["1992-01-30", "2010-06-01", "2010-12-01", "1900-01-01", "2100-12-31"]
    if isinstance(field, forms.IntegerField):
        return ["1900", "1975", "1992", "2010", "2100"]
    return ["Astana", "Астана", "Қазақстан", "osce", "Body 1", "2010"]


def edge_values(field):
    """Values at and beyond the edges of what the field's kind accepts (for text, garbage will do)."""
    if isinstance(field, forms.DateField):
        return DATE_EDGES
    if isinstance(field, forms.IntegerField):
        return NUMBER_EDGES
    return []


@pytest.fixture(scope="module")
def sweep(world, django_db_blocker):
    """What the sweep draws from: every public URL pattern, the values of its path parameters, and the valid
    values of every query parameter (of its own FilterSet, and of every form and FilterSet of the site)."""
    with django_db_blocker.unblock():
        return collect_sweep()


def collect_sweep():
    patterns = public_patterns()
    parameters = {}  # name -> (valid values, edge values), over every filter and form
    own = {}  # URL name -> its FilterSet's parameter names
    for pattern in patterns:
        if filterset_class := pattern.filterset_class:
            fields = filterset_class(None).form.fields
            own[pattern.name] = sorted(fields)
            for name, field in fields.items():
                learn(parameters, name, field)
    # Forms of function views (search, as-of) and what every page may be given: a page number, a list's cursor,
    # a preview, a download.
    general = {
        "page": forms.IntegerField(),
        "cursor": forms.CharField(),
        "preview": forms.CharField(),
        # A list as CSV; a record's reference as a file.
        "format": forms.CharField(),
        "cite": forms.CharField(),
    }
    for form_class in form_classes():
        general |= form_class.base_fields
    for name, field in general.items():
        learn(parameters, name, field)
    parameters["page"][0].update(["1", "2", "last"])
    parameters["preview"][0].add("1")
    parameters["format"][0].update(["csv", "json"])
    parameters["cite"][0].update(["bibtex", "ris", "csl"])
    return {
        "patterns": {pattern.name: pattern for pattern in patterns},
        "records": record_parameters(),
        "parameters": {name: (sorted(valid), sorted(edges)) for name, (valid, edges) in sorted(parameters.items())},
        "own": own,
        "general": sorted(general),
    }


def learn(parameters, name, field):
    valid, edges = parameters.setdefault(name, (set(), set()))
    valid.update(valid_values(field))
    edges.update(edge_values(field))


def fetch(client, fuzz_requests, lang, path, query=""):
    """GET one address; it must not fail, and must answer in `lang`."""
    address = f"{path}?{query}" if query else path
    response = client.get(address)
    fuzz_requests[lang] += 1
    shown = address if len(address) < 300 else f"{address[:300]}… ({len(address)} characters)"
    assert response.status_code < 500, shown
    assert response["Content-Language"] == lang, shown
    if response.get("Content-Type", "").startswith("text/html") and response.content:
        assert HTML_LANG.search(response.content.decode())[1] == lang, shown
    return response


odd_text = st.one_of(
    st.sampled_from(EDGES),
    st.text(max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(datetime.date.isoformat),
)


def values_for(parameters, name):
    """A value for the parameter `name`: one a reader could give, one at an edge of its kind, or anything."""
    valid, edges = parameters.get(name, ((), ()))
    return st.one_of(*[st.sampled_from(values) for values in (valid, edges) if values], odd_text)


@st.composite
def query_strings(draw, sweep, own_names=()):
    """A query string of up to six parameters: names of this page's filters, of any filter or form of the site,
    or unknown; values valid, at the bounds or garbage; names may repeat. Sometimes with raw junk appended."""
    names = st.sampled_from(sorted(sweep["parameters"]))
    if own_names:
        names = st.one_of(st.sampled_from(own_names), names)
    pairs = []
    for name in draw(st.lists(st.one_of(names, names, st.text(min_size=1, max_size=12)), max_size=6)):
        pairs.append((name, draw(values_for(sweep["parameters"], name))))
    junk = draw(st.sampled_from(["", "", "", "&", "=&=", "%zz", "%ff%fe=%c3", "a=%", ";q=1", "&" * 50]))
    return urlencode(pairs) + junk


@st.composite
def paths(draw, sweep, pattern, lang):
    """The pattern's address, each path parameter a record's value, a date at the edges, or garbage."""
    records = sweep["records"].get(pattern.name, [])
    values = {}
    for name in pattern.parameters:
        known = [str(kwargs[name]) for kwargs in records if name in kwargs]
        # A parameter no record provides (the as-of day) is probably a date.
        value = draw(st.one_of(st.sampled_from(known or DATE_EDGES), odd_text))
        values[name] = quote(value, safe="")
    return pattern.path(lang, values)


# Collected here, so that each page is swept with its own budget of examples and named in the test's id.
PATTERNS = public_patterns()
WITH_PATH_PARAMETERS = [pattern.name for pattern in PATTERNS if pattern.parameters]
WITHOUT_PATH_PARAMETERS = [pattern.name for pattern in PATTERNS if not pattern.parameters]


@pytest.mark.parametrize("name", WITH_PATH_PARAMETERS)
@settings(SWEEP_SETTINGS, max_examples=EXAMPLES)
@given(data=st.data())
def test_no_address_of_a_page_fails_or_answers_in_another_language(db, sweep, fuzz_requests, name, data):
    pattern = sweep["patterns"][name]
    lang = data.draw(st.sampled_from(LANGUAGES))
    path = data.draw(paths(sweep, pattern, lang))
    query = data.draw(st.one_of(st.just(""), query_strings(sweep)))
    fetch(Client(), fuzz_requests, lang, path, query)


@pytest.mark.parametrize("name", WITHOUT_PATH_PARAMETERS)
@settings(SWEEP_SETTINGS, max_examples=2 * EXAMPLES)
@given(data=st.data())
def test_no_parameter_of_a_page_fails_or_answers_in_another_language(db, sweep, fuzz_requests, name, data):
    pattern = sweep["patterns"][name]
    lang = data.draw(st.sampled_from(LANGUAGES))
    query = data.draw(query_strings(sweep, tuple(sweep["own"].get(name, ()))))
    fetch(Client(), fuzz_requests, lang, pattern.path(lang, {}), query)


def test_every_parameter_of_every_page_at_each_edge_of_its_kind(db, sweep, fuzz_requests):
    """Not left to chance: each parameter of each page without path parameters, with each edge value of its
    kind (days for a date, years for a number) and a sample of garbage, the languages taken in turn."""
    client = Client()
    turn = 0
    for pattern in sweep["patterns"].values():
        if pattern.parameters:
            continue
        for name in dict.fromkeys(sweep["own"].get(pattern.name, []) + sweep["general"]):
            _valid, edges = sweep["parameters"][name]
            for value in dict.fromkeys([*edges, *GARBAGE_SAMPLE]):
                lang = LANGUAGES[turn % 3]
                turn += 1
                fetch(client, fuzz_requests, lang, pattern.path(lang, {}), urlencode({name: value}))


def test_every_path_parameter_at_every_bound_and_garbage_value(db, sweep, fuzz_requests):
    client = Client()
    turn = 0
    for pattern in sweep["patterns"].values():
        for name in pattern.parameters:
            for value in EDGES:
                lang = LANGUAGES[turn % 3]
                turn += 1
                sample = dict.fromkeys(pattern.parameters, "x") | {name: quote(value, safe="")}
                fetch(client, fuzz_requests, lang, pattern.path(lang, sample))


def test_more_parameters_than_django_reads_is_a_400_page_in_the_language(db, sweep, fuzz_requests):
    response = fetch(Client(), fuzz_requests, "ru", "/ru/organs/", "&".join(f"q{n}=1" for n in range(1100)))
    assert response.status_code == 400


# The open-data API: every endpoint of the router, its list and its detail, with the parameters of its FilterSet
# and the API's own (lang, cursor, page), in JSON whatever it is given.

API_ENDPOINTS = [(prefix, viewset) for prefix, viewset, _basename in router.registry]


def api_parameters(viewset):
    names = sorted(viewset.filterset_class(None).form.fields) + ["lang", "cursor", "page"]
    return tuple(names)


def fetch_api(client, fuzz_requests, address):
    response = client.get(address)
    fuzz_requests["api"] += 1
    shown = address if len(address) < 300 else f"{address[:300]}… ({len(address)} characters)"
    assert response.status_code < 500, shown
    assert response["Content-Type"] == "application/json", shown
    return response


@pytest.mark.parametrize("prefix, viewset", API_ENDPOINTS, ids=[prefix for prefix, _viewset in API_ENDPOINTS])
@settings(SWEEP_SETTINGS, max_examples=2 * EXAMPLES)
@given(data=st.data())
def test_no_parameter_of_an_api_list_fails_or_answers_other_than_json(db, sweep, fuzz_requests, prefix, viewset, data):
    own = api_parameters(viewset)
    query = data.draw(query_strings(sweep, own))
    lang = data.draw(st.one_of(st.sampled_from(LANGUAGES), odd_text))
    fetch_api(Client(), fuzz_requests, f"/api/v1/{prefix}/?{urlencode({'lang': lang})}&{query}")


@pytest.mark.parametrize("prefix, viewset", API_ENDPOINTS, ids=[prefix for prefix, _viewset in API_ENDPOINTS])
def test_every_api_parameter_at_each_edge_and_every_id_at_garbage(db, sweep, fuzz_requests, prefix, viewset):
    client = Client()
    for name in api_parameters(viewset):
        _valid, edges = sweep["parameters"].get(name, ((), ()))
        for value in dict.fromkeys([*edges, *GARBAGE_SAMPLE]):
            fetch_api(client, fuzz_requests, f"/api/v1/{prefix}/?{urlencode({name: value})}")
    for value in EDGES:
        fetch_api(client, fuzz_requests, f"/api/v1/{prefix}/{quote(value, safe='')}/")
