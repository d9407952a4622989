"""Tutorial content packs: model, loader and validator."""

from lbpmv_desktop.core.tutorials.catalogue import Catalogue
from lbpmv_desktop.core.tutorials.loader import Problem, check_content, load_catalogue
from lbpmv_desktop.core.tutorials.model import Step, StepAction, Tutorial

__all__ = [
    "Catalogue",
    "Problem",
    "Step",
    "StepAction",
    "Tutorial",
    "check_content",
    "load_catalogue",
]
