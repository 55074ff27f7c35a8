"""The stakeholder grid of a consultation plan (seed 001, section 9): influence and interest, high or
low, and the approach each quadrant calls for. Pure data, drawn by the plan's editor panel."""

HIGH, LOW = "high", "low"
LEVEL_CHOICES = [(HIGH, "High"), (LOW, "Low")]

APPROACHES = {
    (HIGH, HIGH): "Manage closely",
    (HIGH, LOW): "Keep satisfied",
    (LOW, HIGH): "Keep informed",
    (LOW, LOW): "Monitor",
}


def stakeholder_grid(rows):
    """[(influence label, [cell, cell])] with high influence on top and interest left to right."""
    grid = []
    for influence in (HIGH, LOW):
        cells = []
        for interest in (LOW, HIGH):
            groups = [r.group for r in rows if r.influence == influence and r.interest == interest]
            cells.append({"approach": APPROACHES[(influence, interest)], "groups": groups})
        grid.append((f"{influence.capitalize()} influence", cells))
    return grid
