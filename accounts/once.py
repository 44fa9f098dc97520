"""A form that creates something acts once (issue 15, part 6).

Sending the same request twice created two contacts (the second with its own overdue
obligation), two addenda, two Care Act records... Each creating form carries a random
key (`{% submission_key %}`, in a hidden field; `config.submission_keys`), and its view is
wrapped in `acts_once`: the key is claimed in the same transaction as the view's writes, so of two
sendings of one form -- even at the same moment -- one creates and the other is shown
what it created. A form sent back with errors frees its key, so it can be sent again
once corrected. A request without a key is an ordinary new submission.
"""

from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.services import (
    form_submission_claim,
    form_submission_done,
    form_submission_for,
    form_submission_release,
    form_submissions_prune,
)
from config.submission_keys import submitted_key


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
                claim = form_submission_claim(user=request.user, key=key)
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303) and response.has_header("Location"):
                    form_submission_done(claim, result=response["Location"])
                else:  # not created (errors to correct): the key may be sent again
                    form_submission_release(claim)
        except IntegrityError:
            done = form_submission_for(user=request.user, key=key)
            if done is None:
                raise  # not ours: the view's own integrity error
            messages.info(request, "That form had already been sent. This is what it saved.")
            return redirect(done.result or request.path)
        form_submissions_prune()
        return response

    return wrapped
