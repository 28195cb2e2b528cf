"""Forms of the bureau's disclosure page."""

from __future__ import annotations

from django import forms


class PublishForm(forms.Form):
    """Publish a year (all units or one), with the projects to withhold and the reason."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    unit = forms.CharField(label="范围", required=False)
    withheld = forms.MultipleChoiceField(label="不公开的项目", required=False)
    withheld_reason = forms.CharField(
        label="不公开理由", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withheld"].choices = [(code, code) for code in codes]
        self.fields["withheld"].error_messages["invalid_choice"] = (
            "不在本次公开范围内的项目：%(value)s。"
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "撤回公开须填写理由。"},
    )
