"""The host kit: the one desktop module a sector's `views` may import.

What a sector's pages get from the shell (import-linter keeps every other `desktop`
module out of `sectors`):

- `SectorHost`: the window as a typed host (record reads and writes off the GUI thread,
  the user and a way to ask for one, the clock and site time zone, signals);
- pieces: `Page`, `ChannelTile`, `data_table`, `read_only_table`, `title_label`,
  `muted_label`, `theme` (colours by meaning: OK, WARN, ALARM, ...), `Background` (a
  worker of one's own), value and time formatting;
- `SnapshotModel`: a page's figures from the record, loaded off the GUI thread on a timer
  and after events, one load at a time;
- charts: `TimePlot` (a series over site time with shaded bands) and `BarPlot` (labelled
  bars against a target range), pyqtgraph in the trends' look;
- the incident dialogs: `CorrectiveActionDialog(about, parent, fields=...)` asks for the
  fields a kind declares and returns keys and values; `SignOffDialog` is the e-signature.
"""

from deungdae.desktop.ui import theme
from deungdae.desktop.ui.background import Background
from deungdae.desktop.ui.channel_tile import ChannelTile
from deungdae.desktop.ui.display_format import (
    age_text,
    clock_time,
    local_time,
    role_text,
    state_text,
    ui_language,
    value_text,
)
from deungdae.desktop.ui.kit.host import ChannelView, EntryWriter, SectorHost, User
from deungdae.desktop.ui.kit.plots import BarPlot, TimePlot
from deungdae.desktop.ui.kit.snapshots import SnapshotModel
from deungdae.desktop.ui.kit.widgets import (
    Page,
    alive,
    card_grid,
    data_table,
    muted_label,
    title_label,
)
from deungdae.desktop.ui.record_dialogs import (
    CorrectiveActionDialog,
    SignOffDialog,
    choice_label,
    field_label,
)
from deungdae.desktop.ui.tables import read_only_table

__all__ = [
    "age_text", "alive", "card_grid", "Background", "BarPlot", "ChannelTile", "ChannelView",
    "choice_label", "clock_time", "CorrectiveActionDialog", "data_table", "EntryWriter",
    "field_label", "local_time", "muted_label", "Page", "read_only_table", "role_text",
    "SectorHost", "SignOffDialog", "SnapshotModel", "state_text", "theme", "TimePlot",
    "title_label", "ui_language", "User", "value_text",
]
