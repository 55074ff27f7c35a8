"""The demo 'You said, We did' items: what people told us and what changed as a result."""

from demo.datafiles import check_keys, day, fill, read_toml, stream
from demo.organisation import contacts

INDEX_SLUG = "you-said-we-did"
FILE = "outcomes.toml"
# The keys an item may have in the data file.
KEYS = "slug title source opportunity participants date topics you_said we_did_summary actions body".split()


def index_fields():
    """The fields of /you-said-we-did/ itself."""
    return fill(read_toml(FILE)["index"], contacts(), FILE)


def outcomes(today, topics, opportunities):
    """[(slug, fields, action rows)] for every demo item; `opportunities` maps slugs to pages."""
    context = contacts()
    result = []
    for raw in read_toml(FILE)["outcomes"]:
        check_keys(raw, KEYS, f"{FILE}, {raw['slug']}")
        item = fill(raw, context, FILE)
        fields = {
            "title": item["title"],
            "source": item["source"],
            "participants": item.get("participants"),
            "date": day(today, item["date"]),
            "topics": [topics[slug] for slug in item["topics"]],
            "opportunity": opportunities[item["opportunity"]] if "opportunity" in item else None,
            "you_said": item["you_said"],
            "we_did_summary": item["we_did_summary"],
            "body": stream(item.get("body", [])),
        }
        actions = [{"action": row["action"], "status": row["status"]} for row in item["actions"]]
        result.append((item["slug"], fields, actions))
    return result
