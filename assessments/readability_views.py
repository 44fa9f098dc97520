"""The as-you-type reading ease score for narrative fields (issue 5, part 7).

Without JavaScript the score shows when the form is shown again after a save; with it,
`static/js/readability.mjs` asks this view as the practitioner types. Sign-in is
required by LoginRequiredMiddleware; CSRF is checked as for any POST.
"""

from django import forms
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from config.readability import readability, readability_hint, word_count

# Far longer than any case note; a cap stops the view scoring whole documents.
MAX_TEXT_LENGTH = 100_000


class ReadabilityCheckForm(forms.Form):
    text = forms.CharField(max_length=MAX_TEXT_LENGTH, required=False, strip=False)


@require_POST
def readability_check(request: HttpRequest) -> JsonResponse:
    form = ReadabilityCheckForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    text = form.cleaned_data["text"]
    result = readability(text)
    if result is None:
        return JsonResponse(
            {"score": None, "message": readability_hint(text), "words": word_count(text)}
        )
    return JsonResponse(
        {
            "score": result.score,
            "label": result.label,
            "message": result.message,
            "words": result.words,
        }
    )
