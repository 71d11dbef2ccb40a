"""HL7 FHIR R4 and CDS Hooks 2.0, for integrators who hold resources as dicts.

One place to find what the rest of the package already does with FHIR (docs/fhir.md): the
rule set's form as a Questionnaire, a QuestionnaireResponse read as an intake and screened,
and a decision as a CDS Hooks response. Each function is the package's own call, so the
results are byte for byte those of `contrascreen questionnaire --format fhir` and
`contrascreen screen --format cds-hooks`.
"""

import json
from collections.abc import Mapping

from . import read_intake

__all__ = ["questionnaire", "read_response", "screen_response", "cds_hooks_response"]


def questionnaire(ruleset, *, lang=None, base_url=None):
    """The rule set's intake form as a FHIR R4 Questionnaire resource (a dict):
    json.loads of RuleSet.questionnaire("fhir", lang, base_url)."""
    return json.loads(ruleset.questionnaire("fhir", lang=lang, base_url=base_url))


def read_response(resource, *, ruleset=None):
    """A QuestionnaireResponse (or a Bundle holding exactly one) as an intake mapping
    {'id', 'date', 'answers'}; IntakeError with each problem's FHIR path, as for a file.
    TypeError for anything but a mapping with a 'resourceType' key: a native intake is
    contrascreen.read_intake's."""
    if not isinstance(resource, Mapping) or "resourceType" not in resource:
        raise TypeError("expected a FHIR resource: a mapping with a 'resourceType' key")
    return read_intake(resource, ruleset=ruleset)


def screen_response(ruleset, resource, *, date=None, lang=None):
    """Reads a QuestionnaireResponse (read_response) and screens it (RuleSet.screen_intake):
    a Decision, or IntakeError for a response that cannot be read or whose answers cannot
    all be true. `authored` is the screening date; `date` only stands in when it is absent."""
    return ruleset.screen_intake(read_response(resource, ruleset=ruleset), date=date, lang=lang)


def cds_hooks_response(decision):
    """The CDS Hooks response of a Decision, {'cards': [...]}: Decision.to_cds_hooks()."""
    return decision.to_cds_hooks()
