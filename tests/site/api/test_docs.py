"""The OpenAPI description, its accessible reference page, and the Swagger UI console
(served without any outside CDN)."""

from __future__ import annotations

import re

from mixtape_site.api.reference import inline_code

VC_API_PATHS = {
    "/vc-api/credentials/issue",
    "/vc-api/credentials/status",
    "/vc-api/credentials/verify",
    "/vc-api/presentations/verify",
}


def test_openapi_lists_the_vc_api_and_json_api(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert set(schema["paths"]) >= VC_API_PATHS
    assert set(schema["paths"]) >= {"/api/v1/achievements", "/api/v1/awards"}
    issue = schema["paths"]["/vc-api/credentials/issue"]["post"]
    assert issue["security"] == [{"ApiTokenAuth": []}]
    assert "security" not in schema["paths"]["/vc-api/credentials/verify"]["post"]
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"]["scheme"] == "bearer"


def test_reference_lists_every_operation_with_its_token_need(client, db):
    schema = client.get("/api/openapi.json").json()
    html = client.get("/api/docs").content.decode()
    for path, operations in schema["paths"].items():
        for method in operations:
            anchor = re.sub(r"[^a-z0-9]+", "-", f"{method} {path}").strip("-")
            heading = f'<h3 id="{anchor}"><span class="api-method">{method.upper()}</span> '
            assert f"{heading}<code>{path}</code></h3>" in html, (method, path)
    issue = html[html.index('id="post-vc-api-credentials-issue"') :]
    assert issue.index("Needs your organization") < issue.index("<article")
    verify = html[html.index('id="post-vc-api-credentials-verify"') :]
    assert verify.index("No token needed") < verify.index("<article")


def test_reference_shows_request_and_response_examples(client, db):
    html = client.get("/api/docs").content.decode()
    # The request example is the schema's own; a response example is built from its fields.
    assert "&quot;name&quot;: &quot;Amira Haddad&quot;" in html
    assert "&quot;statusPurpose&quot;: &quot;suspension&quot;" in html
    assert "&quot;verified&quot;: true" in html
    assert 'href="#type-recipientin"' in html and 'id="type-recipientin"' in html
    assert "<code>verified</code> says whether" in html  # ``code`` in descriptions


def test_reference_groups_errors_and_lists_only_the_types_it_uses(client, db):
    html = client.get("/api/docs").content.decode()
    issue = html[html.index('id="post-vc-api-credentials-issue"') :]
    assert '<th scope="row">400, 401, 413, 422</th>' in issue.split("</article>")[0]
    assert 'id="type-issueoptions"' in html  # a part of a request body
    assert 'id="type-issuerequest"' not in html  # a request body: shown with its operation
    assert 'id="type-input"' not in html  # django-ninja's query-string model: used by no body


def test_reference_escapes_descriptions():
    assert inline_code("a ``<b>`` c") == "a <code>&lt;b&gt;</code> c"


def test_reference_links_the_openapi_json_and_the_console(client, db):
    html = client.get("/api/docs").content.decode()
    assert 'href="/api/openapi.json"' in html
    assert 'href="/api/docs/try"' in html
    assert "swagger" not in html.split("</head>")[0].lower()  # no Swagger UI on this page


def test_reference_speaks_the_reader_language(client, db):
    client.cookies["django_language"] = "fr"
    html = client.get("/api/docs").content.decode()
    assert '<html lang="fr">' in html
    # The schema's own (English) texts are marked as English for screen readers.
    assert '<p lang="en"><strong>Issue an Open Badges 3.0 credential</strong>' in html


def test_console_uses_only_local_assets(client, db):
    response = client.get("/api/docs/try")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="swagger-settings"' in html and "/api/openapi.json" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/") for source in sources), sources
    for source in sources:
        if source.startswith("/api/docs/assets/"):
            asset = client.get(source)
            assert asset.status_code == 200, source
            assert b"".join(asset.streaming_content)


def test_docs_assets_are_limited_to_swagger_files(client, db):
    assert client.get("/api/docs/assets/__init__.py").status_code == 404
    assert client.get("/api/docs/assets/..%2F__init__.py").status_code == 404
