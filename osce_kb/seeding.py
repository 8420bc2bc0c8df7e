"""Synthetic records for measuring the site at scale (`manage.py seed_bench`, `make bench`).

Events, people and tenures are written in Kazakh, Russian and English from small parallel vocabularies, with
partial dates of every precision and links skewed as the bundled content is: Kazakhstan, the seed essay and the
Permanent Council are linked to far more records than anything else. Every row is a real model instance whose
derived columns (search, sort keys, edit token, whatever a pre_save receiver fills) are filled as a normal save
fills them, and is then inserted in bulk: COPY on PostgreSQL, bulk_create elsewhere. No revisions are written.

The same seed gives the same records.
"""

import datetime
import io
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Min
from django.db.models.signals import pre_save
from django.utils import translation
from django.utils.text import slugify

from organs.models import Organ, ParticipatingState
from osce_kb import folding, page_cache, partial_dates
from osce_kb.models import Precision, Source
from people.models import Person, Post, Tenure
from timeline.models import Event

# Every synthetic slug starts with this, so that synthetic rows are told from real ones at a glance.
SLUG_PREFIX = "bench-"
# The records that are linked to most in the bundled content, and so in the synthetic one.
KAZAKHSTAN = "KZ"
SEED_ESSAY = "essay-osce-and-kazakhstan"
PERMANENT_COUNCIL = "permanent-council"

BATCH = 5000

