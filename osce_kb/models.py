"""Site-wide models: the sources facts rest on, and the partial-date fields every app uses."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import migrations, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Trunc
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_language as active_language

from osce_kb import collation, partial_dates
from osce_kb.folding import fold_for_index
from osce_kb.i18n import in_all_languages, translated_value


class Precision(models.TextChoices):
    DAY = partial_dates.DAY, _("day")
    MONTH = partial_dates.MONTH, _("month")
    YEAR = partial_dates.YEAR, _("year")


PARTIAL_DATE_HELP = _(
    "The first day of the period that is known: for “2004” enter 2004-01-01 with precision “year”, "
    "for “March 2004” enter 2004-03-01 with precision “month”."
)


DATE_BOUNDS_MESSAGE = _("The date must be between 1900 and 2100.")


def date_bounds_validators():
    """Validators keeping a date within `partial_dates.EARLIEST` and `LATEST`, with one message for both."""
    return [
        MinValueValidator(partial_dates.EARLIEST, message=DATE_BOUNDS_MESSAGE),
        MaxValueValidator(partial_dates.LATEST, message=DATE_BOUNDS_MESSAGE),
    ]


def partial_date_fields(date_label, precision_label, *, required):
    """The pair of fields that store one partial date: a `DateField` and its precision."""
    date = models.DateField(
        date_label,
        null=not required,
        blank=not required,
        validators=date_bounds_validators(),
        help_text=PARTIAL_DATE_HELP,
    )
    precision = models.CharField(
        precision_label,
        max_length=5,
        choices=Precision.choices,
        blank=not required,
        help_text=_("How much of the date is known."),
    )
    return date, precision


def partial_date_constraints(prefix, *, required):
    """Database rules for one partial date: a precision goes with a date, the date starts its period, and it
    lies within the bounds (so that no path that skips the validators, a raw save or a revert, stores 9999)."""
    date, precision = f"{prefix}_date", f"{prefix}_precision"
    in_bounds = Q(**{f"{date}__range": (partial_dates.EARLIEST, partial_dates.LATEST)})
    first_day = (
        Q(**{precision: Precision.DAY})
        | Q(**{precision: Precision.MONTH, f"{date}__day": 1})
        | Q(**{precision: Precision.YEAR, f"{date}__day": 1, f"{date}__month": 1})
    )
    if required:
        condition = first_day
    else:
        condition = Q(**{f"{date}__isnull": True, precision: ""}) | (Q(**{f"{date}__isnull": False}) & first_day)
    return [
        models.CheckConstraint(
            condition=condition,
            name=f"%(app_label)s_%(class)s_{prefix}_is_first_day_of_period",
            violation_error_message=_(
                "A date must have a precision and be the first day of its period "
                "(1 January for a year, the 1st for a month)."
            ),
        ),
        models.CheckConstraint(
            condition=in_bounds if required else Q(**{f"{date}__isnull": True}) | in_bounds,
            name=f"%(app_label)s_%(class)s_{prefix}_date_within_bounds",
            violation_error_message=DATE_BOUNDS_MESSAGE,
        ),
    ]


def refuse_dates_out_of_bounds(model_label, *date_fields):
    """A migration step to run before adding the bounds constraints: a row stored out of bounds before they
    existed (the admin once accepted 9999) stops the migration with the record named, since no date may be
    invented for it; an editor corrects it from the record's source, then the migration is run again."""

    def check(apps, schema_editor):
        model = apps.get_model(model_label)
        bounds = (partial_dates.EARLIEST, partial_dates.LATEST)
        wrong = [
            f"{model_label} {getattr(row, 'slug', None) or getattr(row, 'code', row.pk)}: {field} {getattr(row, field)}"
            for field in date_fields
            for row in model._base_manager.filter(**{f"{field}__isnull": False}).exclude(**{f"{field}__range": bounds})
        ]
        if wrong:
            raise ValueError(
                f"Dates outside {bounds[0]}–{bounds[1]} must be corrected from their sources first: " + "; ".join(wrong)
            )

    return migrations.RunPython(check, migrations.RunPython.noop, elidable=True)


SPAN_END_MESSAGE = _("The end cannot be before the start.")


def span_end_constraint(start="start", end="end", message=SPAN_END_MESSAGE):
    """The end period must not finish before the start period begins ("2004" may end a span begun
    on 10 March 2004, since the tenure ended some time in 2004)."""
    start_date, end_date, end_precision = f"{start}_date", f"{end}_date", f"{end}_precision"
    return models.CheckConstraint(
        condition=Q(**{f"{end_date}__isnull": True})
        | Q(**{end_precision: Precision.DAY, f"{end_date}__gte": F(start_date)})
        | Q(**{end_precision: Precision.MONTH, f"{end_date}__gte": Trunc(start_date, "month")})
        | Q(**{end_precision: Precision.YEAR, f"{end_date}__gte": Trunc(start_date, "year")}),
        name=f"%(app_label)s_%(class)s_{end}_not_before_{start}",
        violation_error_message=message,
    )


