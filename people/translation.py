from modeltranslation.translator import TranslationOptions, register

from people.models import Person, Post, Tenure


@register(Person)
class PersonTranslationOptions(TranslationOptions):
    fields = ("name", "sort_name", "summary", "biography", "note")


@register(Post)
class PostTranslationOptions(TranslationOptions):
    fields = ("title", "term_note")


@register(Tenure)
class TenureTranslationOptions(TranslationOptions):
    fields = ("note",)
