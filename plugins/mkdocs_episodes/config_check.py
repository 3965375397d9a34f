"""Checks of the site's configuration (``mkdocs.yml``) that MkDocs does not make: each
mistake is one clear message with its fix, before anything is built."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "0.0.0.0", "::1", "[::1]"})
SITE_URL_HINT = "set SITE_URL=https://<user>.github.io/<repo>/ (or site_url in mkdocs.yml)"


class ConfigError(Exception):
    """A configuration that must not be built: the message says what and how to fix it."""


def encoded_site_url(site_url: str | None) -> str | None:
    """``site_url`` with its path percent-encoded (``/a/b c/`` -> ``/a/b%20c/``): every
    address the site publishes starts with it, and a space or a raw ``#`` in it would cut
    those addresses short in a reader's hands. Already encoded parts stay as they are."""
    if not site_url:
        return site_url
    parts = urlsplit(site_url)
    path = quote(parts.path, safe="/%:@!$&'()*+,;=~")
    return parts._replace(path=path).geturl()


def is_local(site_url: str | None) -> bool:
    """Whether ``site_url`` is missing or the address of a preview on this machine."""
    if not site_url:
        return True
    host = urlsplit(site_url).hostname or ""
    return not host or host in LOCAL_HOSTS or host.endswith(".localhost")


def site_url_notice(site_url: str | None, command: str) -> str | None:
    """What to say about ``site_url`` for ``command`` (``build``, ``gh-deploy``,
    ``serve``): raises :class:`ConfigError` when a publishing command would publish a
    preview address; returns a notice for a plain build with one (None: nothing to say).

    Links in the feed, the sitemap, canonical links and structured data are absolute: a
    published site with the preview address points its readers at their own machine."""
    if command == "gh-deploy" and is_local(site_url):
        shown = f"'{site_url}'" if site_url else "not set"
        raise ConfigError(
            f"site_url is {shown}, which is not where the site is published: mkdocs "
            f"gh-deploy would publish links to it — {SITE_URL_HINT}"
        )
    if command == "build" and site_url and is_local(site_url):
        return (
            f"preview build: site_url is {site_url}, the preview address; the feed, sitemap, "
            f"canonical links and structured data point there. To publish, {SITE_URL_HINT}"
        )
    return None


def plugin_line(config_file: str | None, name: str = "episodes") -> int:
    """The line of the plugin's entry under ``plugins:`` in ``mkdocs.yml`` (1 when it is
    not there: listed in a file it INHERITs, or the file cannot be read), for messages
    whose fix is an option of the plugin."""
    import yaml

    try:
        with open(config_file or "mkdocs.yml", encoding="utf-8") as f:
            root = yaml.compose(f, Loader=yaml.SafeLoader)  # nodes only: no tag is run
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1
    if not isinstance(root, yaml.MappingNode):
        return 1
    for key, value in root.value:
        if key.value != "plugins" or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            if isinstance(item, yaml.ScalarNode) and item.value == name:
                return int(item.start_mark.line) + 1
            if isinstance(item, yaml.MappingNode) and any(k.value == name for k, _ in item.value):
                return int(item.start_mark.line) + 1
    return 1
