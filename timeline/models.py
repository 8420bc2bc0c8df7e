import datetime

from django.db import models
from django.db.models import Count, ExpressionWrapper, F, Min, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organs.models import Organ, ParticipatingState, wikidata_field, wikidata_unique
from osce_kb.models import (
    Chronological,
    ChronologicalQuerySet,
    PublishableQuerySet,
    Searchable,
    Source,
    Timestamped,
    Versioned,
    source_note_field,
)
from people.models import Person

# The year is the leading digits of `chronology_key` (YYYYMMDD of the start, then YYYYMMDD of the end).
YEAR_IN_KEY = Value(10**12, output_field=models.BigIntegerField())


class EventQuerySet(PublishableQuerySet, ChronologicalQuerySet):
    def about_kazakhstan(self):
        return self.filter(kind__in=Event.KAZAKHSTAN_KINDS)

    def from_year(self, year):
        """`between(1 January of year, LATEST)` said of the sort key alone, so that the index serving the timeline's
        order answers it without reading the rows: the events begun in the year or later, and the spans begun
        before it that reach into it (few, found through event_span_end_idx). The index is read from the earliest
        start among those spans, not from the first event of all."""
        first_of_year = year * 10**12
        spans_before = Event.objects.filter(
            is_published=True, end_date__gte=datetime.date(year, 1, 1), chronology_key__lt=first_of_year
        )
        # "+ 0": a MIN read through the sort key's index would look for the spans among every event since the first.
        earliest = (
            spans_before.order_by()
            .values("is_published")
            .annotate(earliest=Min(F("chronology_key") + 0))
            .values("earliest")
        )
        start_of_year = Value(first_of_year, output_field=models.BigIntegerField())
        lowest = Least(start_of_year, Coalesce(Subquery(earliest), start_of_year))
        return self.filter(chronology_key__gte=lowest).filter(
            Q(chronology_key__gte=first_of_year) | Q(pk__in=spans_before.values("pk"))
        )

    def first_in_year(self, year, count):
        """The first `count` of these events that may overlap `year`, in chronological order, as a list: the spans
        begun before the year and reaching into it (they sort before the year's own events), then the events
        begun in it. Two queries, each served by an index whatever the size of the table."""
        first_of_year = year * 10**12
        # "+ 0": ordered by the sort key's index, the spans would be looked for among every event since the first;
        # they are few, and found through event_span_end_idx, then sorted.
        spans = list(
            self.filter(end_date__gte=datetime.date(year, 1, 1), chronology_key__lt=first_of_year).order_by(
                F("chronology_key") + 0, "pk"
            )[:count]
        )
        if len(spans) == count:
            return spans
        begun = self.filter(chronology_key__gte=first_of_year, chronology_key__lt=first_of_year + 10**12)
        return spans + list(begun.chronological()[: count - len(spans)])

    def per_year_and_kind(self):
        """How many of these events begin in each year, by kind: [(kind, year, number), ...], in one GROUP BY over
        these events (narrow them first: see `EventYearCount` for all published events). The year is the leading
        digits of the key."""
        year = ExpressionWrapper(F("chronology_key") / YEAR_IN_KEY, output_field=models.BigIntegerField())
        rows = self.order_by().annotate(year=year).values_list("kind", "year").annotate(number=Count("pk"))
        return [(kind, int(year), number) for kind, year, number in rows]


