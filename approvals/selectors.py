"""Reads of the approval engine. Stub until the engine lands; the signatures are the contract."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ChainEntry:
    """One line of an object's approval chain, as shown on its page and printed as its signature block."""

    step_name: str
    approver_name: str
    decision_label: str
    decided_at: datetime | None
    comment: str


def pending_count_for(user) -> int:
    return 0


def chain_for(obj) -> list[ChainEntry]:
    return []
