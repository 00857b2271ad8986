from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from kinerja.accounts import forms, views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    # Logging out needs no login: an expired session must still be able to press the button.
    path("keluar/", login_not_required(auth_views.LogoutView.as_view()), name="logout"),
    path("kata-sandi/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "lupa-kata-sandi/",
        views.PasswordResetView.as_view(
            form_class=forms.PasswordResetForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "lupa-kata-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "atur-ulang/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "atur-ulang/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("token/", views.token_list, name="token_list"),
    path("token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
    path("peran/", views.role_list, name="role_list"),
    path("peran/<int:pk>/cabut/", views.role_revoke, name="role_revoke"),
]
