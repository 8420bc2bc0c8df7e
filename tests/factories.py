"""Small factories: each builds one valid, published object with all three languages filled in."""

import datetime
import itertools

from organs.models import Organ, ParticipatingState
from osce_kb.models import Alphabetical, Searchable, Source
from people.models import Person, Post, Tenure
from timeline.models import Event

_numbers = itertools.count(1)


def _n():
    return next(_numbers)


def translated(field, kk, ru=None, en=None):
    return {f"{field}_kk": kk, f"{field}_ru": ru if ru is not None else kk, f"{field}_en": en if en is not None else kk}


def make_source(**fields):
    n = _n()
    values = {
        "slug": f"source-{n}",
        **translated("title", f"Дереккөз {n}", f"Источник {n}", f"Source {n}"),
        "kind": Source.Kind.OFFICIAL_PAGE,
    }
    values.update(fields)
    return Source.objects.create(**values)


_state_codes = ("".join(pair) for pair in itertools.product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=2))


def _free_state_code():
    return next(code for code in _state_codes if not ParticipatingState.objects.filter(code=code).exists())


def make_state(code=None, **fields):
    n = _n()
    if code is None:
        code = _free_state_code()
    values = {"code": code, **translated("name", f"Мемлекет {n}", f"Государство {n}", f"State {n}")}
    values.update(fields)
    return ParticipatingState.objects.create(**values)


def make_organ(**fields):
    n = _n()
    values = {
        "slug": f"organ-{n}",
        **translated("name", f"Орган {n}", f"Орган {n} (ru)", f"Body {n}"),
        "kind": Organ.Kind.INSTITUTION,
        "start_date": datetime.date(1992, 1, 1),
        "start_precision": "year",
        "is_published": True,
    }
    values.update(fields)
    return Organ.objects.create(**values)


def make_person(**fields):
    n = _n()
    values = {
        "slug": f"person-{n}",
        **translated("name", f"Тұлға {n}", f"Персона {n}", f"Person {n}"),
        "is_published": True,
    }
    values.update(fields)
    return Person.objects.create(**values)


def make_post(**fields):
    n = _n()
    values = {"slug": f"post-{n}", **translated("title", f"Лауазым {n}", f"Должность {n}", f"Post {n}")}
    values.update(fields)
    if "organ" not in values:
        values["organ"] = make_organ()
    return Post.objects.create(**values)


def make_tenure(start=(2004, 3, 10), start_precision="day", end=None, end_precision="", **fields):
    values = {
        "start_date": datetime.date(*start),
        "start_precision": start_precision,
        "end_date": datetime.date(*end) if end else None,
        "end_precision": end_precision,
    }
    values.update(fields)
    if "person" not in values:
        values["person"] = make_person()
    if "post" not in values:
        values["post"] = make_post()
    return Tenure.objects.create(**values)


def make_event(start=(1998, 12, 2), start_precision="day", end=None, end_precision="", **fields):
    n = _n()
    values = {
        "slug": f"event-{n}",
        **translated("title", f"Оқиға {n}", f"Событие {n}", f"Event {n}"),
        "kind": Event.Kind.OSCE_HISTORY,
        "start_date": datetime.date(*start),
        "start_precision": start_precision,
        "end_date": datetime.date(*end) if end else None,
        "end_precision": end_precision,
        "is_published": True,
    }
    values.update(fields)
    return Event.objects.create(**values)


def bulk_create(model, objects):
    """Insert many unsaved `objects` of `model` in one go, filling the search and sort columns that each save
    fills (bulk_create sends no pre_save signal); returns them with their primary keys."""
    for obj in objects:
        if isinstance(obj, Searchable):
            obj.fill_search_columns()
        if isinstance(obj, Alphabetical):
            obj.fill_sort_keys()
    return model.objects.bulk_create(objects)
