from modeltranslation.translator import TranslationOptions, register

from timeline.models import Event


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "note", "place")
