"""Read a SEN2 XML return as a stream of persons, safely and in constant memory.

``read_sen2_xml(path)`` reads the header at once (so a file that is not a SEN2 return
is rejected before anything else happens) and returns a ``Return`` whose ``persons``
iterator parses the file again, one ``Person`` at a time, clearing each element once it
has been turned into records.

Safety: the start of the file is checked for a DOCTYPE before the XML parser sees it,
so entity tricks (external entities reading local files, "billion laughs" expansion)
are refused without expanding anything; the parser itself also runs with entity
resolution, DTD loading and network access switched off.

Tolerance: children may come in any order; namespaces are ignored; element names are
matched ignoring case and a few known misspellings (``PlanWPB``), each variant noted
in ``Return.variants``; whitespace-only text is ``None``; unknown elements are ignored
and collected in ``Return.unknown_elements``; a field given twice keeps the first
value and the second is reported in ``Return.problems``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from sendassure.ingest.privacy import reduce_value
from sendassure.ingest.readers.build import CHILDREN, MODULES, attach, check_header
from sendassure.ingest.readers.fields import (
    HEADER_FIELDS,
    MODULE_FIELDS,
    REPEATABLE,
    canonical_name,
)
from sendassure.ingest.records import (
    Header,
    Person,
    ReadProblem,
    Record,
    Return,
    ReturnRejected,
)

_PROLOG_LIMIT = 65536  # bytes searched for the root element; real prologs are tiny
_ROOT_START = re.compile(r"<[A-Za-z_:]")
_FIELD_SETS = {module: frozenset(fields) for module, fields in MODULE_FIELDS.items()}


def read_sen2_xml(path: Path) -> Return:
    """Open a SEN2 XML file: header now, persons as they are iterated.

    Raises ``ReturnRejected`` for a file that cannot be read, is not well-formed
    (also later, from the ``persons`` iterator), declares a DOCTYPE or entities, is not a
    SEN2 ``Message``, or lacks a valid ReferenceDate or LEA in its header.
    """
    path = Path(path)
    reader = _Reader(path)
    header = reader.read_header()
    check_header(header, path.name)
    ret = Return(
        file_name=path.name,
        file_format="xml",
        header=header,
        persons=iter(()),
        variants=reader.variants,
        unknown_elements=reader.unknown,
        problems=reader.problems,
    )
    ret.persons = reader.persons()
    return ret


def _local(elem: etree._Element) -> str:
    return etree.QName(elem).localname


def _text(elem: etree._Element) -> str | None:
    if len(elem) == 0:  # the usual leaf field: no child tails to join
        text = elem.text
        return (text.strip() or None) if text else None
    parts = [elem.text or ""] + [child.tail or "" for child in elem]
    text = "".join(parts).strip()
    return text or None


def _elements(elem: etree._Element) -> Iterator[etree._Element]:
    return (child for child in elem if isinstance(child.tag, str))


def _forget(elem: etree._Element) -> None:
    """Free an element already turned into records, and its finished siblings."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.variants: set[str] = set()
        self.unknown: set[str] = set()
        self.problems: list[ReadProblem] = []
        # tag (``{namespace}local`` or ``local``) -> (local name, canonical name or None):
        # one lookup per element instead of a QName and a canonical_name per element.
        self._names: dict[str, tuple[str, str | None]] = {}

    # -------------------------------------------------------------- file handling

    def _open(self) -> IO[bytes]:
        try:
            handle = self.path.open("rb")
            head = handle.read(_PROLOG_LIMIT)
        except OSError as err:
            raise ReturnRejected(
                f"The file {self.name} could not be opened: {err.strerror or err}."
            ) from err
        self._check_prolog(head)
        handle.seek(0)
        return handle

    def _check_prolog(self, head: bytes) -> None:
        # NULs removed so that UTF-16 markup reads as ASCII; latin-1 never fails.
        text = head.replace(b"\x00", b"").decode("latin-1")
        root = _ROOT_START.search(text)
        prolog = (text[: root.start()] if root else text).upper()
        if "<!DOCTYPE" in prolog or "<!ENTITY" in prolog:
            raise ReturnRejected(
                f"The file {self.name} contains a DOCTYPE (entity) declaration. SEN2 "
                "files never need one and it can be used to read other files or exhaust "
                "memory, so the file was refused without expanding anything."
            )
        if root is None and len(head) == _PROLOG_LIMIT:
            raise ReturnRejected(
                f"The file {self.name} does not start like an XML SEN2 return: no element "
                f"begins in its first {_PROLOG_LIMIT} bytes."
            )

    def _events(self, handle: IO[bytes]) -> Iterator[tuple[str, etree._Element]]:
        return etree.iterparse(
            handle,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )

    def _malformed(self, err: etree.XMLSyntaxError) -> ReturnRejected:
        where = f" (line {err.lineno})" if getattr(err, "lineno", None) else ""
        return ReturnRejected(
            f"The file {self.name} is not well-formed XML{where}: {err.msg}. It may be "
            "truncated or damaged, so none of it was loaded; export it again."
        )

    def _check_root(self, elem: etree._Element) -> None:
        docinfo = elem.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:  # defence in depth
            raise ReturnRejected(
                f"The file {self.name} contains a DOCTYPE declaration, which SEN2 files "
                "never need; it was refused."
            )
        if self._name(_local(elem)) != "Message":
            raise ReturnRejected(
                f"The file {self.name} is not a SEN2 return: its top element is "
                f"<{_local(elem)}>, not <Message>."
            )

    # ------------------------------------------------------------------ passes

    def read_header(self) -> Header:
        with self._open() as handle:
            stack: list[str | None] = []
            try:
                for event, elem in self._events(handle):
                    if event == "start":
                        if not stack:
                            self._check_root(elem)
                        stack.append(self._name(_local(elem)))
                        continue
                    name = stack.pop()
                    if len(stack) == 1 and name == "Header":
                        return self._header(elem)
                    # Persons before the Header: free them as they pass.
                    if len(stack) == 2 and stack[1] == "Persons":
                        _forget(elem)
            except etree.XMLSyntaxError as err:
                raise self._malformed(err) from err
        raise ReturnRejected(
            f"The file {self.name} is not a SEN2 return: it has no <Header> with the "
            "collection details."
        )

    def persons(self) -> Iterator[Person]:
        names, lookup = self._names, self._lookup
        with self._open() as handle:
            stack: list[str | None] = []
            push, pop = stack.append, stack.pop
            index = 0
            try:
                for event, elem in self._events(handle):
                    if event == "start":
                        if not stack:
                            self._check_root(elem)
                        tag = elem.tag
                        known = names.get(tag)
                        push((known or lookup(tag))[1])
                        continue
                    name = pop()
                    depth = len(stack)  # 0 for the root, 1 for its children ...
                    if depth > 2:
                        continue  # inside a Person: read by _record when the Person ends
                    if depth == 1 and name not in ("Header", "Persons"):
                        self.unknown.add(_local(elem))
                    if depth == 2 and stack[1] == "Persons":
                        if name == "Person":
                            index += 1
                            person = self._record(
                                elem, "Person", f"/Message/Persons/Person[{index}]"
                            )
                            _forget(elem)
                            yield person  # type: ignore[misc]
                            continue
                        self.unknown.add(_local(elem))
                    if depth in (1, 2):
                        _forget(elem)
            except etree.XMLSyntaxError as err:
                raise self._malformed(err) from err

    # --------------------------------------------------------------- records

    def _name(self, local: str) -> str | None:
        name = canonical_name(local)
        if name is not None and name != local:
            self.variants.add(local)
        return name

    def _lookup(self, tag: str) -> tuple[str, str | None]:
        """(local name, canonical name) of an element tag, noting a variant spelling the
        first time it is met (as ``_name`` does every time)."""
        local = tag.rpartition("}")[2]
        found = self._names[tag] = (local, self._name(local))
        return found

    def _header(self, elem: etree._Element) -> Header:
        header = Header(location="/Message/Header")
        sources = 0
        for child in _elements(elem):
            name = self._name(_local(child))
            if name in ("CollectionDetails", "Source"):
                if name == "Source":
                    sources += 1
                    if sources > 1:
                        continue  # only the first Source describes the sender
                for item in _elements(child):
                    self._header_field(header, item)
            else:
                self._header_field(header, child)
        return header

    def _header_field(self, header: Header, elem: etree._Element) -> None:
        name = self._name(_local(elem))
        if name in HEADER_FIELDS:
            header.fields.setdefault(name, _text(elem))
        else:
            self.unknown.add(_local(elem))

    def _record(self, elem: etree._Element, element: str, location: str) -> Record:
        module, cls = MODULES[element]
        record = cls(location=location)
        fields = record.fields
        own, children = _FIELD_SETS[module], CHILDREN.get(module, ())
        names, lookup = self._names, self._lookup
        seen: Counter[str] | None = None
        for child in elem:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local, name = names.get(tag) or lookup(tag)
            if name in own:
                if name not in fields:
                    fields[name] = _text(child)
                    continue
                self.problems.append(
                    ReadProblem(
                        record.field_location(name),
                        name,
                        _text(child),
                        f"{name} is given more than once; the first value "
                        f"({reduce_value(name, fields[name])}) was kept.",
                    )
                )
            elif name in children:
                if seen is None:
                    seen = Counter()
                seen[name] += 1
                suffix = f"[{seen[name]}]" if name in REPEATABLE else ""
                sub = self._record(child, name, f"{location}/{name}{suffix}")
                if not attach(record, sub):
                    self.problems.append(
                        ReadProblem(
                            sub.location,
                            None,
                            None,
                            f"{name} is given more than once in one {element}; "
                            "only the first was read.",
                        )
                    )
            else:
                self.unknown.add(local)
        return record
