"""The pieces every app's part of the open-data API is built from (Django REST Framework): the language of an
answer, partial dates at their precision, translated fields in all three languages, sources as Popolo links, the
lists' pages, the errors, and the CSV form of a list of records. The throttle is in osce_kb/throttling.py; the
router and the schema are the top floor's (osce_kb/api.py)."""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler

from osce_kb import partial_dates
from osce_kb.paging import CURSOR_PARAM, PAGE_PARAM, BadCursor, NoSuchPage, Pager

LANG_PARAM = "lang"
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}){0,2}$"
UNKNOWN_LANGUAGE = _("Unknown language %(value)s: choose one of %(choices)s.")
NOT_FOUND = _("There is no record with this id.")
UNKNOWN_FORMAT = _("The API answers in JSON only; a list of the site offers its rows as CSV with ?format=csv.")
THROTTLED = _("Too many requests from your address. Wait a little, then try again.")

LANG_PARAMETER = OpenApiParameter(
    LANG_PARAM,
    str,
    enum=list(LANGUAGES),
    description="The language of the plain fields (name, summary…) and of the messages; Kazakh by default. "
    "Every translated field is also given in each language, as name_kk, name_ru, name_en.",
)


def requested_language(request):
    """The language `?lang=` asks for, else the site's default (Kazakh); an unknown one is refused with 400."""
    lang = request.query_params.get(LANG_PARAM, "") or settings.LANGUAGE_CODE
    if lang not in LANGUAGES:
        translation.activate(settings.LANGUAGE_CODE)
        choices = ", ".join(LANGUAGES)
        raise exceptions.ValidationError(
            {LANG_PARAM: [UNKNOWN_LANGUAGE % {"value": repr(lang[:20]), "choices": choices}]}
        )
    return lang


def handle_exception(exc, context):
    """DRF's answers to errors, with a missing record and a throttled request said in the answer's language
    (DRF's own words name the model, in English)."""
    if isinstance(exc, Http404):
        # DRF answers 404 for a ?format= it has no renderer for, before it looks for any record.
        asked = context["request"].query_params.get("format")
        exc = exceptions.NotFound(UNKNOWN_FORMAT if asked and asked != "json" else NOT_FOUND)
    elif isinstance(exc, exceptions.Throttled):
        # DRF's own message adds the wait in words that its Kazakh catalogue lacks; Retry-After gives it.
        wait, exc = exc.wait, exceptions.Throttled(detail=THROTTLED)
        exc.wait = wait
    return exception_handler(exc, context)


@extend_schema_field({"type": "string", "pattern": PARTIAL_DATE_PATTERN, "nullable": True, "example": "2004-03"})
class PartialDateField(serializers.Field):
    """A partial date as ISO 8601 at its precision only: "2004", "2004-03" or "2004-03-10", or null."""

    def __init__(self, prefix, **kwargs):
        self.prefix = prefix
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        value = getattr(obj, f"{self.prefix}_date")
        return partial_dates.iso(value, getattr(obj, f"{self.prefix}_precision")) if value else None


