"""Use cases: keep an uploaded file as evidence, list what supports a subject, open one file.

Who may add evidence is who may submit what it supports; who may see it is who is concerned with
that: the person who gave it, the business unit, and those who decide or sit on the body it
belongs to. A refusal is recorded as a security event, as every permission refusal is.
"""

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from governance.deadlines.model import DeadlineOnRecord
from governance.evidence.model import (
    ONLY_THOSE_CONCERNED_ADD_EVIDENCE,
    ONLY_THOSE_CONCERNED_SEE_EVIDENCE,
    AttachEvidence,
    EvidenceFor,
    EvidenceOnRecord,
    Supports,
    check_evidence_file,
    safe_file_name,
)
from governance.partnership.people import PersonOnRecord
from governance.partnership.use_cases import person_on_record
from governance.permissions import SUB_GROUP_LEADERS, PermissionRefused, may_see_exempt
from governance.ports import GovernanceUnitOfWork
from governance.returns.use_cases import deadline_on_record
from governance.rules import UnknownRecord

Identify = Callable[[bytes, str], str | None]
"""The media type a file's bytes show (its name only tells text from CSV); None when not recognised."""


class EvidenceRecords(Protocol):
    def add(
        self,
        about: EvidenceFor,
        *,
        file_name: str,
        media_type: str,
        content: bytes,
        sha256: str,
        uploaded_by: str,
        at: datetime,
    ) -> int: ...
    def find(self, evidence_id: int) -> EvidenceOnRecord | None:
        """The file's particulars and its content."""

    def supporting(self, about: EvidenceFor) -> list[EvidenceOnRecord]:
        """The files kept for it, oldest first, without their content."""


class EvidenceUnitOfWork(GovernanceUnitOfWork, Protocol):
    evidence: EvidenceRecords


def attach_evidence(
    command: AttachEvidence, *, uow: EvidenceUnitOfWork, identify: Identify, now: datetime
) -> int:
    """Keep the file when its bytes are of an accepted type and at most 10 MB; returns its number."""
    media_type = check_evidence_file(
        command.file_name, command.content, identify(command.content, command.file_name)
    )
    with uow:
        person = person_on_record(uow, command.uploaded_by)
        _permit(
            _may_add(uow, person, command.about), ONLY_THOSE_CONCERNED_ADD_EVIDENCE, person, command.about
        )
        evidence_id = uow.evidence.add(
            command.about,
            file_name=safe_file_name(command.file_name),
            media_type=media_type,
            content=command.content,
            sha256=hashlib.sha256(command.content).hexdigest(),
            uploaded_by=person.key,
            at=now,
        )
        uow.audit.record(
            at=now,
            actor=person.key,
            event="evidence added",
            subject=command.about.subject,
            details={"evidence": evidence_id, "file": safe_file_name(command.file_name), "type": media_type},
        )
        uow.commit()
    return evidence_id


def evidence_for(about: EvidenceFor, *, reader: str, uow: EvidenceUnitOfWork) -> list[EvidenceOnRecord]:
    """The files supporting ``about`` that ``reader`` may see (none for anyone not concerned)."""
    with uow:
        person = person_on_record(uow, reader)
        if not _may_see(uow, person, about):
            return []
        return uow.evidence.supporting(about)


def open_evidence(evidence_id: int, *, reader: str, uow: EvidenceUnitOfWork) -> EvidenceOnRecord:
    """One file with its content, for someone concerned with what it supports (a refusal is a security event)."""
    with uow:
        evidence = uow.evidence.find(evidence_id)
        if evidence is None:
            raise UnknownRecord(f"No evidence number {evidence_id}")
        person = person_on_record(uow, reader)
        _permit(
            _may_see(uow, person, evidence.about), ONLY_THOSE_CONCERNED_SEE_EVIDENCE, person, evidence.about
        )
    return evidence


def _permit(allowed: bool, rule, person: PersonOnRecord, about: EvidenceFor) -> None:
    if not allowed:
        raise PermissionRefused(rule, person.name, actor=person.key, subject=about.subject)


def _deadline_people(person: PersonOnRecord, deadline: DeadlineOnRecord) -> bool:
    """The owner, the lead or chair of its sub-group, and the business unit."""
    leads = deadline.sub_group_key is not None and any(
        person.holds_on(role, deadline.sub_group_key) for role in SUB_GROUP_LEADERS
    )
    return person.key == deadline.owner_key or leads or person.works_in_business_unit


def _may_add(uow: EvidenceUnitOfWork, person: PersonOnRecord, about: EvidenceFor) -> bool:
    match about.supports:
        case Supports.ACTION_UPDATE:
            action = uow.actions.find(about.reference)
            if action is None:
                raise UnknownRecord(f"No action with reference {about.reference!r}")
            return person.key == action.owner_key or person.works_in_business_unit
        case Supports.RETURN:
            return _deadline_people(person, deadline_on_record(uow, about.deadline_key or ("", "", "")))
        case Supports.EXTENSION_REQUEST:
            request = _request(uow, about)
            return person.key == request.requested_by or person.works_in_business_unit


def _may_see(uow: EvidenceUnitOfWork, person: PersonOnRecord, about: EvidenceFor) -> bool:
    if _may_add(uow, person, about):
        return True
    match about.supports:
        case Supports.ACTION_UPDATE:
            action = uow.actions.find(about.reference)
            assert action is not None
            return may_see_exempt(person, action.board_key, action.lead_sub_group_key)
        case Supports.RETURN:
            deadline = deadline_on_record(uow, about.deadline_key or ("", "", ""))
            return person.sits_on(deadline.board_key, deadline.sub_group_key)
        case Supports.EXTENSION_REQUEST:
            request = _request(uow, about)
            deadline = deadline_on_record(uow, request.deadline_key)
            return any(person.holds_on(role, deadline.board_key) for role in request.required)


def _request(uow: EvidenceUnitOfWork, about: EvidenceFor):
    request = uow.extensions.find(about.request_id or 0)
    if request is None:
        raise UnknownRecord(f"No extension request number {about.request_id}")
    return request
