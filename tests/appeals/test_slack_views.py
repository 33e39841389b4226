"""The appeal views as pure functions of their data: Slack's limits hold (to_dict validates them), the
filing modal offers only what can be appealed and says why not for the rest, the queue words overdue as
a red flag, the record modal stays under 100 blocks, user text is neutralised, Chinese reads as Chinese."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from handlers.appeals.detail_views import detail_modal
from handlers.appeals.filing_views import FilingModal, filing_modal, read_filing
from handlers.appeals.handling_views import decide_modal, read_decision, read_statement_request
from handlers.appeals.settings_views import (
    country_options,
    read_settings,
    settings_modal,
    subdivision_options,
)
from handlers.appeals.status_views import appeals_home_blocks, queue_message, status_message
from models.appeals import (
    Action,
    AppealablePart,
    AppealDetail,
    AppealSettings,
    AppealState,
    AppealStats,
    AppealSummary,
    Outcome,
    QueueItem,
    TrailItem,
)
from models.errors import DomainError
from models.i18n import Translator

EN, ZH = Translator("en"), Translator("zh_CN")
LAST_DAY = date(2026, 12, 14)


def part(key: str, refusal: str | None = None, cycle_id: int = 1) -> AppealablePart:
    return AppealablePart(
        participant_id=7,
        cycle_id=cycle_id,
        cycle_name="H2 <!channel>",
        part=key,
        label="Final rating" if key == "overall" else key.title(),
        current_rating=3,
        rating_label="Meets",
        last_day=LAST_DAY,
        refusal=refusal,
    )


def test_the_filing_modal_offers_open_parts_with_rating_and_last_day_and_lists_the_others() -> None:
    parts = [part("overall", refusal="An appeal on this part is already open."), part("results")]
    view = filing_modal(EN, FilingModal(parts, [("goal:3", "Cut churn")], participant_id=7)).to_dict()
    select = next(b for b in view["blocks"] if b.get("block_id") == "part")
    assert [o["value"] for o in select["element"]["options"]] == ["7:results"]
    assert select["element"]["initial_option"]["value"] == "7:results"
    assert "Results: 3 Meets · until Dec 14, 2026" in str(select)
    shown = str(view["blocks"])
    assert "Final rating" in shown and "already open" in shown and "<!channel>" not in shown
    assert "At least 30 characters" in shown
    assert {b.get("block_id") for b in view["blocks"]} >= {"reason", "evidence_items", "evidence", "outcome"}


def test_the_filing_modal_in_chinese_and_without_evidence_to_pick() -> None:
    view = filing_modal(ZH, FilingModal([part("overall")], [])).to_dict()
    assert "evidence_items" not in {b.get("block_id") for b in view["blocks"]}
    assert "至少 30 个字符" in str(view["blocks"]) and view["title"]["text"] == "绩效申诉"


def test_the_filing_form_reads_part_evidence_and_links() -> None:
    state = {
        "part": {"appeal_input": {"selected_option": {"value": "7:results"}}},
        "reason": {"appeal_input": {"value": "  long enough reason  "}},
        "evidence_items": {
            "appeal_input": {"selected_options": [{"value": "goal:3"}, {"value": "checkin:9"}]}
        },
        "evidence": {"appeal_input": {"value": "https://a.example\n\n https://b.example "}},
        "outcome": {"appeal_input": {"value": "A 4"}},
    }
    data = read_filing(state)
    assert (data.participant_id, data.part, data.reason) == (7, "results", "long enough reason")
    assert data.evidence == ["goal:3", "checkin:9", "link:https://a.example", "link:https://b.example"]
    assert read_filing({}).participant_id == 0  # nothing chosen: the domain refuses it on "part"


def test_the_decision_modal_and_its_form() -> None:
    view = decide_modal(EN, 5, "*H2* · Final rating", [(1, "Low"), (2, "Mid"), (3, "High")], 2).to_dict()
    ids = [b.get("block_id") for b in view["blocks"]]
    assert ids[1:] == ["outcome", "explanation", "rating"]
    rating = view["blocks"][3]["element"]["options"]
    assert [o["value"] for o in rating] == ["1", "3"]  # the current rating is no adjustment
    state = {
        "outcome": {"appeal_input": {"selected_option": {"value": "adjusted"}}},
        "explanation": {"appeal_input": {"value": "Because."}},
        "rating": {"appeal_input": {"selected_option": {"value": "3"}}},
    }
    assert read_decision(state) == (Outcome.ADJUSTED, "Because.", 3)
    assert read_decision({}) == (None, "", None)
    asked = {
        "question": {"appeal_input": {"value": "Why?"}},
        "share_reason": {"appeal_input": {"selected_options": [{"value": "share"}]}},
        "due": {"appeal_input": {"selected_date": "2026-12-04"}},
    }
    assert read_statement_request(asked) == ("Why?", True, date(2026, 12, 4))


def item(days_left: int, n: int = 1) -> QueueItem:
    return QueueItem(
        id=n,
        cycle_name="H2",
        part_label="Final rating",
        state=AppealState.UNDER_REVIEW,
        state_label="Under review",
        assignee_name="Hana",
        appellant_name="Olive",
        filed_at=datetime(2026, 11, 30, tzinfo=UTC),
        decision_due=date(2026, 12, 14),
        working_days_left=days_left,
    )


def test_the_queue_words_overdue_as_a_red_flag_and_shows_the_figures() -> None:
    stats = AppealStats(
        1, 4, 2, 1, share_adjusted=__import__("decimal").Decimal("0.50"), median_working_days=None
    )
    message = queue_message(EN, [item(-2), item(0, 2), item(3, 3)], stats, "H2")
    shown = str(message.blocks_json())
    assert ":red_circle: *Overdue by 2 working days*" in shown and "Due today" in shown
    assert "3 working days left" in shown
    assert "*H2*: 4 appeals, 2 decided; 50% adjusted; median – working days" in shown
    many = queue_message(EN, [item(1, n) for n in range(80)], None)
    assert len(many.blocks_json()) <= 50 and "more open appeals" in str(many.blocks_json())
    home = appeals_home_blocks(ZH, [], [item(-1)])
    assert "已逾期" in str([b.to_dict() for b in home])


def test_status_lists_each_appeal_with_the_day_to_expect_an_answer() -> None:
    summary = AppealSummary(
        id=4,
        cycle_name="H2",
        part="overall",
        part_label="Final rating",
        state=AppealState.WAITING_FOR_EMPLOYEE,
        state_label="Waiting for the employee's answer",
        expected_by=date(2026, 12, 14),
        outcome=None,
        outcome_label=None,
        waiting_for_me=True,
    )
    shown = str(status_message(EN, [summary]).blocks_json())
    assert "Expect an answer by Dec 14, 2026" in shown and "asked you a question" in shown
    assert "appeal_view" in shown
    assert "no appeals" in status_message(EN, []).text


def detail(trail: int) -> AppealDetail:
    now = datetime(2026, 11, 30, 10, tzinfo=UTC)
    return AppealDetail(
        id=3,
        cycle_id=1,
        cycle_name="H2",
        part="overall",
        part_label="Final rating",
        state=AppealState.UNDER_REVIEW,
        state_label="Under review",
        appellant_name="Olive",
        assignee_name="Hana",
        original_rating=3,
        original_rating_label="Meets",
        current_rating=3,
        current_rating_label="Meets",
        reason="It misses <!here> the billing work " * 200,
        evidence=[("link:https://x.example", "https://x.example")],
        outcome_sought="A 4",
        filed_at=now,
        decision_due=date(2026, 12, 14),
        outcome=None,
        outcome_label=None,
        new_rating=None,
        explanation=None,
        breakdown=None,
        trail=[
            TrailItem(
                Action.ASK_EMPLOYEE,
                "Question to the employee",
                None,
                AppealState.UNDER_REVIEW,
                now + timedelta(minutes=i),
                "Hana",
                "Why? " * 400,
            )
            for i in range(trail)
        ],
        viewer_is_assignee=True,
    )


@pytest.mark.parametrize("trail", [0, 3, 150])
def test_the_record_fits_a_modal_and_neutralises_user_text(trail: int) -> None:
    view = detail_modal(EN, detail(trail), "Asia/Shanghai").to_dict()
    assert len(view["blocks"]) <= 100
    shown = str(view["blocks"])
    assert "<!here>" not in shown and "appeal_decide_open" in shown and "appeal_ask_statement_open" in shown


def test_settings_modal_and_pickers() -> None:
    settings = AppealSettings(
        holiday_country="DE", holiday_subdivision="BY", company_days_off=[date(2026, 12, 24)]
    )
    view = settings_modal(EN, settings, "UHR").to_dict()
    assert "2026-12-24" in str(view["blocks"]) and "Germany (DE)" in str(view["blocks"])
    assert len(country_options(EN, "")) <= 100
    assert [o.value for o in country_options(ZH, "德国")] == ["DE"]
    assert "BY" in [o.value for o in subdivision_options("DE", "bay")]
    assert subdivision_options(None, "") == []
    state = {
        "decision_days": {"appeal_input": {"value": "ten"}},
        "company_days_off": {"appeal_input": {"value": "2026-12-24, 24/12"}},
    }
    with pytest.raises(DomainError) as refused:
        read_settings(state, None)
    assert {p.field for p in refused.value.problems} == {"company_days_off", "decision_days"}


def test_the_manager_reads_the_reason_only_when_hr_shares_it() -> None:
    from handlers.appeals.request_views import request_text
    from models.appeals import StatementRequest

    def asked(reason: str | None) -> str:
        request = StatementRequest(
            appeal_id=3,
            cycle_name="H2",
            employee_name="Olive",
            part_label="Final rating",
            original_rating=3,
            original_rating_label="Meets",
            question="How did you weigh <!channel> billing?",
            reason=reason,
            due=date(2026, 12, 3),
        )
        return request_text(EN, request)

    hidden = asked(None)
    assert "How did you weigh" in hidden and "<!channel>" not in hidden and "Dec 3, 2026" in hidden
    assert "reason" not in hidden
    assert "The employee’s reason" in asked("It misses billing") and "It misses billing" in asked(
        "It misses billing"
    )
