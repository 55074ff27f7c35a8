"""Small-number suppression: the one rule for every count the public sees about people.

A count under THRESHOLD is shown as "fewer than 5", never as its number, zero included (a zero
says as much about a small group as a one does). Hiding one cell is not enough when the table
also shows its total: the total minus the cells shown gives the hidden one back. So when a table's
cells add up to its total and exactly one cell is hidden, the next smallest cell is hidden too
(secondary suppression), and when the total itself is under THRESHOLD, everything is.

Staff views in the admin show real numbers; anything public (outcome pages, the annual report,
feeds, the API) shows figures that went through `suppress_counts`.

Linked tables: one table per consultation ("You said, We did") and a summary table of the
same people (the annual report's sum over the year's consultations) can be subtracted from each
other. `suppress_linked` treats them as one grid, a row per consultation and a margin row for the
summary, and hides cells until no hidden count under THRESHOLD can be worked out from every cell
shown, every row total (assumed known: each consultation's number of responses is public) and the
summary's total. The rule, proved by the hypothesis test in core/tests/test_suppression_linked.py:

1. A cell under THRESHOLD is hidden; so is every cell of a row that is not published (a
   consultation with no outcome page yet), and every cell of a row whose total is under THRESHOLD.
2. In any line whose total is known (a row, the margin, or a column whose summary cell is shown),
   the hidden cells together hold 0 cells or at least THRESHOLD people; otherwise the smallest
   cell still shown in that line is hidden too.
3. Seen as a graph (rows and columns are nodes, hidden cells are edges), no hidden cell may be a
   bridge: a hidden cell on no cycle of hidden cells is the only unknown left in some sum, so it
   can be worked out (and, once known, would make the rest of its line a smaller group). Such a
   cell gets a rectangle of hidden cells through it, the one hiding the fewest people."""

from dataclasses import dataclass

THRESHOLD = 5
HIDDEN_TEXT = f"fewer than {THRESHOLD}"


@dataclass(frozen=True)
class Figure:
    """A count as the public may see it: `value` is None when it is hidden."""

    value: int | None

    @property
    def hidden(self):
        return self.value is None

    def __str__(self):
        return HIDDEN_TEXT if self.value is None else f"{self.value:,}"


def figure(count):
    """One count on its own (not part of a table): hidden when under the threshold."""
    return Figure(None if count < THRESHOLD else count)


def suppress_counts(counts, *, total=None, additive=True):
    """Suppress a table: {key: count} -> ({key: Figure}, Figure for the total or None).

    `total` is the figure shown beside the table, if any. `additive` says whether the cells add up
    to a total that is known (one answer each, and the number who answered is published
    somewhere); for tables where one person may be in several cells (multiple choice),
    subtracting does not give a cell back, so only the primary rule applies.
    """
    total_figure = None if total is None else figure(total)
    if total is not None and total < THRESHOLD:
        return {key: Figure(None) for key in counts}, total_figure
    hidden = {key for key, count in counts.items() if count < THRESHOLD}
    if additive:
        # The total, shown here or anywhere else, minus the cells shown gives back the hidden
        # cells' sum: one cell alone, or a handful of people across several.
        _hide_until_safe(counts, hidden)
    return {key: Figure(None if key in hidden else count) for key, count in counts.items()}, total_figure


def _hide_until_safe(counts, hidden):
    """Hide the smallest cells shown until the hidden ones are none, or two or more holding at
    least THRESHOLD people between them (or everything is hidden)."""
    while hidden and (len(hidden) == 1 or sum(counts[key] for key in hidden) < THRESHOLD):
        rest = sorted((count, str(key), key) for key, count in counts.items() if key not in hidden)
        if not rest:
            return
        hidden.add(rest[0][2])


MARGIN = object()  # the summary row of a linked grid


