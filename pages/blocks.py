"""The one body StreamBlock shared by every page type, built from NHS.UK components."""

from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtailnhsukfrontend import blocks as nhsuk

SIMPLE_RICH_TEXT = ["bold", "italic", "link", "document-link", "ol", "ul"]
RICH_TEXT = ["h3", "h4", *SIMPLE_RICH_TEXT]


class LinkStructValue(blocks.StructValue):
    """Gives templates one `url` and one `text`, whether the link is to a page or elsewhere."""

    @cached_property
    def url(self):
        if page := self.get("page"):
            return page.url
        return self.get("external_url") or ""

    @cached_property
    def text(self):
        if label := self.get("label"):
            return label
        if page := self.get("page"):
            return page.title
        return self.get("external_url") or ""


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or an address elsewhere; rendered as a plain link."""

    # Not called "text": templates look up dictionary keys first, so a child of that name
    # would hide LinkStructValue.text and show an empty label.
    label = blocks.CharBlock(
        required=False, label="Link text", help_text="Leave blank to use the title of the chosen page."
    )
    page = blocks.PageChooserBlock(required=False)
    external_url = blocks.URLBlock(
        required=False, label="Address elsewhere", help_text="Only if no page is chosen."
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError("Choose a page or enter an address, not both.")
                }
            )
        return value

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        template = "blocks/link_block.html"
        description = "A link to a page or another website"
        preview_value = {"label": "NHS website", "external_url": "https://www.nhs.uk/"}


class HeadingBlock(blocks.StructBlock):
    """A section heading inside a page body; level 2 starts a section, 3 a subsection."""

    text = blocks.CharBlock(form_classname="title")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section (level 2)"), ("h3", "Subsection (level 3)")],
        default="h2",
        help_text="Screen reader users move between headings: keep levels in order.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A heading that starts a section of the page"
        preview_value = {"text": "How to take part", "level": "h2"}


class CaptionedTableBlock(blocks.StructBlock):
    """A data table with a caption, rendered as an NHS.UK table."""

    caption = blocks.CharBlock(help_text="Says what the table shows; read first by screen readers.")
    table = TableBlock(table_options={"startRows": 3, "startCols": 3})

    class Meta:
        icon = "table"
        template = "blocks/captioned_table_block.html"
        description = "A table of facts or figures, with a caption"
        preview_value = {
            "caption": "Opening times",
            "table": {
                "first_row_is_table_header": True,
                "data": [["Day", "Hours"], ["Monday", "9am to 5pm"]],
            },
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a downloadable document, showing its type and size."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Leave blank to use the document's title.")

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        description = "A document to download, with its file type and size"


class InsetTextBlock(nhsuk.InsetTextBlock):
    """NHS.UK inset text: information that stands out from the text around it."""

    class Meta:
        icon = "info-circle"
        template = "wagtailnhsukfrontend/inset_text.html"
        description = "Information that needs to stand out from the text around it"
        preview_value = {"body": "<p>Paper copies are available on request.</p>"}


class WarningCalloutBlock(nhsuk.WarningCalloutBlock):
    """NHS.UK warning callout: something people must know."""

    class Meta:
        icon = "warning"
        template = "wagtailnhsukfrontend/warning_callout.html"
        description = "Something people must know, such as a deadline"
        preview_value = {
            "title": "Important",
            "heading_level": 3,
            "body": "<p>The survey closes at midnight on Friday.</p>",
        }


class DetailsBlock(nhsuk.DetailsBlock):
    """NHS.UK details: a short heading that reveals more text when opened."""

    class Meta:
        icon = "collapse-down"
        template = "wagtailnhsukfrontend/details.html"
        description = "A heading that opens to show more detail"


class ActionLinkBlock(nhsuk.ActionLinkBlock):
    """NHS.UK action link: the one thing to do next on a page."""

    class Meta:
        icon = "arrow-right"
        template = "wagtailnhsukfrontend/action_link.html"
        description = "A prominent link to the main thing to do next"
        preview_value = {"text": "Take part in the survey", "external_url": "https://www.nhs.uk/"}


class CardGroupBlock(nhsuk.CardGroupBlock):
    """NHS.UK cards laid out in a row, each linking to more."""

    class Meta:
        icon = "doc-full"
        template = "wagtailnhsukfrontend/card_collection.html"
        description = "Cards side by side, for signposting"


class ImageBlock(nhsuk.ImageBlock):
    """NHS.UK image with alternative text and an optional caption."""

    class Meta:
        icon = "image"
        template = "wagtailnhsukfrontend/image.html"
        description = "An image with alternative text and an optional caption"


class BodyBlock(blocks.StreamBlock):
    """The body of every page type."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT, icon="pilcrow", template="blocks/paragraph_block.html"
    )
    inset_text = InsetTextBlock()
    warning_callout = WarningCalloutBlock()
    details = DetailsBlock()
    action_link = ActionLinkBlock()
    card_group = CardGroupBlock()
    image = ImageBlock()
    table = CaptionedTableBlock()
    document = DocumentLinkBlock()

    class Meta:
        template = "blocks/body_block.html"


class LinkListBlock(blocks.StreamBlock):
    """A short list of links, such as the footer or social media links."""

    link = LinkBlock()
