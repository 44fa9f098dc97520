from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = "Practice principles"

    def ready(self):
        from accounts.pages import home_page
        from principles import pages

        home_page.add(pages.home_part)
