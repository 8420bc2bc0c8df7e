"""Lists in the order a reader of the page's language expects: people by surname, States and bodies by name,
each in its alphabet (Kazakh, Russian, or Latin with accented letters beside their base letters)."""

import pytest
from django.urls import reverse

from tests.factories import make_organ, make_person, make_state, translated

pytestmark = pytest.mark.django_db


def listed(client, path, attribute, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return [getattr(row, attribute) for row in response.context["object_list"]]


# People


def test_people_are_listed_by_surname(client):
    make_person(slug="kanat-saudabayev", name_en="Kanat Saudabayev")
    make_person(slug="margaretha-af-ugglas", name_en="Margaretha af Ugglas")
    make_person(slug="miklos-haraszti", name_en="Miklós Haraszti")
    assert listed(client, "/en/people/", "slug") == ["miklos-haraszti", "kanat-saudabayev", "margaretha-af-ugglas"]


def test_a_sort_name_lists_a_person_where_the_rule_would_not(client):
    make_person(slug="kanat-saudabayev", name_en="Kanat Saudabayev")
    make_person(slug="helga-schmid", name_en="Helga Schmid")
    make_person(
        slug="marc-perrin-de-brichambaut",
        name_en="Marc Perrin de Brichambaut",
        **translated("sort_name", "Перрен де Бришамбо, Марк", en="Perrin de Brichambaut, Marc"),
    )
    assert listed(client, "/en/people/", "slug") == ["marc-perrin-de-brichambaut", "kanat-saudabayev", "helga-schmid"]


def test_an_accented_surname_is_listed_beside_its_base_letter(client):
    make_person(slug="zorn", name_en="Eva Zorn")
    make_person(slug="olsen", name_en="Anna Olsen")
    make_person(slug="oberg", name_en="Jan Öberg")
    assert listed(client, "/en/people/", "slug") == ["oberg", "olsen", "zorn"]


def test_people_are_listed_by_surname_in_the_kazakh_alphabet(client):
    make_person(slug="haraszti", **translated("name", "Миклош Харасти", en="Miklós Haraszti"))
    make_person(slug="abdrakhmanov", **translated("name", "Қайрат Әбдірахманов", en="Kairat Abdrakhmanov"))
    make_person(slug="bot", **translated("name", "Бернард Бот", en="Bernard Bot"))
    make_person(slug="alfano", **translated("name", "Анджелино Альфано", en="Angelino Alfano"))
    assert listed(client, "/kk/people/", "slug") == ["alfano", "abdrakhmanov", "bot", "haraszti"]


def test_people_are_listed_by_surname_in_the_russian_alphabet_with_yo_as_ye(client):
    make_person(slug="yakovlev", **translated("name", "Иван Яковлев", en="Ivan Yakovlev"))
    make_person(slug="zhukov", **translated("name", "Пётр Жуков", en="Pyotr Zhukov"))
    make_person(slug="yolkin", **translated("name", "Фёдор Ёлкин", en="Fyodor Yolkin"))
    assert listed(client, "/ru/people/", "slug") == ["yolkin", "zhukov", "yakovlev"]


def test_people_can_be_sorted_by_surname_in_latin_script_on_any_page(client):
    make_person(slug="miklos-haraszti", **translated("name", "Миклош Харасти", en="Miklós Haraszti"))
    make_person(slug="kairat-abdrakhmanov", **translated("name", "Қайрат Әбдірахманов", en="Kairat Abdrakhmanov"))
    make_person(slug="jan-kubis", **translated("name", "Ян Кубиш", en="Ján Kubiš"))
    assert listed(client, "/kk/people/", "slug", sort="slug") == ["kairat-abdrakhmanov", "miklos-haraszti", "jan-kubis"]


def test_an_editor_writes_a_sort_name_in_each_language(admin_client):
    person = make_person()
    html = admin_client.get(reverse("admin:people_person_change", args=[person.pk])).content.decode()
    for lang in ("kk", "ru", "en"):
        assert f'name="sort_name_{lang}"' in html


# States


@pytest.fixture
def states():
    make_state(code="CH", **translated("name", "Швейцария", en="Switzerland"))
    make_state(code="CA", **translated("name", "Канада", en="Canada"))
    make_state(code="SE", **translated("name", "Швеция", en="Sweden"))
    make_state(code="AZ", **translated("name", "Әзірбайжан", "Азербайджан", "Azerbaijan"))
    make_state(code="BE", **translated("name", "Бельгия", en="Belgium"))
    make_state(code="AT", **translated("name", "Австрия", en="Austria"))
    make_state(code="GB", **translated("name", "Ұлыбритания", "Великобритания", "United Kingdom"))
    make_state(code="UA", **translated("name", "Украина", en="Ukraine"))


def test_states_are_listed_by_name_not_by_code(client, states):
    assert listed(client, "/en/states/", "code") == ["AT", "AZ", "BE", "CA", "SE", "CH", "UA", "GB"]


def test_states_are_listed_in_the_kazakh_alphabet_on_the_kazakh_page(client, states):
    assert listed(client, "/kk/states/", "code") == ["AT", "AZ", "BE", "CA", "UA", "GB", "CH", "SE"]


def test_sorting_states_by_name_follows_the_page_language(client, states):
    assert listed(client, "/en/states/", "code", sort="-name") == ["GB", "UA", "CH", "SE", "CA", "BE", "AZ", "AT"]
    assert listed(client, "/kk/states/", "code", sort="-name") == ["SE", "CH", "GB", "UA", "CA", "BE", "AZ", "AT"]


# Bodies


@pytest.fixture
def bodies():
    make_organ(slug="secretariat", display_order=1, **translated("name", "Хатшылық", "Секретариат", "Secretariat"))
    make_organ(
        slug="permanent-council",
        display_order=2,
        **translated("name", "Тұрақты Кеңес", "Постоянный совет", "Permanent Council"),
    )
    make_organ(
        slug="ministerial-council",
        display_order=3,
        **translated("name", "Сыртқы істер министрлерінің кеңесі", "Совет министров", "Ministerial Council"),
    )


def test_bodies_are_listed_alphabetically_not_in_structure_order(client, bodies):
    assert listed(client, "/en/organs/", "slug") == ["ministerial-council", "permanent-council", "secretariat"]


def test_bodies_are_listed_in_the_alphabet_of_the_page_language(client, bodies):
    assert listed(client, "/kk/organs/", "slug") == ["ministerial-council", "permanent-council", "secretariat"]
    assert listed(client, "/ru/organs/", "slug") == ["permanent-council", "secretariat", "ministerial-council"]


def test_sorting_bodies_by_name_follows_the_page_language(client):
    make_organ(slug="military", **translated("name", "Әскери комиссия", "Военная комиссия", "Military Commission"))
    make_organ(slug="bureau", **translated("name", "Бюро", en="Bureau"))
    make_organ(slug="minorities", **translated("name", "Аз ұлттар комиссары", "Комиссар", "Commissioner"))
    assert listed(client, "/kk/organs/", "slug", sort="-name") == ["bureau", "military", "minorities"]
    assert listed(client, "/en/organs/", "slug", sort="-name") == ["military", "minorities", "bureau"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["AT", "AZ", "BE", "CA", "SE", "CH", "UA", "GB"]),
        ("kk", ["AT", "AZ", "BE", "CA", "UA", "GB", "CH", "SE"]),
    ],
)
def test_the_state_choices_of_a_filter_are_in_the_alphabet_of_the_page_language(client, states, lang, expected):
    from organs.models import ParticipatingState

    for state in ParticipatingState.objects.all():
        make_person(nationality=state)
    form = client.get(f"/{lang}/people/").context["filter"].form
    assert [choice.value for choice, _label in list(form.fields["nationality"].choices)[1:]] == expected
