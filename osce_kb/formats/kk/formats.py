# Kazakh date and number formats, which Django does not ship. Kazakhstan writes dates as 10.03.2004 and
# numbers as 1 234 567,5 (a comma for decimals, a non-breaking space between thousands), as in Russian.
# Partial dates shown to readers ("2004 жылғы 10 наурыз") come from osce_kb.partial_dates, not from here.
DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = r"Y \ж\. F"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Дүйсенбі, Monday

DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 10.03.2004
    "%Y-%m-%d",  # 2004-03-10
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
