"""Page types, snippets and settings; one module per page family, re-exported here."""

from pages.models.home import HomePage
from pages.models.opportunities import OpportunityIndexPage, OpportunityPage
from pages.models.sessions import EventSession
from pages.models.site_settings import OrganisationSettings
from pages.models.snippets import Audience, Topic
from pages.models.standard import StandardPage
from pages.models.strategy import (
    StrategyAction,
    StrategyAim,
    StrategyObjective,
    StrategyPage,
    StrategyPrinciple,
)
from pages.models.you_said_we_did import YouSaidWeDidAction, YouSaidWeDidIndexPage, YouSaidWeDidPage

__all__ = [
    "Audience",
    "EventSession",
    "HomePage",
    "OpportunityIndexPage",
    "OpportunityPage",
    "OrganisationSettings",
    "StandardPage",
    "StrategyAction",
    "StrategyAim",
    "StrategyObjective",
    "StrategyPage",
    "StrategyPrinciple",
    "Topic",
    "YouSaidWeDidAction",
    "YouSaidWeDidIndexPage",
    "YouSaidWeDidPage",
]
