"""The front of `kg serve`: claimgraph's own page at ``/``, every other request passed on to the `oxigraph` server.

The page opens on the query editor aimed at ``/query`` with claimgraph's prefixes, and lists every named query
(queries/*.rq) with what it answers and its parameters, to open in the editor. The editor is the Yasgui that the
`oxigraph` server ships (``/yasgui.min.js``, passed on from it): nothing is fetched from another site, and without
JavaScript the page still lists the prefixes and the queries.
"""
from __future__ import annotations

import http.client
import logging
import socket
import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.namespaces import PREFIXES
from kg.queries import description, load_named, parameters, query_names

logger = logging.getLogger(__name__)

#: The named query the editor opens with, under every claimgraph prefix.
FIRST_QUERY = "articles"
#: The endpoint the page names and its editor queries, relative to the page.
QUERY_PATH = "/query"

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 1.5em; max-width: 80em; }
pre { background: #f5f5f5; padding: .6em; overflow-x: auto; }
section.query { border-top: 1px solid #ddd; padding-top: .4em; }
section.query h3 { font-family: monospace; margin: .3em 0; }
"""

# Opens a named query (the text of its <pre>) in a new editor tab; Yasgui keeps no tabs between visits
# (persistenceId null), so the page always opens on the prefixed first query. Of the editor's completions only the
# variables one stays: the others ask prefix.cc and Linked Open Vocabularies over the network.
_SCRIPT = """
Yasgui.Yasqe.defaults.autocompleters = ["variables"];
const endpoint = new URL("%(path)s", window.location.href).href;
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: { endpoint: endpoint }, copyEndpointOnNewTab: true, persistenceId: null,
  yasqe: { value: document.getElementById("first-query").textContent },
  endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
});
for (const button of document.querySelectorAll("button[data-query]")) {
  button.addEventListener("click", () => {
    const text = document.getElementById("query-" + button.dataset.query).textContent;
    yasgui.addTab(true, { name: button.dataset.query, yasqe: { value: text } });
    window.scrollTo(0, 0);
  });
}
"""


def prefix_lines() -> list[str]:
    """``PREFIX cg: <https://w3id.org/claimgraph/ontology#>`` and the others claimgraph uses."""
    return [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()]


def with_prefixes(query: str) -> str:
    """``query`` with every claimgraph prefix declared after its header comment, in place of its own PREFIX lines
    that say the same (a line that declares something else stays)."""
    lines = query.splitlines()
    header = 0
    while header < len(lines) and lines[header].startswith("#"):
        header += 1
    declared = set(prefix_lines())
    body = [line for line in lines[header:] if line.strip() not in declared]
    return "\n".join([*lines[:header], *prefix_lines(), *body]) + "\n"


def page(endpoint_url: str, writable: bool) -> str:
    """The HTML page: ``endpoint_url`` is where the endpoint listens, as `kg serve` announces it."""
    mode = ("read-write: it accepts SPARQL updates at <code>/update</code>" if writable else
            "read-only: a snapshot of the store as it was when <code>kg serve</code> started")
    names = query_names()
    sections = "\n".join(_query_section(name) for name in names)
    first = escape(with_prefixes(load_named(FIRST_QUERY)))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>claimgraph SPARQL endpoint</title>
<link href="/yasgui.min.css" rel="stylesheet" type="text/css">
<script src="/yasgui.min.js"></script>
<style>{_STYLE}</style>
</head>
<body>
<h1>claimgraph SPARQL endpoint</h1>
<p>SPARQL 1.1 endpoint: <code id="endpoint">{escape(endpoint_url)}</code> (GET or POST; {mode}). Queries read the
union of all named graphs, as <code>kg query</code> does. The Graph Store Protocol is at <code>/store</code>.</p>
<div id="yasgui"></div>
<pre id="first-query" hidden>{first}</pre>
<h2>Prefixes</h2>
<p>Declare the ones a query uses (the endpoint knows none by itself; <code>kg query</code> knows them all):</p>
<pre id="prefixes">{escape(chr(10).join(prefix_lines()))}</pre>
<h2>Named queries</h2>
<p>The {len(names)} queries <code>kg query NAME</code> runs. A parameter is a variable the query leaves unbound:
here, bind it with <code>VALUES</code> (<code>VALUES ?by {{ "Putin" }}</code>); <code>kg query NAME --param
by=Putin</code> binds it for you.</p>
{sections}
<script>{_SCRIPT % {"path": QUERY_PATH}}</script>
</body>
</html>
"""


def _query_section(name: str) -> str:
    text = load_named(name)
    declared = parameters(text)
    usage = ", ".join(parameter.usage() for parameter in declared) if declared else "none"
    anchor = escape(name, quote=True)
    return f"""<section class="query">
<h3>{escape(name)}</h3>
<p>{escape(description(name))} Parameters: <code>{escape(usage)}</code>.
<button type="button" data-query="{anchor}">Open in the editor</button></p>
<pre id="query-{anchor}">{escape(text)}</pre>
</section>"""


#: Headers not passed on: those of one connection (RFC 9110 section 7.6.1), and those each side sets itself.
_NOT_PASSED_ON = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
                            "transfer-encoding", "upgrade", "host", "server", "date"})
#: How long a request waits for the server behind to start listening before it is tried anyway.
STARTUP_TIMEOUT = 60.0
_CHUNK = 64 * 1024


class Front(ThreadingHTTPServer):
    """Listens where `kg serve` was asked to; serves ``page`` at ``/`` and passes the rest to ``127.0.0.1:behind``
    once ``ready`` is set (the server behind said it listens)."""

    daemon_threads = True

    def __init__(self, host: str, port: int, page: str, behind: int) -> None:
        self.address_family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        super().__init__((host, port), _Handler)
        self.page = page.encode("utf-8")
        self.behind = behind
        self.ready = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client gone before its answer was sent (socketserver would print a traceback on stderr)."""
        logger.debug("request from %s failed", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    """One request: the page, or the request passed on and its response streamed back (HTTP/1.0: the connection
    closes after each response, so a response of unknown length needs no chunking here)."""

    server: Front

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        if self.path in ("/", "/index.html"):
            self._send_page()
        else:
            self._pass_on()

    def _send_page(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.server.page)))
        self.end_headers()
        self.wfile.write(self.server.page)

    def _pass_on(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else None
        headers = {name: value for name, value in self.headers.items() if name.lower() not in _NOT_PASSED_ON}
        self.server.ready.wait(STARTUP_TIMEOUT)
        behind = http.client.HTTPConnection("127.0.0.1", self.server.behind)
        try:
            behind.request(self.command, self.path, body, headers)
            response = behind.getresponse()
        except OSError as error:
            behind.close()
            self.send_error(502, f"the SPARQL server does not answer ({error.strerror or error})")
            return
        try:
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in _NOT_PASSED_ON:
                    self.send_header(name, value)
            self.end_headers()
            while chunk := response.read(_CHUNK):
                self.wfile.write(chunk)
        finally:
            behind.close()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _pass_on  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature
        """Quiet, as the `oxigraph` server is: no line per request on stderr."""
