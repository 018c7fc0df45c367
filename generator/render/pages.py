"""One page of the site model to one HTML string."""

from __future__ import annotations

from jinja2 import Environment

from ..config import SiteConfig
from ..site.model import NAV, NavItem, Page, link_for
from ..site.urls import NOT_FOUND


def render_page(env: Environment, page: Page, config: SiteConfig, *, updated: str,
                downloads: list[tuple[str, str]]) -> str:
    """The page's HTML; template errors propagate with the template's name and line."""
    link = link_for(page.path, config)
    nav = [NavItem(label, link(path), _is_current(page.path, path)) for label, path in NAV]
    page_info = _PageInfo(page, config)
    template = env.get_template(page.template)
    return template.render(site=config, page=page_info, nav=nav, url=link, updated=updated,
                           downloads=[(label, link(path)) for label, path in downloads],
                           head_extra=page.head, **page.context)


def _is_current(page_path: str, nav_path: str) -> bool:
    if nav_path == "":
        return page_path == ""
    return page_path.startswith(nav_path)


class _PageInfo:
    """What templates read about the current page (``page.title``, ``page.canonical``...)."""

    def __init__(self, page: Page, config: SiteConfig) -> None:
        self.path = page.path
        self.title = page.title
        self.description = page.description
        self.kind = page.kind
        self.lang = config.language
        #: No canonical address for a local-only site (base_url: null).
        self.canonical = "" if config.local_only else config.absolute(page.path if page.path != NOT_FOUND else "")
