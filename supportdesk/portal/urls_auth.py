"""The portal's sign-in, registration, account, status check, settings and branding URLs."""

from django.urls import path

from supportdesk.portal import views_auth, views_settings

urlpatterns = [
    path("login/", views_auth.login_view, name="portal-login"),
    path("logout/", views_auth.logout_view, name="portal-logout"),
    path("link/", views_auth.link_request, name="portal-link-request"),
    path("link/sent/", views_auth.link_sent, name="portal-link-sent"),
    path("link/<str:token>/", views_auth.link_open, name="portal-link"),
    path("verify/", views_auth.verify_pending, name="portal-verify-pending"),
    path("register/", views_auth.register_view, name="portal-register"),
    path("register/sent/", views_auth.register_sent, name="portal-register-sent"),
    path("account/", views_auth.account_view, name="portal-account"),
    path("status/", views_auth.status_view, name="portal-status"),
    path("settings/", views_settings.settings_view, name="portal-settings"),
    path("brand.css", views_settings.brand_css_view, name="portal-brand-css"),
    path("logo", views_settings.logo_view, name="portal-logo"),
]
