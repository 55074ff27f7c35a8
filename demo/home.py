"""The demo home page: its introduction and the 'ways to get involved' links."""

from demo.sync import heading, inset, link, paragraph

# (path below the home page, link text). Pages that other apps' demo modules add, such as the
# register sign-up and the feedback form, are linked once they exist; the home page is loaded
# last so that their links appear on the first run.
GET_INVOLVED_LINKS = [
    ("get-involved/join", "Join our involvement register"),
    ("share-your-experience", "Share your experience of local NHS care"),
    ("about/how-to-get-involved", "Find out how you can get involved"),
    ("engagement-strategy", "Read our engagement strategy and its progress"),
    ("annual-report", "See our annual report on involving people"),
]


def home(pages_by_path):
    """The home page's fields; `pages_by_path` maps the paths above to live pages, where they exist."""
    return {
        "title": "Have your say",
        "intro": "Find out how to have your say about local NHS services in Mansfield, Ashfield, "
        "Newark and Sherwood, and see what changed because people spoke up.",
        "get_involved_heading": "Ways to get involved",
        "get_involved_links": [
            link(pages_by_path[path], text=text) for path, text in GET_INVOLVED_LINKS if path in pages_by_path
        ],
        "body": [
            heading("Why your views matter"),
            paragraph(
                "<p>We plan and pay for most of the NHS services in our area. The people who use "
                "them know best what works and what does not, and the law requires us to involve "
                "the public whenever we plan services or propose to change them.</p>"
            ),
            inset(
                "<p>This is a demonstration website. The organisation and everything on it are "
                "examples, and the contact details do not work.</p>"
            ),
        ],
    }
