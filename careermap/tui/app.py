"""The explore app: roles on the left, the selected role, routes and the skills map on the right.

Everything it shows comes from the same door the commands ask (``careermap.api.Ladder``:
``show``, ``path``, ``map``) drawn by the same renderer (``render(result, "table")``), so a
route here has the numbers ``careermap path FROM TO --top 3 --plan`` prints. The app keeps only
what the user chose: the current role (where routes start), the selected role (the one shown),
the target, and the constraints.
"""

from __future__ import annotations

import shlex
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Footer,
    Input,
    OptionList,
    Select,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from careermap.api import Ladder
from careermap.errors import CareermapError
from careermap.options import RouteOptions
from careermap.render import render
from careermap.render.termmap import COLOURS, MARKERS
from careermap.results import PathResult
from careermap.skillsmap import level_groups, positions

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement

    from careermap.models import CareerMap, Role

TOP = 3  # routes shown, as `careermap path FROM TO --top 3`
MATRIX_ROLES = 60  # the Matrix pane draws a track of at most this many roles

KEYS = [
    ("↑ ↓  PgUp PgDn", "move in the roles list (the selected role is shown in Details)"),
    ("Enter, click", "select the role and show its details"),
    ("/", "filter the roles by id, title or alias; Enter or ↓ back to the list"),
    ("Esc", "clear the filter"),
    ("f", "routes start from the selected role (the current role)"),
    ("t", "route to the selected role: the best routes, in Routes"),
    ("d", "toggle: no downward moves"),
    ("s", "toggle: stay on the current role's track (intermediate roles)"),
    ("a", "toggle: avoid the selected role"),
    ("1 2 3 4 5", "show Details, Routes, Map, Matrix or Assess (or click the tabs)"),
    ("Tab", "move between the filter, the list and the pane"),
    ("?", "this help (Esc, ? or a click closes it)"),
    ("q", "quit"),
]


class Inert:
    """A renderable drawn as its text and colours only. Textual runs the action a style's
    ``@click`` meta names when the text is clicked, and a terminal follows a style's link:
    so every pane drawn from the data goes through this, and no text from a data file, however
    it was turned into styles, can act or link."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for text, style, control in console.render(self.renderable, options):
            if style is not None and (style.link or style.meta):
                style = style.clear_meta_and_links()
            yield Segment(text, style, control)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        return Measurement.get(console, options, self.renderable)


class HelpScreen(ModalScreen[None]):
    """The keys, over the app; any of Esc, ?, q or a click closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "Close"),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Static {
        width: auto; max-width: 96%; height: auto; max-height: 96%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(key, what)
        yield Static(table, id="keys")

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self) -> None:
        self.dismiss(None)


class FilterInput(Input):
    """The roles filter. Enter or ↓ returns to the list, Esc clears.

    A terminal hands over keys typed fast (or pasted) together, and the app gives each to the
    widget focused when it reads it: so keys typed just after Enter reach this input too. The
    input handles Enter when it reaches it, in order, and sends on any key that comes after
    its focus has left, as if just typed, to the app, which gives it to the list. (Textual
    calls this handler before Input's own; ``prevent_default`` keeps the key from Input.)
    """

    def on_key(self, event: events.Key) -> None:
        app = self.app
        assert isinstance(app, ExploreApp)
        if app.focused is not self:
            event.stop()
            event.prevent_default()
            app.post_message(events.Key(event.key, event.character))
        elif event.key in ("enter", "down", "escape"):
            event.stop()
            event.prevent_default()
            if event.key == "escape":
                self.value = ""
            app.leave_filter()


