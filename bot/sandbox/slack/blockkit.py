"""Block Kit validation: refuse what Slack refuses, with Slack's error codes.

Each block is parsed with `slack_sdk.models` and serialised (`to_dict()` runs `validate_json()` on the
block and everything nested in it); the limits the models do not check (field and option lengths,
unique ids, input lengths, counts per surface) are checked here from Slack's documentation.
Messages follow Slack's style: "<what is wrong> [json-pointer:/blocks/3/text/text]".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MESSAGE_BLOCKS_MAX = 50
VIEW_BLOCKS_MAX = 100
MESSAGE_TEXT_MAX = 40_000
SECTION_TEXT_MAX = 3_000
SECTION_FIELDS_MAX = 10
SECTION_FIELD_TEXT_MAX = 2_000
HEADER_TEXT_MAX = 150
VIEW_TEXT_MAX = 24  # title, submit, close
PRIVATE_METADATA_MAX = 3_000
ID_MAX = 255  # callback_id, action_id, block_id
SELECT_OPTIONS_MAX = 100
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
INPUT_LENGTH_MAX = 3_000
VIEW_BYTES_MAX = 250_000
# Elements with their own, smaller option limits.
OPTIONS_MAX_BY_TYPE = {"checkboxes": 10, "radio_buttons": 10, "overflow": 5}

Problem = tuple[str, list[str]]  # (Slack error code, reasons)


def _text_of(value: Any) -> str | None:
    if isinstance(value, Mapping):
        text = value.get("text")
        return text if isinstance(text, str) else None
    return value if isinstance(value, str) else None


def _too_long(value: Any, limit: int, what: str, pointer: str) -> list[str]:
    text = _text_of(value)
    if text is not None and len(text) > limit:
        return [f"{what} is {len(text)} characters, more than {limit} [json-pointer:{pointer}]"]
    return []


def _model_errors(block: Mapping[str, Any], pointer: str) -> list[str]:
    try:
        parsed = Block.parse(dict(block))
        if parsed is None:
            return [f"unsupported block type {block.get('type')!r} [json-pointer:{pointer}]"]
        parsed.to_dict()
    except Exception as exc:  # the models raise SlackObjectFormationError, TypeError, AttributeError…
        return [f"{exc} [json-pointer:{pointer}]"]
    return []


def _option_errors(options: Any, limit: int, pointer: str) -> list[str]:
    if not isinstance(options, list):
        return [f"options must be an array [json-pointer:{pointer}]"]
    errors = []
    if len(options) > limit:
        errors.append(f"{len(options)} options, no more than {limit} allowed [json-pointer:{pointer}]")
    for index, option in enumerate(options):
        if not isinstance(option, Mapping):
            errors.append(f"option must be an object [json-pointer:{pointer}/{index}]")
            continue
        where = f"{pointer}/{index}"
        errors += _too_long(option.get("text"), OPTION_TEXT_MAX, "option text", f"{where}/text/text")
        errors += _too_long(
            option.get("description"), OPTION_TEXT_MAX, "option description", f"{where}/description"
        )
        errors += _too_long(option.get("value"), OPTION_VALUE_MAX, "option value", f"{where}/value")
    return errors


def _element_errors(element: Mapping[str, Any], pointer: str) -> list[str]:
    errors = _too_long(element.get("action_id"), ID_MAX, "action_id", f"{pointer}/action_id")
    limit = OPTIONS_MAX_BY_TYPE.get(str(element.get("type")), SELECT_OPTIONS_MAX)
    if "options" in element:
        errors += _option_errors(element["options"], limit, f"{pointer}/options")
    groups = element.get("option_groups")
    if isinstance(groups, list):
        if len(groups) > SELECT_OPTIONS_MAX:
            errors.append(
                f"{len(groups)} option_groups, no more than {SELECT_OPTIONS_MAX} [json-pointer:{pointer}]"
            )
        for index, group in enumerate(groups):
            if isinstance(group, Mapping):
                where = f"{pointer}/option_groups/{index}/options"
                errors += _option_errors(group.get("options"), SELECT_OPTIONS_MAX, where)
    if element.get("type") == "plain_text_input":
        max_length, min_length = element.get("max_length"), element.get("min_length")
        if max_length is not None and not (
            isinstance(max_length, int) and 1 <= max_length <= INPUT_LENGTH_MAX
        ):
            errors.append(
                f"max_length must be between 1 and {INPUT_LENGTH_MAX} [json-pointer:{pointer}/max_length]"
            )
        if min_length is not None and not (
            isinstance(min_length, int) and 0 <= min_length <= INPUT_LENGTH_MAX
        ):
            errors.append(
                f"min_length must be between 0 and {INPUT_LENGTH_MAX} [json-pointer:{pointer}/min_length]"
            )
    return errors


def _elements_of(block: Mapping[str, Any], pointer: str) -> list[tuple[Mapping[str, Any], str]]:
    found = []
    for key in ("accessory", "element"):
        if isinstance(block.get(key), Mapping):
            found.append((block[key], f"{pointer}/{key}"))
    if isinstance(block.get("elements"), list):
        found += [
            (element, f"{pointer}/elements/{index}")
            for index, element in enumerate(block["elements"])
            if isinstance(element, Mapping)
        ]
    return found


def _limit_errors(block: Mapping[str, Any], pointer: str) -> list[str]:
    errors: list[str] = []
    kind = block.get("type")
    if kind == "section":
        errors += _too_long(block.get("text"), SECTION_TEXT_MAX, "section text", f"{pointer}/text/text")
        fields = block.get("fields")
        if isinstance(fields, list):
            if len(fields) > SECTION_FIELDS_MAX:
                errors.append(
                    f"{len(fields)} fields, no more than {SECTION_FIELDS_MAX} [json-pointer:{pointer}/fields]"
                )
            for index, text in enumerate(fields):
                where = f"{pointer}/fields/{index}/text"
                errors += _too_long(text, SECTION_FIELD_TEXT_MAX, "section field", where)
    elif kind == "header":
        errors += _too_long(block.get("text"), HEADER_TEXT_MAX, "header text", f"{pointer}/text/text")
    action_ids: set[str] = set()
    for element, where in _elements_of(block, pointer):
        errors += _element_errors(element, where)
        action_id = element.get("action_id")
        if isinstance(action_id, str):
            if action_id in action_ids:
                errors.append(
                    f"duplicate action_id {action_id!r} in one block [json-pointer:{where}/action_id]"
                )
            action_ids.add(action_id)
    return errors


def block_errors(blocks: Any, *, limit: int | None, pointer: str) -> list[str]:
    """Everything wrong with a list of blocks; `limit` None leaves the count to the caller."""
    if not isinstance(blocks, list):
        return [f"blocks must be an array of objects [json-pointer:{pointer}]"]
    errors = []
    if limit is not None and len(blocks) > limit:
        errors.append(f"{len(blocks)} blocks, no more than {limit} items allowed [json-pointer:{pointer}]")
    block_ids: set[str] = set()
    for index, block in enumerate(blocks):
        where = f"{pointer}/{index}"
        if not isinstance(block, Mapping):
            errors.append(f"block must be an object [json-pointer:{where}]")
            continue
        found = _limit_errors(block, where)
        # The models stop at their first complaint: ask them only when the limits found none.
        errors += found or _model_errors(block, where)
        block_id = block.get("block_id")
        if block_id is not None:
            errors += _too_long(block_id, ID_MAX, "block_id", f"{where}/block_id")
            if block_id in block_ids:
                errors.append(f"duplicate block_id {block_id!r} [json-pointer:{where}/block_id]")
            block_ids.add(str(block_id))
    return errors


def check_message(args: Mapping[str, Any], *, require_content: bool = True) -> Problem | None:
    """A message for chat.postMessage/postEphemeral/update or a response_url; None when Slack takes it."""
    text, blocks = args.get("text"), args.get("blocks")
    if require_content and not text and not blocks and not args.get("attachments"):
        return "no_text", ["a message needs text, blocks or attachments"]
    if isinstance(text, str) and len(text) > MESSAGE_TEXT_MAX:
        return "msg_too_long", [f"text is {len(text)} characters, more than {MESSAGE_TEXT_MAX}"]
    if blocks is None:
        return None
    errors = block_errors(blocks, limit=MESSAGE_BLOCKS_MAX, pointer="/blocks")
    return ("invalid_blocks", errors) if errors else None


def _view_model_errors(view: Mapping[str, Any]) -> list[str]:
    try:
        View(**view).validate_json()
    except Exception as exc:  # SlackObjectFormationError, or TypeError for a missing type
        return [f"{exc} [json-pointer:/view]"]
    return []


def check_view(view: Any, *, expected_types: tuple[str, ...]) -> Problem | None:
    """A view for views.open/update/push/publish; None when Slack takes it."""
    if not isinstance(view, Mapping):
        return "invalid_arguments", ["view must be a JSON object [json-pointer:/view]"]
    if len(json.dumps(view).encode()) > VIEW_BYTES_MAX:
        return "view_too_large", [f"view is larger than {VIEW_BYTES_MAX} bytes"]
    errors = []
    if view.get("type") not in expected_types:
        wanted = " or ".join(f'"{kind}"' for kind in expected_types)
        errors.append(f"view type must be {wanted}, not {view.get('type')!r} [json-pointer:/view/type]")
    for key in ("title", "submit", "close"):
        errors += _too_long(view.get(key), VIEW_TEXT_MAX, key, f"/view/{key}/text")
    errors += _too_long(
        view.get("private_metadata"), PRIVATE_METADATA_MAX, "private_metadata", "/view/private_metadata"
    )
    errors += _too_long(view.get("callback_id"), ID_MAX, "callback_id", "/view/callback_id")
    blocks = view.get("blocks")
    if isinstance(blocks, list) and len(blocks) > VIEW_BLOCKS_MAX:
        errors.append(
            f"{len(blocks)} blocks, no more than {VIEW_BLOCKS_MAX} items allowed [json-pointer:/view/blocks]"
        )
    errors = errors or _view_model_errors(view)
    if view.get("type") == "modal":
        if not _text_of(view.get("title")):
            errors.append("a modal needs a title [json-pointer:/view/title]")
        has_inputs = isinstance(blocks, list) and any(
            isinstance(block, Mapping) and block.get("type") == "input" for block in blocks
        )
        if has_inputs and not view.get("submit"):
            errors.append("a modal with input blocks needs a submit button [json-pointer:/view/submit]")
    errors += block_errors(view.get("blocks"), limit=None, pointer="/view/blocks")
    return ("invalid_arguments", errors) if errors else None
