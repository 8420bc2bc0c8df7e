from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organs.models import Organ, ParticipatingState, wikidata_field, wikidata_unique
from osce_kb import collation, partial_dates
from osce_kb.i18n import translated_value
from osce_kb.models import (
    Alphabetical,
    AlphabeticalQuerySet,
    NaturalSlugQuerySet,
    PartialSpan,
    PartialSpanQuerySet,
    PublishableQuerySet,
    Searchable,
    Source,
    Timestamped,
    Versioned,
    clean_partial_span,
    partial_date_constraints,
    partial_date_fields,
    source_note_field,
    span_end_constraint,
)

LIFE_MESSAGE = _("The date of death cannot be before the date of birth.")


class PersonQuerySet(PublishableQuerySet, AlphabeticalQuerySet):
    pass


class Person(Searchable, Alphabetical, Versioned, Timestamped):
    """Someone who held an OSCE office or took part in an event of the knowledge base."""

    search_name_fields = ("name",)
    search_text_fields = ("summary", "biography")

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("ASCII, from the English name: miklos-haraszti.")
    )
    name = models.CharField(
        pgettext_lazy("person", "name"),
        max_length=200,
        help_text=_("In this language's usual spelling: Миклош Харасти, Miklós Haraszti."),
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_(
            "The name as listed alphabetically, surname first: “Perrin de Brichambaut, Marc”. Leave it empty "
            "to list the person under the last word of the name, or the words after af, de, van and the like."
        ),
    )
    nationality = models.ForeignKey(
        ParticipatingState,
        verbose_name=_("nationality"),
        # People keep their nationality on record; a State is removed only after its people are re-linked.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nationals",
    )
    # Life basics, at the precision the sources give ("1945", or "2 January 1945"), and only where they give them.
    birth_date, birth_precision = partial_date_fields(_("date of birth"), _("date of birth precision"), required=False)
    death_date, death_precision = partial_date_fields(_("date of death"), _("date of death precision"), required=False)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists."))
    biography = models.TextField(
        _("biography"),
        blank=True,
        help_text=_("A short life in this language: what the person did before, in and after office."),
    )
    note = source_note_field()
    wikidata_id = wikidata_field()
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True, related_name="people")
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published records are shown to readers.")
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("publish_person", _("Can publish or withdraw people"))]
        constraints = [
            *partial_date_constraints("birth", required=False),
            *partial_date_constraints("death", required=False),
            span_end_constraint("birth", "death", LIFE_MESSAGE),
            wikidata_unique("person"),
        ]
        # The people list in each language's alphabetical order (and in Latin script, sort_key_en), either way
        # round, its pages after or before a cursor.
        indexes = [
            models.Index(fields=["is_published", f"sort_key_{lang}", "id"], name=f"person_published_sort_{lang}_idx")
            for lang in ("kk", "ru", "en")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        errors = clean_partial_span(self, "birth", "death", LIFE_MESSAGE)
        if errors:
            raise ValidationError(errors)

    @property
    def birth_iso(self):
        return partial_dates.iso(self.birth_date, self.birth_precision) if self.birth_date else ""

    @property
    def death_iso(self):
        return partial_dates.iso(self.death_date, self.death_precision) if self.death_date else ""

    def sort_text(self, lang):
        """People are listed by surname: the sort name written for `lang`, or one derived from the name."""
        return getattr(self, f"sort_name_{lang}") or collation.surname_first(translated_value(self, "name", lang)[0])


class PostQuerySet(NaturalSlugQuerySet):
    def with_latest_holders(self, tenures, count):
        """Prefetch each post's latest `count` + 1 of `tenures`, newest first, as `latest_holders` (the extra one
        says whether there are more): one query for all the posts, in which the database numbers each post's
        tenures by a window function and keeps the first ones."""
        latest = tenures.order_by("-start_date", "-pk")[: count + 1]
        return self.prefetch_related(models.Prefetch("tenures", queryset=latest, to_attr="latest_holders"))


class Post(Versioned, Timestamped):
    """An office in an OSCE body: Secretary General, Director of ODIHR, Chairperson-in-Office."""

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("ASCII, from the English title: secretary-general.")
    )
    organ = models.ForeignKey(
        Organ,
        verbose_name=_("body"),
        # An office's history must not disappear with a careless delete of its body.
        on_delete=models.PROTECT,
        related_name="posts",
    )
    title = models.CharField(_("title"), max_length=200)
    single_holder = models.BooleanField(
        _("one holder at a time"),
        default=True,
        help_text=_("Tick when the office has one holder at a time, so that tenures must not overlap."),
    )
    term_note = models.TextField(
        _("term"), blank=True, help_text=_("Who appoints or elects the holder, and for how long.")
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "slug"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.organ.get_absolute_url() + f"#post-{self.slug}"

    def natural_key(self):
        return (self.slug,)


class TenureQuerySet(NaturalSlugQuerySet, PartialSpanQuerySet):
    def held_on(self, day):
        """Tenures certainly held on `day`: begun by then, and either current or ending on or after it."""
        still_held = Q(end_date__isnull=True, is_current=True) | Q(end_date__gte=day)
        return self.started_by(day).filter(still_held)

    def current(self):
        """Tenures the record says are current, or that certainly cover today."""
        return self.filter(is_current=True) | self.held_on(timezone.localdate())

    def possibly_held_on(self, day):
        """Tenures that may have been held on `day`, given the precision of their dates."""
        return self.possibly_started_by(day).possibly_not_ended_before(day)

    def uncertain_on(self, day):
        """Tenures that may, but need not, have been held on `day`: the dates are too coarse to say."""
        return self.possibly_held_on(day).exclude(pk__in=self.held_on(day).values("pk"))

    def in_order(self):
        return self.order_by("start_date", "pk")

    def with_neighbour_pks(self):
        """Each tenure with `predecessor_pk` and `successor_pk`: the tenures of published people just before and
        after it in the same post, in `in_order()`. Each is one lookup in the index on post and start date, so a
        page of tenures costs the same whatever the number of tenures of their posts."""
        same_post = self.model.objects.filter(post=OuterRef("post"), person__is_published=True)
        start, pk = OuterRef("start_date"), OuterRef("pk")
        earlier = same_post.filter(Q(start_date__lt=start) | Q(start_date=start, pk__lt=pk))
        later = same_post.filter(Q(start_date__gt=start) | Q(start_date=start, pk__gt=pk))
        return self.annotate(
            predecessor_pk=Subquery(earlier.order_by("-start_date", "-pk").values("pk")[:1]),
            successor_pk=Subquery(later.order_by("start_date", "pk").values("pk")[:1]),
        )

    def public(self):
        """Tenures readers may see: of published people, in published bodies."""
        return self.filter(person__is_published=True, post__organ__is_published=True)

    def by_office(self):
        """Grouped as the structure is: by body, then post, then start, with what a listing shows."""
        return self.select_related("person", "post__organ", "on_behalf_of").order_by(
            "post__organ__display_order", "post__display_order", "post__slug", "start_date"
        )


class Tenure(PartialSpan, Versioned, Timestamped):
    """One person holding one post for a time."""

    # The tenure's name in fixtures. Not made of its dates, so that correcting a date changes this tenure
    # instead of adding a second one.
    slug = models.SlugField(
        _("slug"),
        max_length=250,
        unique=True,
        editable=False,
        help_text=_("ASCII, person then post (kanat-saudabayev-chairperson-in-office); set once, never changed."),
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="tenures")
    # An office's holders are history: a post is deleted only after its tenures are.
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.PROTECT, related_name="tenures")
    on_behalf_of = models.ForeignKey(
        ParticipatingState,
        verbose_name=_("on behalf of"),
        # A State's chairmanships are history; remove the tenures before the State.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tenures",
        help_text=_("For a Chairperson-in-Office: the State that held the Chairmanship."),
    )
    is_current = models.BooleanField(
        _("in office now"),
        default=False,
        help_text=_(
            "Tick only when the sources say the person still holds the post; otherwise an empty end "
            "date means the end is unknown."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True, related_name="tenures")

    objects = TenureQuerySet.as_manager()

    class Meta(PartialSpan.Meta):
        ordering = ["start_date", "pk"]
        verbose_name = _("tenure")
        verbose_name_plural = _("tenures")
        constraints = [
            *PartialSpan.Meta.constraints,
            models.UniqueConstraint(
                fields=["person", "post", "start_date"],
                name="tenure_unique_person_post_start",
                violation_error_message=_("This person already has a tenure in this post starting on that date."),
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(end_date__isnull=True),
                name="tenure_current_has_no_end",
                violation_error_message=_("A tenure with an end date cannot be marked as current."),
            ),
        ]
        indexes = [
            # Officeholder lists and held_on() read a post's tenures in date order.
            models.Index(fields=["post", "start_date"], name="tenure_post_start_idx"),
            # The as-of page: the tenures not ended before a day (end_date IS NULL OR end_date >= …), a few among
            # the many ended long before.
            models.Index(fields=["end_date"], name="tenure_end_idx"),
            # The feed of officeholder changes: the latest changed tenures first.
            models.Index(fields=["-updated_at", "-id"], name="tenure_updated_idx"),
        ]

    def __str__(self):
        return f"{self.person} — {self.post} ({self.period})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = Tenure.free_slug(f"{self.person.slug}-{self.post.slug}")
        super().save(*args, **kwargs)

    @property
    def open_end(self):
        # "In office" only when the record says so; otherwise an empty end is simply not known.
        return "present" if self.is_current else "unknown"

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["people.person", "people.post"]

    @staticmethod
    def free_slug(base):
        """`base`, or `base-2`, `base-3`… for a person who held the same post more than once."""
        taken = set(Tenure._base_manager.filter(slug__startswith=base).values_list("slug", flat=True))
        return next(slug for slug in (base, *(f"{base}-{n}" for n in range(2, len(taken) + 2))) if slug not in taken)

    def certainly_held(self):
        """(first, last) day on which the record says for sure the post was held; the days between the
        start and end periods' boundaries are uncertain and are left out."""
        first = partial_dates.last_day(self.start_date, self.start_precision)
        if self.end_date:
            last = self.end_date
        elif self.is_current:
            last = max(timezone.localdate(), first)
        else:
            last = first
        return first, last

    def overlapping_tenures(self):
        """Other tenures of this single-holder post that certainly overlap this one (a handover on the
        same day is not an overlap)."""
        if not (self.post_id and self.post.single_holder and self.start_date):
            return []
        first, last = self.certainly_held()
        others = self.post.tenures.exclude(pk=self.pk).select_related("person")
        return [other for other in others if other.certainly_held()[0] < last and first < other.certainly_held()[1]]

    def clean(self):
        super().clean()
        if self.is_current and self.end_date:
            raise ValidationError({"is_current": _("A tenure with an end date cannot be marked as current.")})
        clash = next(iter(self.overlapping_tenures()), None)
        if clash:
            raise ValidationError(
                _("“%(post)s” has one holder at a time, and %(person)s held it then (%(period)s).")
                % {"post": self.post, "person": clash.person, "period": clash.period}
            )
