from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from kinerja.accounts import throttle
from kinerja.accounts.models import Role, RoleAssignment, User
from kinerja.core.formats import normalize_nip
from kinerja.core.middleware import client_ip


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("NIP or username"),
        max_length=64,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        "invalid_login": _(
            "The NIP/username or password is wrong. Letters in the password are case-sensitive."
        ),
        "inactive": _("This account is not active. Contact the BKPSDM administrator."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if normalize_nip(username).isdigit():
            username = normalize_nip(username)
        keys = throttle.keys_for(username, client_ip(self.request) if self.request else None)
        refusal = throttle.refusal(keys)
        if refusal:
            raise forms.ValidationError(refusal, code="throttled")
        # The address only slows: held back here, the attempt is then judged on its own credentials.
        delay = throttle.address_delay(keys)
        if delay:
            throttle.pause(delay)
        try:
            return super().clean()
        except forms.ValidationError:
            throttle.register_failure(keys)
            raise
        finally:
            if self.user_cache is not None:
                throttle.register_success(username)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"), max_length=100, help_text=_("e.g. the application that will use it")
    )
    expires_at = forms.DateTimeField(
        label=_("Expires at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class RoleGrantForm(forms.Form):
    username = forms.CharField(label=_("NIP or username"), max_length=64)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    # The organisation's units, reached through the role's foreign key: accounts sits below org.
    unit = forms.ModelChoiceField(
        label=_("Unit (department administrators only)"),
        queryset=RoleAssignment.unit.field.related_model.objects.none(),
        required=False,
    )

    def __init__(self, *args, instansi=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instansi = instansi
        units = RoleAssignment.unit.field.related_model.objects
        self.fields["unit"].queryset = units.filter(instansi=instansi, aktif=True).order_by("path")

    def clean_username(self):
        value = self.cleaned_data["username"]
        value = normalize_nip(value) if normalize_nip(value).isdigit() else value.strip()
        user = User.objects.filter(username=value, instansi=self.instansi).first()
        if user is None:
            raise forms.ValidationError(_("No account with this NIP/username in your agency."))
        self.user = user
        return value


class PasswordResetForm(forms.Form):
    """Reset by NIP/username or email. Accounts that never had a password may use it too: that is how a new
    pegawai with a registered email sets their first password."""

    login = forms.CharField(label=_("NIP, username or email"), max_length=254)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        refusal = throttle.reset_address_refusal(client_ip(self.request) if self.request else None)
        if refusal:
            raise forms.ValidationError(refusal, code="throttled")
        return cleaned

    def get_users(self, value: str):
        value = value.strip()
        nip = normalize_nip(value)
        lookup = {"email__iexact": value} if "@" in value else {"username": nip if nip.isdigit() else value}
        return [u for u in User.objects.filter(is_active=True, **lookup) if u.email]

    def save(self, **kwargs):
        from django.contrib.auth.forms import PasswordResetForm as DjangoForm

        for user in self.get_users(self.cleaned_data["login"]):
            # Over the account's limit the mail is dropped silently: the page must read the same as for an
            # account that does not exist.
            if not throttle.reset_mail_allowed(user.pk):
                continue
            form = DjangoForm({"email": user.email})
            form.is_valid()
            form.get_users = lambda email, user=user: [user]
            form.save(**kwargs)