# (Kazakh, Russian, English) — parallel vocabularies from which titles and texts are composed.
GATHERINGS = [
    ("конференция", "Конференция", "Conference"),
    ("семинар", "Семинар", "Seminar"),
    ("кездесу", "Встреча", "Meeting"),
    ("келіссөздер", "Переговоры", "Talks"),
    ("форум", "Форум", "Forum"),
    ("сессия", "Сессия", "Session"),
    ("баяндама", "Доклад", "Report"),
    ("мәлімдеме", "Заявление", "Statement"),
    ("жұмыс сапары", "Рабочий визит", "Working visit"),
]
# Kazakh nominative, Russian genitive (after "по вопросам"), English.
TOPICS = [
    ("қауіпсіздік", "безопасности", "security"),
    ("адам құқықтары", "прав человека", "human rights"),
    ("баспасөз бостандығы", "свободы СМИ", "media freedom"),
    ("сайлау", "выборов", "elections"),
    ("энергетика", "энергетики", "energy"),
    ("экология", "экологии", "the environment"),
    ("көші-қон", "миграции", "migration"),
    ("терроризмге қарсы күрес", "борьбы с терроризмом", "counter-terrorism"),
    ("сауда", "торговли", "trade"),
    ("білім беру", "образования", "education"),
    ("су ресурстары", "водных ресурсов", "water resources"),
    ("шекара бақылауы", "пограничного контроля", "border control"),
    ("ұлттық азшылықтар", "национальных меньшинств", "national minorities"),
    ("гендерлік теңдік", "гендерного равенства", "gender equality"),
    ("киберқауіпсіздік", "кибербезопасности", "cyber security"),
    ("есірткі айналымы", "оборота наркотиков", "drug trafficking"),
]
# Kazakh nominative and locative, Russian nominative and prepositional, English.
CITIES = [
    ("Астана", "Астанада", "Астана", "Астане", "Astana"),
    ("Алматы", "Алматыда", "Алматы", "Алматы", "Almaty"),
    ("Вена", "Венада", "Вена", "Вене", "Vienna"),
    ("Варшава", "Варшавада", "Варшава", "Варшаве", "Warsaw"),
    ("Хельсинки", "Хельсинкиде", "Хельсинки", "Хельсинки", "Helsinki"),
    ("Женева", "Женевада", "Женева", "Женеве", "Geneva"),
    ("Бішкек", "Бішкекте", "Бишкек", "Бишкеке", "Bishkek"),
    ("Ташкент", "Ташкентте", "Ташкент", "Ташкенте", "Tashkent"),
    ("Душанбе", "Душанбеде", "Душанбе", "Душанбе", "Dushanbe"),
    ("Шымкент", "Шымкентте", "Шымкент", "Шымкенте", "Shymkent"),
    ("Ақтау", "Ақтауда", "Актау", "Актау", "Aktau"),
    ("Қарағанды", "Қарағандыда", "Караганда", "Караганде", "Karaganda"),
    ("Прага", "Прагада", "Прага", "Праге", "Prague"),
    ("Стамбұл", "Стамбұлда", "Стамбул", "Стамбуле", "Istanbul"),
    ("Мадрид", "Мадридте", "Мадрид", "Мадриде", "Madrid"),
]
PARTICIPANTS = [
    ("Делегаттар", "Делегаты", "Delegates"),
    ("Сарапшылар", "Эксперты", "Experts"),
    ("Министрлер", "Министры", "Ministers"),
    ("Елшілер", "Послы", "Ambassadors"),
    ("Парламентшілер", "Парламентарии", "Parliamentarians"),
    ("Азаматтық қоғам өкілдері", "Представители гражданского общества", "Civil society representatives"),
]
FIRST_NAMES = [
    ("Асқар", "Аскар", "Askar"),
    ("Айгүл", "Айгуль", "Aigul"),
    ("Ерлан", "Ерлан", "Yerlan"),
    ("Динара", "Динара", "Dinara"),
    ("Нұрлан", "Нурлан", "Nurlan"),
    ("Сәуле", "Сауле", "Saule"),
    ("Бауыржан", "Бауыржан", "Bauyrzhan"),
    ("Гүлнар", "Гульнар", "Gulnar"),
    ("Ханс", "Ханс", "Hans"),
    ("Мария", "Мария", "Maria"),
    ("Пьер", "Пьер", "Pierre"),
    ("Анна", "Анна", "Anna"),
    ("Джованни", "Джованни", "Giovanni"),
    ("Ингрид", "Ингрид", "Ingrid"),
    ("Томаш", "Томаш", "Tomasz"),
    ("Елена", "Елена", "Elena"),
    ("Михаил", "Михаил", "Mikhail"),
    ("Кэтрин", "Кэтрин", "Catherine"),
    ("Ласло", "Ласло", "László"),
    ("Сара", "Сара", "Sarah"),
]
SURNAMES = [
    ("Жұмабаев", "Жумабаев", "Zhumabayev"),
    ("Сейітқали", "Сеиткали", "Seitkali"),
    ("Омаров", "Омаров", "Omarov"),
    ("Тоқаев", "Токаев", "Tokayev"),
    ("Нұрпейісов", "Нурпеисов", "Nurpeisov"),
    ("Әбдірахманов", "Абдрахманов", "Abdrakhmanov"),
    ("Мюллер", "Мюллер", "Müller"),
    ("Шмидт", "Шмидт", "Schmidt"),
    ("Дюбуа", "Дюбуа", "Dubois"),
    ("Росси", "Росси", "Rossi"),
    ("Ковальский", "Ковальский", "Kowalski"),
    ("Новак", "Новак", "Novák"),
    ("Андерссон", "Андерссон", "Andersson"),
    ("Хансен", "Хансен", "Hansen"),
    ("Гарсия", "Гарсия", "García"),
    ("Смит", "Смит", "Smith"),
    ("Иванов", "Иванов", "Ivanov"),
    ("Петренко", "Петренко", "Petrenko"),
    ("Надь", "Надь", "Nagy"),
    ("Воллебек", "Воллебек", "Vollebæk"),
    ("Беридзе", "Беридзе", "Beridze"),
    ("Алиев", "Алиев", "Aliyev"),
    ("Янсен", "Янсен", "Jansen"),
    ("Коваленко", "Коваленко", "Kovalenko"),
]
PROFESSIONS = [
    ("Дипломат", "Дипломат", "Diplomat"),
    ("Заңгер", "Юрист", "Lawyer"),
    ("Экономист", "Экономист", "Economist"),
    ("Журналист", "Журналист", "Journalist"),
    ("Саясаттанушы", "Политолог", "Political scientist"),
]

