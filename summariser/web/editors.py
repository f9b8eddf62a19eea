"""Who is correcting: desk users, the user name at login, and the editor of each request.

A shared desk (with a token) keeps a small list of users in the store (``summariser serve users
add NAME``). Browsers log in with the token and their name: the name goes into a second HttpOnly
cookie, signed with a key derived from the token, and is checked against the list on every request
(a removed user is logged out). Tools send ``X-Summariser-User: NAME`` (a listed user) beside the
token. A local desk with no token edits as ``--user NAME`` or the OS user name.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import re

from fastapi import HTTPException, Request

from ..core.errors import InputError
from .corrections import ADJUDICATED, CorrectionStore

USER_COOKIE = "summariser_user"
USER_HEADER = "x-summariser-user"
_NAME = re.compile(r"^\w[\w .'-]{0,39}$")
RESERVED = {ADJUDICATED, "original", "model", "gold", "me"}


def check_name(name: str) -> str:
    """A valid user name (1-40 letters, digits, spaces, . ' - _; not a reserved word), stripped."""
    name = " ".join(name.split())
    if not _NAME.match(name) or name.endswith((" ", ".")):
        raise InputError(f"{name[:60]!r} is not a user name: use 1-40 letters, digits, spaces, dots, dashes or underscores")
    if name.lower() in RESERVED:
        raise InputError(f"{name!r} is reserved; choose another user name")
    return name


def default_user(given: str = "") -> str:
    """The editor of a desk without a token: ``--user`` if given, else the OS user name, else 'editor'."""
    if given:
        return check_name(given)
    try:
        return check_name(getpass.getuser())
    except (InputError, OSError, KeyError):
        return "editor"


def _key(token: str) -> bytes:
    return hmac.new(token.encode(), b"summariser web desk user", hashlib.sha256).digest()


def user_cookie(token: str, name: str) -> str:
    """The cookie value naming ``name``: the name (base64url) and its signature."""
    encoded = base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")
    return f"{encoded}.{hmac.new(_key(token), name.encode(), hashlib.sha256).hexdigest()}"


def cookie_user(token: str, value: str) -> str | None:
    """The name a signed cookie value holds, or None when it is missing or forged."""
    encoded, _, signature = value.partition(".")
    try:
        name = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    expected = hmac.new(_key(token), name.encode(), hashlib.sha256).hexdigest()
    return name if signature and hmac.compare_digest(signature, expected) else None


def store_of(request: Request) -> CorrectionStore:
    return request.app.state.corrections


def identify(request: Request) -> str:
    """The editor making this request, or an HTTP error saying how to name yourself."""
    store, token = store_of(request), request.app.state.token
    claimed = request.headers.get(USER_HEADER, "").strip()
    if claimed:
        name = store.canonical_user(claimed)
        if name is None:
            raise HTTPException(403, f"no desk user {claimed[:60]!r}; add it with 'summariser serve users add NAME'")
        return name
    if token:
        name = cookie_user(token, request.cookies.get(USER_COOKIE, ""))
        listed = store.canonical_user(name) if name else None
        if listed:
            return listed
        if store.users():
            raise HTTPException(401, "say who you are: log in at /login with your name, or send 'X-Summariser-User: NAME'")
    return request.app.state.default_user


def current(request: Request) -> str:
    """The editor's name for showing on a page ('' when they have not said who they are)."""
    try:
        return identify(request)
    except HTTPException:
        return ""


def login_name(request: Request, given: str) -> tuple[str, str]:
    """(name, error) for the name typed at login: a listed user; optional while the list is empty."""
    store = store_of(request)
    given = " ".join(given.split())
    if not given:
        return ("", "give your user name; ask whoever runs the desk to add you") if store.users() else ("", "")
    name = store.canonical_user(given)
    if name is None:
        return "", f"no desk user {given[:60]!r}; ask whoever runs the desk to add you (summariser serve users add NAME)"
    return name, ""
