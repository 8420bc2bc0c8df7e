"""Every source of the bundled content is the original document, not a mirror, a copy or a wiki of a wiki."""

import json
from urllib.parse import urlsplit

import pytest

from osce_kb.loading import bundled_fixture_files

# Hosts that only copy documents made elsewhere: document-sharing sites, copies of Wikipedia, resellers of
# press releases and archives of leaked copies. A source there must be replaced by the original document.
MIRROR_HOSTS = {
    "9dok.net",
    "adattar.minorityforum.info",
    "allinnet.info",
    "armenianclub.com",
    "azkurs.org",
    "businessdocbox.com",
    "de.wiki.li",
    "docplayer.net",
    "docslib.org",
    "doczz.net",
    "dokumen.pub",
    "dokumen.tips",
    "dwikipedia.eth.limo",
    "einnews.com",
    "einpresswire.com",
    "fdocuments.in",
    "globescope.com",
    "infosekolah.net",
    "issuu.com",
    "kazworld.info",
    "lawsdocbox.com",
    "magilex.com",
    "minelres.lv",
    "news.lt",
    "opennieuwsbank.nl",
    "outlived.org",
    "paperzz.com",
    "pdfcoffee.com",
    "pdfslide.net",
    "perceptiode.com",
    "perceptiofr.com",
    "piglix.com",
    "polanddaily24.com",
    "polspy.org",
    "primidi.com",
    "prnewswire.com",
    "publicnow.com",
    "pubt.io",
    "readkong.com",
    "scribd.com",
    "search.com.vn",
    "shhada.ir",
    "solidarityrenewed.org",
    "studfile.net",
    "studylib.ru",
    "studyres.com",
    "the-uncensored-wiki.com",
    "theinfolist.com",
    "topnews.in",
    "tudasnich.de",
    "urdupoint.com",
    "vdocument.in",
    "vdocumento.com",
    "vdocuments.mx",
    "vdocuments.net",
    "vdocuments.site",
    "wikibooks.org",
    "wikileaks.jcvignoli.com",
    "wikimili.com",
    "wikinews.org",
    "wordscope.be",
    "yumpu.com",
    "zaki.ru",
}


def is_mirror(url):
    host = (urlsplit(url).hostname or "").lower()
    return any(host == mirror or host.endswith("." + mirror) for mirror in MIRROR_HOSTS)


def bundled_sources():
    for path in bundled_fixture_files():
        for item in json.loads(path.read_text(encoding="utf-8")):
            if item["model"] == "osce_kb.source":
                yield path.name, item["fields"]


@pytest.mark.parametrize(
    "url",
    [
        "https://docslib.org/doc/1/x",
        "https://ar.scribd.com/document/99680369/OSCE-Handbook",
        "https://ikiepewlso.tudasnich.de/en/x",
        "https://www.einpresswire.com/article/1/x",
        "https://en.m.wikibooks.org/wiki/X",
    ],
)
def test_a_mirror_host_is_recognised_with_or_without_a_subdomain(url):
    assert is_mirror(url)


@pytest.mark.parametrize(
    "url", ["https://www.osce.org/mc/39501", "https://notdocslib.org/x", "https://oscepa.org/en/x", ""]
)
def test_an_original_host_is_not_taken_for_a_mirror(url):
    assert not is_mirror(url)


def test_no_bundled_source_points_to_a_known_mirror():
    mirrored = [
        f"{name}: {fields['slug']} → {fields['url']}" for name, fields in bundled_sources() if is_mirror(fields["url"])
    ]
    assert not mirrored, "sources on mirror hosts:\n" + "\n".join(mirrored)


def test_a_source_without_an_address_says_what_it_is_in_every_language():
    """A printed original cited without a web address needs its note, so a reader can find it."""
    bare = [
        fields["slug"]
        for _, fields in bundled_sources()
        if not fields["url"]
        and fields["kind"] != "essay"
        and not all(fields[f"note_{lang}"] for lang in ("kk", "ru", "en"))
    ]
    assert not bare
