"""Template helpers for the knowledge base: translated fields with visible fallback, partial dates, links
to the same page in another language."""

import json
import re

from django import template
from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import QueryDict
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import dateformat, formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, pgettext
from django.utils.translation import gettext as _

from osce_kb import charts, partial_dates, snippets, structured_data
from osce_kb.citation import reference as page_reference
from osce_kb.i18n import translated_value
from osce_kb.models import SEED_ESSAY_SLUG, Source
from osce_kb.paging import CURSOR_PARAM

register = template.Library()


# How record texts refer to the seed essay in each language ("эсседе", "эссе", "the essay's").
ESSAY_MENTION = re.compile(r"эссе|\bessay", re.IGNORECASE)


@register.simple_tag(takes_context=True)
def tr(context, obj, field):
    """A translated field as HTML; text borrowed from another language is marked and carries its lang.

    A text that mentions the seed essay marks the request, so that the page ends with a note naming and linking
    the essay (`essay_note`): a reader never meets "the essay" unexplained."""
    lang = get_language()
    value, found = translated_value(obj, field, lang)
    request = context.get("request")
    if request is not None and value and ESSAY_MENTION.search(str(value)):
        request.mentions_seed_essay = True
    if found == lang:
        return value
    language_name = get_language_info(found)["name_translated"]
    return format_html(
        '<span lang="{}" class="fallback">{}</span> <small class="fallback-note">({})</small>',
        found,
        value,
        _("not yet translated; shown in %(language)s") % {"language": language_name},
    )


@register.filter
def tr_text(obj, field):
    """A translated field as plain text with fallback, for titles and attributes."""
    return translated_value(obj, field, get_language())[0]


@register.filter
def count(value):
    """{{ events_count|count }} → "1,234", or "more than 1,000" for a `counting.Count` that stopped counting, or
    "about 1,000,000" for an estimate."""
    number = formats.number_format(value.value, force_grouping=True)
    if value.exact:
        return number
    if value.estimated:
        return _("about %(count)s") % {"count": number}
    return _("more than %(count)s") % {"count": number}


@register.filter
def partial_date(value, precision):
    """{{ state.joined_date|partial_date:state.joined_precision }} → "30 January 1992"."""
    if not value:
        return ""
    return partial_dates.format_date(value, precision, get_language())


@register.filter
def period(obj):
    """The span of a tenure, an event or a body, at the precision of each end."""
    return obj.period


@register.simple_tag
def partial_time(value, precision):
    """A partial date as <time datetime="1992-01">…</time>: shown at its precision, machine-readable too."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>',
        partial_dates.iso(value, precision),
        partial_dates.format_date(value, precision, get_language()),
    )


@register.simple_tag(takes_context=True)
def translated_url(context, lang_code):
    """This page in another language, query string included, but for a list's cursor: the list is in another
    alphabetical order in another language, so the reader lands on its first page rather than on a refusal."""
    request = context.get("request")
    if request is None:
        return f"/{lang_code}/"
    path = request.get_full_path()
    if f"{CURSOR_PARAM}=" in request.META.get("QUERY_STRING", ""):
        try:
            query = request.GET.copy()
        except TooManyFieldsSent:  # the 400 page for this very request: its address is not worth keeping
            query = QueryDict()
        query.pop(CURSOR_PARAM, None)
        path = f"{request.path}?{query.urlencode()}" if query else request.path
    return translate_url(path, lang_code)


# How each language names itself in the switcher; Django's own name for Kazakh is the adjective "Қазақ".
SELF_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The page's block `name` rendered once more, for a second place that says the same (its <title> again as
    og:title, its description as og:description)."""
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = blocks.get_block(name) if blocks else None
    # The block's text is already HTML, escaped as the first time: given as it is, not escaped twice.
    return mark_safe(block.render(context).strip()) if block else ""


FONT_FACES = {
    # The faces each language's pages need for their first paint (base.html preloads them): Latin for digits and
    # punctuation everywhere, Cyrillic for Russian and Kazakh, and its extension for the letters of Kazakh.
    "kk": ("latin", "cyrillic", "cyrillic-ext"),
    "ru": ("latin", "cyrillic"),
    "en": ("latin",),
}


