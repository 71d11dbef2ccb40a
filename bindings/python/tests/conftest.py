"""Shared fixtures of the Python tests. Run them with the interpreter the module was built for:

    PYTHONPATH=build/bindings/python /usr/bin/python3 -m pytest -q bindings/python/tests

CTest (`python.pytest`) sets PYTHONPATH, CONTRASCREEN_CLI and CONTRASCREEN_SOURCE_DIR.
"""

import os
import pathlib
import shutil

import pytest

import contrascreen

ROOT = pathlib.Path(os.environ.get("CONTRASCREEN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[3]))
RULES = ROOT / "rules"
CLINIC_SV = RULES / "clinics" / "clinic-sv" / "microneedling.yaml"
CLINIC_NL = RULES / "clinics" / "clinic-nl" / "microneedling.yaml"
BASELINE = RULES / "common" / "microneedling.yaml"
QUICKSTART = ROOT / "examples" / "policies" / "quickstart.yaml"
TEST_DATA = ROOT / "tests" / "data"


def cli_path():
    """The contrascreen CLI: $CONTRASCREEN_CLI (set by CTest), else build*/cli/contrascreen."""
    named = os.environ.get("CONTRASCREEN_CLI")
    if named:
        return named
    for build in sorted(ROOT.glob("build*/cli/contrascreen")):
        return str(build)
    return shutil.which("contrascreen")


@pytest.fixture(scope="session")
def cli():
    path = cli_path()
    if not path or not os.path.exists(path):
        pytest.skip("the contrascreen CLI is not built (set CONTRASCREEN_CLI)")
    return path


@pytest.fixture(scope="session")
def clinic_sv():
    return contrascreen.load(CLINIC_SV)


@pytest.fixture(scope="session")
def quickstart():
    return contrascreen.load(QUICKSTART)


#: Every answer of a first-time patient with no contraindication (clinic-sv allows it).
CLEAN = {
    "age": 34,
    "pregnant": False,
    "breastfeeding": False,
    "keloid_history": False,
    "herpes_active": False,
    "skin_infection_active": False,
    "skin_cancer": False,
    "actinic_keratosis": False,
    "acne": "none",
    "rosacea": "none",
    "dermatitis": "none",
    "psoriasis_in_area": False,
    "sensitive_skin": False,
    "autoimmune_skin_disease": False,
    "diabetes": "none",
    "bleeding_disorder": False,
    "oral_retinoids": "never",
    "medications": [],
    "anticoagulant_therapy": False,
    "corticosteroids_high_dose": False,
    "chemotherapy_current": False,
    "radiotherapy_current": False,
    "previous_microneedling": False,
    "indication": "wrinkles",
}
