"""Any sequence of appeal operations through the SERVICE, on the database, by anyone: no invalid state,
no lost original rating, no forbidden person acting, nothing stored by a refusal, and the result
always the original with the adjustments in force applied.

The expectations are written out here (who may act, where each action leads), independently of the
permission table. Each example runs in a transaction on SQLite that is rolled back afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import appeals as service
from models.appeals import AppealEntry, AppealRow, AppealSettings, AppealState, Outcome
from models.db import make_engine
from models.entities import Base
from models.errors import DomainError, PermissionDenied
from models.reviews import ManagerReview
from tests.appeals.helpers import REASON, AppealScene, make_scene
from tests.appeals.test_stateful import EXPECTED_MOVES
from tests.reviews.helpers import NOW

S = AppealState
PARTS = ("results", "overall")
ORIGINAL = 3  # both parts are rated 3 in the scene (criteria 3, 4, 3)
OPEN = {S.SUBMITTED, S.UNDER_REVIEW, S.WAITING_FOR_STATEMENT, S.WAITING_FOR_EMPLOYEE, S.REOPENED}
RIGHT = "<whoever may>"
ENGINE = make_engine("sqlite://")
Base.metadata.create_all(ENGINE)


class ServiceLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.connection = ENGINE.connect()
        self.transaction = self.connection.begin()
        self.session = Session(bind=self.connection, join_transaction_mode="create_savepoint")
        self.scene: AppealScene = make_scene(self.session)
        self.people = {
            "olive": self.scene.olive,
            "boss": self.scene.boss,
            "chief": self.scene.chief,  # HR admin above the boss: a party to the rating
            "hana": self.scene.hr[0],
            "hugo": self.scene.hr[1],
            "peer": self.scene.peer,
        }
        self.lead: str | None = None
        self.clock = NOW
        self.latest: dict[str, int] = {}  # part -> the latest appeal's id
        self.in_force: dict[int, tuple[str, int]] = {}  # appeal id -> (part, new rating)
        self.originals: dict[int, int] = {}  # appeal id -> the part's rating when it was filed
        review = self._review()
        self.original_result = dict(review.result or {})

    def teardown(self) -> None:
        self.session.close()
        self.transaction.rollback()
        self.connection.close()

    # --- helpers ---------------------------------------------------------------------------------

    def _review(self) -> ManagerReview:
        review = self.session.scalar(
            select(ManagerReview).where(ManagerReview.participant_id == self.scene.participant.id)
        )
        assert review is not None
        return review

    def now(self) -> Any:
        self.clock += timedelta(hours=1)
        return self.clock

    def name_of(self, person_id: int | None) -> str | None:
        return next((n for n, p in self.people.items() if p.id == person_id), None)

    def expected_allowed(self, action: str, actor: str, appeal: AppealRow) -> bool:
        assignee = self.name_of(appeal.assignee_id)
        lead = self.lead if self.lead != "chief" else None  # a lead who is a party acts only as that
        return {
            "assign": actor == lead,
            "ask_statement": actor == assignee,
            "ask_employee": actor == assignee,
            "decide": actor == assignee,
            "reopen": actor in (assignee, lead),
            "answer_statement": actor == "boss",
            "answer_employee": actor == "olive",
            "withdraw": actor == "olive",
        }[action]

    def entries(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(AppealEntry)) or 0)

    def attempt(self, action: str, part: str, actor: str, call: Any, input_ok: bool = True) -> None:
        appeal_id = self.latest.get(part)
        if appeal_id is None:
            return
        appeal = self.session.get(AppealRow, appeal_id)
        assert appeal is not None
        if actor == RIGHT:  # someone the expectations allow, so that long sequences happen
            actor = next((n for n in self.people if self.expected_allowed(action, n, appeal)), "peer")
        before, entries = appeal.state, self.entries()
        target = EXPECTED_MOVES[action].get(before)
        if action == "reopen" and target is not None:
            target = S.UNDER_REVIEW  # given back to its assignee at once
        if not self.expected_allowed(action, actor, appeal):
            try:
                call(appeal_id, self.people[actor])
            except PermissionDenied:
                assert self.entries() == entries and appeal.state is before
                return
            raise AssertionError(f"{actor} was let {action} an appeal {before}")
        if target is None or not input_ok:
            try:
                call(appeal_id, self.people[actor])
            except PermissionDenied as denied:
                raise AssertionError(f"{actor} may {action}; refused as forbidden") from denied
            except DomainError:
                assert self.entries() == entries and appeal.state is before
                return
            raise AssertionError(f"{action} accepted from {before} or with bad input")
        call(appeal_id, self.people[actor])
        event(f"{action}: {before.value} -> {appeal.state.value}")
        assert appeal.state is target, (action, before, appeal.state)

    # --- rules -----------------------------------------------------------------------------------

    @initialize(lead=st.sampled_from([None, "hugo", "chief"]))
    def settings(self, lead: str | None) -> None:
        self.lead = lead
        lead_id = self.people[lead].id if lead else None
        service.update_appeal_settings(
            self.session, self.scene.workspace, self.scene.hr[0], AppealSettings(hr_lead_id=lead_id), NOW
        )
        self.file("results", "olive", long=True)  # every sequence starts with an appeal

    @rule(
        part=st.sampled_from(PARTS),
        actor=st.sampled_from(["olive", "olive", "boss", "hana"]),
        long=st.booleans(),
    )
    def file(self, part: str, actor: str, long: bool) -> None:
        earlier = self.session.get(AppealRow, self.latest[part]) if part in self.latest else None
        blocked = earlier is not None and earlier.state in OPEN | {S.DECIDED}
        data = service.AppealInput(self.scene.participant.id, part, REASON if long else "Unfair.", [], "A 4.")
        entries = self.entries()
        try:
            appeal = service.file_appeal(
                self.session, self.scene.workspace, self.people[actor], data, self.now()
            )
        except PermissionDenied:
            event("file: refused as forbidden")
            assert actor != "olive" and self.entries() == entries
            return
        except DomainError:
            event("file: refused")
            assert (blocked or not long) and self.entries() == entries
            return
        event("file: filed")
        assert actor == "olive" and not blocked and long
        self.originals[appeal.id] = self.expected_rating(part)
        assert appeal.state is S.UNDER_REVIEW and appeal.assignee_id in (
            self.people["hana"].id,
            self.people["hugo"].id,
        )
        self.latest[part] = appeal.id

    @rule(
        part=st.sampled_from(PARTS),
        actor=st.sampled_from([RIGHT, RIGHT, "hugo", "chief", "hana", "olive"]),
        to=st.sampled_from(["hana", "hugo", "chief", "boss"]),
    )
    def assign(self, part: str, actor: str, to: str) -> None:
        ok = to in ("hana", "hugo")
        self.attempt(
            "assign",
            part,
            actor,
            lambda i, p: service.assign_appeal(
                self.session, self.scene.workspace, p, i, self.people[to].id, self.now()
            ),
            input_ok=ok,
        )

    @rule(
        part=st.sampled_from(PARTS),
        actor=st.sampled_from([RIGHT, RIGHT, "hana", "hugo", "chief", "boss"]),
        share=st.booleans(),
    )
    def ask_statement(self, part: str, actor: str, share: bool) -> None:
        due = self.clock.date() + timedelta(days=3)
        self.attempt(
            "ask_statement",
            part,
            actor,
            lambda i, p: service.ask_statement(
                self.session, self.scene.workspace, p, i, "Why?", share, due, self.now()
            ),
        )

    @rule(
        part=st.sampled_from(PARTS),
        actor=st.sampled_from([RIGHT, RIGHT, "boss", "chief", "olive"]),
        text=st.sampled_from(["It slipped.", " "]),
    )
    def answer_statement(self, part: str, actor: str, text: str) -> None:
        self.attempt(
            "answer_statement",
            part,
            actor,
            lambda i, p: service.answer_statement(self.session, self.scene.workspace, p, i, text, self.now()),
            input_ok=bool(text.strip()),
        )

    @rule(part=st.sampled_from(PARTS), actor=st.sampled_from([RIGHT, RIGHT, "hana", "hugo", "boss"]))
    def ask_employee(self, part: str, actor: str) -> None:
        due = date(2030, 1, 1) if actor == "boss" else self.clock.date() + timedelta(days=2)
        self.attempt(
            "ask_employee",
            part,
            actor,
            lambda i, p: service.ask_employee(
                self.session, self.scene.workspace, p, i, "Who?", due, self.now()
            ),
        )

    @rule(part=st.sampled_from(PARTS), actor=st.sampled_from([RIGHT, RIGHT, "olive", "boss", "peer"]))
    def answer_employee(self, part: str, actor: str) -> None:
        self.attempt(
            "answer_employee",
            part,
            actor,
            lambda i, p: service.answer_employee(self.session, self.scene.workspace, p, i, "Me.", self.now()),
        )

    @rule(
        part=st.sampled_from(PARTS),
        actor=st.sampled_from([RIGHT, RIGHT, "hana", "hugo", "chief", "boss"]),
        outcome=st.sampled_from(list(Outcome)),
        rating=st.sampled_from([None, 1, 3, 5]),
    )
    def decide(self, part: str, actor: str, outcome: Outcome, rating: int | None) -> None:
        adjusted = outcome is Outcome.ADJUSTED
        appeal_id = self.latest.get(part)
        original = self.originals.get(appeal_id or 0, ORIGINAL)
        ok = (rating is not None and rating != original) if adjusted else rating is None
        self.attempt(
            "decide",
            part,
            actor,
            lambda i, p: service.decide_appeal(
                self.session, self.scene.workspace, p, i, outcome, "Because.", rating, self.now()
            ),
            input_ok=ok,
        )
        appeal_id = self.latest.get(part)
        appeal = self.session.get(AppealRow, appeal_id) if appeal_id else None
        if appeal is not None and appeal.state is S.DECIDED and appeal.decided_at == self.clock:
            if appeal.outcome is Outcome.ADJUSTED and appeal.new_rating is not None:
                self.in_force[appeal.id] = (part, appeal.new_rating)
            else:
                self.in_force.pop(appeal.id, None)

    @rule(part=st.sampled_from(PARTS), actor=st.sampled_from([RIGHT, RIGHT, "olive", "hana", "boss"]))
    def withdraw(self, part: str, actor: str) -> None:
        self.attempt(
            "withdraw",
            part,
            actor,
            lambda i, p: service.withdraw_appeal(self.session, self.scene.workspace, p, i, self.now()),
        )

    @rule(
        part=st.sampled_from(PARTS), actor=st.sampled_from([RIGHT, RIGHT, "hana", "hugo", "chief", "olive"])
    )
    def reopen(self, part: str, actor: str) -> None:
        self.attempt(
            "reopen",
            part,
            actor,
            lambda i, p: service.reopen_appeal(
                self.session, self.scene.workspace, p, i, "New facts.", self.now()
            ),
        )

    # --- invariants ------------------------------------------------------------------------------

    @invariant()
    def trails_are_unbroken_and_states_valid(self) -> None:
        for appeal in self.session.scalars(select(AppealRow)):
            assert appeal.state in set(S) and appeal.original_rating == self.originals[appeal.id]
            trail = self.session.scalars(
                select(AppealEntry).where(AppealEntry.appeal_id == appeal.id).order_by(AppealEntry.id)
            ).all()
            assert trail[0].from_state is None and trail[-1].to_state is appeal.state
            assert all(a.to_state is b.from_state for a, b in pairwise(trail))
            assert all(e.actor_id is None or e.actor_id != self.people["chief"].id for e in trail)

    @invariant()
    def one_open_appeal_per_part(self) -> None:
        for part in PARTS:
            states = self.session.scalars(select(AppealRow.state).where(AppealRow.part == part)).all()
            assert sum(1 for s in states if s in OPEN) <= 1

    @invariant()
    def the_result_is_the_original_with_the_adjustments_in_force(self) -> None:
        review = self._review()
        result = review.result or {}
        if not self.in_force:
            assert result == self.original_result and review.final_rating == ORIGINAL
            return
        assert result["original"] == self.original_result
        assert review.final_rating == self.expected_rating("overall")

    def expected_rating(self, part: str) -> int:
        """The part's rating with the adjustments in force applied in order (a criterion's recomputes the
        score, dropping any override of the final rating; the final rating's overrides it)."""
        results, final = 3, ORIGINAL
        for _, (adjusted, rating) in sorted(self.in_force.items()):
            if adjusted == "overall":
                final = rating
            else:
                results = rating
                mean = (Decimal(rating) + 4 + 3) / 3
                final = int(mean.quantize(Decimal("0.01"), ROUND_HALF_UP).quantize(Decimal(1), ROUND_HALF_UP))
        return final if part == "overall" else results


ServiceLifecycle.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestServiceLifecycle = ServiceLifecycle.TestCase