class TranslatedSerializer(serializers.ModelSerializer):
    """Every translated field named in Meta.translated appears as itself, in the answer's language (with the
    site's fallback when that language's text is missing), and as <field>_kk, <field>_ru and <field>_en. An entry
    (name, field) gives the model's field under Popolo's name: ("label", "title")."""

    def get_fields(self):
        plain = super().get_fields()
        # The id first, then the texts, then the rest, as a reader of the JSON looks for them.
        fields = {"id": plain.pop("id")}
        for entry in getattr(self.Meta, "translated", ()):
            name, field = entry if isinstance(entry, tuple) else (entry, entry)
            fields[name] = serializers.CharField(read_only=True, **({} if name == field else {"source": field}))
            for lang in LANGUAGES:
                column = f"{field}_{lang}"
                kwargs = {} if f"{name}_{lang}" == column else {"source": column}
                fields[f"{name}_{lang}"] = serializers.CharField(read_only=True, **kwargs)
        return {**fields, **plain}


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "note": {"type": "string", "enum": list(LANGUAGES)}},
            "required": ["name", "note"],
        },
    }
)
class OtherNamesField(serializers.Field):
    """Popolo's other_names: the record's name in each language (note: the language's code)."""

    def __init__(self, field="name", **kwargs):
        self.field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        names = [(getattr(obj, f"{self.field}_{lang}"), lang) for lang in LANGUAGES]
        return [{"name": name, "note": lang} for name, lang in names if name]


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"scheme": {"type": "string"}, "identifier": {"type": "string"}},
            "required": ["scheme", "identifier"],
        },
    }
)
class IdentifiersField(serializers.Field):
    """Popolo's identifiers: the Wikidata item, when the record has one."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        qid = getattr(obj, "wikidata_id", "")
        return [{"scheme": "wikidata", "identifier": qid}] if qid else []


class SourceLinkSerializer(serializers.Serializer):
    """A source cited for a record, as a Popolo link: where it can be read (its own address, else its page
    here) and what it is (its title, in the answer's language), with its id in /api/v1/sources/."""

    id = serializers.SlugField(source="slug")
    url = serializers.SerializerMethodField()
    note = serializers.CharField(source="title")

    def get_url(self, source) -> str:
        if source.url:
            return source.url
        request = self.context.get("request")
        path = source.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


@extend_schema_field(OpenApiTypes.URI)
class PageAddressField(serializers.Field):
    """The address of the record's page on the site, in the answer's language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class RecordSerializer(TranslatedSerializer):
    """A record of the knowledge base: its slug as its id, the sources it cites and the address of its page.
    `related` names what a list of them prefetches for these fields (the API's, and the CSV of the page)."""

    related = ("sources",)

    id = serializers.SlugField(source="slug")
    sources = SourceLinkSerializer(many=True, read_only=True)
    page = PageAddressField()


class KnowledgeBasePagination(BasePagination):
    """The lists' own pages (osce_kb.paging): a signed cursor that seeks through the index serving the list's
    order, so that every page costs the same at any depth; `next` and `previous` are full addresses."""

    page_size = 50

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        try:
            # As many rows as the list's page on the site shows, so that the two answer alike.
            size = getattr(view, "page_size", self.page_size)
            self.page = Pager(queryset, size).page(request.query_params)
        except NoSuchPage as error:
            raise exceptions.NotFound(error.message) from None
        except BadCursor as error:
            raise exceptions.ValidationError({CURSOR_PARAM: [error.message]}) from None
        return self.page.object_list

    def _link(self, cursor, number):
        url = remove_query_param(self.request.build_absolute_uri(), PAGE_PARAM)
        if cursor:
            return replace_query_param(url, CURSOR_PARAM, cursor)
        url = remove_query_param(url, CURSOR_PARAM)
        return url if number == 1 else replace_query_param(url, PAGE_PARAM, number)

    def next_link(self):
        page = self.page
        if not page.has_next:
            return None
        return self._link(page.next_cursor, (page.number or 0) + 1)

    def previous_link(self):
        page = self.page
        if not page.has_previous:
            return None
        return self._link(page.previous_cursor, (page.number or 2) - 1)

    def get_paginated_response(self, data):
        return Response({"next": self.next_link(), "previous": self.previous_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": CURSOR_PARAM,
                "in": "query",
                "required": False,
                "description": "The page after or before another, as the next and previous links give it.",
                "schema": {"type": "string"},
            }
        ]


@extend_schema(parameters=[LANG_PARAMETER])
class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A list (filtered as the page with the same query string is) and a detail by slug, in `?lang=`."""

    lookup_field = "slug"
    # The public lists' FilterSets, with the same parameters and answers; a bad value is a 400 naming the
    # parameter, with the form's message in the answer's language.
    filter_backends = [DjangoFilterBackend]
    pagination_class = KnowledgeBasePagination

    def initial(self, request, *args, **kwargs):
        translation.activate(requested_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        # With the ETag that every answer gets, If-Modified-Since is answered 304 too (ConditionalGetMiddleware).
        record = self.get_object()
        response = Response(self.get_serializer(record).data)
        response["Last-Modified"] = http_date(record.updated_at.timestamp())
        return response


def _cell(value):
    """A CSV cell: a list of Popolo objects as their ids (or names, or scheme:identifier), joined by "; "."""
    if isinstance(value, list):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        if "id" in value:
            return value["id"]
        if "identifier" in value:
            return f"{value['scheme']}:{value['identifier']}"
        return value.get("name", "")
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)


def csv_rows(header, records):
    """The header and the rows of a CSV of API records, one column per field of `header`."""
    yield header
    for record in records:
        yield [_cell(record[name]) for name in header]