def clean_partial_date(instance, prefix):
    """Field-level messages for the editor, matching the database rules above."""
    errors = {}
    value = getattr(instance, f"{prefix}_date")
    precision = getattr(instance, f"{prefix}_precision")
    if value is None and precision:
        errors[f"{prefix}_date"] = _("Enter the date, or clear its precision.")
    elif value is not None and not precision:
        errors[f"{prefix}_precision"] = _("Choose how precisely this date is known.")
    elif value is not None and not partial_dates.is_first_day(value, precision):
        if precision == Precision.YEAR:
            message = _("A date known only to the year must be entered as 1 January of that year.")
        else:
            message = _("A date known only to the month must be entered as the 1st of that month.")
        errors[f"{prefix}_date"] = message
    return errors


def clean_partial_span(instance, start="start", end="end", message=SPAN_END_MESSAGE):
    """Field-level messages for a span of two partial dates, matching `span_end_constraint`."""
    errors = {**clean_partial_date(instance, start), **clean_partial_date(instance, end)}
    start_date, end_date = getattr(instance, f"{start}_date"), getattr(instance, f"{end}_date")
    if errors or not (start_date and end_date):
        return errors
    # An end known only to the month or year may close a span begun within that period.
    if partial_dates.last_day(end_date, getattr(instance, f"{end}_precision")) < start_date:
        errors[f"{end}_date"] = message
    return errors


def source_note_field():
    """Where the essay and other sources disagree: each side's claim, kept visible on the record."""
    return models.TextField(
        _("note on the sources"),
        blank=True,
        help_text=_(
            "Where the essay and other sources disagree, or a fact could not be confirmed: what each says "
            "and which the record follows."
        ),
    )


class NaturalSlugQuerySet(models.QuerySet):
    """Slugs are the natural keys: fixtures name objects by slug, never by primary key."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublishableQuerySet(NaturalSlugQuerySet):
    def published(self):
        """What readers may see: drafts stay in the admin."""
        return self.filter(is_published=True)


class PartialSpanQuerySet(models.QuerySet):
    """Questions about dates asked of any model with a partial start and end."""

    @staticmethod
    def _period_of(prefix, value, *, compare):
        """Q for "<prefix> period compared with `value`": the period is aligned to its own precision,
        so we compare its first day with `value` truncated to the same precision."""
        return (
            Q(**{f"{prefix}_precision": Precision.DAY, f"{prefix}_date__{compare}": value})
            | Q(
                **{
                    f"{prefix}_precision": Precision.MONTH,
                    f"{prefix}_date__{compare}": partial_dates.first_day(value, Precision.MONTH),
                }
            )
            | Q(
                **{
                    f"{prefix}_precision": Precision.YEAR,
                    f"{prefix}_date__{compare}": partial_dates.first_day(value, Precision.YEAR),
                }
            )
        )

    def started_by(self, day):
        """Rows whose start is certainly on or before `day` (the whole start period is)."""
        # The start period ends by `day` when it begins before the period of its precision holding `day`, or
        # is that very period and `day` is its last day: no "next day", which 9999-12-31 would not have.
        condition = Q()
        for precision in Precision.values:
            compare = "lte" if partial_dates.last_day(day, precision) == day else "lt"
            first = partial_dates.first_day(day, precision)
            condition |= Q(start_precision=precision, **{f"start_date__{compare}": first})
        return self.filter(condition)

    def possibly_started_by(self, day):
        """Rows whose start period begins on or before `day` (it may have started later in it)."""
        return self.filter(start_date__lte=day)

    def possibly_not_ended_before(self, day):
        """Rows with no end, or whose end period reaches `day`."""
        return self.filter(Q(end_date__isnull=True) | self._period_of("end", day, compare="gte"))

    def between(self, start, end):
        """Rows whose span may overlap the days from `start` to `end`, both included."""
        ends_late_enough = Q(end_date__isnull=False) & self._period_of("end", start, compare="gte")
        single_day_late_enough = Q(end_date__isnull=True) & self._period_of("start", start, compare="gte")
        return self.filter(Q(start_date__lte=end) & (ends_late_enough | single_day_late_enough))


class ChronologicalQuerySet(PartialSpanQuerySet):
    """Rows of a `Chronological` model, read in date order from its stored key, which an index serves."""

    def chronological(self):
        """Oldest first, with a date known only to the year after that year's dated rows, and one known only
        to the month after that month's: a year-only date is never sorted as if it were 1 January."""
        return self.order_by("chronology_key", "pk")

    def most_recent(self, count):
        """The `count` latest rows, in chronological order (oldest of them first), as a list."""
        return list(self.chronological().reverse()[:count])[::-1]

    def bulk_create(self, objs, *args, **kwargs):
        # A bulk insert sends no pre_save signal: the key is filled here, so that seeded rows sort like saved ones.
        objs = list(objs)
        for obj in objs:
            obj.fill_chronology_key()
        return super().bulk_create(objs, *args, **kwargs)


