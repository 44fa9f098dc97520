"""What happens to a person's record that apps above `recording` act on (the front door
closes a wait when its record is completed, sets a review task when a review falls due).
Each is sent inside the transaction that made the change, so what a receiver writes
stands or falls with it."""

from django.dispatch import Signal

# A draft was completed: record (the kind's model instance), user, now.
record_completed = Signal()

# A person's next review date was set or cleared: person, review_due (a date or None),
# record (the authorised plan or completed review that set it), user.
review_due_changed = Signal()
