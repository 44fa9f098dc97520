"""A form that creates something acts once (issue 15, part 6).

Sending the same request twice created two contacts (the second with its own overdue
obligation), two addenda, two Care Act records... Each creating form carries a random
key (`{% submission_key %}`, in a hidden field; `config.submission_keys`), and its view is
wrapped in `acts_once`: the key is claimed in the same transaction as the view's writes, so of two
sendings of one form -- even at the same moment -- one creates and the other is shown
what it created. A form sent back with errors frees its key, so it can be sent again
once corrected. A request without a key is an ordinary new submission.
"""

from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from accounts.models import FormSubmission
from config.submission_keys import submitted_key

KEEP_FOR = timedelta(days=7)


def acts_once(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = submitted_key(request) if request.method == "POST" else ""
        if not key or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        try:
            with transaction.atomic():
                # Claimed first: a second sending waits here for this one to finish,
                # then fails the unique constraint (the race of a double click).
                claim = FormSubmission.objects.create(user=request.user, key=key)
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303) and response.has_header("Location"):
                    claim.result = response["Location"][:500]
                    claim.save(update_fields=["result"])
                else:  # not created (errors to correct): the key may be sent again
                    claim.delete()
        except IntegrityError:
            done = FormSubmission.objects.filter(user=request.user, key=key).first()
            if done is None:
                raise  # not ours: the view's own integrity error
            messages.info(request, "That form had already been sent. This is what it saved.")
            return redirect(done.result or request.path)
        FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
        return response

    return wrapped
