"""The offline loader serves only bundled, SHA-256-pinned contexts."""

from __future__ import annotations

import hashlib
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest
from tests.support import CONFORMANCE, load_json

from mixtape.errors import ContextNotBundledError, JsonLdError
from mixtape.jsonld import CONTEXT_URLS, bundled_loader, canonicalize, load_bundle

BUNDLED = Path(str(resources.files("mixtape.jsonld").joinpath("contexts")))
VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2"

EXPECTED_URLS = {
    VC2,
    "https://www.w3.org/2018/credentials/v1",
    EXAMPLES,
    "https://www.w3.org/ns/credentials/undefined-terms/v2",
    "https://www.w3.org/ns/credentials/status/v1",
    "https://w3id.org/security/data-integrity/v1",
    "https://w3id.org/security/data-integrity/v2",
    "https://w3id.org/security/multikey/v1",
    "https://w3id.org/security/suites/ed25519-2020/v1",
    "https://www.w3.org/ns/did/v1",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    OB303,
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
}


def test_bundle_holds_exactly_the_supported_contexts() -> None:
    assert CONTEXT_URLS == EXPECTED_URLS


@pytest.mark.parametrize("url", sorted(EXPECTED_URLS))
def test_loader_returns_pyld_remote_document(url: str) -> None:
    remote = bundled_loader(url)
    assert remote["documentUrl"] == url
    assert remote["contextUrl"] is None
    assert remote["contentType"] == "application/ld+json"
    assert "@context" in remote["document"]


def test_bundled_bytes_match_the_conformance_pins() -> None:
    """Each bundled file is the conformance copy: same SHA-256 as recorded upstream."""
    upstream = {
        (entry["url"], entry["sha256"])
        for entry in load_json(CONFORMANCE / "contexts/index.json")["contexts"]
    }
    index = load_json(BUNDLED / "index.json")["contexts"]
    for url, entry in index.items():
        digest = hashlib.sha256((BUNDLED / entry["file"]).read_bytes()).hexdigest()
        assert digest == entry["sha256"]
        assert (url, digest) in upstream


def test_ob_303_is_the_purl_revision_with_jti() -> None:
    assert "jti" in json.dumps(bundled_loader(OB303)["document"])


@pytest.mark.parametrize(
    "url",
    [
        "https://w3id.org/security/suites/ed25519-2018/v1",
        "https://w3id.org/citizenship/v4rc1",
        "https://www.w3.org/ns/credentials/v2/",
        "http://www.w3.org/ns/credentials/v2",
    ],
)
def test_unknown_url_is_refused_with_its_name(url: str) -> None:
    with pytest.raises(ContextNotBundledError, match="never fetches") as caught:
        bundled_loader(url)
    assert f"context {url} is not bundled" in str(caught.value)


def test_loaded_document_is_a_private_copy() -> None:
    """pyld edits loaded contexts in place; that must not leak into the bundle."""
    bundled_loader(VC2)["document"]["@context"]["VerifiableCredential"] = "urn:evil"
    assert bundled_loader(VC2)["document"]["@context"]["VerifiableCredential"] != "urn:evil"


def _copy_bundle(tmp_path: Path) -> Path:
    target = tmp_path / "contexts"
    shutil.copytree(BUNDLED, target)
    return target


def test_tampered_context_is_refused(tmp_path: Path) -> None:
    folder = _copy_bundle(tmp_path)
    path = folder / "ob-v3p0-context-3.0.3.json"
    path.write_bytes(path.read_bytes().replace(b'"name"', b'"naam"', 1))
    loader = load_bundle(folder)
    with pytest.raises(JsonLdError, match="does not match its pinned SHA-256"):
        loader(OB303)
    assert loader(VC2)["documentUrl"] == VC2  # the untouched files still load


def test_canonicalize_refuses_a_tampered_context(tmp_path: Path) -> None:
    folder = _copy_bundle(tmp_path)
    path = folder / "credentials-v2.jsonld"
    path.write_bytes(path.read_bytes() + b" ")
    unsigned = load_json(CONFORMANCE / "test-vectors/vc-di-eddsa/unsigned.json")
    with pytest.raises(JsonLdError, match="pinned SHA-256"):
        canonicalize(unsigned, loader=load_bundle(folder))


def test_bundle_without_index_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JsonLdError, match="cannot read the context index"):
        load_bundle(tmp_path)


def test_loaders_with_different_bytes_for_one_url_do_not_share_cache(tmp_path: Path) -> None:
    """pyld caches resolved contexts by URL process-wide; ours are scoped per loader."""
    folder = _copy_bundle(tmp_path)
    examples = folder / "credentials-examples-v2.jsonld"
    examples.write_text(json.dumps({"@context": {"@vocab": "urn:other#"}}))
    index = load_json(folder / "index.json")
    index["contexts"][EXAMPLES]["sha256"] = hashlib.sha256(examples.read_bytes()).hexdigest()
    (folder / "index.json").write_text(json.dumps(index))
    document = {"@context": [VC2, EXAMPLES], "id": "urn:x", "favourite": "blue"}

    bundled = canonicalize(document)
    other = canonicalize(document, loader=load_bundle(folder))

    assert "<https://www.w3.org/ns/credentials/examples#favourite>" in bundled
    assert "<urn:other#favourite>" in other
    assert canonicalize(document) == bundled
