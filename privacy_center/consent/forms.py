"""Forms of the consent pages: validation only, the services do the work."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .services.cookies import optional_groups
from .services.preferences import channel_labels, topic_labels

ACTIONS = [("accept_all", _("Accept all")), ("decline_all", _("Decline all")), ("save", _("Save my choices"))]
YES_NO = [("yes", _("Allow")), ("no", _("Don't allow"))]


class CookieChoicesForm(forms.Form):
    action = forms.ChoiceField(choices=ACTIONS)
    source = forms.ChoiceField(choices=[("banner", "banner"), ("settings", "settings")], required=False)
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = optional_groups()
        for varname, group in self.groups.items():
            self.fields[f"group_{varname}"] = forms.ChoiceField(
                label=gettext(group.name), help_text=gettext(group.description), choices=YES_NO,
                widget=forms.RadioSelect, required=False,
            )

    def group_fields(self):
        return [self[f"group_{varname}"] for varname in self.groups]

    def choices(self) -> dict[str, bool]:
        action = self.cleaned_data["action"]
        if action in {"accept_all", "decline_all"}:
            return dict.fromkeys(self.groups, action == "accept_all")
        return {
            varname: self.cleaned_data[f"group_{varname}"] == "yes"
            for varname in self.groups
            if self.cleaned_data.get(f"group_{varname}")
        }


class PreferencesForm(forms.Form):
    channels = forms.MultipleChoiceField(label=_("Channels"), required=False, widget=forms.CheckboxSelectMultiple)
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = list(channel_labels().items())
        self.fields["topics"].choices = list(topic_labels().items())


class NewsletterForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple)
    source = forms.ChoiceField(choices=[("newsletter_page", "page"), ("footer", "footer")], required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = list(topic_labels().items())
