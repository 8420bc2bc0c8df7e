from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from osce_kb.models import (
    Alphabetical,
    AlphabeticalQuerySet,
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

wikidata_validator = RegexValidator(r"^Q[1-9][0-9]*$", _("A Wikidata item id looks like Q81299."))


def wikidata_field():
    return models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[wikidata_validator],
        help_text=_("The Wikidata item, e.g. Q81299, to match this record with other data."),
    )


def wikidata_unique(name):
    """One record of a kind per Wikidata item: two people with one item are one person, or one id is wrong."""
    return models.UniqueConstraint(
        fields=["wikidata_id"],
        condition=~Q(wikidata_id=""),
        name=f"{name}_wikidata_unique",
        violation_error_message=_("Another record already has this Wikidata id."),
    )


class ParticipatingStateQuerySet(AlphabeticalQuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def participating(self):
        """The States taking part today."""
        return self.filter(left_date__isnull=True)

    def former(self):
        """States that took part and no longer do, such as Czechoslovakia, which ceased to exist."""
        return self.filter(left_date__isnull=False)


class ParticipatingState(Searchable, Alphabetical, Versioned, Timestamped):
    """A participating State of the OSCE (or of the CSCE before it)."""

    search_name_fields = ("name",)

    code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, as in ISO 3166-1 (KZ, FR)."))],
        help_text=_("Two-letter ISO 3166-1 code; used in URLs."),
    )
    name = models.CharField(_("name"), max_length=200)
    joined_date, joined_precision = partial_date_fields(_("date joined"), _("date joined precision"), required=False)
    # A State that ceased to exist (Czechoslovakia) keeps its record: offices were held on its behalf.
    left_date, left_precision = partial_date_fields(
        _("no longer a participating State from"), _("precision of the date it stopped taking part"), required=False
    )
    note = models.TextField(_("note"), blank=True)
    wikidata_id = wikidata_field()
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True, related_name="states")

    objects = ParticipatingStateQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("participating State")
        verbose_name_plural = _("participating States")
        constraints = [
            *partial_date_constraints("joined", required=False),
            *partial_date_constraints("left", required=False),
            span_end_constraint(start="joined", end="left"),
            wikidata_unique("state"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("states:detail", kwargs={"code": self.code})

    def natural_key(self):
        return (self.code,)

    def clean(self):
        errors = clean_partial_span(self, start="joined", end="left")
        if errors:
            raise ValidationError(errors)


class OrganQuerySet(PublishableQuerySet, PartialSpanQuerySet, AlphabeticalQuerySet):
    def existed_on(self, day):
        """Bodies that certainly existed on `day`: established by then and not closed before it."""
        still_there = Q(end_date__isnull=True, closed_date_unknown=False) | Q(end_date__gte=day)
        return self.started_by(day).filter(still_there)

    def closed_by(self, day):
        """Bodies whose own record says they had closed by `day`: the closing period has begun, or the sources
        say it closed without saying when."""
        return self.filter(Q(end_date__lte=day) | Q(closed_date_unknown=True))

    def standing_on(self, day):
        """The structure on `day`: bodies begun by then (as far as the record says), not closed by then, and
        under no body that was closed by then or not yet begun, published or not; a sub-body is gone with its
        parent, whatever its own record says."""
        every = self.model._default_manager.all()
        parents = dict(every.values_list("pk", "parent_id"))
        gone = set(every.closed_by(day).values_list("pk", flat=True))
        gone |= set(every.filter(start_date__gt=day).values_list("pk", flat=True))

        def stands(pk):
            seen = set()
            while pk in parents and pk not in seen:
                if pk in gone:
                    return False
                seen.add(pk)
                pk = parents[pk]
            return True

        return self.filter(pk__in=[pk for pk in parents if stands(pk)])

    def gone_by(self, day):
        """Bodies that had begun by `day` but are no longer part of the structure then (see standing_on)."""
        return self.possibly_started_by(day).exclude(pk__in=self.standing_on(day).values("pk"))

    def top_level(self):
        return self.filter(parent__isnull=True)

    def tree(self):
        """These bodies as a forest: [(organ, [(child, [...]), ...]), ...], in display order, in one query.

        A body whose parent is not among them starts a tree of its own, so nothing is silently lost."""
        organs = list(self.order_by("display_order", "slug"))
        present = {organ.pk for organ in organs}
        children = {}
        for organ in organs:
            parent = organ.parent_id if organ.parent_id in present else None
            children.setdefault(parent, []).append(organ)

        def grow(parent):
            return [(organ, grow(organ.pk)) for organ in children.get(parent, [])]

        return grow(None)

    def tree_by_parent(self):
        """The forest of `tree()`, its trees grouped by the parent of their root (None for a top-level body or
        one under a draft): [(parent, [(organ, children), ...]), ...], in the parents' display order."""
        groups = {}
        for organ, children in self.select_related("parent").tree():
            parent = organ.parent if organ.parent and organ.parent.is_published else None
            groups.setdefault(parent, []).append((organ, children))
        return sorted(groups.items(), key=lambda group: (group[0] is not None, group[0] and group[0].display_order))

    def with_published_children(self, children=None):
        """Prefetch each body's published sub-bodies (or those among `children`) as `published_children`, in
        one query for all."""
        children = Organ.objects.published() if children is None else children
        return self.prefetch_related(models.Prefetch("children", queryset=children, to_attr="published_children"))


class Organ(PartialSpan, Searchable, Alphabetical, Versioned, Timestamped):
    """An OSCE body: a summit, a council, an institution, a field operation. The structure is a tree."""

    search_name_fields = ("name", "acronym")
    search_text_fields = ("summary", "description")

    class Kind(models.TextChoices):
        SUMMIT = "summit", _("summit")
        DECISION_MAKING = "decision_making", _("decision-making body")
        CHAIRMANSHIP = "chairmanship", _("chairmanship")
        SECRETARIAT = "secretariat", _("secretariat")
        INSTITUTION = "institution", _("institution")
        PARLIAMENTARY_ASSEMBLY = "parliamentary_assembly", _("parliamentary assembly")
        FIELD_OPERATION = "field_operation", _("field operation")
        OTHER = "other", _("other")

    class Region(models.TextChoices):
        SOUTH_EASTERN_EUROPE = "south_eastern_europe", _("South-Eastern Europe")
        EASTERN_EUROPE = "eastern_europe", _("Eastern Europe")
        SOUTH_CAUCASUS = "south_caucasus", _("South Caucasus")
        CENTRAL_ASIA = "central_asia", _("Central Asia")
        OTHER = "other", _("other")

    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("ASCII, from the English name; used in URLs.")
    )
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        # A body with sub-bodies must be re-parented first: deleting it must not take the subtree along.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The body this one belongs to or reports to."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for lists."))
    description = models.TextField(_("description"), blank=True, help_text=_("What the body does and how."))
    note = source_note_field()
    seat = models.CharField(_("seat"), max_length=200, blank=True)
    meeting_schedule = models.CharField(_("meeting schedule"), max_length=300, blank=True)
    host_state = models.ForeignKey(
        ParticipatingState,
        verbose_name=_("host State"),
        # A State with field operations in its history must not vanish from under them.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_organs",
        help_text=_("For a field operation: the State it works in."),
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True)
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Smaller numbers come first among siblings.")
    )
    official_url = models.URLField(_("official website"), max_length=500, blank=True)
    wikidata_id = wikidata_field()
    sources = models.ManyToManyField(Source, verbose_name=_("sources"), blank=True, related_name="organs")
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published records are shown to readers.")
    )
    closed_date_unknown = models.BooleanField(
        _("closed, date unknown"),
        default=False,
        help_text=_(
            "Tick when the sources say the body has closed but not when. A body with a closing date is closed "
            "from that date without this mark; without either, it is taken to exist today."
        ),
    )

    objects = OrganQuerySet.as_manager()

    class Meta(PartialSpan.Meta):
        ordering = ["display_order", "slug"]
        verbose_name = _("OSCE body")
        verbose_name_plural = _("OSCE bodies")
        permissions = [("publish_organ", _("Can publish or withdraw OSCE bodies"))]
        indexes = [
            # The organs list filters published bodies by kind.
            models.Index(fields=["kind", "is_published"], name="organ_kind_published_idx"),
        ]
        constraints = [
            *PartialSpan.Meta.constraints,
            models.CheckConstraint(
                condition=Q(closed_date_unknown=False) | Q(end_date__isnull=True),
                name="organ_closed_date_unknown_has_no_end",
                violation_error_message=_("A body with a closing date cannot also be marked “closed, date unknown”."),
            ),
            wikidata_unique("organ"),
        ]

    def __str__(self):
        return self.name

    @property
    def open_end(self):
        # A missing closing date means the body exists ("1973 – present", never a bare date that reads like an
        # event's), unless the sources say it closed at an unknown date.
        return "unknown" if self.closed_date_unknown else "present"

    def get_absolute_url(self):
        return reverse("organs:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def ancestors(self):
        """The bodies above this one, from the top of the tree down; a loop in the data ends the chain."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain[::-1]

    def published_ancestors(self):
        """The ancestors a reader may see: the published bodies up to the nearest draft above this one (a draft
        is never named, and the chain cannot be shown through it)."""
        nearest_first = []
        for node in reversed(self.ancestors()):
            if not node.is_published:
                break
            nearest_first.append(node)
        return nearest_first[::-1]

    def clean(self):
        super().clean()
        seen, ancestor = set(), self.parent
        while ancestor is not None:
            if ancestor.pk in seen or ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A body cannot be placed under itself or its own sub-body.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