class ExploreApp(App[None]):
    """Browse the roles of a career map, and the routes between them."""

    TITLE = "careermap explore"
    ENABLE_COMMAND_PALETTE = False  # every action has a key; the footer lists them
    AUTO_FOCUS = "#roles"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Keys", key_display="?"),
        # A priority binding acts as soon as the app reads the key, before the keys read after
        # it are handed to the focused widget: so "/dist", typed fast or pasted, all lands in
        # the filter (see FilterInput for the way back).
        Binding("slash", "filter", "Filter", key_display="/", priority=True),
        Binding("f", "from_here", "From"),
        Binding("t", "target", "To"),
        Binding("d", "toggle_downward", "No-down"),
        Binding("s", "toggle_track", "Track"),
        Binding("a", "toggle_avoid", "Avoid"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("1", "tab('details')", "Details", show=False),
        Binding("2", "tab('routes')", "Routes", show=False),
        Binding("3", "tab('map')", "Map", show=False),
        Binding("4", "tab('matrix')", "Matrix", show=False),
        Binding("5", "tab('assess')", "Assess", show=False),
    ]
    CSS = """
    #left { width: 32; border-right: vkey $primary-darken-2; }
    #filter { margin: 0; }
    #roles {
        height: 1fr; border: none;
        /* one row a role: a wrapped title's "II" or "Manager" read as a role of its own */
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    #status {
        height: auto; padding: 0 1; background: $boost;
        text-wrap: nowrap; text-overflow: ellipsis;  /* two rows, however long a title */
    }
    #actions { height: auto; padding: 0 1; }
    #actions Button { min-width: 0; margin-right: 1; }
    TabPane { padding: 0; }
    VerticalScroll > Static { padding: 0 1; }
    .rate { height: auto; padding: 0 1; }
    .rate > Static { width: 20; padding-top: 1; }
    .rate > Select { width: 1fr; }
    """

    def __init__(
        self,
        cmap: CareerMap | Ladder,
        role: str | None = None,
        *,
        prefix: str = "careermap",
        exit_after_first_screen: bool = False,
    ) -> None:
        super().__init__()
        self.ladder = cmap if isinstance(cmap, Ladder) else Ladder(cmap)
        self.cmap = cmap = self.ladder.cmap
        first = cmap.role(role) if role is not None else (cmap.entry_roles or cmap.roles)[0]
        self.source: str = first.id  # the current role: routes start here
        self.selected: str = first.id  # the role the details pane shows
        self.target: str | None = None
        self.no_downward = False
        self.stay_on_track = False
        self.avoid: set[str] = set()
        self.filter_text = ""
        self.result: PathResult | None = None  # the routes shown, when a target is chosen
        self.route_error: str | None = None
        self.prefix = prefix
        self.exit_after_first_screen = exit_after_first_screen
        self.ratings: dict[str, float] = {}  # the Assess pane's steps, by theme id
        self.matrix_track: str | None = None  # the track the Matrix pane shows
        self.built: set[str] = set()  # the panes filled when first shown, once they were
        tracks = list(dict.fromkeys(r.track for r in cmap.roles))  # the order render_map uses
        self.marker = {t: MARKERS[i % len(MARKERS)] for i, t in enumerate(tracks)}
        self.colour = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(tracks)}

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield FilterInput(
                    placeholder="/ filter: id, title, alias", id="filter", compact=True
                )
                yield OptionList(*self.role_options(), id="roles")
            with Vertical(id="right"):
                yield Static(self.status_view(), id="status")
                with TabbedContent(initial="details", id="tabs"):
                    with TabPane("Details", id="details"):
                        with Horizontal(id="actions"):
                            yield Button("From here (f)", id="from", compact=True)
                            yield Button("Route to here (t)", id="to", compact=True)
                            yield Button("Avoid (a)", id="avoid", compact=True)
                        with VerticalScroll(id="details-scroll"):
                            yield Static(Inert(self.details_view()), id="details-body")
                    with TabPane("Routes", id="routes"), VerticalScroll(id="routes-scroll"):
                        yield Static(Inert(self.routes_view()), id="routes-body")
                    with TabPane("Map", id="map"), VerticalScroll(id="map-scroll"):
                        yield Static(Inert(self.map_view()), id="map-body")
                    # Matrix and Assess are filled when first shown (``on_tabbed_content_tab_
                    # activated``): the first screen does not wait for them.
                    with TabPane("Matrix", id="matrix"), VerticalScroll(id="matrix-scroll"):
                        yield Static(id="matrix-body")
                    with TabPane("Assess", id="assess"), VerticalScroll(id="assess-scroll"):
                        yield Vertical(id="assess-rows")
                        yield Static(id="assess-body")
        yield Footer()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """Fill the Matrix or Assess pane the first time it is shown."""
        name = event.pane.id
        if name in self.built or name not in ("matrix", "assess"):
            return
        self.built.add(name)
        if name == "matrix":
            self.query_one("#matrix-body", Static).update(Inert(self.matrix_view()))
        else:
            self.query_one("#assess-rows", Vertical).mount_all(self.rating_rows())
            self.query_one("#assess-body", Static).update(Inert(self.assess_view()))

    def on_mount(self) -> None:
        # compose drew every pane already but Matrix and Assess: one layout, one first frame.
        roles = self.query_one("#roles", OptionList)
        roles.highlighted = [option.id for option in roles.options].index(self.selected)
        if self.exit_after_first_screen:
            self.call_after_refresh(self.exit)

    # -- the roles list ---------------------------------------------------------------------

    def matches(self, role: Role) -> bool:
        wanted = self.filter_text.strip().casefold()
        names = [role.id, role.title, *role.aliases]
        return not wanted or any(wanted in name.casefold() for name in names)

    def role_prompt(self, role: Role) -> Text:
        """The track's marker (as on the skills map), any tags, and the title on one line."""
        text = Text(no_wrap=True, overflow="ellipsis")
        # Without colour Textual draws each colour as a grey, some too faint to see: the
        # marker's shape tells the track, at full contrast.
        colour = "" if self.no_color else f" {self.colour[role.track]}"
        text.append(self.marker[role.track], style=f"bold{colour}")
        tags = [
            tag
            for tag, on in (
                ("from", role.id == self.source),
                ("to", role.id == self.target),
                ("avoid", role.id in self.avoid),
            )
            if on
        ]
        if tags:
            text.append(f" [{','.join(tags)}]", style="bold reverse")
        text.append(f" {role.title}")
        return text

    def role_options(self) -> list[Option]:
        """The roles that match the filter, grouped by level range, lowest first."""
        options: list[Option] = []
        for levels, members in level_groups(self.cmap.roles).items():
            shown = [role for role in members if self.matches(role)]
            if not shown:
                continue
            header = Text(self.cmap.format_group(levels, members), style="bold underline")
            options.append(Option(header, disabled=True))
            options.extend(Option(self.role_prompt(role), id=role.id) for role in shown)
        if not options:
            options.append(Option(Text("no role matches", style="italic"), disabled=True))
        return options

    def refill_roles(self) -> None:
        roles = self.query_one("#roles", OptionList)
        options = self.role_options()
        roles.clear_options()
        roles.add_options(options)
        ids = [option.id for option in options]
        if self.selected in ids:
            roles.highlighted = ids.index(self.selected)
        else:
            first = next((i for i, option in enumerate(options) if option.id), None)
            roles.highlighted = first
            if first is not None and options[first].id is not None:
                self.select(str(options[first].id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None and event.option.id != self.selected:
            self.select(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.select(event.option.id)
            self.action_tab("details")

    def select(self, role_id: str) -> None:
        self.selected = role_id
        self.show_details()
        self.show_status()
        if "matrix" in self.built and self.cmap.role(role_id).track != self.matrix_track:
            self.query_one("#matrix-body", Static).update(Inert(self.matrix_view()))

    # -- the filter -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    def apply_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self.refill_roles()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the filter, / is a character; under the help screen only its own keys act."""
        if isinstance(self.screen, HelpScreen):
            return action != "filter"
        if action == "filter":
            # App.focused changes at once; a widget's has_focus when its Focus event arrives.
            return self.focused is not self.query_one("#filter", FilterInput)
        return True

    def leave_filter(self) -> None:
        """Back to the list, the roles filtered by all that was typed (at once, not when the
        filter's Changed message arrives, so that the next key acts on the right role)."""
        self.apply_filter(self.query_one("#filter", FilterInput).value)
        self.screen.set_focus(self.query_one("#roles", OptionList))

    def action_clear_filter(self) -> None:
        self.query_one("#filter", FilterInput).value = ""
        self.leave_filter()

    # -- the panes --------------------------------------------------------------------------

    def title_of(self, role_id: str | None) -> str:
        return "-" if role_id is None else self.cmap.role(role_id).title

    def show_status(self) -> None:
        self.query_one("#status", Static).update(self.status_view())

    def status_view(self) -> Text:
        on = {True: "on", False: "off"}
        track = self.cmap.role(self.source).track
        avoided = ", ".join(self.title_of(r) for r in sorted(self.avoid)) or "none"
        status = Text(overflow="ellipsis")
        status.append("From ", style="bold")
        status.append(self.title_of(self.source))
        status.append(" → To ", style="bold")
        status.append(self.title_of(self.target))
        status.append(
            f"\nd no-down: {on[self.no_downward]}  "
            f"s track: {track if self.stay_on_track else 'off'}  a avoid: {avoided}",
            style="dim",
        )
        return status

    def show_details(self) -> None:
        self.query_one("#details-body", Static).update(Inert(self.details_view()))

    def details_view(self) -> RenderableType:
        rendered: RenderableType = render(self.ladder.show(self.selected), "table")
        return rendered

    def constraints(self) -> RouteOptions:
        """The route options toggled, as ``Ladder.path`` takes them."""
        return RouteOptions(
            no_downward=self.no_downward,
            tracks=(self.cmap.role(self.source).track,) if self.stay_on_track else (),
            avoid=tuple(sorted(self.avoid)),
        )

    def command_line(self) -> str:
        """The `careermap path` command that prints the routes shown (its route options
        spelled by ``RouteOptions.flags``, as the command line takes them)."""
        assert self.target is not None
        words = [*shlex.split(self.prefix), "path", self.source, self.target]
        words += ["--top", str(TOP), "--plan", *self.constraints().flags()]
        return shlex.join(words)

    def update_routes(self) -> None:
        self.result, self.route_error = None, None
        if self.target is None:
            return
        try:
            self.result = self.ladder.path(
                self.source, self.target, self.constraints(), top=TOP, plan=True
            )
        except CareermapError as exc:
            self.route_error = "\n".join(exc.lines)

    def show_routes(self) -> None:
        self.query_one("#routes-body", Static).update(Inert(self.routes_view()))

    def routes_view(self) -> RenderableType:
        from rich.console import Group

        if self.target is None:
            return Text(
                f"Routes start from {self.title_of(self.source)}. Select another role and "
                "press t (or Route to here) to see the best routes to it; f makes the "
                "selected role the start."
            )
        heading = Text(f"Same as: {self.command_line()}", style="dim")
        if self.result is None:
            return Group(heading, Text(""), Text(self.route_error or "", style="bold"))
        return Group(heading, Text(""), render(self.result, "table"))

    def show_map(self) -> None:
        self.query_one("#map-body", Static).update(Inert(self.map_view()))

    def map_view(self) -> RenderableType:
        """The skills map with the best route highlighted, or the current role alone; or, on
        a ladder the map cannot draw (a role without skills, too many roles), why not."""
        from careermap.render.terminal import terminal_map

        shown = self.ladder.map()
        route = self.result.routes[0].roles if self.result else [self.source]
        try:
            # Without colour, markers keep their shape only (Textual greys colours, the
            # management track's to 1.33:1), as in the role list.
            rendered = terminal_map(replace(shown, route=route), colour=not self.no_color)
            positions(self.cmap, shown.roles)  # drawn later, at the pane's width: check now
        except CareermapError as exc:
            message = Text("No skills map: ", style="bold")
            message.append("\n".join(exc.lines))
            message.append("\nDetails and Routes work on every role.", style="dim")
            return message
        return rendered

    def matrix_view(self) -> RenderableType:
        """The matrix of the selected role's track, as ``careermap matrix --track T``."""
        track = self.matrix_track = self.cmap.role(self.selected).track
        if not any(role.competencies for role in self.cmap.roles):
            return Text("This ladder's roles state no competency steps, so it has no matrix.")
        result = self.ladder.matrix(tracks=[track])
        roles = max((len(table.roles) for table in result.tables), default=0)
        if roles > MATRIX_ROLES:
            return Text(
                f"The {track} track has {roles:,} roles; the matrix here shows at most "
                f"{MATRIX_ROLES}. careermap matrix --track {shlex.quote(track)} --csv has them all."
            )
        rendered: RenderableType = render(result, "table")
        return rendered

    def rating_rows(self) -> list[Horizontal]:
        """A row per theme: its name, and a choice of its steps (or not rated)."""
        if not any(role.competencies for role in self.cmap.roles):
            return []
        rows = []
        for i, theme in enumerate(self.cmap.themes):
            steps = (
                [(Text(f"{n + 1}: {word}"), float(n + 1)) for n, word in enumerate(theme.scale)]
                if theme.scale
                else [(Text(str(n)), float(n)) for n in range(11)]
            )
            name = Static(Text(theme.name, overflow="ellipsis", no_wrap=True))
            choice = Select(steps, prompt="Not rated", id=f"rate-{i}", compact=True)
            rows.append(Horizontal(name, choice, classes="rate"))
        return rows

    def on_select_changed(self, event: Select.Changed) -> None:
        name = event.select.id or ""
        if not name.startswith("rate-"):
            return
        theme = self.cmap.themes[int(name.removeprefix("rate-"))]
        if isinstance(event.value, float):
            self.ratings[theme.id] = event.value
        else:  # back to "Not rated"
            self.ratings.pop(theme.id, None)
        self.query_one("#assess-body", Static).update(Inert(self.assess_view()))

    def assess_view(self) -> RenderableType:
        """``careermap assess`` for the steps chosen above."""
        if not any(role.competencies for role in self.cmap.roles):
            return Text("This ladder's roles state no competency steps to assess against.")
        if not self.ratings:
            return Text("Choose your step in each theme above (Tab and Enter, or click).")
        rendered: RenderableType = render(self.ladder.assess(self.ratings), "table")
        return rendered

    def changed(self) -> None:
        """After any change of the current role, target or constraints."""
        self.update_routes()
        self.refill_roles()
        self.show_status()
        self.show_routes()
        self.show_map()

    # -- actions ----------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_filter(self) -> None:
        # Focused at once (focus() would wait for the keys already read to be handled).
        self.screen.set_focus(self.query_one("#filter", FilterInput))

    def action_tab(self, name: str) -> None:
        self.query_one("#tabs", TabbedContent).active = name

    def action_from_here(self) -> None:
        self.source = self.selected
        if self.target == self.source:
            self.target = None
        self.avoid.discard(self.source)
        self.changed()

    def action_target(self) -> None:
        if self.selected == self.source:
            self.notify("That is the current role: select another role, or press f first.")
            return
        self.target = self.selected
        self.avoid.discard(self.target)
        self.changed()
        self.action_tab("routes")

    def action_toggle_downward(self) -> None:
        self.no_downward = not self.no_downward
        self.changed()

    def action_toggle_track(self) -> None:
        self.stay_on_track = not self.stay_on_track
        self.changed()

    def action_toggle_avoid(self) -> None:
        if self.selected in (self.source, self.target):
            self.notify("A route cannot avoid its own ends.")
            return
        self.avoid ^= {self.selected}
        self.changed()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "from": self.action_from_here,
            "to": self.action_target,
            "avoid": self.action_toggle_avoid,
        }
        if event.button.id in actions:
            actions[event.button.id]()


def run(
    cmap: CareerMap | Ladder,
    role: str | None = None,
    *,
    prefix: str = "careermap",
    exit_after_first_screen: bool = False,
) -> None:
    """Run the app in the terminal (headless when it only draws its first screen and exits)."""
    import gc

    app = ExploreApp(cmap, role, prefix=prefix, exit_after_first_screen=exit_after_first_screen)
    # The modules imported so far live as long as the app: moved out of the collector's
    # generations, they are not scanned again by each collection while the app starts.
    gc.freeze()
    app.run(headless=exit_after_first_screen)