def suppress_linked(rows, columns, *, published=None):
    """Suppress a grid of linked tables: ({row: {column: Figure}}, {column: Figure} for the margin).

    `rows` is {row key: {column: count}} (missing columns count 0), `columns` the columns in
    order, `published` the rows shown in public (all of them if None); the margin is the sum of
    every row, shown in public too (the annual report). See the rule in this module's docstring.
    """
    published = set(rows) if published is None else set(published)
    grid = {(row, col): cells.get(col, 0) for row, cells in rows.items() for col in columns}
    for col in columns:
        grid[MARGIN, col] = sum(grid[row, col] for row in rows)
    row_keys = [*rows, MARGIN]
    hidden = {entry for entry, count in grid.items() if count < THRESHOLD}
    for row in row_keys:
        if row is not MARGIN and row not in published or sum(grid[row, col] for col in columns) < THRESHOLD:
            hidden.update((row, col) for col in columns)
    while _hide_one_more(grid, hidden, row_keys, columns):
        pass
    figures = {
        row: {col: Figure(None if (row, col) in hidden else grid[row, col]) for col in columns}
        for row in rows
    }
    margin = {col: Figure(None if (MARGIN, col) in hidden else grid[MARGIN, col]) for col in columns}
    return figures, margin


def _lines(row_keys, columns, hidden):
    """Each line whose total is known, as its entries: every row, and each column whose margin is shown."""
    for row in row_keys:
        yield [(row, col) for col in columns]
    for col in columns:
        if (MARGIN, col) not in hidden:
            yield [(row, col) for row in row_keys if row is not MARGIN]


def _hide_one_more(grid, hidden, row_keys, columns):
    """Hide what rules 2 and 3 need next; False once nothing needs hiding."""
    for line in _lines(row_keys, columns, hidden):
        secret = [entry for entry in line if entry in hidden]
        if secret and sum(grid[entry] for entry in secret) < THRESHOLD:
            shown = sorted((grid[e], _order(e, row_keys, columns), e) for e in line if e not in hidden)
            if shown:
                hidden.add(shown[0][2])
                return True
    # Any bridge, whatever its count: once worked out, it would make its line's other hidden cells
    # a smaller group that can be worked out in turn.
    for entry in sorted(_bridges(hidden), key=lambda e: _order(e, row_keys, columns)):
        if _add_rectangle(grid, hidden, entry, row_keys, columns):
            return True
    return False


def _order(entry, row_keys, columns):
    return (row_keys.index(entry[0]), columns.index(entry[1]))


def _add_rectangle(grid, hidden, entry, row_keys, columns):
    """Hide the cheapest rectangle through `entry`, so it is on a cycle of hidden cells."""
    row, col = entry
    best = None
    for other_row in row_keys:
        for other_col in columns:
            if other_row == row or other_col == col:
                continue
            corners = [(row, other_col), (other_row, col), (other_row, other_col)]
            cost = sum(grid[c] + 1 for c in corners if c not in hidden)
            key = (cost, _order((other_row, other_col), row_keys, columns))
            if best is None or key < best[0]:
                best = (key, corners)
    if best is None or best[0][0] == 0:
        return False  # a grid of one row or one column: nothing can make a cycle
    hidden.update(best[1])
    return True


def _bridges(edges):
    """The edges of the bipartite graph (row node, column node) that lie on no cycle."""
    adjacency = {}
    for row, col in edges:
        adjacency.setdefault(("r", row), []).append(("c", col))
        adjacency.setdefault(("c", col), []).append(("r", row))
    order, low, found = {}, {}, set()
    for start in adjacency:
        if start in order:
            continue
        order[start] = low[start] = len(order)
        stack = [(start, None, iter(adjacency[start]))]
        while stack:
            node, parent, neighbours = stack[-1]
            for nxt in neighbours:
                if nxt == parent:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, node, iter(adjacency[nxt])))
                break
            else:
                stack.pop()
                if parent is not None:
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        a, b = (parent, node) if parent[0] == "r" else (node, parent)
                        found.add((a[1], b[1]))
    return found
