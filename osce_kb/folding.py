"""Folding text for search: every usual spelling of a name, in either script, to one lower-case Latin skeleton.

Назарбаев, назарбаев, Nazarbayev and Nazarbaev all fold to "nazarbaev"; Miklós to "miklos"; Vollebæk and
Воллебек to "volebaek" and "volebek". Stored text and queries are folded alike and then compared as plain
strings, so that the database needs no knowledge of case, accents or scripts.

The skeleton is for matching only, never for display: it merges spellings on purpose (y and i, kh and h,
doubled letters), and a few unrelated words merge with them, which a search can afford. The folded text is
stored (see `osce_kb.models.Searchable`): a change here needs a data migration that folds the rows again.
"""

import re
import unicodedata

# Kazakh and Russian Cyrillic (plus the few letters of neighbouring alphabets) as the usual Latin spelling;
# the canonical skeleton below then merges that spelling with the other usual ones.
CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ы": "y", "і": "i", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "ї": "yi", "ґ": "g", "ў": "u", "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
}  # fmt: skip
# The soft and hard signs are silent, except before a vowel, where readers write a y: Заньер, Zanyer.
SIGNS = "ьъ"
CYRILLIC_VOWELS = "аәеёиоөуұүыіэюя"
# Latin letters that are not a base letter plus an accent, so that Unicode decomposition leaves them alone.
LATIN = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
APOSTROPHES = re.compile("['’ʼ‘`ʹ]")
NOT_A_WORD = re.compile(r"[\W_]+")

# The usual Latin spellings of one Cyrillic sound, merged: Nazarbayev ~ Nazarbaev, Kanat ~ Qanat,
# Abdrakhmanov ~ Abdrahmanov, Zhomart ~ Jomart, Keltchewsky ~ Kelchevsky, Aleksey ~ Alexei.
SPELLINGS = [
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
    ("y", "i"),
    ("dzh", "j"),
    ("zh", "j"),
    ("tch", "ch"),
    ("kh", "h"),
]
# A doubled letter is spelled single as often as not (Zannier, Заньер); a longer run is no name's, and kept,
# so that "aaaa" does not fold to "a" and find every text.
DOUBLED = re.compile(r"(.)\1+")
# An i gliding after a vowel before another vowel or at the end (-ayev, -aev; -ey, -ei, -ей) is dropped.
GLIDE = re.compile(r"(?<=[aeou])i(?=[aeiou]|$)")
# Е at the start of a word is Ye or E: Yerevan ~ Erevan ~ Ереван.
INITIAL_YE = re.compile(r"^ie")

# In a shorter word one letter is too much of the word to forgive: "Kurz" is not "Kurt", nor "Rama" "Roma".
MISSPELLING_MIN_LENGTH = 5


def _transliterate(text, yo):
    letters = []
    for index, char in enumerate(text):
        if char in SIGNS:
            following = text[index + 1 : index + 2]
            letters.append("y" if following and following in CYRILLIC_VOWELS else "")
        elif char == "ё":
            letters.append(yo)
        else:
            # A Cyrillic letter with an accent of another alphabet (ӯ, ӧ) is read as its base letter.
            letters.append(CYRILLIC.get(char) or CYRILLIC.get(_strip_accents(char), char))
    return "".join(letters)


def _strip_accents(text):
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _single(run):
    return run[1] if len(run[0]) == 2 else run[0]


def _skeleton(word):
    for spelling, canonical in SPELLINGS:
        word = word.replace(spelling, canonical)
    word = DOUBLED.sub(_single, word)
    word = INITIAL_YE.sub("e", word)
    word = GLIDE.sub("", word)
    return DOUBLED.sub(_single, word)


def fold(text, *, yo="e"):
    """`text` as space-separated words of its Latin skeleton: "Нұрсұлтан Назарбаев" → "nursultan nazarbaev"."""
    text = _strip_accents(_transliterate((text or "").casefold(), yo)).translate(LATIN)
    text = APOSTROPHES.sub("", text)
    return " ".join(_skeleton(word) for word in NOT_A_WORD.sub(" ", text).split())


def fold_for_index(*texts):
    """The folded words of `texts`, for a search column. Ё is read as e (Горбачёв, Gorbachev) and also as yo
    (Пётр, Pyotr), so the column keeps both spellings of the words that have one."""
    folded = []
    for text in texts:
        if not text:
            continue
        words = fold(text).split()
        if "ё" in text.casefold():
            words += [word for word in fold(text, yo="yo").split() if word not in words]
        folded.append(" ".join(words))
    return " ".join(folded)


def within_one_edit(a, b):
    """True if `b` is `a` with at most one letter added, removed, replaced, or swapped with its neighbour."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    same = 0
    while same < len(a) and a[same] == b[same]:
        same += 1
    if len(a) < len(b):
        return a[same:] == b[same + 1 :]
    swapped = a[same : same + 2][::-1] == b[same : same + 2] and a[same + 2 :] == b[same + 2 :]
    return a[same + 1 :] == b[same + 1 :] or swapped


def near(text, word):
    """True if some word of `text` is `word` give or take one edit (both folded)."""
    return bool(text and word) and any(within_one_edit(word, candidate) for candidate in text.split())
