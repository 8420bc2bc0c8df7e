from modeltranslation.translator import TranslationOptions, register

from osce_kb.models import Source


@register(Source)
class SourceTranslationOptions(TranslationOptions):
    fields = ("title", "note")
