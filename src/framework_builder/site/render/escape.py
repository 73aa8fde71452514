"""The one escaping boundary: every string from the model leaves through the function for its context.

Community text is untrusted, and each place it goes reads it differently:

| context | function | used for |
| --- | --- | --- |
| HTML text, or a quoted HTML attribute value | `html` | raw HTML blocks, the banner, comment links, and what the theme prints as HTML: the site name, navigation and page titles (through the MkDocs config), version titles in `versions.json` |
| a part of a URL | `url_part`, `url_query` | placeholders of web-form links, addresses, paths and queries of `mailto:` and GitHub links, version folders |
| Markdown inline text | `markdown_inline` | titles and names in the Markdown pages |
| a Markdown link target | `markdown_url` | validated http(s) addresses of organizations, funders and help services |
| a YAML document | `yaml_document` | the MkDocs config of a version |
| a YAML scalar | `yaml_string` | names in the files `new` writes |

Description fields (Markdown) are not escaped but rendered and cleaned: see `text.rich`.
The portal templates autoescape (HTML), and take `url_part` for links.
The scaffold templates (YAML) take `yaml_string` for every name.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import yaml
from markupsafe import Markup, escape

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
# Characters a validated absolute URL keeps in a Markdown link target; the rest is percent-encoded.
_URL_KEEP = ";/?:@&=+$,#%~!*'"


def _flat(text: object) -> str:
    """The text on one line: runs of whitespace become one space."""
    return " ".join(str(text).split())


def html(text: object) -> Markup:
    """Text for HTML: `& < > " '` escaped, so it is inert both as text and in a quoted attribute."""
    return escape(_flat(text)) if text is not None else Markup("")


def url_part(text: object, safe: str = "") -> str:
    """Text percent-encoded for a URL; only letters, digits, `_.-~` and the `safe` characters stay."""
    return quote(str(text), safe=safe)


def url_query(values: dict[str, str]) -> str:
    """A query string (without the `?`): each name and value percent-encoded with `url_part`."""
    return "&".join(f"{url_part(name)}={url_part(value)}" for name, value in values.items())


def markdown_inline(text: object) -> Markup:
    """A short text (title, name) for Markdown: HTML and every Markdown special character escaped."""
    if text is None:
        return Markup("")
    escaped = _flat(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", escaped))


def markdown_url(url: object) -> str:
    """A validated http(s) URL as a Markdown link target: brackets, spaces, quotes and the like percent-encoded."""
    return quote(str(url), safe=_URL_KEEP)


def yaml_document(data: Any) -> str:
    """Data as YAML that reads back as the same strings (tags, quotes and control characters escaped)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def yaml_string(text: object) -> str:
    """A one-line text as a double-quoted YAML scalar (a JSON string is one), without outer whitespace."""
    return json.dumps(str(text).strip(), ensure_ascii=False)
