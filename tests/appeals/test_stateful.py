"""Any sequence of appeal actions by anyone: no invalid state, no lost original rating, no forbidden actor.

The expectations here are written out independently of models.appeals (its table is not consulted),
so a wrong entry in either shows up as a disagreement.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import models.appeals.machine as appeals
from models.appeals import SYSTEM_ACTOR, Appeal, AppealState, AuditRecord, Outcome, Parties
from models.errors import DomainError, PermissionDenied

ORIGINAL, LEVELS = 3, 5
PEOPLE = ["emp", "mgr", "boss", "hr1", "hr2", "hr3", "lead", "peer", SYSTEM_ACTOR]
# Stand-ins resolved when a rule runs, so that the people who can act are drawn often enough for
# long sequences to happen; anyone at all is still drawn as often.
RIGHT, WRONG, ELIGIBLE = "<whoever may>", "<someone with HR powers who may not>", "<an eligible HR admin>"
ACTORS = st.one_of(st.just(RIGHT), st.just(RIGHT), st.just(WRONG), st.sampled_from(PEOPLE))
LONG = "A reason long enough to be taken seriously by HR."
TEXT = st.one_of(st.just(LONG), st.sampled_from(["", "Too short.", LONG]))
START = datetime(2026, 12, 1, 9, tzinfo=UTC)

S = AppealState
EXPECTED_MOVES: dict[str, dict[AppealState, AppealState]] = {
    "assign": {
        S.SUBMITTED: S.UNDER_REVIEW,
        S.REOPENED: S.UNDER_REVIEW,
        S.UNDER_REVIEW: S.UNDER_REVIEW,
        S.WAITING_FOR_STATEMENT: S.WAITING_FOR_STATEMENT,
        S.WAITING_FOR_EMPLOYEE: S.WAITING_FOR_EMPLOYEE,
    },
    "ask_statement": {S.UNDER_REVIEW: S.WAITING_FOR_STATEMENT},
    "answer_statement": {S.WAITING_FOR_STATEMENT: S.UNDER_REVIEW},
    "ask_employee": {S.UNDER_REVIEW: S.WAITING_FOR_EMPLOYEE},
    "answer_employee": {S.WAITING_FOR_EMPLOYEE: S.UNDER_REVIEW},
    "decide": {s: S.DECIDED for s in (S.UNDER_REVIEW, S.WAITING_FOR_STATEMENT, S.WAITING_FOR_EMPLOYEE)},
    "withdraw": {
        s: S.WITHDRAWN
        for s in (S.SUBMITTED, S.UNDER_REVIEW, S.WAITING_FOR_STATEMENT, S.WAITING_FOR_EMPLOYEE, S.REOPENED)
    },
    "reopen": {S.DECIDED: S.REOPENED},
}
OPEN = {S.SUBMITTED, S.UNDER_REVIEW, S.WAITING_FOR_STATEMENT, S.WAITING_FOR_EMPLOYEE, S.REOPENED}


def party_to_the_rating(user: str, parties: Parties) -> bool:
    return user in {parties.appellant, parties.reviewing_manager} or user in parties.management_chain


def expected_allowed(action: str, user: str, parties: Parties, assignee: str | None) -> bool:
    if party_to_the_rating(user, parties):
        if action in ("file", "answer_employee", "withdraw"):
            return user == parties.appellant
        return action == "answer_statement" and user == parties.reviewing_manager
    handling = assignee is not None and user == assignee
    return {
        "assign": user in (SYSTEM_ACTOR, parties.hr_lead),
        "ask_statement": handling,
        "ask_employee": handling,
        "decide": handling,
        "reopen": handling or user == parties.hr_lead,
    }.get(action, False)


def may_handle(user: str, parties: Parties) -> bool:
    is_hr = user in parties.hr_admins or user == parties.hr_lead
    return is_hr and user != SYSTEM_ACTOR and not party_to_the_rating(user, parties)


class AppealLifecycle(RuleBasedStateMachine):
    """One result part of one employee; appeals on it come and go."""

    def __init__(self) -> None:
        super().__init__()
        self.appeals: list[Appeal] = []
        self.trails: list[list[AuditRecord]] = []
        self.clock = START
        self.parties = Parties("emp", "mgr", frozenset({"mgr", "boss"}), frozenset({"hr1"}), None)

    @initialize(
        hr_admins=st.sets(st.sampled_from(["hr1", "hr2", "hr3", "boss", "mgr", "emp"]), min_size=1),
        lead=st.sampled_from([None, "lead", "hr1", "boss", "emp", "mgr"]),
        manager=st.sampled_from(["mgr", None]),
    )
    def people(self, hr_admins: set[str], lead: str | None, manager: str | None) -> None:
        chain = {"boss"} | ({manager} if manager else set())
        self.parties = Parties("emp", manager, frozenset(chain), frozenset(hr_admins), lead)

    # --- helpers ---------------------------------------------------------------------------------

    def now(self) -> datetime:
        self.clock += timedelta(hours=1)
        return self.clock

    def who(self, actor: str, action: str) -> str:
        """`RIGHT` stands for a person the expectations allow to act (if any), else `actor` itself."""
        if actor == ELIGIBLE:
            return next((p for p in sorted(self.parties.hr_admins) if may_handle(p, self.parties)), "peer")
        if actor not in (RIGHT, WRONG):
            return actor
        assignee = self.appeals[-1].assignee if self.appeals else None
        allowed = [p for p in PEOPLE if expected_allowed(action, p, self.parties, assignee)]
        if (
            actor == WRONG
        ):  # the tricky ones: HR admins or the lead who are a party to the rating, or not assigned
            hr = self.parties.hr_admins | {self.parties.hr_lead}
            allowed = [p for p in PEOPLE if p in hr and p not in allowed]
        return allowed[self.clock.hour % len(allowed)] if allowed else "peer"

    def attempt(self, action: str, actor: str, call: Any, input_ok: bool = True) -> None:
        """Run one transition on the latest appeal and check it against the expectations."""
        if not self.appeals:
            return
        appeal = self.appeals[-1]
        event(f"{action} from {appeal.state}")
        before = appeal
        allowed = expected_allowed(action, actor, self.parties, appeal.assignee)
        target = EXPECTED_MOVES[action].get(appeal.state)
        if not allowed:
            try:
                call(appeal)
            except PermissionDenied:
                return
            raise AssertionError(f"{actor} was let {action} an appeal {appeal.state}")
        if target is None or not input_ok:
            try:
                call(appeal)
            except PermissionDenied as denied:
                raise AssertionError(f"{actor} may {action}; refused as forbidden") from denied
            except DomainError:
                return
            raise AssertionError(f"{action} accepted from {appeal.state} or with bad input")
        step = call(appeal)
        assert step.appeal.state is target
        assert step.audit.from_state is before.state and step.audit.to_state is target
        assert step.audit.actor == actor
        self.appeals[-1] = step.appeal
        self.trails[-1].append(step.audit)

    # --- rules -------------------------------------------------------------------------------------

    @rule(actor=ACTORS, reason=TEXT)
    def file(self, actor: str, reason: str) -> None:
        actor = self.who(actor, "file")
        open_or_decided = any(a.state in OPEN or a.state is S.DECIDED for a in self.appeals)
        expected = actor == "emp" and not open_or_decided and len(reason) >= 30
        try:
            step = appeals.file_appeal(
                actor=actor,
                parties=self.parties,
                part="overall",
                original_rating=ORIGINAL,
                levels=LEVELS,
                reason=reason,
                at=self.now(),
                same_part=self.appeals,
            )
        except PermissionDenied:
            assert actor != "emp"
            return
        except DomainError:
            assert not expected
            return
        assert expected, f"filing accepted for {actor} with {len(self.appeals)} earlier appeals"
        self.appeals.append(step.appeal)
        self.trails.append([step.audit])

    @rule(actor=ACTORS, assignee=st.one_of(st.just(ELIGIBLE), st.sampled_from(PEOPLE)))
    def assign(self, actor: str, assignee: str) -> None:
        actor, assignee = self.who(actor, "assign"), self.who(assignee, "assign")
        self.attempt(
            "assign",
            actor,
            lambda a: appeals.assign(a, actor=actor, parties=self.parties, assignee=assignee, at=self.now()),
            input_ok=may_handle(assignee, self.parties),
        )

    @rule(actor=ACTORS, question=TEXT, share=st.booleans())
    def ask_statement(self, actor: str, question: str, share: bool) -> None:
        actor = self.who(actor, "ask_statement")
        self.attempt(
            "ask_statement",
            actor,
            lambda a: appeals.ask_statement(
                a, actor=actor, parties=self.parties, at=self.now(), question=question, share_reason=share
            ),
            input_ok=bool(question) and self.parties.reviewing_manager is not None,
        )

    @rule(actor=ACTORS, text=TEXT)
    def answer_statement(self, actor: str, text: str) -> None:
        actor = self.who(actor, "answer_statement")
        self.attempt(
            "answer_statement",
            actor,
            lambda a: appeals.answer_statement(
                a, actor=actor, parties=self.parties, at=self.now(), statement=text
            ),
            input_ok=bool(text),
        )

    @rule(actor=ACTORS, question=TEXT)
    def ask_employee(self, actor: str, question: str) -> None:
        actor = self.who(actor, "ask_employee")
        self.attempt(
            "ask_employee",
            actor,
            lambda a: appeals.ask_employee(
                a, actor=actor, parties=self.parties, at=self.now(), question=question
            ),
            input_ok=bool(question),
        )

    @rule(actor=ACTORS, text=TEXT)
    def answer_employee(self, actor: str, text: str) -> None:
        actor = self.who(actor, "answer_employee")
        self.attempt(
            "answer_employee",
            actor,
            lambda a: appeals.answer_employee(
                a, actor=actor, parties=self.parties, at=self.now(), answer=text
            ),
            input_ok=bool(text),
        )

    @rule(
        actor=ACTORS,
        outcome=st.sampled_from(list(Outcome)),
        new_rating=st.none() | st.integers(0, LEVELS + 1),
        explanation=TEXT,
    )
    def decide(self, actor: str, outcome: Outcome, new_rating: int | None, explanation: str) -> None:
        actor = self.who(actor, "decide")
        if outcome is Outcome.ADJUSTED:
            rating_ok = new_rating is not None and 1 <= new_rating <= LEVELS and new_rating != ORIGINAL
        else:
            rating_ok = new_rating is None
        self.attempt(
            "decide",
            actor,
            lambda a: appeals.decide(
                a,
                actor=actor,
                parties=self.parties,
                at=self.now(),
                outcome=outcome,
                explanation=explanation,
                new_rating=new_rating,
            ),
            input_ok=rating_ok and bool(explanation),
        )

    @rule(actor=st.sampled_from(PEOPLE))  # anyone at random: a withdrawal ends the story too often otherwise
    def withdraw(self, actor: str) -> None:
        actor = self.who(actor, "withdraw")
        self.attempt(
            "withdraw", actor, lambda a: appeals.withdraw(a, actor=actor, parties=self.parties, at=self.now())
        )

    @rule(actor=ACTORS, reason=TEXT)
    def reopen(self, actor: str, reason: str) -> None:
        actor = self.who(actor, "reopen")
        self.attempt(
            "reopen",
            actor,
            lambda a: appeals.reopen(a, actor=actor, parties=self.parties, at=self.now(), reason=reason),
            input_ok=bool(reason),
        )

    # --- invariants ----------------------------------------------------------------------------------

    @invariant()
    def at_most_one_open_appeal(self) -> None:
        assert sum(1 for a in self.appeals if a.state in OPEN) <= 1

    @invariant()
    def the_original_rating_is_never_lost(self) -> None:
        for appeal in self.appeals:
            assert appeal.original_rating == ORIGINAL
            assert 1 <= appeal.current_rating <= LEVELS
            for decision in (appeal.decision, *appeal.earlier_decisions):
                if decision is not None and decision.outcome is Outcome.ADJUSTED:
                    assert decision.new_rating is not None and decision.new_rating != ORIGINAL

    @invariant()
    def states_and_decisions_agree(self) -> None:
        for appeal in self.appeals:
            assert appeal.state in set(AppealState)
            assert (appeal.decision is not None) == (appeal.state is S.DECIDED)
            if appeal.state is S.REOPENED:
                assert appeal.earlier_decisions

    @invariant()
    def only_someone_without_a_part_in_the_rating_handles_it(self) -> None:
        for appeal in self.appeals:
            assert appeal.assignee is None or may_handle(appeal.assignee, self.parties)

    @invariant()
    def the_audit_trail_tells_the_whole_story(self) -> None:
        for appeal, trail in zip(self.appeals, self.trails, strict=True):
            assert trail[0].from_state is None and trail[0].actor == "emp"
            for earlier, later in pairwise(trail):
                assert later.from_state is earlier.to_state
                assert later.at > earlier.at
            assert trail[-1].to_state is appeal.state


AppealLifecycle.TestCase.settings = settings(
    max_examples=200, stateful_step_count=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TestAppealLifecycle = AppealLifecycle.TestCase
