"""The public pages, read from the URL resolver so that a page added later is covered without editing a test."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation

KNOWLEDGE_BASE_APPS = ("osce_kb", "organs", "people", "timeline")

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class PublicPattern:
    name: str  # namespaced: "organs:detail"
    route: str  # under the language prefix: "organs/<slug:slug>/"
    callback: object

    @property
    def parameters(self):
        return [match["name"] for match in PARAMETER.finditer(self.route)]

    @property
    def filterset_class(self):
        return getattr(getattr(self.callback, "view_class", None), "filterset_class", None)

    def path(self, lang, values):
        """The address in `lang` with each parameter replaced by its (already quoted) value."""
        return f"/{lang}/" + PARAMETER.sub(lambda match: values[match["name"]], self.route)


def _walk(patterns, route, namespace):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield PublicPattern(f"{namespace}{pattern.name}", route + str(pattern.pattern), pattern.callback)


def public_patterns():
    """Every page under the language prefix (the public site), in resolver order."""
    found = []
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            found.extend(_walk(pattern.url_patterns, "", ""))
    assert found, "no language-prefixed URL patterns found"
    return found


def record_parameters():
    """{URL name: [path parameters of each record's page, published records first]}, from every record of the
    knowledge base in the database: values that reach real pages (and drafts, which must stay hidden)."""
    found = {}
    with translation.override("en"):
        for app in KNOWLEDGE_BASE_APPS:
            for model in apps.get_app_config(app).get_models():
                if not hasattr(model, "get_absolute_url"):
                    continue
                rows = model._default_manager.all()
                if hasattr(model, "is_published"):
                    rows = rows.order_by("-is_published", "pk")
                for row in rows:
                    match = resolve(row.get_absolute_url().split("#")[0])
                    if match.kwargs and match.kwargs not in found.setdefault(match.view_name, []):
                        found[match.view_name].append(match.kwargs)
    return found
