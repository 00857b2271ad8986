from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja.accounts import forms, permissions, services
from kinerja.core.views_util import confirm_action, run_service, submitted


class LoginView(auth_views.LoginView):
    form_class = forms.LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("portal:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Your password was changed."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, handing the request to the form so it can limit requests per client address."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user, action="accounts.user.password_reset")
        return response


def token_list(request):
    form = forms.TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda d: services.api_token_create(actor=request.user, **d))
        if result:
            _token, secret = result
            form = forms.TokenForm()
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/token_list.html", {"form": form, "tokens": tokens, "secret": secret})


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    return confirm_action(
        request,
        lambda: services.api_token_revoke(actor=request.user, token=token),
        success=_("The token was revoked."),
        then=reverse("accounts:token_list"),
        title=_("Revoke the token %(name)s?") % {"name": token.name},
        consequence=_(
            "Programs that use it can no longer reach the API. A revoked token cannot be used again."
        ),
        submit_label=_("Yes, revoke"),
    )


def role_list(request):
    instansi = request.user.instansi
    if instansi is None or not permissions.can_manage_roles(request.user, instansi.pk):
        raise PermissionDenied
    form = forms.RoleGrantForm(request.POST or None, instansi=instansi)
    done = submitted(
        request,
        form,
        lambda d: services.role_grant(actor=request.user, user=form.user, role=d["role"], unit=d["unit"]),
        success=_("The role was granted."),
        then=reverse("accounts:role_list"),
    )
    if done:
        return done
    assignments = (
        permissions.role_assignments_visible_to(request.user)
        .filter(instansi=instansi)
        .select_related("user", "unit")
        .order_by("role", "user__nama")
    )
    return render(request, "accounts/role_list.html", {"form": form, "assignments": assignments})


@require_POST
def role_revoke(request, pk):
    assignment = get_object_or_404(
        permissions.role_assignments_visible_to(request.user).select_related("user"), pk=pk
    )
    if not permissions.can_manage_roles(request.user, assignment.instansi_id):
        raise PermissionDenied
    return confirm_action(
        request,
        lambda: services.role_revoke(actor=request.user, assignment=assignment),
        success=_("The role was revoked."),
        then=reverse("accounts:role_list"),
        title=_("Revoke the role of %(name)s?") % {"name": assignment.user.nama},
        consequence=_(
            "%(name)s loses the role %(role)s at once, with the pages and rights that come with it."
        )
        % {"name": assignment.user.nama, "role": assignment.get_role_display()},
        submit_label=_("Yes, revoke"),
    )
