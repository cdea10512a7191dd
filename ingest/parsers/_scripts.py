"""Collecting the text of a page's ``<script>`` elements (the JSON-LD and script-JSON parsers)."""
from __future__ import annotations

from html.parser import HTMLParser


class ScriptCollector(HTMLParser):
    """Collect the text of each script ``wants_script`` accepts, into ``blocks``.

    Subclasses say which scripts they want, and may read other tags by overriding
    ``handle_starttag`` (calling this one). A page cut off inside a script keeps what came.
    """

    def __init__(self, *, convert_charrefs: bool = True) -> None:
        super().__init__(convert_charrefs=convert_charrefs)
        self.blocks: list[str] = []
        self._inside: list[str] | None = None

    def wants_script(self, attrs: dict[str, str]) -> bool:
        raise NotImplementedError

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and self.wants_script({name: (value or "") for name, value in attrs}):
            self._inside = []

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inside is not None:
            self.blocks.append("".join(self._inside))
            self._inside = None

    def close(self) -> None:
        super().close()
        if self._inside is not None:
            self.blocks.append("".join(self._inside))
            self._inside = None