def chronology_key(start_date, start_precision, end_date):
    """One integer that sorts spans as readers expect: by the start's year, month and day, where an unknown month
    counts as 13 and an unknown day as 32 (after every known one), then by the end's raw date, no end first.

    Digits YYYYMMDD of the start, then YYYYMMDD of the end (00000000 for none): 16 digits, a 64-bit integer."""
    if start_date is None:  # the database refuses the row; nothing to sort
        return 0
    month = 13 if start_precision == Precision.YEAR else start_date.month
    day = 32 if start_precision in (Precision.YEAR, Precision.MONTH) else start_date.day
    start = start_date.year * 10_000 + month * 100 + day
    end = end_date.year * 10_000 + end_date.month * 100 + end_date.day if end_date else 0
    return start * 10**8 + end


class EditConflict(ValidationError):
    """A save based on a state of the row that someone else has changed since it was read."""


CONFLICT_MESSAGE = _(
    "Someone else changed this record since you opened it, so your changes were not saved. "
    "Open the record again to see the current version, then make your changes once more."
)


class AlphabeticalQuerySet(models.QuerySet):
    def alphabetical(self):
        """In the alphabetical order of the active language (see `Alphabetical`)."""
        return self.order_by(sort_key_column(), "pk")


def sort_key_column(lang=None):
    """The column that sorts rows alphabetically in `lang` (default: the active language)."""
    return f"sort_key_{lang or active_language()}"


class Searchable(models.Model):
    """A record that search and the lists' text filter find whatever the case, accents or script of the query.

    Its text, in all three languages, is kept folded (see `osce_kb.folding`) in two columns, which every
    save refills: the name, where a misspelling is forgiven, and all the searched text."""

    # Translated fields that name the record, and the other translated fields searched.
    search_name_fields = ()
    search_text_fields = ()

    search_name = models.TextField(_("name as searched"), blank=True, editable=False)
    search_text = models.TextField(_("text as searched"), blank=True, editable=False)

    derived_columns = ("search_name", "search_text")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A save of some fields only must still store the columns that follow them.
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *Searchable.derived_columns}
        super().save(*args, **kwargs)

    def fill_search_columns(self):
        names = [getattr(self, column) for column in in_all_languages(*self.search_name_fields)]
        others = [getattr(self, column) for column in in_all_languages(*self.search_text_fields)]
        self.search_name = fold_for_index(*names)
        self.search_text = fold_for_index(*names, *others)


class Alphabetical(models.Model):
    """A record listed alphabetically in each language: a sort key per language, refilled at every save."""

    sort_key_kk = models.CharField(_("Kazakh sort key"), max_length=collation.KEY_LENGTH, blank=True, editable=False)
    sort_key_ru = models.CharField(_("Russian sort key"), max_length=collation.KEY_LENGTH, blank=True, editable=False)
    sort_key_en = models.CharField(_("English sort key"), max_length=collation.KEY_LENGTH, blank=True, editable=False)

    derived_columns = ("sort_key_kk", "sort_key_ru", "sort_key_en")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *Alphabetical.derived_columns}
        super().save(*args, **kwargs)

    def sort_text(self, lang):
        """What the record is listed under in `lang`: its name as readers of that language see it."""
        return translated_value(self, "name", lang)[0]

    def fill_sort_keys(self):
        for lang in ("kk", "ru", "en"):
            setattr(self, sort_key_column(lang), collation.sort_key(self.sort_text(lang), lang))


@receiver(pre_save)
def fill_derived_columns(sender, instance, **kwargs):
    """Search and sort columns follow the text at every save, also the raw saves of load_kb and of a revert,
    which skip `save()`; so do the timestamps."""
    if isinstance(instance, Searchable):
        instance.fill_search_columns()
    if isinstance(instance, Alphabetical):
        instance.fill_sort_keys()
    if isinstance(instance, Chronological):
        instance.fill_chronology_key()
    if isinstance(instance, Timestamped) and kwargs.get("raw"):
        instance.stamp_raw_save()


class Timestamped(models.Model):
    """When the record was first saved here and when it last changed: what the feeds list as new and changed,
    and the API's Last-Modified. Rows recorded before these columns existed carry the time they were added."""

    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True

    def stamp_raw_save(self):
        """A raw save (load_kb, a revert) skips the fields' own stamping and would write what the fixture or
        the old version holds: the row keeps the time it was first recorded, and is changed now."""
        if self.created_at is None:
            recorded = type(self)._base_manager.filter(pk=self.pk).values_list("created_at", flat=True).first()
            self.created_at = recorded or timezone.now()
        self.updated_at = timezone.now()


