"""/structure/ shows the bodies that exist today as a tree, and the closed ones apart, with their dates."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from organs.models import Organ
from tests.factories import make_organ

D = datetime.date
pytestmark = pytest.mark.django_db


def slugs(forest):
    return {slug for organ, children in forest for slug in [organ.slug, *slugs(children)]}


@pytest.fixture
def bodies():
    today = datetime.date.today()
    osce = make_organ(slug="osce", kind=Organ.Kind.OTHER, start_date=D(1973, 1, 1))
    field = make_organ(slug="field-operations", parent=osce, name_en="Field operations", start_date=D(1992, 1, 1))
    return {
        "osce": osce,
        "field": field,
        "open": make_organ(slug="centre-in-astana", parent=field, start_date=D(1998, 1, 1)),
        "closing-later": make_organ(
            slug="closing-later",
            parent=field,
            start_date=D(2020, 1, 1),
            end_date=today + datetime.timedelta(days=30),
            end_precision="day",
        ),
        "closed": make_organ(
            slug="kosovo-verification-mission",
            parent=field,
            name_en="Kosovo Verification Mission",
            start_date=D(1998, 10, 25),
            start_precision="day",
            end_date=D(1999, 6, 9),
            end_precision="day",
        ),
    }


def test_todays_tree_holds_the_bodies_with_no_end_or_an_end_still_to_come(client, bodies):
    tree = client.get("/en/structure/").context["tree"]
    assert slugs(tree) == {"osce", "field-operations", "centre-in-astana", "closing-later"}


def test_a_closed_body_is_listed_apart_with_its_dates_under_the_body_it_belonged_to(client, bodies):
    response = client.get("/en/structure/")
    [(parent, [(organ, children)])] = response.context["closed"]
    assert (parent.slug, organ.slug, children) == ("field-operations", "kosovo-verification-mission", [])
    html = response.content.decode()
    closed = html[html.index('id="closed-heading"') :]
    assert "Field operations</a></h3>" in closed
    assert '<time datetime="1998-10-25">25 October 1998 – 9 June 1999</time>' in closed


def test_a_sub_body_of_a_closed_body_is_not_current_and_is_listed_under_it(client, bodies):
    make_organ(slug="kvm-regional-centre", parent=bodies["closed"], start_date=D(1998, 1, 1))
    response = client.get("/en/structure/")
    assert "kvm-regional-centre" not in slugs(response.context["tree"])
    [(parent, [(organ, children)])] = response.context["closed"]
    assert organ.slug == "kosovo-verification-mission"
    assert [child.slug for child, _ in children] == ["kvm-regional-centre"]


def test_a_sub_body_of_an_unpublished_closed_body_is_not_current_either(client, bodies):
    bodies["closed"].is_published = False
    bodies["closed"].save()
    make_organ(slug="kvm-regional-centre", parent=bodies["closed"], start_date=D(1998, 1, 1))
    response = client.get("/en/structure/")
    assert "kvm-regional-centre" not in slugs(response.context["tree"])
    assert "kosovo-verification-mission" not in response.content.decode()


def test_a_body_the_sources_say_closed_at_an_unknown_date_is_listed_as_closed_with_its_end_unknown(client, bodies):
    make_organ(
        slug="skrunda",
        parent=bodies["osce"],
        start_date=D(1994, 6, 30),
        start_precision="day",
        closed_date_unknown=True,
    )
    response = client.get("/en/structure/")
    assert "skrunda" not in slugs(response.context["tree"])
    assert "30 June 1994 – end unknown</time>" in response.content.decode()


def test_a_body_closed_at_an_unknown_date_is_not_said_to_have_certainly_existed_later(bodies):
    make_organ(slug="skrunda", start_date=D(1994, 6, 30), start_precision="day", closed_date_unknown=True)
    assert not Organ.objects.existed_on(D(2010, 6, 1)).filter(slug="skrunda").exists()


def test_a_body_cannot_have_both_a_closing_date_and_the_mark_closed_at_an_unknown_date(bodies):
    closed = bodies["closed"]
    closed.closed_date_unknown = True
    with pytest.raises(IntegrityError), transaction.atomic():
        closed.save()


@pytest.mark.parametrize(("lang", "heading"), [("kk", "Жабылған органдар"), ("ru", "Закрытые органы")])
def test_the_closed_bodies_heading_is_in_the_page_language(client, bodies, lang, heading):
    assert f'<h2 id="closed-heading">{heading}</h2>' in client.get(f"/{lang}/structure/").content.decode()
