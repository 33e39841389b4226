"""Review cycles: the cycle and its definition, self-assessments, peer nominations and anonymous peer
reviews, deadlines and their extensions, and who may do what (see permissions.py); the final score
formula and its steps in words (scoring.py, explain.py) for the manager review."""

from models.reviews.aggregate import PeerAggregate, peer_aggregate
from models.reviews.cycle_export import CycleExport, cycle_export
from models.reviews.cycles import (
    create_cycle,
    edit_draft,
    extend_deadline,
    get_cycle,
    launch_cycle,
    list_cycles,
    participant_of,
    reassign_manager,
    running_cycles,
)
from models.reviews.definition import CycleDefinition, check_definition, parse_cycle_file, shift_dates
from models.reviews.entities import (
    CycleStatus,
    DeadlineExtension,
    ManagerReview,
    NominationStatus,
    PeerNomination,
    PeerReview,
    RecommendedOutcome,
    ReviewCycle,
    ReviewParticipant,
    SelfAssessment,
    Stage,
    SubmissionStatus,
)
from models.reviews.evidence import GoalEvidence, goal_evidence
from models.reviews.manager_review import (
    ManagerReviewInput,
    manager_review_of,
    read_result,
    save_manager_review,
)
from models.reviews.messages import ReviewMessage, key_of, row_payload
from models.reviews.mine import MyCycle, my_cycle, my_cycles
from models.reviews.outcome_entities import ReviewOutcome
from models.reviews.outcomes import OutcomeForm, OutcomeInput, outcome_form, record_outcome
from models.reviews.peers import decide_nominations, decline_peer_request, nominate_peers, submit_peer_review
from models.reviews.permissions import ReviewAction, can
from models.reviews.release import appeal_window_last_day, appeal_window_open, is_released
from models.reviews.releasing import ReleaseCounts, release_preview, release_results
from models.reviews.scoring import (
    OVERALL,
    ScoreInputs,
    ScoreResult,
    compute_score,
    revise_criterion,
    revise_overall,
)
from models.reviews.self_assessment import SelfAssessmentInput, definition_of, save_self_assessment
from models.reviews.status import StageCount, stage_counts

__all__ = [
    "OVERALL",
    "CycleDefinition",
    "CycleExport",
    "CycleStatus",
    "DeadlineExtension",
    "GoalEvidence",
    "ManagerReview",
    "ManagerReviewInput",
    "MyCycle",
    "NominationStatus",
    "OutcomeForm",
    "OutcomeInput",
    "PeerAggregate",
    "PeerNomination",
    "PeerReview",
    "RecommendedOutcome",
    "ReleaseCounts",
    "ReviewAction",
    "ReviewCycle",
    "ReviewMessage",
    "ReviewOutcome",
    "ReviewParticipant",
    "ScoreInputs",
    "ScoreResult",
    "SelfAssessment",
    "SelfAssessmentInput",
    "Stage",
    "StageCount",
    "SubmissionStatus",
    "appeal_window_last_day",
    "appeal_window_open",
    "can",
    "check_definition",
    "compute_score",
    "create_cycle",
    "cycle_export",
    "decide_nominations",
    "decline_peer_request",
    "definition_of",
    "edit_draft",
    "extend_deadline",
    "get_cycle",
    "goal_evidence",
    "is_released",
    "key_of",
    "launch_cycle",
    "list_cycles",
    "manager_review_of",
    "my_cycle",
    "my_cycles",
    "nominate_peers",
    "outcome_form",
    "parse_cycle_file",
    "participant_of",
    "peer_aggregate",
    "read_result",
    "reassign_manager",
    "record_outcome",
    "release_preview",
    "release_results",
    "revise_criterion",
    "revise_overall",
    "row_payload",
    "running_cycles",
    "save_manager_review",
    "save_self_assessment",
    "shift_dates",
    "stage_counts",
    "submit_peer_review",
]