class Versioned(models.Model):
    """A token that changes with every save, so that a save based on an older state of the row (a form
    opened before someone else's change, an inline row, a list action racing an editor) is refused
    instead of silently overwriting it.

    The check lives here, in `save()`, so that every path that saves through the model obeys it: the
    admin's main form and its inlines, list actions, and code. A row read from the database remembers the
    token it was read with; a form sets the token its editor opened instead (`opened_with`).

    A fresh random token rather than a counter: reverting to an old version restores that version's
    counter too, and a counter that can return to an earlier value would let a stale form through."""

    edit_token = models.UUIDField(_("edit token"), default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic():
            read = getattr(self, "_read_token", None)
            if read is not None and not self._state.adding:
                current = self.current_token()
                if current is not None and current != read:
                    raise EditConflict(CONFLICT_MESSAGE, code="conflict")
            self.mark_edited()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "edit_token"}
            super().save(*args, **kwargs)
            self._read_token = self.edit_token

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._read_token = instance.__dict__.get("edit_token")
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None or "edit_token" in fields:
            self._read_token = self.edit_token

    def opened_with(self, token):
        """The state this save is based on: the token the editor's form was opened with."""
        self._read_token = token

    def mark_edited(self):
        self.edit_token = uuid.uuid4()

    def current_token(self):
        """The row's token in the database now, locked until the end of the transaction (None: no row)."""
        return (
            type(self)._base_manager.select_for_update().filter(pk=self.pk).values_list("edit_token", flat=True).first()
        )


class PartialSpan(models.Model):
    """A span of partial dates: a start that is always known, an end that may not be."""

    # What a missing end means when the span is shown: None for a single date (an event on one day).
    open_end = None

    start_date, start_precision = partial_date_fields(_("start date"), _("start date precision"), required=True)
    end_date, end_precision = partial_date_fields(_("end date"), _("end date precision"), required=False)

    class Meta:
        abstract = True
        constraints = [
            *partial_date_constraints("start", required=True),
            *partial_date_constraints("end", required=False),
            span_end_constraint(),
        ]

    def clean(self):
        errors = clean_partial_span(self)
        if errors:
            raise ValidationError(errors)

    @property
    def period(self):
        """The span in the active language, each end at its own precision."""
        return partial_dates.format_span(
            self.start_date, self.start_precision, self.end_date, self.end_precision, get_language(), self.open_end
        )

    @property
    def start_iso(self):
        return partial_dates.iso(self.start_date, self.start_precision)

    @property
    def end_iso(self):
        return partial_dates.iso(self.end_date, self.end_precision) if self.end_date else ""


class Chronological(PartialSpan):
    """A span listed in date order: its order is stored in `chronology_key`, refilled at every save, so that an
    index serves the timeline at any size (see `chronology_key`)."""

    chronology_key = models.BigIntegerField(_("chronological sort key"), default=0, editable=False)

    derived_columns = ("chronology_key",)

    class Meta(PartialSpan.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *Chronological.derived_columns}
        super().save(*args, **kwargs)

    def fill_chronology_key(self):
        self.chronology_key = chronology_key(self.start_date, self.start_precision, self.end_date)


# The Kazakh essay the knowledge base started from; record texts call it "the essay".
SEED_ESSAY_SLUG = "essay-osce-and-kazakhstan"


class Source(Searchable, Versioned, Timestamped):
    """A document a fact rests on: the seed essay, a treaty, a decision, an official page."""

    search_name_fields = ("title",)
    search_text_fields = ("note",)

    class Kind(models.TextChoices):
        ESSAY = "essay", _("essay")
        TREATY = "treaty", _("treaty")
        DECLARATION = "declaration", _("declaration")
        DECISION = "decision", _("decision")
        OFFICIAL_PAGE = "official_page", _("official page")
        BOOK = "book", _("book")
        ARTICLE = "article", _("article")

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("ASCII, from the English title; used in URLs.")
    )
    title = models.CharField(_("title"), max_length=400)
    author = models.CharField(_("author"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    published_date, published_precision = partial_date_fields(
        _("publication date"), _("publication date precision"), required=False
    )
    url = models.URLField(_("URL"), max_length=500, blank=True, help_text=_("Where the document can be read."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(
        _("language of the document"),
        max_length=10,
        blank=True,
        help_text=_("Language code of the document itself, e.g. kk, ru, en."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("What the document is and how it is used here."))

    objects = NaturalSlugQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = partial_date_constraints("published", required=False)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sources:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = clean_partial_date(self, "published")
        if errors:
            raise ValidationError(errors)
