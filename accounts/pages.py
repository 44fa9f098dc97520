"""The parts of the accounts app's pages that apps above it fill in (`config.page_parts`)."""

from config.page_parts import PageParts

# Home, for (request): the reading status.
home_page = PageParts("Home")
# Home for someone who records, for (user, limit): what is overdue, what was returned.
home_recording_page = PageParts("Home for someone who records")
