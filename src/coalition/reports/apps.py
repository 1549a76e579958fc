from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The Spotlight Report on SDG 4 and the Joint Sector Review input: editions built from
    live results, written per language, frozen on approval, published as HTML, PDF, DOCX."""

    name = "coalition.reports"
    label = "reports"
    verbose_name = "Reports"
