"""Namespaces, the controlled vocabularies (stances, measures) and safe IRI minting.

Every IRI the project makes from article text or user input goes through :func:`mint`, which percent-encodes
anything outside the unreserved set, so no text can break out of an IRI or a SPARQL term.
"""
from __future__ import annotations

import os
import re
import unicodedata
from urllib.parse import quote

CG = "https://w3id.org/claimgraph/ontology#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
OA = "http://www.w3.org/ns/oa#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
DCT = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"

PREFIXES = {
    "cg": CG, "prov": PROV, "schema": SCHEMA, "oa": OA, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
    "sem": SEM, "dcterms": DCT, "wd": WD,
}

#: Instances live under this base; override with KG_BASE for your own deployment.
DEFAULT_BASE = "https://w3id.org/claimgraph/id/"

ONTOLOGY_GRAPH = "https://w3id.org/claimgraph/graph/ontology"
ENTITIES_GRAPH = "https://w3id.org/claimgraph/graph/entities"
CONTRADICTIONS_GRAPH = "https://w3id.org/claimgraph/graph/contradictions"
#: Where the graph names above live: the prefix ``graph:`` in RDF dumps.
GRAPH_BASE = "https://w3id.org/claimgraph/graph/"

#: The kinds of instance IRI that :func:`mint` makes (``<base><kind>/...``). In RDF dumps each kind is a prefix of
#: its own name (``article:``, ``claim:``, ...), so ``<https://w3id.org/claimgraph/id/claim/22e6dea7e36edf7a/3>``
#: reads ``claim:22e6dea7e36edf7a\/3``.
INSTANCE_KINDS = ("agent", "amount", "article", "claim", "contradiction", "event", "mention", "run", "span")

#: Stances a claim can take; each is an individual ``cg:<Capitalised>`` of class cg:Stance in the ontology.
STANCES = ("assert", "deny", "accuse", "condemn", "demand", "promise", "predict", "warn", "threaten", "question",
           "concede", "praise")
#: Stances that put the content forward as what is or was: a figure is compared and reconciled only under one of
#: these (queries/contradictions/numeric.rq lists the others); a figure denied, demanded, promised, foreseen, warned
#: of, threatened or asked about is no report of a count.
FACTUAL_STANCES = ("assert", "accuse", "condemn", "concede", "praise")

#: What a figure counts; each is an individual of class cg:Measure in the ontology.
MEASURES = ("deaths", "injuries", "casualties", "displaced", "arrests", "missing", "troops", "people", "countries",
            "duration", "money", "percentage", "territory", "weapons", "buildings", "count", "age", "rank")


#: What a figure covers of what it counts (DESIGN.md section 2); each is an individual of class cg:Scope.
SCOPES = ("total", "part", "increment", "attribute")

#: The cg: class of each kind of mention and entity (kg.types.MENTION_KINDS); "unknown" has none but cg:Agent.
KIND_CLASSES = {"person": "Person", "organization": "Organization", "country": "Country", "place": "Place",
                "group": "Group", "anonymous": "AnonymousSource", "narrator": "Narrator"}
#: The kinds whose class is an agent class: cg:Place is none (ontology/claims.ttl), so a "place" claimant (never a
#: claim, kg/extract/speakers.py) would be written as a bare cg:Agent.
AGENT_CLASSES = {kind: name for kind, name in KIND_CLASSES.items() if kind != "place"}
_KIND_OF_CLASS = {CG + name: kind for kind, name in KIND_CLASSES.items()}


def base() -> str:
    return os.environ.get("KG_BASE", DEFAULT_BASE)


def dump_prefixes() -> dict[str, str]:
    """The prefixes RDF dumps may declare: :data:`PREFIXES`, one per instance kind under the current base, and
    ``graph:`` for the graph names."""
    instances = {kind: f"{base()}{kind}/" for kind in INSTANCE_KINDS}
    return {**PREFIXES, **instances, "graph": GRAPH_BASE}


def term(local: str) -> str:
    """The IRI of a vocabulary term: ``term("Claim")`` -> ``https://w3id.org/claimgraph/ontology#Claim``."""
    return CG + local


def stance_iri(stance: str) -> str:
    return CG + stance.capitalize()


def scope_iri(scope: str) -> str:
    return CG + scope.capitalize()


def measure_iri(measure: str) -> str:
    return CG + "".join(part.capitalize() for part in measure.split("_"))


def kind_of_class(iri: str | None) -> str:
    """The mention kind a class stands for: ``cg:Person`` -> ``person``; ``unknown`` for any other class."""
    return _KIND_OF_CLASS.get(iri or "", "unknown")


_UNSAFE_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 60) -> str:
    """A readable ASCII slug: ``Recep Tayyip Erdoğan`` -> ``recep-tayyip-erdogan``; never empty."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    cleaned = _UNSAFE_SLUG.sub("-", folded).strip("-")[:limit].strip("-")
    return cleaned or "x"


def mint(kind: str, *parts: str) -> str:
    """An instance IRI ``<base><kind>/<part>/<part>``; every part is percent-encoded (RFC 3987 safe)."""
    encoded = "/".join(quote(part, safe="-._~") for part in (kind, *parts))
    return base() + encoded


def article_iri(content_hash: str) -> str:
    return mint("article", content_hash[:32])
