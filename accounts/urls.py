from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("session/", views.session_status, name="session_status"),
    path("session/keep-alive/", views.session_keep_alive, name="session_keep_alive"),
    path("change-password/", views.ChangePasswordView.as_view(), name="password_change"),
    path(
        "change-password/done/",
        views.ChangePasswordDoneView.as_view(),
        name="password_change_done",
    ),
]
