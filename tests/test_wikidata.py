"""Wikidata ids: one record of a kind per item, every id checked against its item's labels before anything is
written, and QuickStatements that give the items only the Kazakh and Russian terms they lack."""

import http.server
import json
import threading
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from osce_kb import wikidata
from tests.factories import make_event, make_organ, make_person, make_state

pytestmark = pytest.mark.django_db


def item(qid, labels=None, descriptions=None, aliases=None):
    def terms(values):
        return {lang: {"language": lang, "value": value} for lang, value in (values or {}).items()}

    return {
        "id": qid,
        "labels": terms(labels),
        "descriptions": terms(descriptions),
        "aliases": {lang: [{"language": lang, "value": v} for v in vs] for lang, vs in (aliases or {}).items()},
    }


def answer(*items):
    return {"entities": {entry["id"]: entry for entry in items}, "success": 1}


@pytest.fixture
def kazakhstan():
    return make_state(code="KZ", name_kk="Қазақстан", name_ru="Казахстан", name_en="Kazakhstan", wikidata_id="Q232")


def saved(tmp_path, document, name="entities.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def export(tmp_path, *documents):
    out = tmp_path / "statements.txt"
    files = [saved(tmp_path, document, f"entities-{n}.json") for n, document in enumerate(documents)]
    call_command("export_kb", "--format", "quickstatements", str(out), *[f"--entities={path}" for path in files])
    return out.read_text(encoding="utf-8").splitlines()


def test_the_terms_an_item_lacks_are_written_and_those_it_has_are_not(tmp_path, kazakhstan):
    lines = export(tmp_path, answer(item("Q232", {"en": "Kazakhstan", "ru": "Казахстан"})))
    assert lines == ['Q232\tLkk\t"Қазақстан"']


def test_an_item_with_all_its_terms_gets_no_statement(tmp_path, kazakhstan):
    lines = export(tmp_path, answer(item("Q232", {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"})))
    assert lines == []


def test_a_person_gets_a_short_description_from_the_first_clause_of_the_summary(tmp_path):
    make_person(
        name_kk="Вильгельм Хёйнк",
        name_ru="Вильгельм Хёйнк",
        name_en="Wilhelm Höynck",
        summary_kk="Германияның дипломаты; 1993–1996 жылдары ЕҚЫҰ Бас Хатшысы болды.",
        summary_ru="Дипломат из Германии; в 1993–1996 годах — Генеральный секретарь ОБСЕ.",
        summary_en="Diplomat from Germany; OSCE Secretary General from 1993 to 1996.",
        wikidata_id="Q77000001",
    )
    lines = export(tmp_path, answer(item("Q77000001", {"en": "Wilhelm Höynck", "de": "Wilhelm Höynck"})))
    assert lines == [
        'Q77000001\tLkk\t"Вильгельм Хёйнк"',
        'Q77000001\tDkk\t"Германияның дипломаты"',
        'Q77000001\tLru\t"Вильгельм Хёйнк"',
        'Q77000001\tDru\t"дипломат из Германии"',
    ]


def test_a_summary_without_a_short_first_clause_gives_no_description(tmp_path):
    make_person(
        name_en="Jan Kubis", summary_ru="Словацкий дипломат и политик, работавший в ООН.", wikidata_id="Q77000002"
    )
    lines = export(tmp_path, answer(item("Q77000002", {"en": "Jan Kubis", "ru": "Ян Кубиш", "kk": "Ян Кубиш"})))
    assert not [line for line in lines if "\tD" in line]


def test_the_id_is_checked_against_any_of_the_items_names_in_any_language(tmp_path):
    make_organ(name_kk="ДИАҚБ", name_ru="БДИПЧ", name_en="ODIHR", wikidata_id="Q1476020")
    lines = export(
        tmp_path,
        answer(
            item("Q1476020", {"en": "Office for Democratic Institutions and Human Rights"}, aliases={"en": ["ODIHR"]})
        ),
    )
    assert lines == ['Q1476020\tLkk\t"ДИАҚБ"', 'Q1476020\tLru\t"БДИПЧ"']


@pytest.mark.parametrize(
    "entity, message",
    [
        (item("Q232", {"en": "Montenegro", "ru": "Черногория"}), "“Montenegro” on Wikidata"),
        ({"id": "Q232", "missing": ""}, "Wikidata has no item Q232"),
        (item("Q999", {"en": "Kazakhstan"}) | {"redirects": {"from": "Q232", "to": "Q999"}}, "redirects to Q999"),
    ],
)
def test_a_wrong_id_is_refused_and_nothing_is_written(tmp_path, kazakhstan, entity, message):
    out = tmp_path / "statements.txt"
    with pytest.raises(CommandError, match=message):
        call_command(
            "export_kb", "--format", "quickstatements", str(out), f"--entities={saved(tmp_path, answer(entity))}"
        )
    assert not out.exists()


def test_an_id_absent_from_the_answers_is_reported(tmp_path, kazakhstan):
    with pytest.raises(CommandError, match="Wikidata has no item Q232"):
        export(tmp_path, answer(item("Q1", {"en": "universe"})))


def test_drafts_are_not_asked_about(tmp_path, kazakhstan):
    make_person(name_en="Draft Person", wikidata_id="Q77000003", is_published=False)
    make_event(title_en="Draft event", wikidata_id="Q77000004", is_published=False)
    assert export(tmp_path, answer(item("Q232", {"en": "Kazakhstan"}))) == [
        'Q232\tLkk\t"Қазақстан"',
        'Q232\tLru\t"Казахстан"',
    ]


def test_answers_in_several_files_are_read_together(tmp_path, kazakhstan):
    make_state(code="MN", name_kk="Моңғолия", name_ru="Монголия", name_en="Mongolia", wikidata_id="Q711")
    lines = export(
        tmp_path,
        answer(item("Q232", {"en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"})),
        answer(item("Q711", {"en": "Mongolia", "ru": "Монголия"})),
    )
    assert lines == ['Q711\tLkk\t"Моңғолия"']


def test_a_name_with_a_double_quote_is_left_out_since_quickstatements_cannot_write_it(tmp_path):
    make_organ(name_kk='"Ашық аспан" кеңесі', name_ru="Комиссия", name_en="Open Skies", wikidata_id="Q77000005")
    lines = export(tmp_path, answer(item("Q77000005", {"en": "Open Skies"})))
    assert lines == ['Q77000005\tLru\t"Комиссия"']


@pytest.mark.parametrize("content", ["not json", '{"entities": []}', "[1, 2]"])
def test_a_file_that_is_not_a_wikidata_answer_gets_a_message(tmp_path, kazakhstan, content):
    path = tmp_path / "entities.json"
    path.write_text(content)
    with pytest.raises(CommandError, match="could not be read as JSON|not a Wikidata answer"):
        call_command("export_kb", "--format", "quickstatements", f"--entities={path}")


def test_without_files_the_items_are_read_from_the_api_in_batches_of_fifty(tmp_path, kazakhstan):
    for n in range(60):
        make_state(wikidata_id=f"Q{1000 + n}", name_en=f"State {n}")
    asked = []

    class Wikidata(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            ids = parse_qs(urlparse(self.path).query)["ids"][0].split("|")
            asked.append(ids)
            entities = []
            for qid in ids:
                name = "Kazakhstan" if qid == "Q232" else f"State {int(qid[1:]) - 1000}"
                entities.append(item(qid, {"en": name, "ru": "x", "kk": "x"}))
            body = json.dumps(answer(*entities)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Wikidata)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out = tmp_path / "statements.txt"
        call_command(
            "export_kb",
            "--format",
            "quickstatements",
            str(out),
            f"--wikidata-api=http://127.0.0.1:{server.server_port}/w/api.php",
        )
    finally:
        server.shutdown()
    assert [len(ids) for ids in asked] == [50, 11]
    assert out.read_text() == ""


def test_an_unreachable_api_says_which_addresses_to_save(kazakhstan):
    with pytest.raises(
        CommandError,
        match=r"could not be read.*--entities: http://127\.0\.0\.1:9/w/api\.php\?action=wbgetentities&ids=Q232",
    ):
        call_command("export_kb", "--format", "quickstatements", "--wikidata-api=http://127.0.0.1:9/w/api.php")


@pytest.mark.parametrize("qid", ["232", "Q0", "Q-1", "q232", "Q232 ", "Q２３２", "Q232\x00"])
def test_an_id_that_is_not_a_wikidata_item_id_is_refused(qid):
    state = make_state()
    state.wikidata_id = qid
    with pytest.raises(ValidationError) as raised:
        state.full_clean()
    assert "wikidata_id" in raised.value.message_dict


@pytest.mark.parametrize("make", [make_state, make_organ, make_person, make_event])
def test_two_records_of_a_kind_cannot_share_an_item_but_many_can_have_none(make):
    make(wikidata_id="Q42")
    make(wikidata_id="")
    make(wikidata_id="")
    other = make(wikidata_id="Q43")
    other.wikidata_id = "Q42"
    with (
        translation.override("kk"),
        pytest.raises(ValidationError, match="Бұл Wikidata идентификаторы басқа жазбада бар"),
    ):
        other.full_clean()
    with translation.override("ru"), pytest.raises(ValidationError, match="уже есть у другой записи"):
        other.full_clean()


def test_the_api_addresses_batch_ids_and_ask_for_the_three_languages():
    urls = list(wikidata.entities_urls([f"Q{n}" for n in range(120, 0, -1)]))
    assert len(urls) == 3
    assert "ids=Q1%7CQ2%7C" in urls[0] and "languages=kk%7Cru%7Cen" in urls[0]


def test_a_body_is_recognised_by_its_acronym_too(tmp_path):
    make_organ(name_en="Office for Democratic Institutions and Human Rights", acronym_en="ODIHR", wikidata_id="Q7")
    lines = export(tmp_path, answer(item("Q7", {"en": "ODIHR"})))
    assert [line.split("\t")[1] for line in lines] == ["Lkk", "Lru"]
