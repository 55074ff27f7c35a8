"""What an opportunity's public page shows about its questionnaire."""

from questionnaires.flow import is_open


def respond_online(page, request):
    """*Respond online* while the questionnaire takes responses on time; nothing otherwise."""
    if not page.questionnaire or not is_open(page):
        return None
    return {"url": f"{page.url}respond/", "minutes": page.questionnaire_minutes}
