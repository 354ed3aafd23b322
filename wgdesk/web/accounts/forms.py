"""Sign-in, second-factor and invitation forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from wgdesk.web.accounts.actions import address_taken
from wgdesk.web.core.forms import BilingualForm, DeskForm, TimeZoneField


class PasswordStepForm(forms.Form):
    """First factor: username and password."""

    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)


class CodeForm(forms.Form):
    """Second factor: the 6-digit code from the authenticator app."""

    code = forms.RegexField(
        label=_("6-digit code"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Enter the 6 digits shown in your authenticator app.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class AcceptInvitationForm(BilingualForm):
    """Create the account an invitation offers."""

    bilingual = (("name", _("Name"), False, True),)
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[a-z0-9._-]{3,150}$",
        error_messages={"invalid": _("Use 3 or more lower-case letters, digits, dots or dashes.")},
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput, strip=False
    )

    def clean_username(self) -> str:
        """Refuse a username that is taken."""
        username = str(self.cleaned_data["username"])
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean(self) -> dict[str, Any]:
        """Passwords must match and pass the password rules."""
        data = super().clean()
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("The two passwords differ."))
        elif password:
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ProfileForm(DeskForm):
    """The member's own settings: the time zone they read times in."""

    time_zone = TimeZoneField(
        label=_("Your time zone"),
        help_text=_(
            "Times on the desk, in exports and in your emails are shown in this zone, with a "
            "meeting's own zone beside it when it differs."
        ),
    )


class NewPasswordForm(DeskForm):
    """A new password, typed twice, checked by the desk's password rules."""

    new_password = forms.CharField(
        label=_("New password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=_("At least 12 characters; not a common password, nor all digits."),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        """Both copies must match and pass Django's validators (e.g. not like the username)."""
        super().clean()
        data = self.cleaned_data
        password, again = data.get("new_password"), data.get("new_password_again")
        if password and again and password != again:
            self.add_error("new_password_again", _("The two passwords differ."))
        elif password:
            try:
                password_validation.validate_password(password, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password", error)
        return data


class PasswordChangeForm(NewPasswordForm):
    """The current password, then the new one twice."""

    field_order = ["current_password", "new_password", "new_password_again"]
    current_password = forms.CharField(
        label=_("Current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )

    def clean_current_password(self) -> str:
        """The current password must be right (a stolen session cannot change it)."""
        password = str(self.cleaned_data["current_password"])
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Your current password is not right."))
        return password


class ResetRequestForm(DeskForm):
    """The email address to send a reset link to."""

    email = forms.EmailField(label=_("Email address"), max_length=254)


class EmailForm(DeskForm):
    """A new email address for the profile, confirmed by a link sent to it."""

    email = forms.EmailField(label=_("New email address"), max_length=254)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        """A different address, not used by another account."""
        address = str(self.cleaned_data["email"]).strip()
        if address.lower() == (self.user.email or "").lower():
            raise forms.ValidationError(_("This is already your address."))
        if address_taken(address, self.user):
            raise forms.ValidationError(_("Another account uses this address."))
        return address


class ConfirmForm(DeskForm):
    """An explicit tick before an action that cannot be undone from the desk."""

    confirm = forms.BooleanField(label=_("Yes, I am sure"), required=True)
