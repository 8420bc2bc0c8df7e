from django.views.generic import DetailView, ListView

from timeline.models import Event


class EventListView(ListView):
    paginate_by = 100

    def get_queryset(self):
        return Event.objects.published()


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, **kwargs):
        event = self.object
        return super().get_context_data(
            organs=event.organs.published(),
            people=event.people.published(),
            states=event.states.all(),
            sources=event.sources.all(),
            **kwargs,
        )
