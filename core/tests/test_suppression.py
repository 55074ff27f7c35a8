"""The small-number rule: no count under 5 is shown, and none can be worked back from a total."""

from hypothesis import given
from hypothesis import strategies as st

from core.suppression import HIDDEN_TEXT, figure, suppress_counts


def test_a_count_under_five_is_words_not_a_number():
    assert str(figure(4)) == "fewer than 5" == HIDDEN_TEXT
    assert str(figure(0)) == "fewer than 5"
    assert str(figure(5)) == "5"
    assert str(figure(1234)) == "1,234"


def test_one_hidden_cell_hides_the_next_smallest_so_the_total_gives_nothing_back():
    cells, total = suppress_counts({"a": 3, "b": 12, "c": 40}, total=55)
    assert [str(cells[k]) for k in "abc"] == ["fewer than 5", "fewer than 5", "40"]
    assert str(total) == "55"


def test_a_total_under_five_hides_everything():
    cells, total = suppress_counts({"a": 2, "b": 2}, total=4)
    assert all(cell.hidden for cell in cells.values()) and total.hidden


def test_multiple_choice_tables_hide_only_the_small_cells():
    cells, _ = suppress_counts({"a": 3, "b": 12, "c": 40}, additive=False)
    assert [cells[k].hidden for k in "abc"] == [True, False, False]


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 60), min_size=1, max_size=8))
def test_no_hidden_cell_can_be_worked_out_from_the_total(counts):
    total = sum(counts.values())
    cells, total_figure = suppress_counts(counts, total=total)
    hidden = [key for key, cell in cells.items() if cell.hidden]
    assert all(cells[key].value == count for key, count in counts.items() if count >= 5 and key not in hidden)
    assert all(cell.hidden for key, cell in cells.items() if counts[key] < 5)
    if total_figure.hidden:
        return
    # Whatever is hidden, at least two cells are hidden (or none): the total never pins one down.
    assert len(hidden) != 1 or len(counts) == 1
