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

# What each goal of the last question leads to, in the order a merchant would learn it. Ids of
# the shipped catalogue; one that a catalogue lacks is skipped (and its place is filled from the
# staircase of the chosen theme).
GOAL_TUTORIALS = {
    "internet": ("fiche-google", "horaires-partout", "avis-clients", "page-facebook"),
    "photos": (
        "photos-produits",
        "transferer-photos",
        "retoucher-photo",
        "visuel-simple",
        "publier-instagram",
    ),
    "vendre": (
        "click-collect",
        "repondre-messages",
        "payer-a-distance",
        "whatsapp-business",
        "affiche-vitrine",
        "annonce-leboncoin",
    ),
}
ACCOUNTS = "adresse-mail-comptes"  # the shop's own address and who holds its accounts: before any account
SCAMS_BASICS = "arnaques-mots-de-passe"
SCAMS_SHOPS = "arnaques-commerces"
LOCAL_HELP = "aide-pres-de-chez-soi"
# A question answered « at ease » (2) makes its first-steps tutorial unnecessary for a merchant
# already at ease with digital tools.
MASTERED = {
    "google": "fiche-google",
    "photos": "photos-produits",
    "reseaux": "page-facebook",
    "distance": "click-collect",
}


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
    """Tutorials to start with (at most ``length``, prerequisites before what needs them).

    - A merchant without online accounts (no Google listing they know of, never on Facebook or
      Instagram) or far from digital starts with the shop's own e-mail address and accounts.
    - Then the goal's tutorials (``GOAL_TUTORIALS``): first steps before the others for a merchant
      far from digital; for one at ease, first steps the answers say they master are left out.
    - Everyone gets a tutorial on scams: the shops' scams (fake adviser, fake supplier…) for a
      merchant at ease, passwords and everyday scams for the others.
    - A merchant far from digital, or who does not feel able to learn alone, also learns where
      to find help near the shop.
    """
    theme = _GOAL_THEMES.get(answers.get("objectif", 1), "photos")
    profile = profile_for(answers)

    def known(tutorial_id: str) -> bool:
        return tutorial_id in catalogue

    no_accounts = answers.get("google", 0) == 0 and answers.get("reseaux", 0) == 0
    head = [ACCOUNTS] if (no_accounts or profile == "eloigne") and known(ACCOUNTS) else []
    mastered: set[str] = set()
    if profile == "affut":
        mastered = {MASTERED[q] for q, answer in answers.items() if q in MASTERED and answer == 2}
    goal = [t for t in GOAL_TUTORIALS.get(theme, ()) if known(t) and t not in mastered]
    if profile == "eloigne":
        goal.sort(key=lambda t: _level(catalogue, t))
    scams = SCAMS_SHOPS if profile == "affut" else SCAMS_BASICS
    tail = [scams] if known(scams) else []
    if (profile == "eloigne" or answers.get("confiance") == 0) and known(LOCAL_HELP):
        tail.append(LOCAL_HELP)
    room = max(0, length - len(head) - len(tail))
    plan = [*head, *goal[:room]]
    for tutorial in catalogue.path(theme):  # a catalogue without the goal's tutorials still gets a plan
        if len(plan) + len(tail) >= length:
            break
        if tutorial.id in mastered or tutorial.id in plan or tutorial.id in tail:
            continue
        if _fits(profile, theme, tutorial.level, tutorial.theme):
            plan.append(tutorial.id)
    plan = [*plan, *(t for t in tail if t not in plan)][:length]
    return _prerequisites_first(plan, catalogue)


def _prerequisites_first(plan: list[str], catalogue: Catalogue) -> list[str]:
    """``plan`` in its order, but a tutorial of the plan after those of the plan it needs."""
    chosen = set(plan)
    ordered: list[str] = []

    def place(tutorial_id: str, trail: frozenset[str]) -> None:
        if tutorial_id in ordered or tutorial_id in trail:
            return
        tutorial = catalogue.get(tutorial_id)
        for needed in tutorial.prerequisites if tutorial is not None else ():
            if needed in chosen:
                place(needed, trail | {tutorial_id})
        ordered.append(tutorial_id)

    for tutorial_id in plan:
        place(tutorial_id, frozenset())
    return ordered


def _level(catalogue: Catalogue, tutorial_id: str) -> int:
    tutorial = catalogue.get(tutorial_id)
    return tutorial.level if tutorial is not None else 99


def _fits(profile: str, goal: str, level: int, theme: str) -> bool:
    """Whether a tutorial outside the goal's list may fill the plan: first steps for a merchant far
    from digital, further steps (or the goal's theme) for one at ease."""
    if profile == "eloigne":
        return level == 1
    if profile == "affut":
        return level > 1 or theme == goal
    return True
