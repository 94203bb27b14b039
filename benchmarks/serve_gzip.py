"""Serve a built site on 127.0.0.1 the way a static host does: gzip for text, validators, and
`Cache-Control: max-age=600` (what GitHub Pages sends). For the benchmarks only.

    python benchmarks/serve_gzip.py SITE_DIR PORT [BYTES_LOG]

With BYTES_LOG, it appends one line per response, "<bytes sent> <path>", headers included:
what the browser transferred, counted where it was sent.
"""

from __future__ import annotations

import email.utils
import gzip
import http.server
import io
import sys
from functools import partial
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class Handler(http.server.SimpleHTTPRequestHandler):
    bytes_log: str | None = None
    _sent = 0

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        self._sent = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", [])) + 2
        super().end_headers()
        self._note()

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        body = source.read()
        outputfile.write(body)
        self._sent = len(body)
        self._note()

    def _note(self) -> None:
        if self.bytes_log:
            with open(self.bytes_log, "a", encoding="utf-8") as log:
                log.write(f"{self._sent} {self.path}\n")

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the slash form
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    site, port = sys.argv[1], int(sys.argv[2])
    Handler.bytes_log = sys.argv[3] if len(sys.argv) > 3 else None
    handler = partial(Handler, directory=site)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main()
