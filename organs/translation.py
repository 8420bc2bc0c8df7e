from modeltranslation.translator import TranslationOptions, register

from organs.models import Organ, ParticipatingState


@register(ParticipatingState)
class ParticipatingStateTranslationOptions(TranslationOptions):
    fields = ("name", "note")


@register(Organ)
class OrganTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "summary", "description", "note", "seat", "meeting_schedule")