class Event(Chronological, Searchable, Versioned, Timestamped):
    """A dated event of the OSCE's history or of Kazakhstan's relations with it."""

    search_name_fields = ("title",)
    search_text_fields = ("summary", "description", "place")

    class Kind(models.TextChoices):
        OSCE_HISTORY = "osce_history", _("OSCE history")
        KAZAKHSTAN_RELATIONS = "kazakhstan_relations", _("Kazakhstan–OSCE relations")
        KAZAKHSTAN_INITIATIVE = "kazakhstan_initiative", _("Kazakhstan initiative")
        KAZAKHSTAN_CHAIRMANSHIP = "kazakhstan_chairmanship", _("Kazakhstan's Chairmanship")
        KAZAKHSTAN_ELECTION = "kazakhstan_election", _("Election in Kazakhstan")
        OTHER = "other", _("other")

    KAZAKHSTAN_KINDS = [
        Kind.KAZAKHSTAN_RELATIONS,
        Kind.KAZAKHSTAN_INITIATIVE,
        Kind.KAZAKHSTAN_CHAIRMANSHIP,
        Kind.KAZAKHSTAN_ELECTION,
    ]

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("ASCII, from the English title; used in URLs.")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists."))
    description = models.TextField(_("description"), blank=True)
    note = source_note_field()
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organs = models.ManyToManyField(Organ, verbose_name=_("OSCE bodies"), blank=True, related_name="events")
    people = models.ManyToManyField(Person, verbose_name=_("people"), blank=True, related_name="events")
    states = models.ManyToManyField(
        ParticipatingState, verbose_name=_("participating States"), blank=True, related_name="events"
    )
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True, related_name="events")
    wikidata_id = wikidata_field()
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published records are shown to readers.")
    )

    objects = EventQuerySet.as_manager()

    class Meta(Chronological.Meta):
        ordering = ["start_date", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", _("Can publish or withdraw events"))]
        constraints = [*Chronological.Meta.constraints, wikidata_unique("event")]
        indexes = [
            # between() narrows published events by their start (the timeline by year, as-of).
            models.Index(fields=["is_published", "start_date"], name="event_published_start_idx"),
            # The timeline, either way round, its pages after or before a cursor, and the home page's latest events.
            models.Index(fields=["is_published", "chronology_key", "id"], name="event_published_chrono_idx"),
            # The timeline filtered by kind, in date order; and the axis's count of events per kind and year.
            models.Index(fields=["is_published", "kind", "chronology_key", "id"], name="event_kind_chrono_idx"),
            # The feed of new and changed events: the latest changed published events first.
            models.Index(fields=["is_published", "-updated_at", "-id"], name="event_published_updated_idx"),
            # The timeline from a year on: the earliest start among the spans that reach that year (from_year).
            models.Index(
                fields=["end_date", "chronology_key"],
                condition=models.Q(is_published=True, end_date__isnull=False),
                name="event_span_end_idx",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("timeline:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)


class EventYearCountQuerySet(models.QuerySet):
    def matching(self, kind=None, year_from=None, year_to=None):
        """The counts of one kind and of the years from `year_from` to `year_to`, where given."""
        counts = self.filter(kind=kind) if kind else self
        if year_from is not None:
            counts = counts.filter(year__gte=year_from)
        if year_to is not None:
            counts = counts.filter(year__lte=year_to)
        return counts

    def per_year_and_kind(self):
        """As `EventQuerySet.per_year_and_kind` for all published events (narrowed by `filter(kind=…, year…)`),
        from at most one row per year and kind."""
        return list(self.filter(number__gt=0).values_list("kind", "year", "number"))


class EventYearCount(models.Model):
    """How many published events of a kind begin in a year, for the timeline's axis: kept by database triggers
    on the events table, whatever writes it (see timeline/year_counts.py); never edited by hand."""

    kind = models.CharField(_("kind"), max_length=30, choices=Event.Kind.choices)
    year = models.IntegerField(_("year"))
    number = models.IntegerField(_("number of events"))

    objects = EventYearCountQuerySet.as_manager()

    class Meta:
        ordering = ["year", "kind"]
        verbose_name = _("count of events in a year")
        verbose_name_plural = _("counts of events by year")
        constraints = [
            # One row per year and kind: the triggers add to it (ON CONFLICT) and the axis reads it.
            models.UniqueConstraint(fields=["kind", "year"], name="event_year_count_kind_year_unique"),
        ]

    def __str__(self):
        return f"{self.year} {self.kind}: {self.number}"
