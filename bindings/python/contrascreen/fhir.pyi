"""Type stubs of contrascreen.fhir: FHIR R4 and CDS Hooks with resources as dicts."""

from typing import Any, Dict, Mapping, Optional

from . import DateLike, Decision, RuleSet

def questionnaire(ruleset: RuleSet, *, lang: Optional[str] = ..., base_url: Optional[str] = ...) -> Dict[str, Any]:
    """The rule set's intake form as a FHIR R4 Questionnaire resource."""

def read_response(resource: Mapping[str, Any], *, ruleset: Optional[RuleSet] = ...) -> Dict[str, Any]:
    """A QuestionnaireResponse (or a Bundle of one) as an intake mapping; raises IntakeError."""

def screen_response(
    ruleset: RuleSet, resource: Mapping[str, Any], *, date: Optional[DateLike] = ..., lang: Optional[str] = ...
) -> Decision:
    """Reads a QuestionnaireResponse and screens it; raises IntakeError."""

def cds_hooks_response(decision: Decision) -> Dict[str, Any]:
    """The CDS Hooks response {'cards': [...]} of a decision."""
