from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff and teams"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from accounts.middleware import note_sign_in

        # Session bookkeeping, like Django's own update_last_login: a sign-in is activity.
        user_logged_in.connect(note_sign_in, dispatch_uid="accounts.note_sign_in")
