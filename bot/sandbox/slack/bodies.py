"""Decoding request bodies the way Slack's Web API accepts them: form, JSON or multipart."""

from __future__ import annotations

import contextlib
import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs

# Arguments that carry JSON; form-encoded callers send them as JSON strings.
JSON_FIELDS = frozenset({"blocks", "view", "attachments", "metadata", "user_auth_blocks"})


class BodyError(ValueError):
    """The body could not be decoded; the message is Slack's error code."""


def _form_fields(text: str) -> dict[str, Any]:
    return {key: values[-1] for key, values in parse_qs(text, keep_blank_values=True).items()}


def _multipart_fields(content_type: str, raw: bytes) -> dict[str, Any]:
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    if not message.is_multipart():
        raise BodyError("invalid_form_data")
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        fields[name] = data if part.get_filename() else data.decode("utf-8")
    return fields


def _decode_json_fields(fields: dict[str, Any]) -> dict[str, Any]:
    for name in JSON_FIELDS & fields.keys():
        value = fields[name]
        if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
            # Left as a string when it is not JSON: Block Kit validation reports it.
            with contextlib.suppress(json.JSONDecodeError):
                fields[name] = json.loads(value)
    return fields


def decode_body(content_type: str, raw: bytes, query: str = "") -> dict[str, Any]:
    """The call's arguments: query string, then the body (JSON, multipart or form-encoded)."""
    fields = _form_fields(query) if query else {}
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "multipart/form-data":
        fields.update(_multipart_fields(content_type, raw))
    elif raw.strip():
        text = raw.decode("utf-8")
        # slack_sdk labels form bodies application/json in places; the body itself decides.
        if text.lstrip().startswith("{"):
            try:
                decoded = json.loads(text)
            except json.JSONDecodeError as exc:
                raise BodyError("invalid_json") from exc
            if not isinstance(decoded, dict):
                raise BodyError("invalid_json")
            fields.update(decoded)
        else:
            fields.update(_form_fields(text))
    return _decode_json_fields(fields)


def is_true(value: Any) -> bool:
    """Slack's reading of a boolean argument: JSON true, or "true"/"1" in a form."""
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true")
