from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path

from organs.urls import state_patterns
from osce_kb import feeds, measuring, operations, views
from osce_kb.admin import translation_report
from osce_kb.choosing import CHOOSERS
from osce_kb.sitemaps import SITEMAPS

# Django's own 400 page has no request, so no language links; ours is a page of the site like the 404.
handler400 = views.bad_request
# An unexpected error gives the static 500 page; a database that cannot answer, the 503 page.
handler500 = views.server_error

source_patterns = [
    path("", views.SourceListView.as_view(), name="list"),
    path("<slug:slug>/", views.SourceDetailView.as_view(), name="detail"),
]

# The admin (at ADMIN_PATH) has no language prefix; every public page does (/kk/, /ru/, /en/), and "/" is
# redirected by LocaleMiddleware to the visitor's language (Accept-Language), else Kazakh. The addresses for
# machines (health checks, security.txt) have no language either.
urlpatterns = [
    path("healthz", operations.healthz, name="healthz"),
    path("readyz", operations.readyz, name="readyz"),
    path(".well-known/security.txt", operations.security_txt, name="security-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The open data (osce_kb/api.py), for programs: no language prefix; ?lang= chooses the language.
    path("api/v1/", include(("osce_kb.api", "api"))),
    path(
        f"{settings.ADMIN_PATH}translations/",
        admin.site.admin_view(translation_report),
        name="translation-report",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
    # The admin is not under a language prefix: its language switch posts here and sets a cookie.
    path("i18n/", include("django.conf.urls.i18n")),
    # An index of the sections and their pages, each page at most 50,000 URLs (see osce_kb.sitemaps).
    path("sitemap.xml", index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"}, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("structure/", views.structure, name="structure"),
    path("as-of/", views.as_of_form, name="as-of-form"),
    path("as-of/<str:day>/", views.as_of, name="as-of"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggest, name="search-suggest"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("organs/", include("organs.urls")),
    path("states/", include((state_patterns, "states"))),
    path("people/", include("people.urls")),
    path("timeline/", include("timeline.urls")),
    path("sources/", include((source_patterns, "sources"))),
    # Atom feeds of what changed, in the language of the address (osce_kb.feeds).
    path("feeds/events/", feeds.EventFeed(), name="feed-events"),
    path("feeds/officeholders/", feeds.OfficeholderFeed(), name="feed-officeholders"),
    # What every page costs at least, measured next to each page by `make bench`.
    path("floor/", measuring.floor, name="floor"),
    # The filter fields' suggestions (JSON), one address per kind of record: /en/autocomplete/people/?q=…
    *[
        path(f"autocomplete/{kind}/", views.autocomplete, {"kind": kind}, name=f"autocomplete-{kind}")
        for kind in CHOOSERS
    ],
)
