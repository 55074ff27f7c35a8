"""Static file storage for production."""

from whitenoise.storage import CompressedManifestStaticFilesStorage

_MODULE_IMPORT = (
    r"""(?P<matched>import(?s:(?P<import>[\s\{].*?|\*\s*as\s*\w+))\s*from\s*['"](?P<url>[./].*?)["']\s*;)"""
)


def _without_source_maps(patterns):
    kept = []
    for glob, rules in patterns:
        rules = tuple(r for r in rules if "sourceMappingURL" not in (r[0] if isinstance(r, tuple) else r))
        kept.append((glob, rules))
    return tuple(kept)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed files, ignoring source-map comments.

    The NHS.UK frontend bundle names source maps it does not ship; rewriting those
    references would make collectstatic fail, and browsers only ask for maps when
    developer tools are open.
    """

    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns) + (
        # The site's own module imports the NHS.UK bundle by a relative path; point it at the
        # bundle's hashed name, as Django's (all-files) JS module import option would.
        ("js/site.js", ((_MODULE_IMPORT, 'import%(import)s from "%(url)s";'),)),
    )
