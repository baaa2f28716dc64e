"""The sector platform contract, version 2 (`API_VERSION`): one import for sector authors.

Extension points, and where each lives:
- `contract`: the `Sector` object (subclass `SectorBase`), `Rule`, `ReportDef`, templates;
- `kinds`: `EventKind` (opens / closes / a lifecycle step, severity, titles en+ko) and the
  `IncidentField`s a corrective action records;
- `incidents`: the one lifecycle, derived from event rows (`derive`, `open_incidents`);
- `derived`: `DerivedChannel` and `RuleOutput` (a rule's readings of derived channels);
- `tables`: a sector's own record tables and ordered `Migration`s;
- `periods`: report `Period`s (day, shift, week, month, range, or a sector's own);
- `site`: `SiteContext` (time zone, location, shifts, holidays) from `[site]`;
- `resume`: `Resume`, what a rule learns from the record at a restart (`still_open`);
- `discovery`: `discover()`, `event_kinds()`, `refused()`.
"""

from deungdae.sectors.api.contract import (
    API_VERSION,
    ChannelSpec,
    ReportDef,
    Rule,
    RuleContext,
    Sector,
    SectorBase,
    Template,
    derived_channels_of,
    event_kinds_of,
    migrations_of,
    reports_of,
    tables_of,
    templates_in,
)
from deungdae.sectors.api.derived import DerivedChannel, InputGuard, RuleOutput, split_output
from deungdae.sectors.api.discovery import (
    ENTRY_POINT_GROUP,
    all_templates,
    derived_problems,
    discover,
    event_kinds,
    refused,
    shell_registry,
)
from deungdae.sectors.api.incidents import (
    Incident,
    action_problems,
    derive,
    incident_key,
    open_incidents,
)
from deungdae.sectors.api.kinds import (
    SHELL_KINDS,
    Choice,
    EventKind,
    IncidentField,
    KindRegistry,
)
from deungdae.sectors.api.periods import PERIODS, Period
from deungdae.sectors.api.resume import Resume, still_open
from deungdae.sectors.api.site import Shift, SiteContext, parse_site
from deungdae.sectors.api.tables import Migration, migrate

__all__ = [
    "API_VERSION", "ENTRY_POINT_GROUP", "PERIODS", "SHELL_KINDS", "ChannelSpec", "Choice",
    "DerivedChannel", "EventKind", "Incident", "IncidentField", "InputGuard", "KindRegistry",
    "Migration", "Period", "ReportDef", "Resume", "Rule", "RuleContext", "RuleOutput", "Sector",
    "SectorBase", "Shift", "SiteContext", "Template", "action_problems", "all_templates",
    "derive", "derived_channels_of", "derived_problems", "discover", "event_kinds",
    "event_kinds_of", "incident_key", "migrate", "migrations_of", "open_incidents", "parse_site",
    "refused",
    "reports_of", "shell_registry", "split_output", "still_open", "tables_of", "templates_in",
]
