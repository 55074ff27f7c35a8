"""The comments every review decision and cancellation needs: plain forms, used by the review page,
Wagtail's approval dialog and the cancel page."""

from django import forms

COMMENT_LIMIT = 5000


class SignOffDecisionForm(forms.Form):
    """The approver's comment, required for every approval and every request for changes."""

    comment = forms.CharField(
        label="Comment",
        required=True,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea({"rows": 4}),
        help_text="Required. Explain the decision; it is kept as evidence and sent to the editor.",
        error_messages={
            "required": "Every sign-off decision needs a comment explaining it.",
            "max_length": f"Keep the comment to {COMMENT_LIMIT} characters or fewer.",
        },
    )


class CancelReviewForm(forms.Form):
    """Why a review is being cancelled: kept in the page history and the sign-off log."""

    comment = forms.CharField(
        label="Why are you cancelling it?",
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea({"rows": 4}),
        error_messages={
            "required": "Say why you are cancelling: the reason is kept in the sign-off log.",
            "max_length": f"Keep the reason to {COMMENT_LIMIT} characters or fewer.",
        },
    )
