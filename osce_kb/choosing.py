"""Choosing one record of a large table in a filter form: by its slug (the links the site makes) or by its
name as a reader types it, with suggestions from a JSON endpoint instead of a <select> of every row.

A `Chooser` knows, for one kind of record, which rows readers may choose, how a typed name is matched (the
folded name column of `Searchable`, as search does), and how a record is named in the reader's language. The
filter field (`osce_kb.filters.RecordFilter`) and the autocomplete endpoint share it, so that a suggestion
the endpoint offers is always one the field accepts.
"""

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from osce_kb import folding
from osce_kb.i18n import in_all_languages, translated_value
from osce_kb.matching import containing, query_words

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
# Suggestions offered at once; a reader who does not see the one they want types more of the name.
SUGGESTIONS = 10
# Queries shorter than this (folded) would match most of a table and tell the reader nothing.
MIN_QUERY_LENGTH = 2


class Chooser:
    def __init__(self, model, *, name_field="name", slug_field="slug", published=True):
        self.model_label = model
        self.name_field = name_field
        self.slug_field = slug_field
        self.published = published

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def choosable(self):
        """The rows a reader may choose: published ones, where records have a published state."""
        rows = self.model._default_manager.all()
        return rows.published() if self.published else rows

    def named(self, words):
        """Rows whose folded name has a word beginning with each of the folded `words`."""
        return containing(self.model, "search_name", words)

    def label(self, record):
        return translated_value(record, self.name_field, get_language())[0]

    def names(self, record):
        """Every name of `record`, in each language, folded: what a reader may type to mean it exactly."""
        fields = getattr(self.model, "search_name_fields", None) or (self.name_field,)
        return {folding.fold(getattr(record, column)) for column in in_all_languages(*fields)} - {""}

    def candidates(self, text, limit):
        """Up to `limit` rows whose name holds every word of `text`, the shortest names first, so that an exact
        name comes before the longer names that contain it."""
        words = query_words(text)
        if len("".join(words)) < MIN_QUERY_LENGTH:
            return []
        return list(self.choosable().filter(self.named(words)).order_by(Length("search_name"), "pk")[:limit])

    def find(self, text):
        """The one record `text` means: its slug, its exact name, or the only record whose name holds the words
        typed. Else a ValidationError naming the problem: nothing found, or several found."""
        if SLUG.match(text):
            record = self.choosable().filter(**{self.slug_field: text}).first()
            if record is not None:
                return record
        found = self.candidates(text, SUGGESTIONS + 1)
        exact = [record for record in found if folding.fold(text) in self.names(record)]
        if len(exact) == 1:
            return exact[0]
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                _("Nothing called “%(text)s” was found. Check the spelling, or choose one of the suggestions."),
                code="not_found",
                params={"text": text[:80]},
            )
        raise ValidationError(
            _("Several records match “%(text)s”. Type more of the name, or choose one of the suggestions."),
            code="ambiguous",
            params={"text": text[:80]},
        )

    def suggest(self, text):
        """[{"value": what to type, "label": how it reads}] for the autocomplete endpoint. The value is the name
        in the reader's language, or the slug where two suggestions read alike."""
        found = self.candidates(text, SUGGESTIONS)
        labels = [self.label(record) for record in found]
        return [
            {
                "value": label if labels.count(label) == 1 else getattr(record, self.slug_field),
                "label": self.describe(record, label),
            }
            for record, label in zip(found, labels, strict=True)
        ]

    def describe(self, record, label):
        return label


class PostChooser(Chooser):
    """Posts have no search columns of their own, and their titles repeat from body to body ("Head of
    Centre"): a post is matched by its title or by its body's folded name, and named with its body."""

    def __init__(self):
        super().__init__("people.Post", name_field="title", published=False)

    def choosable(self):
        return self.model._default_manager.filter(organ__is_published=True).select_related("organ")

    def named(self, words):
        """Each word typed in the title (as written, in any language) or in the body's folded name."""
        condition = Q()
        for word in words:
            in_title = Q()
            for column in in_all_languages("title"):
                in_title |= Q(**{f"{column}__icontains": word})
            folded = folding.fold(word)
            condition &= in_title | Q(organ__search_name__contains=folded) if folded else in_title
        return condition

    def candidates(self, text, limit):
        words = text.split()
        if len(folding.fold(text).replace(" ", "")) < MIN_QUERY_LENGTH:
            return []
        return list(self.choosable().filter(self.named(words)).order_by("display_order", "slug")[:limit])

    def label(self, record):
        return f"{super().label(record)} ({translated_value(record.organ, 'name', get_language())[0]})"

    def names(self, record):
        """The title alone, or the title with the body's name as `label` writes it, in each language."""
        names = set()
        for lang_title, lang_organ in zip(in_all_languages("title"), in_all_languages("name"), strict=True):
            title = getattr(record, lang_title)
            names |= {folding.fold(title), folding.fold(f"{title} {getattr(record.organ, lang_organ)}")}
        return names - {""}


CHOOSERS = {
    "people": Chooser("people.Person"),
    "organs": Chooser("organs.Organ"),
    "posts": PostChooser(),
    "sources": Chooser("osce_kb.Source", name_field="title", published=False),
}
