"""The page cache: whole public pages kept for anonymous readers, and dropped the moment content changes.

A page is stored under its language and absolute address (scheme, host and path with its query: pages carry
absolute hreflang links built from the host), together with the content *generation* it was rendered under.
The generation is a random token kept in the cache itself; any change of content replaces it once its transaction
commits, and a page is served only if it was stored under the current generation, so no page cached before the
change is served after it (it is overwritten at the next read, or expires after PAGE_CACHE_SECONDS). Page and
generation come back in one round trip to the cache. A random token, never a counter: a Redis that restarts empty
cannot hand out a generation that old pages were stored under.

Only what cannot differ between readers is stored: GET and HEAD of the public pages (under a language prefix,
and the sitemap) from visitors without a session (editors have one, and see drafts and previews), answered 200,
setting no cookie, varying on nothing the key leaves out, and using no CSP nonce (a nonce in a stored body would
not match the next reader's header). When the cache cannot be read (Redis down), nothing is cached and pages are
rendered as if there were no cache; the process then owes a new generation, which it sets as soon as the cache
answers again, so that no page stored before a change made meanwhile comes back.

Invalidation: post_save, post_delete and m2m_changed of the knowledge-base models call content_changed(), and so
does load_kb; anything else that writes content without signals (QuerySet.update(), raw SQL) must call it too,
and `manage.py drop_cached_pages` does it by hand.
"""

import hashlib
import logging
import threading
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import get_language_from_path

from osce_kb import routers

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# The models whose rows the public pages show; their M2M links are watched through their through-models.
CONTENT_MODELS = (
    "osce_kb.Source",
    "organs.ParticipatingState",
    "organs.Organ",
    "people.Person",
    "people.Post",
    "people.Tenure",
    "timeline.Event",
)
# Set when the cache failed to answer or to take a new generation: until one is set, no page is cached or served
# from the cache, since the one the cache still holds may be older than a change made while it was unreachable.
_owed = threading.Event()


def _new_generation():
    # The time lets a page rendered from a lagging replica just after a change be left out (see _storable).
    return (uuid.uuid4().hex, time.time())


def renew_generation():
    """Replace the generation; False, and the renewal owed, when the cache does not take it."""
    generation = _new_generation()
    try:
        cache.set(GENERATION_KEY, generation, timeout=None)
        # The forgiving Redis cache drops a write it cannot make without raising; reading back tells.
        taken = cache.get(GENERATION_KEY) == generation
    except Exception:  # noqa: BLE001 - a cache without the forgiving wrapper; the site must not fail for it
        logger.exception("The page cache's generation could not be renewed.")
        taken = False
    if taken:
        _owed.clear()
    else:
        _owed.set()
    return taken


def current_generation():
    """The generation pages are cached under now, or None when the cache cannot be trusted with pages."""
    if _owed.is_set() and not renew_generation():
        return None
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, an eviction, or a Redis that restarted empty: any new token will do, but only one.
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            _owed.set()
    return generation


def content_changed(using=None):
    """What the public pages show has changed (or is changing in the current transaction): once it commits,
    no page cached before is served again. However often it is called, a transaction renews the generation once."""
    connection = transaction.get_connection(using)
    # A renewal already waiting runs at this commit: Django drops a callback only with a savepoint it was
    # registered under, and a rollback of such a savepoint also undoes this change, which is made inside it.
    if connection.in_atomic_block and any(entry[1] is renew_generation for entry in connection.run_on_commit):
        return
    transaction.on_commit(renew_generation, using=using)


def _saved_or_deleted(sender, using=None, **kwargs):
    content_changed(using)


def _links_changed(sender, action, using=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed(using)


def connect_signals():
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        uid = f"page-cache:{label}"
        post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
        post_delete.connect(_saved_or_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"page-cache:{through._meta.label}")


def is_public_page(request):
    return get_language_from_path(request.path_info) is not None or request.path_info.startswith("/sitemap")


def _anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def _page_key(request):
    # The active language is the address's, or for the sitemap (no language in its address) the one
    # LocaleMiddleware chose from the reader's Accept-Language.
    address = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    return f"page:{translation.get_language()}:{address}"


def _lookup(key):
    """The current generation, and the page kept under `key` if it was stored under that generation."""
    if _owed.is_set():
        return current_generation(), None
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return current_generation(), None
    stored_under, page = found.get(key, (None, None))
    return generation, page if stored_under == generation else None


def _storable(request, response, generation):
    if response.streaming or response.cookies:
        return False
    # The key holds the address and the language only; a page that varies on anything else (a cookie, for
    # one that used the CSRF token) or read the session could carry one reader's data to another.
    if response.has_header("Vary") or getattr(getattr(request, "session", None), "accessed", False):
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False
    # A replica may not have caught up with a change made just before: a page read from it then is served but
    # not kept, for as long as the site assumes a replica can lag (REPLICA_PIN_SECONDS).
    _token, changed_at = generation
    return not (
        routers.REPLICA in settings.DATABASES
        and routers.reads_replica(request)
        and time.time() - changed_at < settings.REPLICA_PIN_SECONDS
    )


class PageCacheMiddleware:
    """Serves anonymous readers' public pages from the cache, stores them there, and tells browsers and proxies
    how to cache them. Placed inside ConditionalGetMiddleware, so that a page from the cache answers
    If-None-Match with a 304 too, and inside LocaleMiddleware and CommonMiddleware, whose headers (language,
    length) are added to every answer, cached or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not is_public_page(request):
            return self.get_response(request)
        key = generation = None
        if settings.PAGE_CACHE and _anonymous(request):
            key = _page_key(request)
            generation, cached = _lookup(key)
            if cached is not None:
                cached["X-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if generation is not None:
            response["X-Cache"] = "miss"
        if not _anonymous(request):
            # Editors see drafts, previews and banners: never for a shared cache, always asked for again.
            patch_cache_control(response, private=True, no_cache=True)
            return response
        # A view with a caching policy of its own (never_cache, private) keeps it; so does an error page.
        if response.status_code != 200 or response.has_header("Cache-Control"):
            return response
        storable = generation is not None and _storable(request, response, generation)
        # Browsers and proxies may keep the page but must ask again each time (a 304 when nothing changed): an
        # editor's change then shows at once, which a max-age of minutes would not allow.
        set_response_etag(response)
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        if storable:
            cache.set(key, (generation, response), settings.PAGE_CACHE_SECONDS)
        return response
