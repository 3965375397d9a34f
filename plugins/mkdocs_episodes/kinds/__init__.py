"""The site's kinds of generated page, each declared in a module of its own: the home
page and the year archives, the policies (index, page, year archive), the actors (index,
page, year archive), the stance overview and the corrections log. Importing this package
registers them, in the order their pages are planned."""

from ..pages import register_kind
from . import actors, corrections, home, policies, stances

for _kind in (
    home.HOME,
    policies.INDEX,
    policies.POLICY,
    policies.YEAR,
    actors.INDEX,
    actors.ACTOR,
    actors.YEAR,
    stances.STANCES,
    corrections.CORRECTIONS,
    home.YEAR,
):
    register_kind(_kind)

__all__ = ["actors", "corrections", "home", "policies", "stances"]
