"""Phone-size browser helpers (issue 24): a 390×844 page, a session without the login form, the overflow check."""

from django.conf import settings
from django.test import Client

PHONE = {"width": 390, "height": 844}


def sign_in_as(page, live_server, user) -> None:
    """Give the browser a fresh session of ``user`` (the login form is tested elsewhere; this keeps tours fast)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def widest(page) -> str:
    """The element that sticks out furthest to the right, to name in a failure message."""
    return page.evaluate(
        """() => { let worst = null, right = window.innerWidth;
        for (const el of document.querySelectorAll('body *')) {
          const r = el.getBoundingClientRect();
          if (r.right > right + 0.5) { right = r.right; worst = el; } }
        if (!worst) return '';
        return worst.tagName + (worst.id ? '#' + worst.id : '') + '.' + worst.className + ' ' + Math.round(right); }"""
    )


def narrow_cells(page) -> str:
    """The list cells squeezed into a column narrower than most of the screen (a table that did not become cards),
    as text for a failure message; empty when every visible cell of every table in the page's main part is wide."""
    return page.evaluate(
        """() => { const out = [];
        for (const td of document.querySelectorAll('main table tbody td')) {
          const r = td.getBoundingClientRect();
          if (r.width > 0 && r.width < window.innerWidth * 0.6 && !td.closest('.table-responsive-keep')) {
            out.push((td.dataset.label || td.textContent.trim()).slice(0, 20)); }
          if (out.length > 3) break; }
        return out.join(' | '); }"""
    )
