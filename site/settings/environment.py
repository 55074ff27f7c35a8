"""Reading settings from the environment: django-environ's typed values, with plain-word errors.

`env.int("PAGE_CACHE_SECONDS", default=600)` and the like, as in django-environ, except that:

- a bad value stops the settings with a message naming the variable and what it should be
  ("PAGE_CACHE_SECONDS must be a whole number, not 'ten'"), instead of a bare ValueError;
- a true/false value must be one of true/false, yes/no, on/off or 1/0: "ture" is an error, not False;
- a variable set to an empty string counts as unset, so the default applies;
- a value starting with "$" is taken as it is (django-environ would read it as the name of another
  variable: a SECRET_KEY can start with "$").
"""

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE = {"true", "yes", "on", "1"}
FALSE = {"false", "no", "off", "0"}

DESCRIPTIONS = {int: "a whole number", bool: "true or false", float: "a number"}
# Values that may hold a password are never repeated in an error message.
SECRET_WORDS = ("URL", "KEY", "PASSWORD", "TOKEN", "SECRET")


def strict_bool(value):
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(f"not a true/false value: {value!r}")


class Env(environ.Env):
    """django-environ's Env, with the differences listed in this module's docstring."""

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        raw = self.ENVIRON.get(var, "")
        if raw.strip() == "":
            if default is self.NOTSET:
                raise ImproperlyConfigured(f"Set the {var} environment variable.")
            if not parse_default or default is None:
                return default
            raw = default
        if cast is bool:
            cast = strict_bool
        try:
            return self.parse_value(raw, cast)
        except (ValueError, TypeError) as error:
            what = DESCRIPTIONS.get(cast, "true or false" if cast is strict_bool else "valid")
            shown = "" if any(word in var for word in SECRET_WORDS) else f", not {raw!r}"
            raise ImproperlyConfigured(f"{var} must be {what}{shown}.") from error

    def db_url(self, var="DATABASE_URL", default=environ.Env.NOTSET, engine=None):
        try:
            return super().db_url(var, default=default, engine=engine)
        except ImproperlyConfigured:
            raise
        except (ValueError, KeyError) as error:
            raise ImproperlyConfigured(
                f"{var} is not a database address like postgres://user:password@host:5432/name."
            ) from error

    def email_url(self, var="EMAIL_URL", default=environ.Env.NOTSET, backend=None):
        try:
            return super().email_url(var, default=default, backend=backend)
        except ImproperlyConfigured as error:
            raise ImproperlyConfigured(
                f"{var} must start with smtp+tls:// (STARTTLS, usually port 587), smtp+ssl:// (SSL, "
                "usually port 465), smtp:// (no encryption: a relay on this machine only) or "
                "consolemail:// (print emails)."
            ) from error
        except ValueError as error:
            raise ImproperlyConfigured(f"{var} is not a valid email server address.") from error


env = Env()
