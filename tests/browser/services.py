"""Filling a plan support's CLD service details in a browser (issue 18, part 2)."""


def fill_service(
    group, number: int, cost: str, *, per: str = "Per week", units: str = "", start=("1", "12")
) -> None:
    """In the fieldset `group` of support `number`: long-term home support the council
    commissions, costing `cost` `per` (with `units` a week), starting on `start` 2026."""
    group.get_by_label("Service type").select_option(label="Long-term support in the community")
    group.get_by_label("Service component").select_option(label="Home support (domiciliary care)")
    group.get_by_label("Council-commissioned support").check()
    group.get_by_label(f"Cost of support {number}").fill(cost)
    group.get_by_label("The cost is").select_option(label=per)
    if units:
        group.get_by_label("Planned hours, days or sessions a week").fill(units)
    dates = group.get_by_role("group", name="Date the service starts")
    dates.get_by_label("Day").fill(start[0])
    dates.get_by_label("Month").fill(start[1])
    dates.get_by_label("Year").fill("2026")
