"""Values worked out at most once while serving one request: the one helper for every "read this
only once" (the private sections a public page is checked against, a form's privacy notice…).

A memo lives in a named scope that a middleware opens around a request and drops when it ends:
"request" for every request (RequestMemoMiddleware), and narrower ones a middleware opens only
where a memo is safe (pages/privacy.py opens "public read" for anonymous-facing GETs, where
nothing changes the view restrictions mid-request). Outside an open scope nothing is remembered
and each call computes afresh, so commands, tests and the admin behave as if there were no memo.
"""

import contextlib
import contextvars

_scopes = contextvars.ContextVar("request_memo_scopes", default=None)

REQUEST = "request"


@contextlib.contextmanager
def memo_scope(name):
    """Open the memo scope `name` for the code run inside the block."""
    scopes = dict(_scopes.get() or {})
    scopes[name] = {}
    token = _scopes.set(scopes)
    try:
        yield
    finally:
        _scopes.reset(token)


def is_open(scope):
    return scope in (_scopes.get() or {})


def remember(key, compute, scope=REQUEST):
    """`compute()`, worked out once per open `scope` under `key`; computed each time outside one."""
    memo = (_scopes.get() or {}).get(scope)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


class RequestMemoMiddleware:
    """Gives every request its own "request" memo, dropped when the response is made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with memo_scope(REQUEST):
            return self.get_response(request)
