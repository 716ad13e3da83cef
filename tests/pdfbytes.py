"""Small PDFs written byte by byte, for tests that need files no ordinary producer writes.

No PDF library is a test dependency, and CI has no qpdf: these few objects are enough for text
pages in the standard fonts, image-only "scans", self-drawing form XObjects and the standard
RC4 encryption (PDF 1.4, revision 3) with a user or an owner password.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence

SCAN: None = None  # a page that holds only an image: what a scanner makes
_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_FILE_ID = hashlib.md5(b"guidecmp test file").digest()
_NO_PERMISSIONS = -3904  # print, copy, change and annotate all forbidden
_PAGE_BOX = "[0 0 595 842]"


class PdfBuilder:
    """Numbered objects → a PDF with a correct cross-reference table."""

    def __init__(self) -> None:
        self._objects: list[tuple[str, bytes | None] | None] = []

    def reserve(self) -> int:
        self._objects.append(None)
        return len(self._objects)

    def add(self, dictionary: str, stream: bytes | None = None, number: int | None = None) -> int:
        """Add (or fill a reserved) object: a dictionary body without `<< >>`, and maybe a stream."""
        if number is None:
            number = self.reserve()
        self._objects[number - 1] = (dictionary, stream)
        return number

    def to_bytes(self, root: int, user_password: str | None = None, owner_password: str | None = None) -> bytes:
        """Serialise; a password (user or owner) encrypts every stream with RC4 (strings stay plain)."""
        objects = list(self._objects)
        encrypting = user_password is not None or owner_password is not None
        if encrypting:
            user = (user_password or "").encode("latin-1")
            owner = (owner_password or user_password or "").encode("latin-1")
            permissions = -4 if user_password else _NO_PERMISSIONS
            owner_entry = _owner_entry(owner, user)
            key = _file_key(user, owner_entry, permissions)
            objects.append((f"/Filter /Standard /V 2 /R 3 /Length 128 /P {permissions} "
                            f"/O <{owner_entry.hex()}> /U <{_user_entry(key).hex()}>", None))
            encrypt = len(objects)
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, (dictionary, stream) in enumerate(objects, start=1):
            offsets.append(len(out))
            if stream is None:
                out += f"{number} 0 obj\n<< {dictionary} >>\nendobj\n".encode("latin-1")
                continue
            if encrypting:
                stream = _rc4(_object_key(key, number), stream)
            out += f"{number} 0 obj\n<< {dictionary} /Length {len(stream)} >>\nstream\n".encode("latin-1")
            out += stream + b"\nendstream\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        extra = f" /Encrypt {encrypt} 0 R" if encrypting else ""
        out += (f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R /ID [<{_FILE_ID.hex()}> "
                f"<{_FILE_ID.hex()}>]{extra} >>\nstartxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)


def make_pdf(pages: Sequence[Sequence[str] | None], user_password: str | None = None,
             owner_password: str | None = None) -> bytes:
    """A PDF of text pages (a line "# X" is a bold 16 pt heading, others 11 pt body) and SCAN pages."""
    builder = PdfBuilder()
    catalog, tree = builder.reserve(), builder.reserve()
    regular = builder.add("/Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding")
    bold = builder.add("/Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding")
    image = builder.add("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                        "/BitsPerComponent 8", bytes(range(0, 256, 4)))
    resources = f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> /XObject << /Im1 {image} 0 R >> >>"
    kids = []
    for lines in pages:
        content = b"q 480 0 0 700 57 70 cm /Im1 Do Q" if lines is None else text_stream(lines)
        stream = builder.add("", content)
        kids.append(builder.add(f"/Type /Page /Parent {tree} 0 R /MediaBox {_PAGE_BOX} {resources} "
                                f"/Contents {stream} 0 R"))
    builder.add(f"/Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)}", number=tree)
    builder.add(f"/Type /Catalog /Pages {tree} 0 R", number=catalog)
    return builder.to_bytes(catalog, user_password, owner_password)


def text_stream(lines: Sequence[str]) -> bytes:
    """Content that draws the lines top down in Helvetica (F1) and Helvetica-Bold (F2)."""
    parts, y = [], 720.0
    for line in lines:
        heading = line.startswith("# ")
        size = 16 if heading else 11
        text = line[2:] if heading else line
        parts.append(f"BT /{'F2' if heading else 'F1'} {size} Tf 57 {y:.1f} Td (".encode() + _pdf_string(text)
                     + b") Tj ET")
        y -= size * (2.0 if heading else 1.5)
    return b"\n".join(parts)


def circular_form_pdf(lines: Sequence[str]) -> bytes:
    """One page whose form XObject draws ruled boxes, some text and then itself, without end."""
    builder = PdfBuilder()
    catalog, tree, form = builder.reserve(), builder.reserve(), builder.reserve()
    regular = builder.add("/Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding")
    bold = builder.add("/Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding")
    boxes = b"\n".join(f"{57 + 60 * i} 100 50 20 re S".encode() for i in range(8))
    builder.add(f"/Type /XObject /Subtype /Form /BBox {_PAGE_BOX} "
                f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> /XObject << /Fm1 {form} 0 R >> >>",
                boxes + b"\n" + text_stream(lines) + b"\n/Fm1 Do", number=form)
    content = builder.add("", b"/Fm1 Do")
    page = builder.add(f"/Type /Page /Parent {tree} 0 R /MediaBox {_PAGE_BOX} "
                       f"/Resources << /XObject << /Fm1 {form} 0 R >> >> /Contents {content} 0 R")
    builder.add(f"/Type /Pages /Kids [{page} 0 R] /Count 1", number=tree)
    builder.add(f"/Type /Catalog /Pages {tree} 0 R", number=catalog)
    return builder.to_bytes(catalog)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


# --- the standard security handler, revision 3 (ISO 32000-1, 7.6.3) ---------------------------


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) & 255
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 255
        j = (j + state[i]) & 255
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) & 255])
    return bytes(out)


def _pad(password: bytes) -> bytes:
    return (password + _PADDING)[:32]


def _rc4_twenty_times(key: bytes, data: bytes) -> bytes:
    for i in range(20):
        data = _rc4(bytes(b ^ i for b in key), data)
    return data


def _owner_entry(owner: bytes, user: bytes) -> bytes:
    digest = hashlib.md5(_pad(owner)).digest()
    for _ in range(50):
        digest = hashlib.md5(digest).digest()
    return _rc4_twenty_times(digest[:16], _pad(user))


def _file_key(user: bytes, owner_entry: bytes, permissions: int) -> bytes:
    digest = hashlib.md5(_pad(user) + owner_entry + struct.pack("<i", permissions) + _FILE_ID).digest()
    for _ in range(50):
        digest = hashlib.md5(digest[:16]).digest()
    return digest[:16]


def _user_entry(key: bytes) -> bytes:
    return _rc4_twenty_times(key, hashlib.md5(_PADDING + _FILE_ID).digest()) + bytes(16)


def _object_key(key: bytes, number: int) -> bytes:
    return hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:16]
