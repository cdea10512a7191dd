"""The API reference page is generated from the OpenAPI document: every endpoint, parameter
and field is on it, so it cannot drift from the API."""
from __future__ import annotations

import html as html_lib


def test_every_operation_parameter_and_field_of_the_document_is_on_the_page(demo_client) -> None:
    document = demo_client.get("/api/v1/openapi.json").get_json()
    page = demo_client.get("/api-reference")
    assert page.status_code == 200 and page.content_type.startswith("text/html")
    html = html_lib.unescape(page.get_data(as_text=True))
    parameters = document["components"]["parameters"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert f"<code>{method.upper()} {path}</code>" in html
            assert operation["summary"] in html
            for parameter in operation.get("parameters", []):
                name = parameters[parameter["$ref"].rsplit("/", 1)[1]]["name"] if "$ref" in parameter else parameter["name"]
                assert f"<code>{name}</code>" in html, (path, name)
    for name, schema in document["components"]["schemas"].items():
        assert f'id="schema-{name}"' in html
        for field in schema.get("properties", {}):
            assert f"<code>{field}</code>" in html, (name, field)


def test_parameter_values_are_spelled_out(demo_client) -> None:
    html = html_lib.unescape(demo_client.get("/api-reference").get_data(as_text=True))
    assert "one of: internship, job, apprenticeship" in html
    assert "integer, 1 to " in html


def test_the_reference_is_linked_and_speaks_spanish_around_the_english_document(demo_client) -> None:
    assert 'href="/api-reference"' in demo_client.get("/embed/builder?kind=job").get_data(as_text=True)
    spanish = demo_client.get("/api-reference?lang=es").get_data(as_text=True)
    assert "<h1>Referencia de la API</h1>" in spanish and '<p class="lead" lang="en">' in spanish