@register.simple_tag
def preloaded_fonts():
    """The font files this language's pages need at once, regular and bold."""
    subsets = FONT_FACES.get(get_language(), FONT_FACES["kk"])
    return [
        static(f"osce_kb/fonts/noto-sans-{subset}-{weight}-normal.woff2") for subset in subsets for weight in (400, 700)
    ]


OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}


@register.simple_tag
def og_locale(code=None):
    return OG_LOCALES.get(code or get_language(), "kk_KZ")


@register.simple_tag
def site_languages():
    return [(code, SELF_NAMES.get(code) or get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def citation(context, title):
    """A reference to this page as its readers cite a web page, with its permanent URL and the date of access:
    APA in English, ГОСТ Р 7.0.100-2018 in Russian and Kazakh (each language's translation sets the form)."""
    request = context["request"]
    # The date's form belongs to the citation style: "November 27, 2026" in APA, "27.11.2026" in ГОСТ.
    accessed = dateformat.format(timezone.localdate(), pgettext("date of access in a citation", "F j, Y"))
    return _("%(title)s. (n.d.). In %(site)s. Retrieved %(date)s, from %(url)s") % {
        "title": title,
        "site": _("OSCE and Kazakhstan: a trilingual knowledge base"),
        "date": accessed,
        "url": request.build_absolute_uri(request.path),
    }


@register.inclusion_tag("osce_kb/_record_metadata.html", takes_context=True)
def record_metadata(context, record):
    """In a record's page's <head>: the meta tags reference managers (Zotero) read, and its schema.org JSON-LD,
    built from the rows the page already shows."""
    request = context["request"]
    lists = {name: context[name] for name in ("tenures", "organs") if name in context}
    data = structured_data.json_ld(request, record, **lists)
    return {"reference": page_reference(request, record), "json_ld": json_for_script(data)}


def json_for_script(data):
    """JSON safe inside <script>: no "</script>" or "<!--" can end or change the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@register.inclusion_tag("osce_kb/_essay_note.html", takes_context=True)
def essay_note(context):
    """After the content of a page whose texts mention the essay: which document that is, with a link to it.
    Rendered after the page's content, once `tr` has seen every text of it."""
    request = context.get("request")
    if not getattr(request, "mentions_seed_essay", False):
        return {"essay": None}
    essay = Source.objects.filter(slug=SEED_ESSAY_SLUG).first()
    on_its_own_page = essay is not None and request.path == essay.get_absolute_url()
    return {"essay": None if on_its_own_page else essay}


@register.inclusion_tag("osce_kb/_search_result.html")
def search_result(record, words):
    """One search result: its name, what it is, its date or dates, and the passage of its text in the active
    language where the words first occur, marked (osce_kb.snippets)."""
    lang = get_language()
    fields = dict.fromkeys((*record.search_text_fields, "summary", "note"))
    texts = (translated_value(record, field, lang)[0] for field in fields if hasattr(record, f"{field}_{lang}"))
    return {
        "record": record,
        "name": translated_value(record, record.search_name_fields[0], lang)[0],
        "kind": record.get_kind_display() if hasattr(record, "get_kind_display") else "",
        "dates": _result_dates(record, lang),
        "snippet": snippets.highlighted(snippets.best_passage(texts, words)),
    }


def _result_dates(record, lang):
    if hasattr(record, "period"):
        return record.period
    labelled = (
        ("birth", pgettext("search result", "born %(date)s")),
        ("joined", pgettext("search result", "participating since %(date)s")),
        ("published", pgettext("search result", "published %(date)s")),
    )
    for prefix, label in labelled:
        value = getattr(record, f"{prefix}_date", None)
        if value:
            return label % {"date": partial_dates.format_date(value, getattr(record, f"{prefix}_precision"), lang)}
    return ""


@register.simple_tag
def holders_chart(tenures):
    """The chart of an office's holders through time (osce_kb.charts), or None."""
    return charts.officeholder_chart(list(tenures), timezone.localdate())


@register.simple_tag
def structure_diagrams(tree):
    """Today's structure as an organisation chart (osce_kb.charts), drawn twice: four columns for a wide screen
    and two for a phone, of which the stylesheet shows one."""

    def name(organ):
        return tr_text(organ, "name")

    return {
        "wide": charts.structure_diagram(tree, name, width=1000, columns=4),
        "narrow": charts.structure_diagram(tree, name, width=360, columns=2),
    }


@register.filter
def zip_lines(lines, ys):
    return zip(lines, ys, strict=True)
