from wagtail import hooks


@hooks.register("register_log_actions")
def register_alerts_log_actions(actions):
    actions.register_action("alerts.erase", "Erase alert subscription", "Alert subscription erased")
    actions.register_action(
        "alerts.subject_access", "Export alert subscription", "Alert subscription exported"
    )
