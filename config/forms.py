"""The base every Practice Record form builds on: GOV.UK layout through crispy-forms-gds."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms


class BaseForm(forms.Form):
    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # base_form.html writes the <form> with novalidate
        self.helper.add_input(Submit("submit", self.submit_label))
