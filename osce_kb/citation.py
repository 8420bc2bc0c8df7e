"""A page of the knowledge base as a reference that reference managers read: BibTeX, RIS and CSL-JSON, and the
meta tags Zotero reads from the page itself. A page is cited as a web page without a date of its own (the
knowledge base changes), with its permanent address, its language and the day it was accessed."""

import json
import re
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from osce_kb.i18n import translated_value

SITE_NAME = _("OSCE and Kazakhstan: a trilingual knowledge base")
LANGUAGE_NAMES = {"kk": "Kazakh", "ru": "Russian", "en": "English"}


@dataclass(frozen=True)
class Reference:
    key: str  # a citation key: the kind of record and its id
    title: str
    url: str
    language: str  # kk, ru or en
    accessed: object  # datetime.date

    @property
    def site(self):
        return str(SITE_NAME)


def record_title(record):
    """What a record's page is called: an event's or a source's title, anything else's name."""
    return translated_value(record, "title" if hasattr(record, "title_kk") else "name", get_language())[0]


def reference(request, record):
    """The reference to `record`'s page, in the active language, accessed today."""
    kind = record._meta.model_name
    key = re.sub(r"[^A-Za-z0-9-]", "-", f"osce-kb-{kind}-{getattr(record, 'slug', None) or record.code}")
    url = request.build_absolute_uri(record.get_absolute_url())
    return Reference(key, record_title(record), url, get_language(), timezone.localdate())


def _bibtex_text(value):
    """Text for a BibTeX field in braces: TeX's special characters escaped, so that no value closes the field."""
    value = value.replace("\\", "\x00")
    value = re.sub(r"([{}%&#_$])", r"\\\1", value)
    return value.replace("\x00", r"\textbackslash{}").replace("~", r"\textasciitilde{}").replace("^", r"\^{}")


def _bibtex_url(url):
    # A URL is written as it is (no TeX escapes); only braces, which would end the field, are percent-encoded.
    return url.replace("{", "%7B").replace("}", "%7D")


def bibtex(reference):
    fields = {
        "title": "{" + _bibtex_text(reference.title) + "}",
        "howpublished": r"\url{" + _bibtex_url(reference.url) + "}",
        "url": _bibtex_url(reference.url),
        "urldate": reference.accessed.isoformat(),
        "organization": _bibtex_text(reference.site),
        "language": LANGUAGE_NAMES[reference.language],
        "note": _bibtex_text(f"Accessed {reference.accessed.isoformat()}"),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{reference.key},\n{body}\n}}\n"


def _ris_line(tag, value):
    # One line per field: a line break in a value would start a new (wrong) tag.
    return f"{tag}  - {' '.join(str(value).split())}"


def ris(reference):
    lines = [
        _ris_line("TY", "ELEC"),
        _ris_line("TI", reference.title),
        _ris_line("T2", reference.site),
        _ris_line("UR", reference.url),
        _ris_line("Y2", reference.accessed.strftime("%Y/%m/%d")),
        _ris_line("LA", reference.language),
        "ER  - ",
    ]
    return "\r\n".join(lines) + "\r\n"


def csl_json(reference):
    item = {
        "id": reference.key,
        "type": "webpage",
        "title": reference.title,
        "container-title": reference.site,
        "URL": reference.url,
        "language": reference.language,
        "accessed": {"date-parts": [[reference.accessed.year, reference.accessed.month, reference.accessed.day]]},
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# ?cite=<format> on a record's page: (function, media type, file extension)
FORMATS = {
    "bibtex": (bibtex, "application/x-bibtex", "bib"),
    "ris": (ris, "application/x-research-info-systems", "ris"),
    "csl": (csl_json, "application/vnd.citationstyles.csl+json", "json"),
}


def download(request, record, name):
    """The reference to `record`'s page as a file in the format `name` (a key of FORMATS)."""
    write, media_type, extension = FORMATS[name]
    ref = reference(request, record)
    response = HttpResponse(write(ref), content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ref.key}.{extension}"'
    return response


class CitationDownloadMixin:
    """A record's page with ?cite=bibtex, ris or csl answers its reference as a file instead of the page."""

    def get(self, request, *args, **kwargs):
        name = request.GET.get("cite")
        if name not in FORMATS:
            return super().get(request, *args, **kwargs)
        return download(request, self.get_object(), name)
