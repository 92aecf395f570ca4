from __future__ import annotations

import pytest
import yaml


@pytest.mark.django_db
def test_openapi_schema_is_served_and_lists_the_workdays_api(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "政务服务与政务公开平台 API"
    assert "/api/core/workdays/add/" in schema["paths"]


@pytest.mark.django_db
def test_api_endpoints_require_login(client):
    response = client.get("/api/core/workdays/add/", {"start": "2025-09-26", "days": 20})
    assert response.status_code in (401, 403)
