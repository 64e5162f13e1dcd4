"""The OpenAPI description and its docs page, served without any outside CDN."""

from __future__ import annotations

import re

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


def test_docs_page_uses_only_local_assets(client, db):
    response = client.get("/api/docs")
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
