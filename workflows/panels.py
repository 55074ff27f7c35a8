"""Read-only editor panels for the consultation plan."""

from wagtail.admin.panels import Panel

from workflows.quadrants import stakeholder_grid


class StakeholderGridPanel(Panel):
    """Draws the plan's stakeholder rows in the influence/interest 2×2 grid, with each approach."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "workflows/panels/stakeholder_grid.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            rows = list(instance.stakeholders.all()) if instance is not None and instance.pk else []
            context["grid"] = stakeholder_grid(rows)
            context["has_rows"] = bool(rows)
            return context
