"""Comment links on drafts: one per channel, for each goal, objective, action and indicator.

Links are plain links (no embedded widgets): an email with subject and body filled in,
a web form whose URL names the item, or a prefilled GitHub issue form. They appear only
on the newest version, while it is a draft or open for public comment, and only inside
the comment window; before it the page says when it opens, after it when it closed.

Every part of a link is percent-encoded (`escape.url_part`): the address of a `mailto:`,
the subject and body, and the values put in place of a web form's placeholders, which
are replaced as plain text (never with Python formatting).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from markupsafe import Markup

from framework_builder.model.framework import (
    PLACEHOLDER,
    Comments,
    EmailChannel,
    GitHubChannel,
    Status,
    WebFormChannel,
)
from framework_builder.site.i18n import N_, direction
from framework_builder.site.i18n import gettext as _
from framework_builder.site.render.escape import url_part, url_query
from framework_builder.site.render.text import long_date
from framework_builder.site.versions import VersionContext

# Field ids of `.github/ISSUE_TEMPLATE/comment.yml`, which GitHub prefills from the URL.
ISSUE_FORM_FIELDS = ("framework", "version", "item", "link")


class Window(str, Enum):
    """Where the build date stands against a version's comment window."""

    none = "none"  # this version takes no comments
    not_yet = "not-yet"
    open = "open"
    closed = "closed"


def window(ctx: VersionContext) -> Window:
    """The comment state of a version on the build date."""
    comments = ctx.framework.comments
    if comments is None or not ctx.is_newest or ctx.status not in (Status.draft, Status.public_comment):
        return Window.none
    if ctx.today < comments.opens:
        return Window.not_yet
    if ctx.today > comments.closes:
        return Window.closed
    return Window.open


# The comment window in words: (as a page of the version says it, as the portal says it, naming the version).
_SENTENCES = {
    Window.open: (N_("Comments are open until {closes}"), N_("Open for comment on version {version} until {closes}")),
    Window.not_yet: (N_("Comments open on {opens}"), N_("Comments on version {version} open on {opens}")),
    Window.closed: (N_("Comments closed on {closes}"), N_("Comments closed on {closes}")),
}


def window_sentence(ctx: VersionContext, naming_version: bool = False) -> str:
    """The comment window of a version on the build date as plain text without a final period
    ('' when the version takes no comments); `naming_version` for a line outside the version (the portal).
    Each caller escapes it for where it goes."""
    comments = ctx.framework.comments
    state = window(ctx)
    if comments is None or state is Window.none:
        return ""
    page_form, portal_form = _SENTENCES[state]
    sentence = portal_form if naming_version else page_form
    return _(sentence).format(version=ctx.version, opens=long_date(comments.opens), closes=long_date(comments.closes))


@dataclass(frozen=True)
class Target:
    """The item a comment is about."""

    kind: str  # goal, objective, action or indicator
    id: str
    title: str
    name: str  # the item as residents read it, with the plan's level name and its reference: "strategy 1.05: Expand …"
    url: str  # a link back to the item, absolute when the site URL is known


# A channel's link text when the framework gives it no label of its own.
_CHANNEL_NAMES = {"email": N_("Comment by email"), "web-form": N_("Comment with the online form"),
                  "github": N_("Comment on GitHub")}


def _channel_name(ctx: VersionContext, channel: EmailChannel | WebFormChannel | GitHubChannel) -> Markup:
    """The link text of a channel: its label (which has no translation: on a page in another language it is
    marked with the framework's language and direction), or the tool's name for the channel."""
    if channel.label:
        if ctx.in_source_language:
            return Markup("{}").format(channel.label)
        return Markup('<span lang="{}" dir="{}">{}</span>').format(ctx.source_language, direction(ctx.source_language),
                                                                    channel.label)
    return Markup("{}").format(_(_CHANNEL_NAMES[channel.type]))


def channel_url(ctx: VersionContext, channel: EmailChannel | WebFormChannel | GitHubChannel, target: Target) -> str:
    """The URL of one comment link."""
    framework = ctx.framework
    about = f"{target.name} ({target.id})"  # the id pinpoints the item for the leadership group
    if isinstance(channel, EmailChannel):
        subject = _("Comment on {framework} {version}, {item}").format(
            framework=framework.title, version=ctx.version, item=target.name)
        body = _("Framework: {framework}\nVersion: {version}\nItem: {item}\nLink: {link}\n\nMy comment:\n\n").format(
            framework=framework.title, version=ctx.version, item=about, link=target.url)
        if not ctx.in_source_language:  # so the comment can be answered in the reader's language
            body = _("Language: {language}").format(language=ctx.language) + f"\n{body}"
        return f"mailto:{url_part(channel.address, safe='@')}?" + url_query({"subject": subject, "body": body})
    if isinstance(channel, WebFormChannel):
        values = {"framework": ctx.slug, "version": ctx.version, "item": target.id, "title": target.title,
                  "language": ctx.language}
        return fill_placeholders(channel.url, values)
    query = {
        "template": channel.template,
        "title": f"[{ctx.slug} {ctx.version}] {target.name}",
        "labels": ",".join(channel.labels),
        "framework": f"{framework.title} ({ctx.slug})",
        "version": ctx.version,
        "item": about,
        "link": target.url,
    }
    if not ctx.in_source_language:  # the issue form's `language` field, when it has one
        query["language"] = ctx.language
    return f"https://github.com/{url_part(channel.repository, safe='/')}/issues/new?" + url_query(query)


def fill_placeholders(url: str, values: dict[str, str]) -> str:
    """`url` with each `{name}` of `values` replaced by the value, percent-encoded; nothing else changes."""
    return PLACEHOLDER.sub(lambda m: url_part(values[m.group(1)]) if m.group(1) in values else m.group(0), url)


def comment_links(ctx: VersionContext, target: Target) -> Markup:
    """The comment links of one item, as an HTML paragraph (empty when the window is not open)."""
    comments: Comments | None = ctx.framework.comments
    if comments is None or window(ctx) is not Window.open:
        return Markup("")
    links = []
    for channel in comments.channels:
        name = _channel_name(ctx, channel)
        links.append(Markup(
            '<a class="fb-comment__link" href="{url}" data-item="{id}" data-channel="{type}">'
            '{channel}<span class="fb-sr"> {on_item}</span></a>'
        ).format(url=channel_url(ctx, channel, target), id=target.id, type=channel.type, channel=name,
                 on_item=_("on {item}").format(item=target.name)))
    return Markup('<p class="fb-comment">{}</p>').format(Markup(" ").join(links))

