"""Money shown the one way, on pages and in PDFs alike: £1,234.50. (Money typed in is
`config.forms.MoneyField`.)"""

from decimal import Decimal


def pounds(amount: Decimal) -> str:
    """£1,234.50"""
    return f"£{amount:,.2f}"
