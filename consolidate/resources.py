"""The one loader of the files the program reads at run time besides its code: templates.

`templates/` lives at the top level of the repository (where designers edit it) and is
mapped into the package as `consolidate/templates` when a wheel is built (pyproject.toml
and setup.py). So the installed program finds it through importlib.resources, and a
checkout (editable install, or `python -m consolidate` from the source tree), where the
package folder has no `templates/`, finds the top-level folder instead.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2

from consolidate.errors import ConsolidateError

CHECKOUT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def templates_root() -> Traversable:
    """The templates folder: the package's own (installed wheel), else the checkout's."""
    packaged = files("consolidate").joinpath("templates")
    if packaged.is_dir():
        return packaged
    if CHECKOUT_TEMPLATES.is_dir():
        return CHECKOUT_TEMPLATES
    raise ConsolidateError(
        f"templates not found: neither in the installed package nor at {CHECKOUT_TEMPLATES}; reinstall consolidate"
    )


def template_text(name: str) -> str:
    """The text of one template file (UTF-8); a missing one is a `ConsolidateError`."""
    item = templates_root().joinpath(name)
    if not item.is_file():
        raise ConsolidateError(f"template {name} not found in {templates_root()}")
    return item.read_text(encoding="utf-8")


class _ResourceLoader(jinja2.BaseLoader):
    """Jinja loader over `templates_root()`, so it works from a wheel as from a checkout."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, None]:
        try:
            return template_text(template), template, None
        except ConsolidateError:
            raise jinja2.TemplateNotFound(template) from None


@cache
def environment() -> jinja2.Environment:
    """The Jinja environment of every HTML output.

    Autoescape is forced on (the templates' .j2 suffix would not switch it on by itself),
    and undefined names are errors so a template typo cannot print an empty page.
    """
    return jinja2.Environment(
        loader=_ResourceLoader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
