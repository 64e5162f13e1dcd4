"""The `mixtape` command: keys, issue, verify, pathway, bake, unbake.

Every failure a user can cause prints one line on stderr and exits non-zero;
a traceback means a bug in Mixtape (set MIXTAPE_DEBUG=1 to see it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from mixtape.bake import bake_png, bake_svg, unbake
from mixtape.errors import InvalidInputError, MixtapeError
from mixtape.i18n import N_, translate
from mixtape.inputs import MAX_DOCUMENT_BYTES, read_credential
from mixtape.keys import Ed25519Key, read_keyfile
from mixtape.model.describe import credential_from_description
from mixtape.model.schema import schema_errors
from mixtape.pathway_cli import pathway_json, read_definition, reading, render_pathway
from mixtape.pathways import evaluate
from mixtape.presentation import verify_presentation
from mixtape.proofs import EddsaJcs2022, EddsaRdfc2022, Suite, add_proof
from mixtape.report import PresentationReport, Status, VerificationReport
from mixtape.resolve import Resolver, https_fetch_json, https_get
from mixtape.values import as_list
from mixtape.vcdm import credential_problems
from mixtape.verify import DEFAULT_SUITES, verify

SUITES: dict[str, Callable[[], Suite]] = {
    "eddsa-rdfc-2022": EddsaRdfc2022,
    "eddsa-jcs-2022": EddsaJcs2022,
}
_MARKS = {Status.PASSED: "✔", Status.WARNING: "!", Status.FAILED: "✘", Status.SKIPPED: "–"}
EXIT_INVALID, EXIT_ERROR = 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (MixtapeError, OSError, yaml.YAMLError) as error:
        print(f"mixtape: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_ERROR
    except (RecursionError, MemoryError, ValueError, TypeError) as error:
        if os.environ.get("MIXTAPE_DEBUG"):
            raise
        print(
            f"mixtape: error: cannot process this input ({type(error).__name__})", file=sys.stderr
        )
        return EXIT_ERROR


def _one_line(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if isinstance(error, OSError) and error.filename:
        text = f"{error.filename}: {error.strerror}"
    return " ".join(text.split())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mixtape", description="Issue and verify Open Badges 3.0 credentials."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    keys = commands.add_parser("keys", help="manage signing keys").add_subparsers(
        required=True, metavar="ACTION"
    )
    generate = keys.add_parser("generate", help="make a new Ed25519 key; prints its did:key")
    generate.add_argument("-o", "--output", required=True, metavar="KEYFILE")
    generate.add_argument(
        "--controller", help="an https issuer URL that will publish this key (default: the did:key)"
    )
    generate.add_argument("--force", action="store_true", help="overwrite KEYFILE")
    generate.set_defaults(run=_keys_generate)

    issue = commands.add_parser(
        "issue", help="sign a credential, or build one from a short description"
    )
    issue.add_argument("--key", required=True, metavar="KEYFILE")
    issue.add_argument("--suite", choices=sorted(SUITES), default="eddsa-rdfc-2022")
    issue.add_argument(
        "file",
        metavar="FILE",
        help="unsigned credential (JSON) or description (YAML/JSON); - for stdin",
    )
    issue.set_defaults(run=_issue)

    check = commands.add_parser(
        "verify", help="verify a credential or presentation; exit 0 only when it verifies"
    )
    check.add_argument("source", metavar="FILE|URL|-")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument(
        "--network",
        action="store_true",
        help="resolve did:web and issuer profiles, fetch status lists (https only)",
    )
    check.add_argument(
        "--recipient", help="also check the credential was issued to this email or DID"
    )
    check.add_argument("--challenge", help="expected challenge of a presentation")
    check.add_argument("--domain", help="expected domain of a presentation")
    check.add_argument(
        "--suite",
        action="append",
        choices=sorted(SUITES),
        dest="suites",
        help="allow only this proof suite (repeatable; default: all)",
    )
    check.add_argument(
        "--lang",
        metavar="LANG",
        help="language of the printed report: en (default) or fr; --json stays English",
    )
    check.set_defaults(run=_verify)

    pathway = commands.add_parser(
        "pathway", help="how far credentials go along a pathway; exit 0 only when complete"
    )
    pathway.add_argument("definition", metavar="DEFINITION", help="pathway definition (JSON)")
    pathway.add_argument("credentials", metavar="CREDENTIAL", nargs="*")
    pathway.add_argument("--json", action="store_true", help="print the result as JSON")
    pathway.add_argument("--network", action="store_true", help="as for verify")
    pathway.add_argument("--lang", metavar="LANG", help="as for verify")
    pathway.set_defaults(run=_pathway)

    bake = commands.add_parser("bake", help="bake a credential into a PNG or SVG image")
    bake.add_argument("image", metavar="IMAGE")
    bake.add_argument("credential", metavar="CREDENTIAL")
    bake.add_argument("-o", "--output", required=True)
    bake.set_defaults(run=_bake)

    unbake_ = commands.add_parser(
        "unbake", help="print the credential baked into a PNG or SVG image"
    )
    unbake_.add_argument("image", metavar="IMAGE")
    unbake_.set_defaults(run=_unbake)
    return parser


def _keys_generate(args: argparse.Namespace) -> int:
    key = Ed25519Key.generate()
    controller = args.controller or key.did_key
    key_id = (
        f"{controller}#{key.public_multibase}"
        if args.controller
        else key.did_key_verification_method
    )
    key.to_keyfile(args.output, key_id=key_id, controller=controller, overwrite=args.force)
    print(key.did_key if not args.controller else key_id)
    return 0


def _issue(args: argparse.Namespace) -> int:
    keyfile = read_keyfile(args.key)
    document = _read_issue_input(args.file)
    if "@context" not in document:
        document = credential_from_description(
            document, now=datetime.now(UTC), issuer_id=keyfile.controller
        )
    document.setdefault("issuer", keyfile.controller)
    _refuse_unfit(document, controller=keyfile.controller)
    signed = add_proof(
        document, suite=SUITES[args.suite](), key=keyfile.key, verification_method=keyfile.id
    )
    print(json.dumps(signed, indent=2, ensure_ascii=False))
    return 0


def _read_issue_input(source: str) -> dict[str, Any]:
    raw = _read_source(source)
    try:
        document = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInputError(f"{source} is not UTF-8 text") from None
    if not isinstance(document, dict):
        raise InvalidInputError(f"{source} must hold a JSON or YAML object")
    return document


def _refuse_unfit(document: Mapping[str, Any], *, controller: str) -> None:
    problems = credential_problems(document)
    if problems:
        raise InvalidInputError("not a valid VC 2.0 credential: " + "; ".join(problems))
    issuer = document["issuer"]
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if issuer_id != controller:
        raise InvalidInputError(
            f"the key belongs to {controller}, but the credential's issuer is {issuer_id}"
        )
    types = as_list(document.get("type"))
    if "OpenBadgeCredential" in types or "AchievementCredential" in types:
        errors = schema_errors(document, schema="achievementcredential")
        if errors:
            raise InvalidInputError(
                "does not match the Open Badges 3.0 schema: " + "; ".join(errors[:3])
            )


def _verify(args: argparse.Namespace) -> int:
    credential = read_credential(_read_source(args.source))
    fetch = https_fetch_json if args.network else None
    resolver = Resolver(fetch_json=fetch)
    suites = [SUITES[name]() for name in args.suites] if args.suites else DEFAULT_SUITES
    report: VerificationReport | PresentationReport
    if isinstance(credential, dict) and "VerifiablePresentation" in as_list(credential.get("type")):
        report = verify_presentation(
            credential,
            challenge=args.challenge,
            domain=args.domain,
            suites=suites,
            resolver=resolver,
            status_fetcher=fetch,
        )
    else:
        report = verify(
            credential,
            suites=suites,
            resolver=resolver,
            status_fetcher=fetch,
            recipient=args.recipient,
        )
    print(
        json.dumps(report.to_json(), indent=2, ensure_ascii=False)
        if args.json
        else render(report, language=args.lang)
    )
    return 0 if report.verified else EXIT_INVALID


def _pathway(args: argparse.Namespace) -> int:
    definition = read_definition(_read_source(args.definition), source=args.definition)
    fetch = https_fetch_json if args.network else None
    resolver, now = Resolver(fetch_json=fetch), datetime.now(UTC)
    readings = [
        reading(
            verify(
                read_credential(_read_source(s)), resolver=resolver, status_fetcher=fetch, now=now
            ),
            source=s,
        )
        for s in args.credentials
    ]
    progress = evaluate(definition.requirement, [r.held for r in readings if r.held], now=now)
    print(
        json.dumps(pathway_json(definition, progress, readings), indent=2, ensure_ascii=False)
        if args.json
        else render_pathway(definition, progress, readings, language=args.lang)
    )
    return 0 if progress.met else EXIT_INVALID


def render(
    report: VerificationReport | PresentationReport,
    indent: str = "",
    *,
    language: str | None = None,
) -> str:
    """The report as a person reads it: one line per check, details below.

    Messages are in ``language`` when the core has a catalogue for it, else English.
    """
    lines = []
    for check in report.checks:
        message = check.message_in(language)
        lines.append(f"{indent}{_MARKS[check.status]} {check.id:<13}{message}")
        lines += [f"{indent}    {detail}" for detail in check.details_in(language)]
    nested = report.credentials if isinstance(report, PresentationReport) else report.endorsements
    label = (
        N_("credential {number}:")
        if isinstance(report, PresentationReport)
        else N_("endorsement {number}:")
    )
    for number, inner in enumerate(nested, start=1):
        lines += [
            indent + translate(label, language, number=number),
            render(inner, indent + "  ", language=language),
        ]
    if not indent:
        lines.append(_verdict(report, language))
    return "\n".join(lines)


def _verdict(report: VerificationReport | PresentationReport, language: str | None) -> str:
    if not report.verified:
        return translate(N_("INVALID"), language)
    warnings = sum(c.status is Status.WARNING for c in report.checks)
    if not warnings:
        return translate(N_("VALID"), language)
    return translate(N_("VALID, with {count} warning(s)"), language, count=warnings)


def _bake(args: argparse.Namespace) -> int:
    credential = read_credential(_read_source(args.credential))
    image = Path(args.image).read_bytes()
    if image.startswith(b"\x89PNG"):
        Path(args.output).write_bytes(bake_png(image, credential))
    else:
        Path(args.output).write_text(bake_svg(image.decode("utf-8"), credential), encoding="utf-8")
    return 0


def _unbake(args: argparse.Namespace) -> int:
    text = unbake(_read_source(args.image))
    print(text)
    return 0


def _read_source(source: str) -> bytes:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    elif source.startswith(("https://", "http://")):
        data = https_get(source, max_bytes=MAX_DOCUMENT_BYTES + 1)
    else:
        path = Path(source)
        if path.stat().st_size > MAX_DOCUMENT_BYTES:
            raise InvalidInputError(
                f"{source} is too large (the limit is {MAX_DOCUMENT_BYTES:,} bytes)"
            )
        data = path.read_bytes()
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InvalidInputError(f"input is too large (the limit is {MAX_DOCUMENT_BYTES:,} bytes)")
    return data


if __name__ == "__main__":
    sys.exit(main())
