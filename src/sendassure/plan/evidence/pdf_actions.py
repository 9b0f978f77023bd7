"""Find what in a PDF can run code, submit data or carry a program, on the object tree
pypdf parsed (never on the file's bytes).

pypdf decodes names as it parses them (``/J#61vaScript`` is ``/JavaScript``) and reads
compressed object streams like any other object, so neither hides anything here.

Looked at: the catalogue's ``/OpenAction`` and ``/AA``; every page's ``/AA``; every
annotation's ``/A`` and ``/AA``; every form field's ``/A`` and ``/AA`` (AcroForm
``/Fields`` and all their ``/Kids``); every bookmark's ``/A`` (the outline tree); every
action's ``/Next`` chain (one action or an array); the ``/Names`` tree.

Found (each where it sits, e.g. "page 2, annotation 1"):
- script: an action of type JavaScript, Launch (runs a program or opens a file),
  ImportData, SubmitForm (sends form data elsewhere), RichMediaExecute, GoToE (opens an
  embedded file); any action carrying a ``/JS`` key (a Rendition may); a URI action to a
  ``javascript:`` address; document-level JavaScript (``/Names /JavaScript``); an XFA
  form (``/AcroForm /XFA``, which carries its own scripts); RichMedia and 3D annotations
  (both can run script).
- embedded: embedded files (``/Names /EmbeddedFiles``) and file-attachment annotations.
Links (URI, GoTo, GoToR, Named), Rendition without script, Sound, Movie, Hide,
ResetForm and the like are allowed.

The walk is bounded (``MAX_NODES`` dictionaries) and follows each object once, so a
cyclic ``/Next`` chain, outline or field tree ends; past the bound the document is
reported as too complex to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAX_NODES = 200_000

SCRIPT, EMBEDDED, TOO_COMPLEX = "script", "embedded", "too complex"

REFUSED_ACTIONS = {
    "/JavaScript": "a JavaScript action",
    "/Launch": "a launch action (runs a program or opens a file)",
    "/ImportData": "an import-data action",
    "/SubmitForm": "a form-submission action (sends data elsewhere)",
    "/RichMediaExecute": "a rich-media action",
    "/GoToE": "an action that opens an embedded file",
}
REFUSED_ANNOTATIONS = {
    "/RichMedia": (SCRIPT, "a rich-media annotation"),
    "/3D": (SCRIPT, "a 3D annotation"),
    "/FileAttachment": (EMBEDDED, "a file-attachment annotation"),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # SCRIPT, EMBEDDED or TOO_COMPLEX
    where: str  # "page 2, annotation 1"
    what: str  # "a JavaScript action"


class _TooComplex(Exception):
    pass


def findings(reader) -> list[Finding]:
    """Everything refused in the PDF ``reader`` has opened (and decrypted), in document
    order; the first is what the refusal names."""
    walk = _Walk()
    try:
        return list(walk.document(reader))
    except _TooComplex:
        return [Finding(TOO_COMPLEX, "the whole document",
                        f"more than {MAX_NODES:,} actions, annotations and fields")]


class _Walk:
    def __init__(self) -> None:
        # (role, id) -> the object, held so that no id is reused while the walk lasts
        self.seen: dict[tuple[str, int], Any] = {}

    def document(self, reader) -> Iterator[Finding]:
        catalog = _dict(reader.trailer["/Root"])
        if catalog is None:
            raise ValueError("the document has no catalogue")
        yield from self.names(catalog.get("/Names"))
        yield from self.actions(catalog.get("/OpenAction"), "the document's opening action")
        yield from self.triggers(catalog.get("/AA"), "the document")
        for number, page in enumerate(reader.pages, start=1):
            yield from self.page(page, number)
        yield from self.form(catalog.get("/AcroForm"))
        yield from self.outline(catalog.get("/Outlines"))

    def first_visit(self, obj: Any, role: str) -> bool:
        """Whether ``obj`` is met for the first time in ``role`` (pypdf resolves one
        indirect object to one Python object, so its id stands for it). A dictionary can
        be both an annotation and a form field, so each role is looked at once."""
        key = (role, id(obj))
        if key in self.seen:
            return False
        if len(self.seen) >= MAX_NODES:
            raise _TooComplex
        self.seen[key] = obj
        return True

    def names(self, value: Any) -> Iterator[Finding]:
        names = _dict(value)
        if names is None:
            return
        if "/JavaScript" in names:
            yield Finding(SCRIPT, "the document's name tree", "document-level JavaScript")
        if "/EmbeddedFiles" in names:
            yield Finding(EMBEDDED, "the document's name tree", "embedded files")

    def actions(self, value: Any, where: str) -> Iterator[Finding]:
        """One action and every action its ``/Next`` chain leads to."""
        pending = [value]
        while pending:
            action = _dict(pending.pop())
            if action is None or not self.first_visit(action, "action"):
                continue
            what = _refused_action(action)
            if what:
                yield Finding(SCRIPT, where, what)
            pending.extend(reversed(_items(action.get("/Next"))))

    def triggers(self, value: Any, where: str) -> Iterator[Finding]:
        """An additional-actions (``/AA``) dictionary: trigger -> action."""
        triggers = _dict(value)
        if triggers is None:
            return
        for trigger, action in triggers.items():
            yield from self.actions(action, f"{where}, automatic action {trigger}")

    def page(self, page: Any, number: int) -> Iterator[Finding]:
        where = f"page {number}"
        yield from self.triggers(page.get("/AA"), where)
        for index, item in enumerate(_items(page.get("/Annots")), start=1):
            annotation = _dict(item)
            if annotation is None or not self.first_visit(annotation, "annotation"):
                continue
            yield from self.annotation(annotation, f"{where}, annotation {index}")

    def annotation(self, annotation: Any, where: str) -> Iterator[Finding]:
        refused = REFUSED_ANNOTATIONS.get(_name(annotation.get("/Subtype")))
        if refused:
            yield Finding(refused[0], where, refused[1])
        yield from self.actions(annotation.get("/A"), where)
        yield from self.triggers(annotation.get("/AA"), where)

    def form(self, value: Any) -> Iterator[Finding]:
        form = _dict(value)
        if form is None:
            return
        if "/XFA" in form:
            yield Finding(SCRIPT, "the document's form", "an XFA form, which carries scripts")
        pending = list(reversed(_items(form.get("/Fields"))))
        number = 0
        while pending:
            field = _dict(pending.pop())
            if field is None or not self.first_visit(field, "field"):
                continue
            number += 1
            where = f"form field {number}"
            yield from self.actions(field.get("/A"), where)
            yield from self.triggers(field.get("/AA"), where)
            pending.extend(reversed(_items(field.get("/Kids"))))

    def outline(self, value: Any) -> Iterator[Finding]:
        root = _dict(value)
        if root is None:
            return
        pending = [root.get("/First")]
        number = 0
        while pending:
            item = _dict(pending.pop())
            if item is None or not self.first_visit(item, "bookmark"):
                continue
            number += 1
            yield from self.actions(item.get("/A"), f"bookmark {number}")
            pending.extend([item.get("/Next"), item.get("/First")])


def _refused_action(action: Any) -> str:
    """What is refused about one action dictionary ("" if nothing)."""
    kind = _name(action.get("/S"))
    if kind in REFUSED_ACTIONS:
        return REFUSED_ACTIONS[kind]
    if "/JS" in action:
        return "an action carrying JavaScript"
    if kind == "/URI":
        address = _resolve(action.get("/URI"))
        if isinstance(address, bytes):
            address = address.decode("latin-1")
        if isinstance(address, str) and address.strip().lower().startswith("javascript:"):
            return "a link to a javascript: address"
    return ""


def _name(value: Any) -> str:
    """A name (or any string) as parsed, e.g. ``/JavaScript``; "" for anything else."""
    value = _resolve(value)
    return str(value) if isinstance(value, str) else ""


def _resolve(value: Any) -> Any:
    return value.get_object() if hasattr(value, "get_object") else value


def _dict(value: Any) -> Any:
    """``value`` resolved, if it is a dictionary; else ``None``."""
    value = _resolve(value)
    return value if hasattr(value, "keys") and hasattr(value, "get") else None


def _items(value: Any) -> list:
    """The entries of an array, a lone dictionary as a list of one, else nothing."""
    value = _resolve(value)
    if isinstance(value, list):
        return list(value)
    return [value] if _dict(value) is not None else []
