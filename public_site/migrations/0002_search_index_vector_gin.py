"""Let PostgreSQL find search matches through indexes, not by reading every page.

Wagtail's database search backend matches `title || body` (the two weighted vectors of each
index entry, joined) against the query, and joins each entry to its page on
`page.id::varchar = entry.object_id`. Its own GIN indexes cover `title` and `body` apart, which
that expression cannot use, and nothing indexes the page side of the join, so a search read each
live page's entry in turn (tens of milliseconds with a few thousand pages, growing with the site),
and a query matching most pages could be joined by comparing every entry with every page (seconds).

- a GIN index on the joined vector serves the match directly, and ANALYZE gives the planner that
  expression's word statistics, so it starts from the few matching entries;
- an index on the page id as text lets each matching entry find its page at once.

SQLite has its own full-text index and needs neither.
"""

from django.db import migrations

VECTOR_INDEX = "public_site_search_vector_gin"
PAGE_ID_INDEX = "public_site_page_id_text"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {VECTOR_INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
    )
    # The same expression as the backend's join, so the planner can match it.
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {PAGE_ID_INDEX} ON wagtailcore_page (((id)::varchar(50)))"
    )
    schema_editor.execute("ANALYZE wagtailsearch_indexentry")
    schema_editor.execute("ANALYZE wagtailcore_page")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {VECTOR_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {PAGE_ID_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("public_site", "0001_search_promotion_permissions"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