# Event kinds, most often the OSCE's own history and Kazakhstan's relations with it.
KIND_WEIGHTS = {
    Event.Kind.OSCE_HISTORY: 40,
    Event.Kind.KAZAKHSTAN_RELATIONS: 25,
    Event.Kind.KAZAKHSTAN_INITIATIVE: 10,
    Event.Kind.KAZAKHSTAN_CHAIRMANSHIP: 5,
    Event.Kind.KAZAKHSTAN_ELECTION: 3,
    Event.Kind.OTHER: 17,
}
PRECISIONS = [Precision.DAY] * 12 + [Precision.MONTH] * 5 + [Precision.YEAR] * 3
# A tenure spanning years leaves less room for the others of its post (see `Seeder.tenure_layout`).
SPAN_PRECISIONS = [Precision.DAY] * 85 + [Precision.MONTH] * 12 + [Precision.YEAR] * 3


class SeedingRefused(Exception):
    """The database is not one synthetic rows may be written to."""


@dataclass
class Counts:
    events: int = 0
    people: int = 0
    tenures: int = 0


class Progress:
    """A line to stderr every two seconds or so: rows written, rate and time left."""

    def __init__(self, label, total, stream=None):
        self.label, self.total, self.stream = label, total, stream or sys.stderr
        self.done = 0
        self.started = self.shown = time.monotonic()

    def add(self, rows):
        self.done += rows
        now = time.monotonic()
        if now - self.shown >= 2 or self.done >= self.total:
            self.shown = now
            elapsed = max(now - self.started, 1e-6)
            rate = self.done / elapsed
            left = (self.total - self.done) / rate if rate else 0
            self.stream.write(
                f"{self.label}: {self.done:,}/{self.total:,} ({100 * self.done / max(self.total, 1):.0f}%), "
                f"{rate:,.0f} rows/s, {elapsed:.0f} s, about {left:.0f} s left\n"
            )
            self.stream.flush()


def refuse_unless_fit(database_name, *, yes=False):
    """Synthetic rows go only to a database made for them, and only next to the bundled content."""
    if "bench" not in str(database_name) and not yes:
        raise SeedingRefused(
            f"The database {database_name!r} does not have “bench” in its name: synthetic records must never "
            "land in a real database. Use a database named for benchmarks, or pass --yes if this one is."
        )
    missing = [
        what
        for what, present in [
            ("posts", Post.objects.exists()),
            (f"the State {KAZAKHSTAN}", ParticipatingState.objects.filter(code=KAZAKHSTAN).exists()),
            (f"the source {SEED_ESSAY}", Source.objects.filter(slug=SEED_ESSAY).exists()),
            (f"the body {PERMANENT_COUNCIL}", Organ.objects.filter(slug=PERMANENT_COUNCIL).exists()),
        ]
        if not present
    ]
    if missing:
        raise SeedingRefused(
            "The bundled content is not loaded (missing " + ", ".join(missing) + "): run `manage.py load_kb` first."
        )
    if (
        Event.objects.filter(slug__startswith=SLUG_PREFIX).exists()
        or Person.objects.filter(slug__startswith=SLUG_PREFIX).exists()
    ):
        raise SeedingRefused("This database already holds synthetic records; seed a fresh database instead.")


def random_date(rng, precision, first_year=1900, last_year=2100):
    """The first day of a random period of `precision`, most often between 1973 and 2026."""
    if rng.random() < 0.85:
        first_year, last_year = max(first_year, 1973), min(last_year, 2026)
    year = rng.randint(first_year, last_year)
    if precision == Precision.YEAR:
        return datetime.date(year, 1, 1)
    month = rng.randint(1, 12)
    if precision == Precision.MONTH:
        return datetime.date(year, month, 1)
    return datetime.date(year, month, rng.randint(1, 28))


