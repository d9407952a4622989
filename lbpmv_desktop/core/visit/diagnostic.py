"""The visit's diagnostic questionnaire: ten questions that place the merchant in one of the
programme's three profiles and suggest a plan of tutorials."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lbpmv_desktop.core.tutorials.catalogue import Catalogue

PROFILES = {
    "affut": "À l'affût",
    "freine": "Demandeur mais freiné",
    "eloigne": "Éloigné",
}


@dataclass(frozen=True)
class Question:
    """One question; each choice carries a score (0: far from digital, 2: at ease)."""

    id: str
    text: str
    choices: tuple[tuple[str, int], ...]


QUESTIONS = (
    Question(
        "ordinateur",
        "Avez-vous un ordinateur au magasin ?",
        (("Non", 0), ("Oui, mais je m'en sers peu", 1), ("Oui, je m'en sers tous les jours", 2)),
    ),
    Question(
        "smartphone",
        "Avez-vous un téléphone qui prend des photos et va sur internet ?",
        (("Non", 0), ("Oui, je l'utilise pour appeler surtout", 1), ("Oui, je m'en sers beaucoup", 2)),
    ),
    Question(
        "internet",
        "Le magasin a-t-il une connexion internet ?",
        (("Non", 0), ("Oui, mais elle marche mal", 1), ("Oui", 2)),
    ),
    Question(
        "google",
        "Votre commerce a-t-il une fiche Google (horaires, adresse) ?",
        (("Je ne sais pas", 0), ("Oui, mais je ne m'en occupe pas", 1), ("Oui, je la tiens à jour", 2)),
    ),
    Question(
        "reseaux",
        "Publiez-vous sur Facebook ou Instagram pour le magasin ?",
        (("Jamais", 0), ("De temps en temps", 1), ("Chaque semaine", 2)),
    ),
    Question(
        "photos", "Prenez-vous vos produits en photo ?", (("Jamais", 0), ("Parfois", 1), ("Souvent", 2))
    ),
    Question(
        "distance",
        "Vendez-vous à distance (téléphone, click & collect, messages) ?",
        (("Non", 0), ("Rarement", 1), ("Oui, régulièrement", 2)),
    ),
    Question(
        "confiance",
        "Vous sentez-vous capable d'apprendre seul(e) avec des tutoriels ?",
        (("Pas du tout", 0), ("Un peu", 1), ("Oui", 2)),
    ),
    Question(
        "temps",
        "Combien de temps pouvez-vous y consacrer chaque semaine ?",
        (("Presque pas", 0), ("Une demi-heure", 1), ("Une heure ou plus", 2)),
    ),
    Question(
        "objectif",
        "Qu'est-ce qui compte le plus pour vous ?",
        (("Être trouvé sur internet", 1), ("Montrer mes produits", 1), ("Vendre à distance", 1)),
    ),
)

_GOAL_THEMES = {0: "internet", 1: "photos", 2: "vendre"}


def profile_for(answers: dict[str, int]) -> str:
    """The profile from the answers (choice indexes): the total score decides."""
    score = 0
    for question in QUESTIONS:
        index = answers.get(question.id)
        if index is not None and 0 <= index < len(question.choices) and question.id != "objectif":
            score += question.choices[index][1]
    if score >= 13:
        return "affut"
    if score >= 7:
        return "freine"
    return "eloigne"


def suggested_plan(answers: dict[str, int], catalogue: Catalogue, length: int = 5) -> list[str]:
    """Tutorials to start with: the chosen goal first, gentle first steps for the far profiles."""
    theme = _GOAL_THEMES.get(answers.get("objectif", 1), "photos")
    profile = profile_for(answers)
    ordered = catalogue.path(theme)
    if profile == "eloigne":
        ordered = sorted(ordered, key=lambda t: (t.level, 0 if t.theme == theme else 1))
    plan = [t.id for t in ordered if profile != "affut" or t.level > 1 or t.theme == theme]
    return plan[:length]
