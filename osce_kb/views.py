from django.shortcuts import render
from django.views.generic import DetailView, ListView

from organs.models import Organ, ParticipatingState
from osce_kb.models import Source
from people.models import Person
from timeline.models import Event


def home(request):
    context = {
        "organs": Organ.objects.published().top_level().with_published_children(),
        "kazakhstan_events": Event.objects.published().about_kazakhstan()[:8],
        "counts": {
            "organs": Organ.objects.published().count(),
            "people": Person.objects.published().count(),
            "events": Event.objects.published().count(),
            "states": ParticipatingState.objects.count(),
        },
    }
    return render(request, "osce_kb/home.html", context)


class SourceListView(ListView):
    model = Source
    paginate_by = 50


class SourceDetailView(DetailView):
    model = Source

    def get_context_data(self, **kwargs):
        source = self.object
        return super().get_context_data(
            organs=source.organs.published(),
            people=source.people.published(),
            events=source.events.published(),
            tenures=source.tenures.select_related("person", "post").filter(person__is_published=True),
            states=source.states.all(),
            **kwargs,
        )