def random_end(rng, start, precision):
    """An end of the same precision, not before the start, within the bounds; None one time in four."""
    if rng.random() < 0.75:
        return None
    if precision == Precision.DAY:
        end = start + datetime.timedelta(days=rng.randint(1, 10))
    elif precision == Precision.MONTH:
        months = start.month - 1 + rng.randint(1, 6)
        end = datetime.date(start.year + months // 12, months % 12 + 1, 1)
    else:
        end = datetime.date(start.year + rng.randint(1, 3), 1, 1)
    return end if end <= partial_dates.LATEST else None


def skewed(rng, favourite, others, share):
    """`favourite` with probability `share`, else one of `others`: a few records get most of the links."""
    return favourite if rng.random() < share or not others else rng.choice(others)


@contextmanager
def folding_by_word():
    """`folding.fold` remembering each word it has folded, while seeding.

    Folding is the costliest part of filling a row (milliseconds a row), and synthetic texts repeat a small
    vocabulary. A fold works word by word (nothing in it looks across a space), so folding each word of a text
    and joining them gives what folding the text gives; the tests compare seeded rows with re-saved ones."""
    original = folding.fold

    @lru_cache(maxsize=200_000)
    def word(token, yo):
        return original(token, yo=yo)

    def fold(text, *, yo="e"):
        return " ".join(folded for token in (text or "").split() if (folded := word(token, yo)))

    folding.fold = fold
    try:
        yield
    finally:
        folding.fold = original


def build(model, **values):
    """A model instance from column values (attnames); a translated field's bare column takes its Kazakh text,
    and every other column its default.

    Positional, as Django builds the rows it reads: with keywords, modeltranslation rewrites every keyword of
    every instance, which was most of the time of seeding."""
    return model(*[value() if callable(value) else value for value in _values(model, values)])


def _values(model, values):
    for field, default in _defaults(model):
        if field.attname in values:
            yield values[field.attname]
        else:
            yield values.get(f"{field.attname}_kk", default)


@lru_cache
def _defaults(model):
    """(field, default or a callable giving it) for every column of `model`."""
    return [
        (field, field.default if field.has_default() and callable(field.default) else field.get_default())
        for field in model._meta.concrete_fields
    ]


def filled(instance):
    """The instance with every column a save would fill before writing it (search, sort keys, any other
    pre_save receiver's), as `Model.save()` does; no revision, no post_save."""
    pre_save.send(sender=type(instance), instance=instance, raw=False, using=connection.alias, update_fields=None)
    return instance


class Writer:
    """Inserts model instances and many-to-many rows in bulk: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self, stream=None):
        self.copy = connection.vendor == "postgresql"
        self.stream = stream
        self.sending = None
        if self.copy:
            connection.ensure_connection()
            self.raw_cursor = connection.connection.cursor()
            self.sender = ThreadPoolExecutor(max_workers=1)

    def next_id(self, model):
        self.wait()  # the connection is the sender's until then
        last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def models(self, model, instances):
        if not self.copy:
            model._base_manager.bulk_create(instances)
            return
        fields = [field for field in model._meta.concrete_fields if not getattr(field, "generated", False)]
        rows = (
            [field.get_db_prep_save(field.pre_save(instance, True), connection=connection) for field in fields]
            for instance in instances
        )
        self._copy(model._meta.db_table, [field.column for field in fields], rows)

    def links(self, relation, pairs):
        """Rows of the many-to-many table behind `relation` (e.g. Event.states), as (from id, to id)."""
        through = relation.through
        field = relation.field
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        if not self.copy:
            through._base_manager.bulk_create(
                [through(**{source: left, target: right}) for left, right in pairs], batch_size=BATCH
            )
            return
        self._copy(through._meta.db_table, [source, target], pairs)

    def _copy(self, table, columns, rows):
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(_copy_text(value) for value in row))
            buffer.write("\n")
        buffer.seek(0)
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        statement = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
        # PostgreSQL takes in one batch while the next is being made: the driver lets go of Python's lock
        # while it sends, so the two share the machine's cores. Only this thread uses the connection meanwhile.
        self.wait()
        self.sending = self.sender.submit(self.raw_cursor.copy_expert, statement, buffer)

    def wait(self):
        """Until the batch being sent is in (raising its error, if any)."""
        if self.sending is not None:
            self.sending.result()
            self.sending = None

    @contextmanager
    def indexes_built_after(self, models):
        """On PostgreSQL, the indexes of the tables written (other than those behind a constraint) are dropped
        for the load and built again after it, in the same transaction: building a trigram index over a million
        rows at once is many times faster than updating it row by row."""
        if not self.copy:
            yield
            return
        tables = [model._meta.db_table for model in models]
        tables += [
            field.remote_field.through._meta.db_table for model in models for field in model._meta.local_many_to_many
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(%s) AND indexname::regclass NOT IN (SELECT conindid FROM pg_constraint)",
                [tables],
            )
            indexes = cursor.fetchall()
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        yield
        self.wait()
        with connection.cursor() as cursor:
            # The foreign keys are checked now rather than at commit: an index cannot be built over pending checks.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for name, definition in indexes:
                if self.stream:
                    self.stream.write(f"index {name}\n")
                cursor.execute(definition)

    def finish(self, models):
        """Sequences past the ids written here; fresh planner statistics on PostgreSQL."""
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        if self.copy:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def _copy_text(value):
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if any(char in text for char in "\\\t\n\r"):
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class Seeder:
    def __init__(self, seed=1, stream=None):
        self.rng = random.Random(seed)
        self.stream = stream
        self.writer = Writer(stream)
        self.states = list(ParticipatingState.objects.order_by("code").values_list("pk", "code"))
        self.kazakhstan = next(pk for pk, code in self.states if code == KAZAKHSTAN)
        other_states = [pk for pk, code in self.states if code != KAZAKHSTAN]
        self.other_states = other_states
        sources = list(Source.objects.order_by("slug").values_list("pk", "slug"))
        self.essay = next(pk for pk, slug in sources if slug == SEED_ESSAY)
        self.other_sources = [pk for pk, slug in sources if slug != SEED_ESSAY]
        organs = list(Organ.objects.order_by("slug").values_list("pk", "slug"))
        self.council = next(pk for pk, slug in organs if slug == PERMANENT_COUNCIL)
        self.other_organs = [pk for pk, slug in organs if slug != PERMANENT_COUNCIL]
        self.people = []  # (pk, slug) of the synthetic people

    # People ---------------------------------------------------------------------------------------------------

    def person(self, pk, number):
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        profession, topic = rng.choice(PROFESSIONS), rng.choice(TOPICS)
        since = rng.randint(1975, 2024)
        english = f"{first[2]} {last[2]}"
        return build(
            Person,
            id=pk,
            name=f"{first[0]} {last[0]}",
            slug=f"{SLUG_PREFIX}{ascii_slug(english)}-{number}",
            name_kk=f"{first[0]} {last[0]}",
            name_ru=f"{first[1]} {last[1]}",
            name_en=english,
            nationality_id=skewed(rng, self.kazakhstan, self.other_states, 0.2),
            summary_kk=f"{profession[0]}, {topic[0]} мәселелері жөніндегі сарапшы.",
            summary_ru=f"{profession[1]}, эксперт по вопросам {topic[1]}.",
            summary_en=f"{profession[2]}, an expert on {topic[2]}.",
            biography_kk=f"{since} жылдан бастап ЕҚЫҰ-мен жұмыс істейді.",
            biography_ru=f"Работает с ОБСЕ с {since} года.",
            biography_en=f"Has worked with the OSCE since {since}.",
            is_published=rng.random() < 0.95,
        )

    def seed_people(self, count):
        progress = Progress("people", count, self.stream)
        first_id = self.writer.next_id(Person)
        for start in range(0, count, BATCH):
            batch = [filled(self.person(first_id + i, i + 1)) for i in range(start, min(count, start + BATCH))]
            self.writer.models(Person, batch)
            self.writer.links(
                Person.sources, [(p.pk, skewed(self.rng, self.essay, self.other_sources, 0.3)) for p in batch]
            )
            self.people.extend((p.pk, p.slug) for p in batch)
            progress.add(len(batch))

    # Tenures --------------------------------------------------------------------------------------------------

    def tenure_layout(self, count):
        """(post, start, start precision, end, end precision) for `count` tenures.

        Every post has one holder at a time, so each post's synthetic tenures fill the years before its first
        real one without overlapping: spans one after another, and between them tenures whose end is unknown,
        which the model counts as held on one day only (several may start on one day)."""
        posts = list(Post.objects.order_by("pk"))
        first_real = dict(
            Tenure.objects.order_by()
            .values("post_id")
            .annotate(first=Min("start_date"))
            .values_list("post_id", "first")
        )
        for index, post in enumerate(posts):
            share = count // len(posts) + (1 if index < count % len(posts) else 0)
            window_end = datetime.date(first_real.get(post.pk, datetime.date(1973, 1, 1)).year - 1, 1, 1)
            yield from self._post_layout(post, share, partial_dates.EARLIEST, window_end)

    def _post_layout(self, post, count, day, window_end):
        rng = self.rng
        one_day = datetime.timedelta(days=1)
        while count > 0:
            days_left = max((window_end - day).days, 1)
            # As many tenures a day as it takes to place them all before the window closes.
            group = rng.randint(1, max(2, 4 * count // days_left))
            if day < window_end and rng.random() < 0.1:
                precision = rng.choice(SPAN_PRECISIONS)
                start = partial_dates.first_day(day, precision)
                if start < day:  # the period began before the cursor: start at the next one
                    start = partial_dates.last_day(day, precision) + one_day
                end = partial_dates.first_day(
                    partial_dates.last_day(start, precision) + datetime.timedelta(days=rng.randint(1, 40)), precision
                )
                if partial_dates.last_day(end, precision) < window_end:
                    yield post, start, precision, end, precision
                    count -= 1
                    day = partial_dates.last_day(end, precision) + one_day
                    continue
            precision = Precision.DAY if day >= window_end else rng.choice(PRECISIONS)
            start = partial_dates.first_day(day, precision)
            if start < day:
                start, precision = day, Precision.DAY
            for _ in range(min(group, count, len(self.people))):
                yield post, start, precision, None, ""
                count -= 1
            if day < window_end:
                day = partial_dates.last_day(start, precision) + one_day

    def seed_tenures(self, count):
        if count and not self.people:
            raise SeedingRefused("Tenures need people: seed some people with them.")
        progress = Progress("tenures", count, self.stream)
        self.writer.wait()  # the queries below need the connection
        chairmanship = Post.objects.filter(slug="chairperson-in-office").values_list("pk", flat=True).first()
        next_id = self.writer.next_id(Tenure)
        slugs_taken = {}
        batch = []
        layout = self.tenure_layout(count)
        for index, (post, start, start_precision, end, end_precision) in enumerate(layout):
            # One person after another, so that the tenures starting on one day in one post are all different
            # people's (a person has one tenure per post and start).
            person_pk, person_slug = self.people[index % len(self.people)]
            base = f"{person_slug}-{post.slug}"
            taken = slugs_taken.get(base, 0) + 1
            slugs_taken[base] = taken
            tenure = build(
                Tenure,
                id=next_id,
                slug=base if taken == 1 else f"{base}-{taken}",
                person_id=person_pk,
                post_id=post.pk,
                on_behalf_of_id=self.rng.choice(self.other_states) if post.pk == chairmanship else None,
                start_date=start,
                start_precision=start_precision,
                end_date=end,
                end_precision=end_precision,
                is_current=False,
            )
            next_id += 1
            batch.append(filled(tenure))
            if len(batch) == BATCH:
                self._write_tenures(batch)
                progress.add(len(batch))
                batch = []
        if batch:
            self._write_tenures(batch)
            progress.add(len(batch))

    def _write_tenures(self, batch):
        self.writer.models(Tenure, batch)
        self.writer.links(
            Tenure.sources, [(t.pk, skewed(self.rng, self.essay, self.other_sources, 0.3)) for t in batch]
        )

    # Events ---------------------------------------------------------------------------------------------------

    def event(self, pk, number):
        rng = self.rng
        gathering, topic, city = rng.choice(GATHERINGS), rng.choice(TOPICS), rng.choice(CITIES)
        who = rng.choice(PARTICIPANTS)
        precision = rng.choice(PRECISIONS)
        start = random_date(rng, precision)
        end = random_end(rng, start, precision)
        recommendations, next_year = rng.randint(2, 40), min(start.year + rng.randint(1, 3), 2100)
        english = f"{gathering[2]} on {topic[2]} in {city[4]}, no. {number}"
        title_kk = f"{topic[0].capitalize()} мәселелері жөніндегі {gathering[0]} ({city[0]}), № {number}"
        return build(
            Event,
            id=pk,
            title=title_kk,
            slug=f"{SLUG_PREFIX}{ascii_slug(english)}",
            title_kk=title_kk,
            title_ru=f"{gathering[1]} по вопросам {topic[1]} ({city[2]}), № {number}",
            title_en=english,
            summary_kk=f"{who[0]} {city[1]} {topic[0]} мәселелерін талқылады.",
            summary_ru=f"{who[1]} обсудили в {city[3]} вопросы {topic[1]}.",
            summary_en=f"{who[2]} discussed {topic[2]} in {city[4]}.",
            description_kk=(
                f"{who[0]} {city[1]} {topic[0]} мәселелерін талқылады. Қорытындысында {recommendations} ұсыныс "
                f"қабылданды. Келесі кездесу {next_year} жылы өтеді."
            ),
            description_ru=(
                f"{who[1]} обсудили в {city[3]} вопросы {topic[1]}. Число принятых рекомендаций: {recommendations}. "
                f"Следующая встреча пройдёт в {next_year} году."
            ),
            description_en=(
                f"{who[2]} discussed {topic[2]} in {city[4]} and adopted {recommendations} recommendations. "
                f"The next meeting is due in {next_year}."
            ),
            place_kk=city[0],
            place_ru=city[2],
            place_en=city[4],
            kind=rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0],
            start_date=start,
            start_precision=precision,
            end_date=end,
            end_precision=precision if end else "",
            is_published=rng.random() < 0.95,
        )

    def event_links(self, events):
        rng = self.rng
        links = {"organs": [], "states": [], "sources": [], "people": []}
        for event in events:
            for organ in {skewed(rng, self.council, self.other_organs, 0.25) for _ in range(rng.randint(0, 3))}:
                links["organs"].append((event.pk, organ))
            for state in {skewed(rng, self.kazakhstan, self.other_states, 0.3) for _ in range(rng.randint(1, 2))}:
                links["states"].append((event.pk, state))
            links["sources"].append((event.pk, skewed(rng, self.essay, self.other_sources, 0.2)))
            if self.people:
                for person in {rng.choice(self.people)[0] for _ in range(rng.randint(0, 2))}:
                    links["people"].append((event.pk, person))
        return links

    def seed_events(self, count):
        progress = Progress("events", count, self.stream)
        first_id = self.writer.next_id(Event)
        for start in range(0, count, BATCH):
            batch = [filled(self.event(first_id + i, i + 1)) for i in range(start, min(count, start + BATCH))]
            self.writer.models(Event, batch)
            for name, pairs in self.event_links(batch).items():
                self.writer.links(getattr(Event, name), pairs)
            progress.add(len(batch))


def ascii_slug(text):
    """An ASCII slug from English text, as the bundled slugs are made from English names."""
    return slugify(text.replace("æ", "ae"))


def seed(counts, *, seed=1, yes=False, stream=None):
    """Adds `counts` synthetic events, people and tenures to the default database, in one transaction."""
    refuse_unless_fit(connection.settings_dict["NAME"], yes=yes)
    # Untranslated columns (the bare `name`, `title`) get what a save in the default language would give them.
    with translation.override("kk"), folding_by_word(), transaction.atomic():
        if connection.vendor == "postgresql":
            # The site's statement timeout guards readers; a load of a million rows may take minutes.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = 0")
        seeder = Seeder(seed, stream)
        with seeder.writer.indexes_built_after([Person, Tenure, Event]):
            seeder.seed_people(counts.people)
            seeder.seed_tenures(counts.tenures)
            seeder.seed_events(counts.events)
        seeder.writer.finish([Person, Tenure, Event])
        # COPY sends no signals: the pages cached before the seeding must not be served after it.
        page_cache.content_changed()
