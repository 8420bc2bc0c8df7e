"""Alphabetical order as a reader of each language expects it, as a key that any database sorts correctly.

`sort_key(text, lang)` spells `text` as two digits per letter, each letter's place in the language's
alphabet: Kazakh а ә б в г ғ …, Russian with ё as е, English with ö as o and æ as ae. A string of digits
sorts the same bytewise in SQLite and under any PostgreSQL collation, so a plain ORDER BY on the stored key
gives the same, correct order on both.

`surname_first(name)` turns "Margaretha af Ugglas" into "Ugglas, Margaretha af" so that people are listed
by surname; a name the rule gets wrong has its sort name written by an editor instead.
"""

import unicodedata

DIGITS = "0123456789"
LATIN = "abcdefghijklmnopqrstuvwxyz"
KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
# Russian order, with the Kazakh letters after their Russian neighbours as the Kazakh alphabet places them,
# and ё sorting as е (Russian dictionaries do not tell them apart).
RUSSIAN = [*"аәбвгғд", "её", *"жзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"]

# Each language's order: digits, then its own script, then the other. A group of letters shares one place.
ORDERS = {
    "kk": [*DIGITS, *KAZAKH, *LATIN],
    "ru": [*DIGITS, *RUSSIAN, *LATIN],
    "en": [*DIGITS, *LATIN, *RUSSIAN],
}
# Between words (spaces, hyphens, commas), below every letter: "Ugglas, M" before "Ugglasson".
WORD_BREAK = "01"
# A letter of another alphabet: after all the letters of this one.
OTHER_LETTER = "99"
FIRST_PLACE = 10
WEIGHTS = {
    lang: {letter: f"{place:02d}" for place, group in enumerate(order, start=FIRST_PLACE) for letter in group}
    for lang, order in ORDERS.items()
}
# Latin letters that are not a base letter plus an accent: Æ sorts as AE, Ø as O, ß as ss.
LATIN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
# Letters read from a name for its key: enough to order any two names, short enough for an indexable column.
KEY_LETTERS = 100
KEY_LENGTH = 2 * KEY_LETTERS

# Lower-case words that join a given name to a surname: "Margaretha af Ugglas", "Max van der Stoel".
PARTICLES = {
    *("af", "av", "von", "van", "der", "den", "de", "du", "des", "da", "das", "do", "dos", "di", "del", "della"),
    *("la", "le", "ten", "ter", "zu"),
    *("аф", "ав", "фон", "ван", "дер", "ден", "де", "дю", "да", "дас", "ду", "дос", "ди", "дель", "делла"),
    *("ла", "ле", "тен", "тер", "цу"),
}


def _weights(char, table):
    """The places of one character; an accented letter takes its base letter's, Æ those of A and E."""
    if char in table:
        return [table[char]]
    plain = unicodedata.normalize("NFKD", char.translate(LATIN_LETTERS))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    if plain != char:
        return [weight for c in plain for weight in _weights(c, table)]
    if char.isalnum():
        return [OTHER_LETTER]
    if char in "'’ʼ‘`":
        return []
    return [WORD_BREAK]


def sort_key(text, lang):
    """Digits that sort `text` as a reader of `lang` expects; case and punctuation do not count."""
    table = WEIGHTS.get(lang, WEIGHTS["en"])
    weights = []
    for char in (text or "").casefold():
        for weight in _weights(char, table):
            if weight == WORD_BREAK and (not weights or weights[-1] == WORD_BREAK):
                continue
            weights.append(weight)
    while weights and weights[-1] == WORD_BREAK:
        weights.pop()
    return "".join(weights[:KEY_LETTERS])


def surname_first(name):
    """The name as listed by surname: the last word, or the words after a particle such as af, de or van,
    before the given names."""
    words = name.split()
    if len(words) < 2:
        return name.strip()
    start = len(words) - 1
    particle = next((i for i, word in enumerate(words[1:-1], start=1) if word in PARTICLES), None)
    if particle is not None:
        start = next((i for i in range(particle, len(words)) if words[i] not in PARTICLES), start)
    return f"{' '.join(words[start:])}, {' '.join(words[:start])}"
