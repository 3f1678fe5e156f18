"""The Content-Security-Policy every page of a portal satisfies.

Scripts, styles, images, fonts and data come from the site itself; nothing inline runs. Our
templates have no inline script or style; Material's few inline scripts are moved into static
files by the theme overrides in `themes/portal/partials/javascripts/` (a hash per script would
change with each page's depth and with every Material release). The `<script>` blocks left in
the pages are data (`application/json`, `application/ld+json`), which a policy does not govern.

The policy is one constant for every page and every portal, so a server sends it as one header
(`deploy/nginx.conf`), and each page also carries it in a `<meta http-equiv>` (without
`frame-ancestors`, which browsers ignore there) for hosts that cannot set headers.
"""

from __future__ import annotations

# `data:` images: Material's stylesheet draws its icons as inline SVG data URLs.
POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

# Who may frame the pages. The embed fragments (issue 10) are meant to be framed by the county
# government portal: a deployment adds its origin here (and in deploy/nginx.conf).
FRAME_ANCESTORS = "'self'"


def meta_policy() -> str:
    """The policy for `<meta http-equiv="Content-Security-Policy">` in every page."""
    return "; ".join(f"{name} {value}" for name, value in POLICY)


def header_policy(frame_ancestors: str = FRAME_ANCESTORS) -> str:
    """The policy for the `Content-Security-Policy` response header."""
    return f"{meta_policy()}; frame-ancestors {frame_ancestors}"
