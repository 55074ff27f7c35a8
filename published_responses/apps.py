from django.apps import AppConfig


class PublishedResponsesConfig(AppConfig):
    """Responses people agreed to publish: moderation, redaction, sign-off and the public listing."""

    name = "published_responses"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from pages.extensions import register_opportunity_panel
        from published_responses import personal_data, scrub
        from published_responses.listing import published_responses_panel

        register_opportunity_panel(
            "published-responses",
            published_responses_panel,
            template="published_responses/panel.html",
            slot="details",
            order=60,
        )
        scrub.connect()
        self.personal_data = personal_data
