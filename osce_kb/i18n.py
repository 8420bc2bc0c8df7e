"""Reading a translated field the way readers should see it: in their language, or visibly in another."""

from django.conf import settings


def in_all_languages(*fields):
    """The language columns of translated fields: name → name_kk, name_ru, name_en. Searches and filters
    look in all of them, so that a query in one script finds a record read in another."""
    return [f"{field}_{lang}" for field in fields for lang in settings.MODELTRANSLATION_LANGUAGES]


def fallback_chain(lang):
    """The languages to try for `lang`, in order: kk → ru → en, ru → en → kk, en → ru → kk."""
    chains = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    rest = chains.get(lang, chains["default"])
    return [lang, *[code for code in rest if code != lang]]


def translated_value(obj, field, lang):
    """(text, language it is in) for `field` of `obj`; an empty string counts as missing."""
    for code in fallback_chain(lang):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value, code
    return "", lang
