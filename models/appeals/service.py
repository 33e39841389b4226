"""The appeals service, as the Slack side and the CLI call it: every operation takes
`(session, workspace, actor, …, now)`, checks permissions through permissions.py, raises DomainError
(with `field=` naming the modal field) or PermissionDenied, audits every transition and queues its
messages through the outbox. Mutations return the `AppealRow`; its `messages` are the outbox ids to
deliver right after the ack.
"""

from models.appeals.filing import (
    AppealablePart,
    AppealInput,
    appealable_parts,
    evidence_options,
    file_appeal,
    no_appeal_reason,
)
from models.appeals.handling import (
    answer_employee,
    answer_statement,
    ask_employee,
    ask_statement,
    assign_appeal,
    decide_appeal,
    reopen_appeal,
    withdraw_appeal,
)
from models.appeals.lists import (
    EXPORT_HEADER,
    AppealStats,
    AppealSummary,
    QueueItem,
    appeal_stats,
    export_rows,
    hr_queue,
    my_appeals,
)
from models.appeals.settings import (
    AppealSettings,
    AppealSettingsInput,
    appeal_settings,
    update_appeal_settings,
)
from models.appeals.views import (
    AppealDetail,
    Breakdown,
    EmployeeQuestion,
    StatementRequest,
    TrailItem,
    appeal_detail,
    employee_question,
    statement_request,
)

__all__ = [
    "EXPORT_HEADER",
    "AppealDetail",
    "AppealInput",
    "AppealSettings",
    "AppealSettingsInput",
    "AppealStats",
    "AppealSummary",
    "AppealablePart",
    "Breakdown",
    "EmployeeQuestion",
    "QueueItem",
    "StatementRequest",
    "TrailItem",
    "answer_employee",
    "answer_statement",
    "appeal_detail",
    "appeal_settings",
    "appeal_stats",
    "appealable_parts",
    "ask_employee",
    "ask_statement",
    "assign_appeal",
    "decide_appeal",
    "employee_question",
    "evidence_options",
    "export_rows",
    "file_appeal",
    "hr_queue",
    "my_appeals",
    "no_appeal_reason",
    "reopen_appeal",
    "statement_request",
    "update_appeal_settings",
    "withdraw_appeal",
]
