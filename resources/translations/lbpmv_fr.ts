<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AnimatorController</name>
    <message>
        <source>{file}: the code typed is not the code of “{shop}”.</source>
        <translation>{file} : le code tapé n&apos;est pas celui de « {shop} ».</translation>
    </message>
    <message>
        <source>… and {count} more files refused.</source>
        <translation>… et {count} autres fichiers refusés.</translation>
    </message>
    <message>
        <source>{shop}: nothing new (this file, or a newer one, was already received)</source>
        <translation>{shop} : rien de nouveau (ce fichier, ou un plus récent, a déjà été reçu)</translation>
    </message>
    <message>
        <source>{shop}: sharing stopped</source>
        <translation>{shop} : partage arrêté</translation>
    </message>
    <message>
        <source>{shop}: data erased by the merchant</source>
        <translation>{shop} : données effacées par le commerçant</translation>
    </message>
    <message>
        <source>Progress files received: {list}</source>
        <translation>Fichiers de progrès reçus : {list}</translation>
    </message>
    <message>
        <source>{shop}: {count} new event(s)</source>
        <translation>{shop} : {count} nouvel(s) événement(s)</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Bilan enregistré&#xa0;: {path}</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing is lost: please try again.</source>
        <translation>Quelque chose n&apos;a pas marché. Rien n&apos;est perdu&#xa0;: réessayez, s&apos;il vous plaît.</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Answer</source>
        <translation>Répondre</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Votre réponse</translation>
    </message>
    <message>
        <source>For example: I will call you on Tuesday.</source>
        <translation>Par exemple&#xa0;: je vous appelle mardi.</translation>
    </message>
    <message>
        <source>Record the answer</source>
        <translation>Enregistrer la réponse</translation>
    </message>
</context>
<context>
    <name>AppSession</name>
    <message>
        <source>Not saved yet: {what}. {reason}</source>
        <translation>Pas encore enregistré : {what}. {reason}</translation>
    </message>
    <message>
        <source>your settings</source>
        <translation>vos réglages</translation>
    </message>
    <message>
        <source>the step you opened</source>
        <translation>l&apos;étape que vous avez ouverte</translation>
    </message>
    <message>
        <source>{first} and {count} other things you did</source>
        <translation>{first} et {count} autres choses que vous avez faites</translation>
    </message>
    <message>
        <source>the step « {title} » marked as done</source>
        <translation>l&apos;étape « {title} » marquée comme faite</translation>
    </message>
    <message>
        <source>the step « {title} » marked as not done</source>
        <translation>l&apos;étape « {title} » remise à faire</translation>
    </message>
    <message>
        <source>the end of the tutorial « {title} »</source>
        <translation>la fin du tutoriel « {title} »</translation>
    </message>
    <message>
        <source>your help request</source>
        <translation>votre demande d&apos;aide</translation>
    </message>
    <message>
        <source>your answer to « I feel able to do it »</source>
        <translation>votre réponse à « vous sentez-vous capable de le faire ? »</translation>
    </message>
    <message>
        <source>your shop&apos;s name and your goal</source>
        <translation>le nom de votre boutique et votre objectif</translation>
    </message>
    <message>
        <source>the poster or photo you made, in your progress</source>
        <translation>l&apos;affiche ou la photo que vous avez faite, dans votre parcours</translation>
    </message>
    <message>
        <source>what was noted during the visit</source>
        <translation>ce qui a été noté pendant la visite</translation>
    </message>
    <message>
        <source>The app tries again by itself every few seconds.</source>
        <translation>L&apos;application réessaie d&apos;elle-même dans quelques secondes, puis régulièrement.</translation>
    </message>
    <message>
        <source>The computer&apos;s disk is full. Free some space (empty the recycle bin, delete files you no longer need).</source>
        <translation>Le disque de l&apos;ordinateur est plein. Libérez de la place (videz la corbeille, supprimez les fichiers dont vous n&apos;avez plus besoin).</translation>
    </message>
    <message>
        <source>The folder where your progress is kept cannot be written to. If it is on a USB key, check that the key is plugged in and not locked.</source>
        <translation>Le dossier où votre parcours est gardé n&apos;accepte pas l&apos;écriture. S&apos;il est sur une clé USB, vérifiez qu&apos;elle est bien branchée et qu&apos;elle n&apos;est pas verrouillée.</translation>
    </message>
    <message>
        <source>The folder where your progress is kept cannot be reached. If it is on a USB key, plug the key back in.</source>
        <translation>Le dossier où votre parcours est gardé est introuvable. S&apos;il est sur une clé USB, rebranchez-la.</translation>
    </message>
    <message>
        <source>Your progress file is in use by another window of the app: close that window.</source>
        <translation>Le fichier de vos progrès est utilisé par une autre fenêtre de l&apos;application : fermez cette fenêtre.</translation>
    </message>
    <message>
        <source>Your progress file is damaged. Close the app and open it again: it will offer to take back its latest good copy.</source>
        <translation>Le fichier de vos progrès est abîmé. Fermez l&apos;application et rouvrez-la : elle vous proposera de reprendre sa dernière copie correcte.</translation>
    </message>
    <message>
        <source>The app could not write your progress. If this goes on, close the app and show the file {log} to your animator.</source>
        <translation>L&apos;application n&apos;a pas pu écrire votre parcours. Si cela continue, fermez l&apos;application et montrez le fichier {log} à votre animateur.</translation>
    </message>
    <message>
        <source>Your progress could not be opened. Try again; if this goes on, show the file {log} to your animator.</source>
        <translation>Votre parcours n&apos;a pas pu être ouvert. Réessayez ; si cela continue, montrez le fichier {log} à votre animateur.</translation>
    </message>
    <message>
        <source>Your progress could not be opened. {advice} Then try again.</source>
        <translation>Votre parcours n&apos;a pas pu être ouvert. {advice} Puis réessayez.</translation>
    </message>
    <message>
        <source>Your data could not be saved there; your progress in the app is not affected. Try another folder, for example your Documents.</source>
        <translation>Vos données n&apos;ont pas pu être enregistrées à cet endroit ; votre parcours dans l&apos;application n&apos;est pas touché. Essayez un autre dossier, par exemple vos Documents.</translation>
    </message>
    <message>
        <source>Something went wrong: this action could not be finished. Please try again; if it happens again, show the file {log} to your animator.</source>
        <translation>Quelque chose s&apos;est mal passé : cette action n&apos;a pas pu aller jusqu&apos;au bout. Réessayez ; si cela recommence, montrez le fichier {log} à votre animateur.</translation>
    </message>
    <message>
        <source>Something went wrong in the app. Please try again; if it happens again, show the file {log} to your animator.</source>
        <translation>Quelque chose s&apos;est mal passé dans l&apos;application. Réessayez ; si cela recommence, montrez le fichier {log} à votre animateur.</translation>
    </message>
</context>
<context>
    <name>BatchExportDialog</name>
    <message>
        <source>Prepare several photos</source>
        <translation>Préparer plusieurs photos</translation>
    </message>
    <message>
        <source>Prepare several photos at once</source>
        <translation>Préparer plusieurs photos d&apos;un coup</translation>
    </message>
    <message>
        <source>Each photo keeps its own edits. The copies go into « Mes photos prêtes ».</source>
        <translation>Chaque photo garde ses propres retouches. Les copies vont dans «&#xa0;Mes photos prêtes&#xa0;».</translation>
    </message>
    <message>
        <source>Photos to prepare</source>
        <translation>Photos à préparer</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Pour&#xa0;:</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Avancement</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Prepare the ticked photos</source>
        <translation>Préparer les photos cochées</translation>
    </message>
    <message>
        <source>Tick at least one photo.</source>
        <translation>Cochez au moins une photo.</translation>
    </message>
    <message>
        <source>Preparing… you can keep working.</source>
        <translation>Préparation en cours… vous pouvez continuer à travailler.</translation>
    </message>
    <message>
        <source>Photos prepared: {done} of {total}</source>
        <translation>Photos préparées&#xa0;: {done} sur {total}</translation>
    </message>
    <message>
        <source>Stopped. Photos prepared: {count}.</source>
        <translation>Arrêté. Photos préparées&#xa0;: {count}.</translation>
    </message>
    <message>
        <source>✓ Done. Photos ready in « Mes photos prêtes »: {count}.</source>
        <translation>✓ Terminé. Photos prêtes dans «&#xa0;Mes photos prêtes&#xa0;»&#xa0;: {count}.</translation>
    </message>
</context>
<context>
    <name>BilanPage</name>
    <message>
        <source>My progress</source>
        <translation>Mon bilan</translation>
    </message>
    <message>
        <source>Send my progress to my animator…</source>
        <translation>Envoyer mes progrès à mon animateur…</translation>
    </message>
    <message>
        <source>steps done</source>
        <translation>étapes faites</translation>
    </message>
    <message>
        <source>tutorials finished</source>
        <translation>tutoriels terminés</translation>
    </message>
    <message>
        <source>minutes of learning</source>
        <translation>minutes d&apos;apprentissage</translation>
    </message>
    <message>
        <source>What I have done</source>
        <translation>Ce que j&apos;ai fait</translation>
    </message>
    <message>
        <source>My help requests</source>
        <translation>Mes demandes d&apos;aide</translation>
    </message>
    <message>
        <source>My confidence over time</source>
        <translation>Ma confiance au fil du temps</translation>
    </message>
    <message>
        <source>From 1 (not at all capable) to 5 (completely). ○ before a tutorial, ■ after.</source>
        <translation>De 1 (pas du tout capable) à 5 (tout à fait). ○ avant un tutoriel, ■ après.</translation>
    </message>
    <message>
        <source>Chart of my confidence over time</source>
        <translation>Graphique de ma confiance au fil du temps</translation>
    </message>
    <message>
        <source>✓ {title} — finished on {day}</source>
        <translation>✓ {title} — terminé le {day}</translation>
    </message>
    <message>
        <source>… {title} — {done} of {total} steps done</source>
        <translation>… {title} — {done}&#xa0;sur {total}&#xa0;étapes faites</translation>
    </message>
    <message>
        <source>✓ Posters made: {count}</source>
        <translation>✓ Affiches réalisées&#xa0;: {count}</translation>
    </message>
    <message>
        <source>✓ Photos prepared in the studio: {count}</source>
        <translation>✓ Photos préparées dans le studio&#xa0;: {count}</translation>
    </message>
    <message>
        <source>Nothing yet: your first step is waiting for you!</source>
        <translation>Rien pour l&apos;instant&#xa0;: votre première étape vous attend&#xa0;!</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>réponse reçue</translation>
    </message>
    <message>
        <source>waiting for your animator</source>
        <translation>en attente de votre animateur</translation>
    </message>
    <message>
        <source>No help request.</source>
        <translation>Aucune demande d&apos;aide.</translation>
    </message>
    <message>
        <source>before</source>
        <translation>avant</translation>
    </message>
    <message>
        <source>after</source>
        <translation>après</translation>
    </message>
    <message>
        <source>{day} · {title} ({moment}): {value} out of 5</source>
        <translation>{day} · {title} ({moment})&#xa0;: {value} sur 5</translation>
    </message>
    <message>
        <source>You will rate your confidence at the start and end of each tutorial.</source>
        <translation>Vous noterez votre confiance au début et à la fin de chaque tutoriel.</translation>
    </message>
</context>
<context>
    <name>ConfidenceDialog</name>
    <message>
        <source>How do you feel?</source>
        <translation>Comment vous sentez-vous&#xa0;?</translation>
    </message>
    <message>
        <source>Before you start: do you feel capable of this?</source>
        <translation>Avant de commencer&#xa0;: vous sentez-vous capable de le faire&#xa0;?</translation>
    </message>
    <message>
        <source>Now that you are done: do you feel capable of this?</source>
        <translation>Maintenant que c&apos;est fait&#xa0;: vous sentez-vous capable de le faire&#xa0;?</translation>
    </message>
    <message>
        <source>1 — Not at all</source>
        <translation>1 — Pas du tout</translation>
    </message>
    <message>
        <source>2 — A little</source>
        <translation>2 — Un peu</translation>
    </message>
    <message>
        <source>3 — Fairly</source>
        <translation>3 — Moyennement</translation>
    </message>
    <message>
        <source>4 — Quite</source>
        <translation>4 — Plutôt</translation>
    </message>
    <message>
        <source>5 — Completely</source>
        <translation>5 — Tout à fait</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Plus tard</translation>
    </message>
</context>
<context>
    <name>ConfirmCodeDialog</name>
    <message>
        <source>New shop: {name}</source>
        <translation>Nouveau commerce&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Type the verification code shown in the merchant&apos;s app (Réglages). Only then are its files accepted.</source>
        <translation>Tapez le code de vérification affiché dans l&apos;application du commerçant (Réglages). Ses fichiers ne seront acceptés qu&apos;après.</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Code de vérification</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Shop profile</source>
        <translation>Profil du commerce</translation>
    </message>
    <message>
        <source>Opened the step</source>
        <translation>Ouvre l&apos;étape</translation>
    </message>
    <message>
        <source>Step done</source>
        <translation>Étape faite</translation>
    </message>
    <message>
        <source>Step to do again</source>
        <translation>Étape à refaire</translation>
    </message>
    <message>
        <source>Help request</source>
        <translation>Demande d&apos;aide</translation>
    </message>
    <message>
        <source>Animator&apos;s answer</source>
        <translation>Réponse de l&apos;animateur</translation>
    </message>
    <message>
        <source>Feels capable</source>
        <translation>Se sent capable</translation>
    </message>
    <message>
        <source>Tutorial finished</source>
        <translation>Tutoriel terminé</translation>
    </message>
    <message>
        <source>Photo prepared</source>
        <translation>Photo préparée</translation>
    </message>
    <message>
        <source>Poster made</source>
        <translation>Affiche faite</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>Plan chosen</source>
        <translation>Plan choisi</translation>
    </message>
    <message>
        <source>Visit note</source>
        <translation>Note de visite</translation>
    </message>
    <message>
        <source>My shops</source>
        <translation>Mes commerces</translation>
    </message>
    <message>
        <source>Search a shop or an animator</source>
        <translation>Chercher un commerce ou un animateur</translation>
    </message>
    <message>
        <source>Waiting for help only</source>
        <translation>Aide en attente seulement</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>Importer des fichiers…</translation>
    </message>
    <message>
        <source>Import progress files…</source>
        <translation>Importer des fichiers de progrès…</translation>
    </message>
    <message>
        <source>Watched folder…</source>
        <translation>Dossier surveillé…</translation>
    </message>
    <message>
        <source>Report (CSV)…</source>
        <translation>Bilan (CSV)…</translation>
    </message>
    <message>
        <source>Report (PDF)…</source>
        <translation>Bilan (PDF)…</translation>
    </message>
    <message>
        <source>Shops followed</source>
        <translation>Commerces suivis</translation>
    </message>
    <message>
        <source>Choose a shop to see its details.</source>
        <translation>Choisissez un commerce pour voir le détail.</translation>
    </message>
    <message>
        <source>Help waiting</source>
        <translation>Aide en attente</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>{count} shops followed.</source>
        <translation>{count} commerces suivis.</translation>
    </message>
    <message>
        <source>The date of the last file is incorrect.</source>
        <translation>La date du dernier fichier reçu est incorrecte.</translation>
    </message>
    <message>
        <source>No file received yet.</source>
        <translation>Aucun fichier reçu pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Last file written by the shop&apos;s app on {day}.</source>
        <translation>Dernier fichier écrit par l&apos;application du commerce le {day}.</translation>
    </message>
    <message>
        <source>Received on {day}.</source>
        <translation>Reçu ici le {day}.</translation>
    </message>
    <message>
        <source>Code {code} · {steps} steps done · {tutorials} tutorials finished</source>
        <translation>Code {code} · {steps} étapes faites · {tutorials} tutoriels terminés</translation>
    </message>
    <message>
        <source>No help request waiting.</source>
        <translation>Aucune demande d&apos;aide en attente.</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>Répondre…</translation>
    </message>
    <message>
        <source>Answer… {where}</source>
        <translation>Répondre… {where}</translation>
    </message>
    <message>
        <source>And {count} more requests: they appear here as these are answered.</source>
        <translation>Et {count} autres demandes : elles apparaissent ici à mesure que celles-ci reçoivent une réponse.</translation>
    </message>
    <message>
        <source>incorrect date</source>
        <translation>date incorrecte</translation>
    </message>
    <message>
        <source>Import progress files</source>
        <translation>Importer des fichiers de progrès</translation>
    </message>
    <message>
        <source>Progress files (*.lbpmv)</source>
        <translation>Fichiers de progrès (*.lbpmv)</translation>
    </message>
    <message>
        <source>Choose the folder where the shops&apos; files arrive</source>
        <translation>Choisissez le dossier où arrivent les fichiers des commerces</translation>
    </message>
    <message>
        <source>Watching {folder}: new files are imported by themselves.</source>
        <translation>Dossier surveillé&#xa0;: {folder}. Les nouveaux fichiers sont importés tout seuls.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Enregistrer le bilan</translation>
    </message>
</context>
<context>
    <name>DefinitionBox</name>
    <message>
        <source>Read aloud</source>
        <translation>Lire à voix haute</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close the definition (Escape)</source>
        <translation>Fermer la définition (Échap)</translation>
    </message>
    <message>
        <source>Definition of “{word}”</source>
        <translation>Définition de « {word} »</translation>
    </message>
    <message>
        <source>Read aloud: the definition of “{word}”</source>
        <translation>Lire à voix haute : la définition de « {word} »</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>I need help</source>
        <translation>J&apos;ai besoin d&apos;aide</translation>
    </message>
    <message>
        <source>your animator</source>
        <translation>votre animateur</translation>
    </message>
    <message>
        <source>What is blocking you (optional)</source>
        <translation>Ce qui vous bloque (facultatif)</translation>
    </message>
    <message>
        <source>For example: I cannot find the button.</source>
        <translation>Par exemple&#xa0;: je ne trouve pas le bouton.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Ask for help</source>
        <translation>Demander de l&apos;aide</translation>
    </message>
    <message>
        <source>{who} will receive it with your progress (automatic sharing).</source>
        <translation>{who} la recevra avec vos progrès (partage automatique).</translation>
    </message>
    <message>
        <source>{who} will see it at the next visit, or as soon as you send your progress from « My progress ».</source>
        <translation>{who} la verra à sa prochaine visite, ou dès que vous enverrez vos progrès depuis « Mon bilan ».</translation>
    </message>
    <message>
        <source>You are stuck on the step “{step}”? Your request is kept with your progress.</source>
        <translation>Vous êtes bloqué à l&apos;étape « {step} » ? Votre demande est gardée avec vos progrès.</translation>
    </message>
    <message>
        <source>You can say in a few words what is blocking you (optional).</source>
        <translation>Vous pouvez dire en quelques mots ce qui vous bloque (facultatif).</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Your next step</source>
        <translation>Votre prochaine étape</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>My steps</source>
        <translation>Mes marches</translation>
    </message>
    <message>
        <source>Each step is a tutorial. You climb from the bottom; the next one is marked ►.</source>
        <translation>Chaque marche est un tutoriel. Vous montez depuis le bas&#xa0;; la prochaine est marquée ►.</translation>
    </message>
    <message>
        <source>Hello {name}!</source>
        <translation>Bonjour {name}&#xa0;!</translation>
    </message>
    <message>
        <source>Hello!</source>
        <translation>Bonjour&#xa0;!</translation>
    </message>
    <message>
        <source>your animator</source>
        <translation>votre animateur</translation>
    </message>
    <message>
        <source>Nothing is shared with {who} at the moment.</source>
        <translation>Rien n&apos;est partagé avec {who} en ce moment.</translation>
    </message>
    <message>
        <source>Shared with {who} today.</source>
        <translation>Partagé avec {who} aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>Shared with {who} yesterday.</source>
        <translation>Partagé avec {who} hier.</translation>
    </message>
    <message>
        <source>Shared with {who} {days} days ago.</source>
        <translation>Partagé avec {who} il y a {days} jours.</translation>
    </message>
    <message>
        <source>You have climbed every step. Well done!</source>
        <translation>Vous avez monté toutes les marches. Bravo&#xa0;!</translation>
    </message>
    <message>
        <source>You can open any tutorial again below.</source>
        <translation>Vous pouvez rouvrir chaque tutoriel ci-dessous.</translation>
    </message>
    <message>
        <source>Step {number} of {total}: {title} — about {minutes} min</source>
        <translation>Étape {number} sur {total}&#xa0;: {title} — environ {minutes}&#xa0;min</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Commencer</translation>
    </message>
    <message>
        <source>{action}: {title}, step {number}</source>
        <translation>{action} : {title}, étape {number}</translation>
    </message>
    <message>
        <source>✓ Done</source>
        <translation>✓ Terminé</translation>
    </message>
    <message>
        <source>In progress: {done} of {total} steps done</source>
        <translation>En cours&#xa0;: {done}&#xa0;sur {total}&#xa0;étapes faites</translation>
    </message>
    <message>
        <source>To do · {minutes} min</source>
        <translation>À faire · {minutes} min</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>prochaine marche</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>à faire</translation>
    </message>
    <message>
        <source>Step {number}: {title}, {state}, {done} of {total} steps done</source>
        <translation>Marche {number}&#xa0;: {title}, {state}, {done} étapes faites sur {total}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Le Bon Pour Ma Ville</source>
        <translation>Le Bon Pour Ma Ville</translation>
    </message>
    <message>
        <source>Le Bon Pour
Ma Ville</source>
        <translation>Le Bon Pour
Ma Ville</translation>
    </message>
    <message>
        <source>My path</source>
        <translation>Mon parcours</translation>
    </message>
    <message>
        <source>Photo studio</source>
        <translation>Studio photo</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>Affiche</translation>
    </message>
    <message>
        <source>My progress</source>
        <translation>Mon bilan</translation>
    </message>
    <message>
        <source>My shops</source>
        <translation>Mes commerces</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Animator space</source>
        <translation>Espace animateur</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>Opening your progress…</source>
        <translation>Ouverture de votre parcours…</translation>
    </message>
    <message>
        <source>✓ Everything is saved now.</source>
        <translation>✓ Tout est enregistré maintenant.</translation>
    </message>
    <message>
        <source>Your progress could not be opened</source>
        <translation>Vos progrès n&apos;ont pas pu être ouverts</translation>
    </message>
    <message>
        <source>Your progress could not be opened. Check the disk it is on, then try again.</source>
        <translation>Vos progrès n&apos;ont pas pu être ouverts. Vérifiez le disque où ils se trouvent, puis réessayez.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Please update the app</source>
        <translation>Merci de mettre à jour l&apos;application</translation>
    </message>
    <message>
        <source>Your progress was saved by a newer version of Le Bon Pour Ma Ville. Install the latest version to open it. Your data has not been changed.</source>
        <translation>Votre parcours a été enregistré par une version plus récente de l&apos;application Le Bon Pour Ma Ville. Installez la dernière version pour l&apos;ouvrir. Vos données n&apos;ont pas été modifiées.</translation>
    </message>
    <message>
        <source>Something that is not a file (a folder or a special file) has taken the name of the file where your progress is kept.</source>
        <translation>Quelque chose qui n&apos;est pas un fichier (un dossier ou un fichier spécial) a pris le nom du fichier où sont gardés vos progrès.</translation>
    </message>
    <message>
        <source>The file where your progress is kept is damaged (this can happen after a power cut).</source>
        <translation>Le fichier où sont gardés vos progrès est abîmé (cela peut arriver après une coupure de courant).</translation>
    </message>
    <message>
        <source>Your progress file is damaged</source>
        <translation>Le fichier de votre parcours est abîmé</translation>
    </message>
    <message>
        <source>The app made a copy on {when}. Shall we take it back? What is there now is kept aside, nothing is deleted.</source>
        <translation>L&apos;application en a fait une copie le {when}. Voulez-vous la reprendre ? Ce qui est là maintenant est mis de côté, rien n&apos;est effacé.</translation>
    </message>
    <message>
        <source>Take back the copy</source>
        <translation>Reprendre la copie</translation>
    </message>
    <message>
        <source>Something that is not a file (a folder or a special file) has taken the name of the file where your progress is kept, and there is no copy yet. Call your animator: nothing was changed.</source>
        <translation>Quelque chose qui n&apos;est pas un fichier (un dossier ou un fichier spécial) a pris le nom du fichier où sont gardés vos progrès, et il n&apos;y a pas encore de copie. Appelez votre animateur : rien n&apos;a été changé.</translation>
    </message>
    <message>
        <source>The file where your progress is kept is damaged and there is no copy yet. Call your animator: the file is kept as it is.</source>
        <translation>Le fichier où votre parcours est gardé est abîmé, et il n&apos;y a pas encore de copie. Appelez votre animateur&#xa0;: le fichier est gardé tel quel.</translation>
    </message>
    <message>
        <source>Close without saving?</source>
        <translation>Fermer sans enregistrer ?</translation>
    </message>
    <message>
        <source>Part of what you just did is not saved yet: {reason}

If you close the application now, it may be lost. Keep the application open until the message « ✓ Everything is saved now. » appears.</source>
        <translation>Une partie de ce que vous venez de faire n&apos;est pas encore enregistrée : {reason}

Si vous fermez l&apos;application maintenant, cela peut être perdu. Gardez l&apos;application ouverte jusqu&apos;au message « ✓ Tout est enregistré maintenant. ».</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>Fermer quand même</translation>
    </message>
</context>
<context>
    <name>Medal</name>
    <message>
        <source>A medal</source>
        <translation>Une médaille</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PhoneImportDialog</name>
    <message>
        <source>Import from my phone</source>
        <translation>Importer depuis mon téléphone</translation>
    </message>
    <message>
        <source>Which photos do you want to import?</source>
        <translation>Quelles photos voulez-vous importer&#xa0;?</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>déjà importée</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>Déjà importée</translation>
    </message>
    <message>
        <source>Looking for phones, cameras and USB keys…</source>
        <translation>Recherche des téléphones, appareils photo et clés USB…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Choisir un dossier…</translation>
    </message>
    <message>
        <source>Photos of:</source>
        <translation>Photos de :</translation>
    </message>
    <message>
        <source>Photos found, newest first</source>
        <translation>Photos trouvées, les plus récentes d&apos;abord</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Avancement de l&apos;importation</translation>
    </message>
    <message>
        <source>Cancel the import</source>
        <translation>Annuler l&apos;importation</translation>
    </message>
    <message>
        <source>Import the photos</source>
        <translation>Importer les photos</translation>
    </message>
    <message>
        <source>No phone or USB key found</source>
        <translation>Aucun téléphone ni clé USB trouvé</translation>
    </message>
    <message>
        <source>This window looks for it again by itself.</source>
        <translation>Cette fenêtre le cherche à nouveau toute seule.</translation>
    </message>
    <message>
        <source>Android phone</source>
        <translation>Téléphone Android</translation>
    </message>
    <message>
        <source>Plug in the cable, unlock the phone, touch the USB notification and choose « Transfert de fichiers ».</source>
        <translation>Branchez le câble, déverrouillez le téléphone, touchez la notification USB et choisissez « Transfert de fichiers ».</translation>
    </message>
    <message>
        <source>iPhone</source>
        <translation>iPhone</translation>
    </message>
    <message>
        <source>Unlock the iPhone and touch « Se fier » when it asks « Faire confiance à cet ordinateur ? ».</source>
        <translation>Déverrouillez l&apos;iPhone et touchez « Se fier » quand il demande « Faire confiance à cet ordinateur ? ».</translation>
    </message>
    <message>
        <source>On Windows a phone is often not shown as a drive: open it in the File Explorer, copy its DCIM folder onto the computer, then choose that folder with « Choisir un dossier… ».</source>
        <translation>Sous Windows, un téléphone n&apos;apparaît souvent pas comme un lecteur : ouvrez-le dans l&apos;Explorateur de fichiers, copiez son dossier DCIM sur l&apos;ordinateur, puis choisissez ce dossier avec « Choisir un dossier… ».</translation>
    </message>
    <message>
        <source>Look again</source>
        <translation>Chercher à nouveau</translation>
    </message>
    <message>
        <source>Still nothing found. Check the cable and unlock the phone.</source>
        <translation>Toujours rien. Vérifiez le câble et déverrouillez le téléphone.</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>appareil photo</translation>
    </message>
    <message>
        <source>USB key or memory card</source>
        <translation>clé USB ou carte mémoire</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>Choose the folder with your photos (often DCIM)</source>
        <translation>Choisissez le dossier de vos photos (souvent DCIM)</translation>
    </message>
    <message>
        <source>Looking for the photos…</source>
        <translation>Recherche des photos…</translation>
    </message>
    <message>
        <source>The photos could not be read. Unplug the phone, plug it in again and unlock it.</source>
        <translation>Les photos n&apos;ont pas pu être lues. Débranchez le téléphone, rebranchez-le et déverrouillez-le.</translation>
    </message>
    <message>
        <source>No photo here. Choose another device or folder.</source>
        <translation>Aucune photo ici. Choisissez un autre appareil ou un autre dossier.</translation>
    </message>
    <message>
        <source>Import 1 photo</source>
        <translation>Importer 1 photo</translation>
    </message>
    <message>
        <source>Import {count} photos</source>
        <translation>Importer {count} photos</translation>
    </message>
    <message>
        <source>Photos: {total}. New: {new}. Ticked: {count}.</source>
        <translation>Photos : {total}. Nouvelles : {new}. Cochées : {count}.</translation>
    </message>
    <message>
        <source>Tick at least one photo.</source>
        <translation>Cochez au moins une photo.</translation>
    </message>
    <message>
        <source>Copying the photos… The photos on the phone do not change.</source>
        <translation>Copie des photos… Les photos du téléphone ne changent pas.</translation>
    </message>
    <message>
        <source>Photos copied: {done} of {total}</source>
        <translation>Photos copiées : {done} sur {total}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <source>Stopped. Photos imported: {count}.</source>
        <translation>Arrêté. Photos importées : {count}.</translation>
    </message>
    <message>
        <source>Photos not copied: {failed}. Check that the phone is still plugged in and unlocked, then try again.</source>
        <translation>Photos non copiées : {failed}. Vérifiez que le téléphone est toujours branché et déverrouillé, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <source>Animator PIN</source>
        <translation>Code de l&apos;animateur</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>Le même code une deuxième fois</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Animator space</source>
        <translation>Espace animateur</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Code de secours</translation>
    </message>
    <message>
        <source>PIN forgotten?</source>
        <translation>Code oublié ?</translation>
    </message>
    <message>
        <source>Your progress is not open yet: try again in a moment.</source>
        <translation>Votre parcours n&apos;est pas encore ouvert : réessayez dans un instant.</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>Un instant…</translation>
    </message>
    <message>
        <source>Choose a PIN of 4 to 12 digits. Keep it to yourself: it protects the animator space.</source>
        <translation>Choisissez un code de 4 à 12 chiffres. Gardez-le pour vous&#xa0;: il protège l&apos;espace animateur.</translation>
    </message>
    <message>
        <source>Type the animator&apos;s PIN.</source>
        <translation>Tapez le code de l&apos;animateur.</translation>
    </message>
    <message>
        <source>The animator&apos;s PIN was deleted or changed on this PC. To open the space, type the recovery code noted when the PIN was created, then choose a new PIN.</source>
        <translation>Le code de l&apos;animateur a été effacé ou modifié sur ce PC. Pour ouvrir l&apos;espace, tapez le code de secours noté à la création du code, puis choisissez un nouveau code.</translation>
    </message>
    <message>
        <source>Type the recovery code noted when the PIN was created (12 letters and digits), then choose a new PIN.</source>
        <translation>Tapez le code de secours noté à la création du code (12 lettres et chiffres), puis choisissez un nouveau code.</translation>
    </message>
    <message>
        <source>The recovery code is right. Choose a new PIN of 4 to 12 digits.</source>
        <translation>Le code de secours est bon. Choisissez un nouveau code de 4 à 12 chiffres.</translation>
    </message>
    <message>
        <source>The PIN is right. It has no recovery code yet: here is one, in case you forget it.</source>
        <translation>Le code est bon. Il n&apos;a pas encore de code de secours : en voici un, au cas où vous l&apos;oublieriez.</translation>
    </message>
    <message>
        <source>Your new recovery code</source>
        <translation>Votre nouveau code de secours</translation>
    </message>
    <message>
        <source>Create the PIN</source>
        <translation>Créer le code</translation>
    </message>
    <message>
        <source>A recovery code has 12 letters and digits, like ACDE-FGHJ-KLMN.</source>
        <translation>Un code de secours a 12 lettres et chiffres, comme ACDE-FGHJ-KLMN.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again on {day} at {time}.</source>
        <translation>Trop d&apos;essais : réessayez le {day} à {time}.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Your recovery code</source>
        <translation>Votre code de secours</translation>
    </message>
    <message>
        <source>If you forget the PIN, this recovery code lets you choose a new one. Write it down now in your animator&apos;s notebook, not on this PC: it will not be shown again.</source>
        <translation>Si vous oubliez le code, ce code de secours permet d&apos;en choisir un nouveau. Notez-le maintenant dans votre carnet d&apos;animateur, pas sur ce PC : il ne sera plus montré.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Save the new PIN</source>
        <translation>Enregistrer le nouveau code</translation>
    </message>
    <message>
        <source>The PIN is made of 4 to 12 digits.</source>
        <translation>Le code doit avoir de 4 à 12 chiffres.</translation>
    </message>
    <message>
        <source>The two PINs are different: type them again.</source>
        <translation>Les deux codes sont différents&#xa0;: tapez-les à nouveau.</translation>
    </message>
    <message>
        <source>This is not the recovery code: check it in your animator&apos;s notebook.</source>
        <translation>Ce n&apos;est pas le code de secours : vérifiez-le dans votre carnet d&apos;animateur.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again at {time}.</source>
        <translation>Trop d&apos;essais&#xa0;: réessayez à {time}.</translation>
    </message>
    <message>
        <source>Wrong PIN. Attempts left: {count}.</source>
        <translation>Code incorrect. Essais restants&#xa0;: {count}.</translation>
    </message>
</context>
<context>
    <name>PosterPage</name>
    <message>
        <source>Shop-window poster</source>
        <translation>Affiche pour la vitrine</translation>
    </message>
    <message>
        <source>1. Choose a poster</source>
        <translation>1. Choisir une affiche</translation>
    </message>
    <message>
        <source>Click &amp; Collect</source>
        <translation>Click &amp; Collect</translation>
    </message>
    <message>
        <source>Find us on Facebook / Instagram</source>
        <translation>Retrouvez-nous sur Facebook / Instagram</translation>
    </message>
    <message>
        <source>Our opening hours</source>
        <translation>Nos horaires</translation>
    </message>
    <message>
        <source>New arrivals</source>
        <translation>Nouveautés</translation>
    </message>
    <message>
        <source>Sales / special offer</source>
        <translation>Soldes / promotion</translation>
    </message>
    <message>
        <source>Order by phone or WhatsApp</source>
        <translation>Commandez par téléphone ou WhatsApp</translation>
    </message>
    <message>
        <source>2. Fill in</source>
        <translation>2. Remplir</translation>
    </message>
    <message>
        <source>for example: www.facebook.com/lespetitspas</source>
        <translation>par exemple : www.facebook.com/lespetitspas</translation>
    </message>
    <message>
        <source>3. Photo and colours</source>
        <translation>3. Photo et couleurs</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Pas de photo</translation>
    </message>
    <message>
        <source>Photo on the poster</source>
        <translation>Photo de l&apos;affiche</translation>
    </message>
    <message>
        <source>Another photo…</source>
        <translation>Une autre photo…</translation>
    </message>
    <message>
        <source>4. Print it or keep it</source>
        <translation>4. L&apos;imprimer ou la garder</translation>
    </message>
    <message>
        <source>Studio: {name}</source>
        <translation>Studio : {name}</translation>
    </message>
    <message>
        <source>This photo cannot be used:</source>
        <translation>Cette photo ne peut pas être utilisée :</translation>
    </message>
    <message>
        <source>This logo cannot be used:</source>
        <translation>Ce logo ne peut pas être utilisé :</translation>
    </message>
    <message>
        <source>for example: 03 21 00 00 00</source>
        <translation>par exemple&#xa0;: 03 21 00 00 00</translation>
    </message>
    <message>
        <source>for example: Tuesday to Saturday, 9:30 – 19:00</source>
        <translation>par exemple&#xa0;: du mardi au samedi, 9&#xa0;h&#xa0;30 – 19&#xa0;h</translation>
    </message>
    <message>
        <source>Name of your shop</source>
        <translation>Nom de votre commerce</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Horaires</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Your message</source>
        <translation>Votre message</translation>
    </message>
    <message>
        <source>Link for the QR code (optional)</source>
        <translation>Lien pour le QR code (facultatif)</translation>
    </message>
    <message>
        <source>From « Mes photos prêtes », or the photo open in the studio.</source>
        <translation>Depuis « Mes photos prêtes », ou la photo ouverte dans le studio.</translation>
    </message>
    <message>
        <source>Add my logo…</source>
        <translation>Ajouter mon logo…</translation>
    </message>
    <message>
        <source>Remove the pictures</source>
        <translation>Retirer les images</translation>
    </message>
    <message>
        <source>The template&apos;s colours</source>
        <translation>Les couleurs du modèle</translation>
    </message>
    <message>
        <source>Yellow and night blue</source>
        <translation>Jaune et bleu nuit</translation>
    </message>
    <message>
        <source>White and green</source>
        <translation>Blanc et vert</translation>
    </message>
    <message>
        <source>Black and white</source>
        <translation>Noir et blanc</translation>
    </message>
    <message>
        <source>Night blue and yellow</source>
        <translation>Bleu nuit et jaune</translation>
    </message>
    <message>
        <source>White and red</source>
        <translation>Blanc et rouge</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Portrait</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Paysage</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <source>Paper size</source>
        <translation>Format du papier</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>My posters</source>
        <translation>Mes affiches</translation>
    </message>
    <message>
        <source>Preview of the poster</source>
        <translation>Aperçu de l&apos;affiche</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Your shop</source>
        <translation>Votre commerce</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Choisir une photo</translation>
    </message>
    <message>
        <source>Choose your logo</source>
        <translation>Choisissez votre logo</translation>
    </message>
    <message>
        <source>Save the poster</source>
        <translation>Enregistrer l&apos;affiche</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>Fichier PDF (*.pdf)</translation>
    </message>
    <message>
        <source>✓ Your poster is saved: {path}. Print it and put it at eye level in the window.</source>
        <translation>✓ Votre affiche est enregistrée&#xa0;: {path}. Imprimez-la et placez-la à hauteur des yeux dans la vitrine.</translation>
    </message>
    <message>
        <source>✓ Sent to the printer.</source>
        <translation>✓ Envoyée à l&apos;imprimante.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <source>A−</source>
        <translation>A−</translation>
    </message>
    <message>
        <source>A+</source>
        <translation>A+</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>Contraste élevé</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Lire à voix haute</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voix</translation>
    </message>
    <message>
        <source>Try the voice</source>
        <translation>Essayer la voix</translation>
    </message>
    <message>
        <source>Share with my animator</source>
        <translation>Partager avec mon animateur</translation>
    </message>
    <message>
        <source>Your animator can follow your progress. Before anything is shared, you see exactly what will be sent, and you can stop at any time.</source>
        <translation>Votre animateur peut suivre vos progrès. Avant tout partage, vous voyez exactement ce qui sera envoyé, et vous pouvez arrêter à tout moment.</translation>
    </message>
    <message>
        <source>A−: smaller text</source>
        <translation>A− : texte plus petit</translation>
    </message>
    <message>
        <source>A+: larger text</source>
        <translation>A+ : texte plus grand</translation>
    </message>
    <message>
        <source>White text on a black background.</source>
        <translation>Texte blanc sur fond noir.</translation>
    </message>
    <message>
        <source>Offer reading aloud</source>
        <translation>Proposer la lecture à voix haute</translation>
    </message>
    <message>
        <source>A “Read aloud” button on every tutorial step.</source>
        <translation>Un bouton « Lire à voix haute » sur chaque étape des tutoriels.</translation>
    </message>
    <message>
        <source>Your verification code (your animator compares it on their screen):</source>
        <translation>Votre code de vérification (votre animateur le compare avec celui de son écran)&#xa0;:</translation>
    </message>
    <message>
        <source>Choose the sharing folder…</source>
        <translation>Choisir le dossier de partage…</translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation>Arrêter le partage</translation>
    </message>
    <message>
        <source>See what my animator will see</source>
        <translation>Voir ce que mon animateur verra</translation>
    </message>
    <message>
        <source>Send my progress to my animator…</source>
        <translation>Envoyer mes progrès à mon animateur…</translation>
    </message>
    <message>
        <source>Verification code: {code}</source>
        <translation>Code de vérification : {code}</translation>
    </message>
    <message>
        <source>✓ The file in the sharing folder now only says that you stopped sharing: none of your progress is in it.</source>
        <translation>✓ Le fichier du dossier de partage dit seulement que vous avez arrêté le partage : aucun de vos progrès n&apos;y est plus.</translation>
    </message>
    <message>
        <source>✓ Last shared on {day} at {time}.</source>
        <translation>✓ Dernier partage le {day} à {time}.</translation>
    </message>
    <message>
        <source>No sharing folder yet (your animator can set one up with you).</source>
        <translation>Pas encore de dossier de partage (votre animateur peut le choisir avec vous).</translation>
    </message>
    <message>
        <source>Sharing folder: {folder}</source>
        <translation>Dossier de partage&#xa0;: {folder}</translation>
    </message>
    <message>
        <source>Sharing is off. Nothing more is written in {folder}.</source>
        <translation>Le partage est arrêté. Plus rien n&apos;est écrit dans {folder}.</translation>
    </message>
    <message>
        <source>Share again</source>
        <translation>Reprendre le partage</translation>
    </message>
    <message>
        <source>My data</source>
        <translation>Mes données</translation>
    </message>
    <message>
        <source>Your progress stays on this computer. You can save a copy of it, or erase everything.</source>
        <translation>Votre parcours reste sur cet ordinateur. Vous pouvez en enregistrer une copie, ou tout effacer.</translation>
    </message>
    <message>
        <source>Save a copy of my data (JSON)…</source>
        <translation>Enregistrer une copie de mes données (JSON)…</translation>
    </message>
    <message>
        <source>Erase all my data…</source>
        <translation>Effacer toutes mes données…</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>Le Bon Pour Ma Ville, version {version}.</source>
        <translation>Le Bon Pour Ma Ville, version {version}.</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Dossier des données :</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Default voice</source>
        <translation>Voix par défaut</translation>
    </message>
    <message>
        <source>Hello! I will read the tutorials to you.</source>
        <translation>Bonjour&#xa0;! Je vais vous lire les tutoriels.</translation>
    </message>
    <message>
        <source>Save a copy of my data</source>
        <translation>Enregistrer une copie de mes données</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>Fichier JSON (*.json)</translation>
    </message>
    <message>
        <source>✓ A copy of your data was saved in {path}</source>
        <translation>✓ Une copie de vos données a été enregistrée dans {path}</translation>
    </message>
    <message>
        <source>This erases from this computer:</source>
        <translation>Ceci efface de cet ordinateur :</translation>
    </message>
    <message>
        <source>• your steps, ratings, help requests and settings, and their backup copies;</source>
        <translation>• vos étapes, vos notes de confiance, vos demandes d&apos;aide et vos réglages, et leurs copies de sauvegarde ;</translation>
    </message>
    <message>
        <source>• the studio&apos;s copies of your photos and the descriptions of your posters;</source>
        <translation>• les copies de vos photos faites par le studio et la description de vos affiches ;</translation>
    </message>
    <message>
        <source>• the animator&apos;s visit notes and the animator code;</source>
        <translation>• les notes de visite de l&apos;animateur et le code de l&apos;animateur ;</translation>
    </message>
    <message>
        <source>• your shop&apos;s key: your verification code will change, and your animator will confirm the new one.</source>
        <translation>• la clé de votre commerce : votre code de vérification changera, et votre animateur confirmera le nouveau.</translation>
    </message>
    <message>
        <source>Your file in the sharing folder is replaced by a notice saying that your data was erased: your animator&apos;s app then deletes your progress too.</source>
        <translation>Votre fichier du dossier de partage est remplacé par un avis disant que vos données sont effacées : l&apos;application de votre animateur efface alors vos progrès, elle aussi.</translation>
    </message>
    <message>
        <source>The sharing folder cannot be reached (is the USB key plugged in?): your file there would stay as it is, and your animator would still see your progress. Plug it in first if you can.</source>
        <translation>Le dossier de partage est introuvable (la clé USB est-elle branchée ?) : votre fichier y resterait tel quel, et votre animateur verrait encore vos progrès. Branchez-la d&apos;abord si vous le pouvez.</translation>
    </message>
    <message>
        <source>What stays:</source>
        <translation>Ce qui reste :</translation>
    </message>
    <message>
        <source>• the photos and posters you saved in « Mes photos prêtes » (in your Pictures) and « Mes affiches » (in your Documents);</source>
        <translation>• les photos et les affiches que vous avez enregistrées dans « Mes photos prêtes » (dans vos Images) et « Mes affiches » (dans vos Documents) ;</translation>
    </message>
    <message>
        <source>• the files you sent to your animator before: ask them if you want those deleted.</source>
        <translation>• les fichiers envoyés auparavant à votre animateur : demandez-lui de les effacer si vous le souhaitez.</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Ceci ne peut pas être annulé.</translation>
    </message>
    <message>
        <source>Erase all my data?</source>
        <translation>Effacer toutes mes données&#xa0;?</translation>
    </message>
    <message>
        <source>Yes, erase everything</source>
        <translation>Oui, tout effacer</translation>
    </message>
</context>
<context>
    <name>SharePreviewDialog</name>
    <message>
        <source>What your animator will see</source>
        <translation>Ce que votre animateur verra</translation>
    </message>
    <message>
        <source>Here is what the file holds</source>
        <translation>Voici ce que contient le fichier</translation>
    </message>
    <message>
        <source>The file holds exactly what is listed below. No photo, no password, no other file from this computer.</source>
        <translation>Le fichier contient exactement ce qui est listé ci-dessous. Aucune photo, aucun mot de passe, aucun autre fichier de cet ordinateur.</translation>
    </message>
    <message>
        <source>Attach the animator&apos;s visit notes</source>
        <translation>Joindre les notes de visite de l&apos;animateur</translation>
    </message>
    <message>
        <source>The notes your animator wrote on this computer during a visit. Not sent unless ticked.</source>
        <translation>Les notes que votre animateur a écrites sur cet ordinateur pendant une visite. Elles ne partent que si la case est cochée.</translation>
    </message>
    <message>
        <source>There are no visit notes on this computer yet. Not sent unless ticked.</source>
        <translation>Il n&apos;y a pas encore de notes de visite sur cet ordinateur. Elles ne partent que si la case est cochée.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The visit notes are in the file.</source>
        <translation>Les notes de visite sont dans le fichier.</translation>
    </message>
    <message>
        <source>The visit notes are not in the file.</source>
        <translation>Les notes de visite ne sont pas dans le fichier.</translation>
    </message>
    <message>
        <source>Nothing yet.</source>
        <translation>Rien pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <source>Sharing is stopped on this computer, but the file in the sharing folder could not be replaced (is the USB key plugged in?): your animator may still see your last progress. Plug it in: the app replaces the file as soon as the folder is back.</source>
        <translation>Le partage est arrêté sur cet ordinateur, mais le fichier du dossier de partage n&apos;a pas pu être remplacé (la clé USB est-elle branchée ?) : votre animateur peut encore voir vos derniers progrès. Branchez-la : l&apos;application remplace le fichier dès que le dossier est de retour.</translation>
    </message>
    <message>
        <source>Your progress file in the previous sharing folder could not be replaced: it may still be there, with your progress up to today.</source>
        <translation>Votre fichier de progrès dans l&apos;ancien dossier de partage n&apos;a pas pu être remplacé : il y est peut-être encore, avec vos progrès jusqu&apos;à aujourd&apos;hui.</translation>
    </message>
    <message>
        <source>Your progress could not be written in the sharing folder. Is the USB key plugged in?</source>
        <translation>Vos progrès n&apos;ont pas pu être écrits dans le dossier de partage. La clé USB est-elle bien branchée&#xa0;?</translation>
    </message>
    <message>
        <source>Your progress could not be shared. Nothing is lost: please try again.</source>
        <translation>Vos progrès n&apos;ont pas pu être partagés. Rien n&apos;est perdu&#xa0;: réessayez, s&apos;il vous plaît.</translation>
    </message>
</context>
<context>
    <name>SharingActions</name>
    <message>
        <source>Share in this folder</source>
        <translation>Partager dans ce dossier</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Save my progress for my animator</source>
        <translation>Enregistrer mes progrès pour mon animateur</translation>
    </message>
    <message>
        <source>Progress file (*.lbpmv)</source>
        <translation>Fichier de progrès (*.lbpmv)</translation>
    </message>
    <message>
        <source>Choose the sharing folder</source>
        <translation>Choisir le dossier de partage</translation>
    </message>
</context>
<context>
    <name>ShopsTableModel</name>
    <message>
        <source>Shop</source>
        <translation>Commerce</translation>
    </message>
    <message>
        <source>Animator</source>
        <translation>Animateur</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Étape en cours</translation>
    </message>
    <message>
        <source>Steps done</source>
        <translation>Étapes faites</translation>
    </message>
    <message>
        <source>Tutorials finished</source>
        <translation>Tutoriels terminés</translation>
    </message>
    <message>
        <source>incorrect date</source>
        <translation>date incorrecte</translation>
    </message>
    <message>
        <source>sharing stopped on {day}</source>
        <translation>partage arrêté le {day}</translation>
    </message>
    <message>
        <source>data erased on {day}</source>
        <translation>données effacées le {day}</translation>
    </message>
    <message>
        <source>Help waiting</source>
        <translation>Aide en attente</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Last file received</source>
        <translation>Dernier fichier reçu</translation>
    </message>
</context>
<context>
    <name>Speech</name>
    <message>
        <source>The computer&apos;s voice does not answer (check that the sound works). Read-aloud is off until the app is restarted.</source>
        <translation>La voix de l&apos;ordinateur ne répond pas (vérifiez que le son fonctionne). La lecture à voix haute est coupée jusqu&apos;au prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>Read-aloud needs a voice on this computer. To add a French voice, open the Windows Settings › Time &amp; language › Speech, choose “Add voices” and pick Français (France). Then restart the app.</source>
        <translation>La lecture à voix haute a besoin d&apos;une voix sur cet ordinateur. Pour ajouter une voix française, ouvrez les Paramètres de Windows › Heure et langue › Voix, choisissez « Ajouter des voix » puis sélectionnez Français (France). Redémarrez ensuite l&apos;application.</translation>
    </message>
    <message>
        <source>Read-aloud needs a voice on this computer. Add a French voice in System Settings › Accessibility › Spoken Content, then restart the app.</source>
        <translation>La lecture à voix haute a besoin d&apos;une voix sur cet ordinateur. Ajoutez une voix française dans Réglages Système › Accessibilité › Contenu énoncé, puis redémarrez l&apos;application.</translation>
    </message>
    <message>
        <source>Read-aloud needs a voice on this computer. Install the “speech-dispatcher” and “espeak-ng” packages (in the software centre, look for “Speech synthesis”), then restart the app.</source>
        <translation>La lecture à voix haute a besoin d&apos;une voix sur cet ordinateur. Installez les paquets « speech-dispatcher » et « espeak-ng » (dans la logithèque, cherchez « Synthèse vocale »), puis redémarrez l&apos;application.</translation>
    </message>
</context>
<context>
    <name>StartProblemWindow</name>
    <message>
        <source>Le Bon Pour Ma Ville</source>
        <translation>Le Bon Pour Ma Ville</translation>
    </message>
    <message>
        <source>The app cannot open the folder of your data</source>
        <translation>L&apos;application ne peut pas ouvrir le dossier de vos données</translation>
    </message>
    <message>
        <source>Nothing has been changed or deleted.</source>
        <translation>Rien n&apos;a été modifié ni effacé.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>The folder where your progress is kept cannot be found: the disk or USB key it is on may be unplugged. Plug it in, then press « Try again ».</source>
        <translation>Le dossier où sont gardés vos progrès est introuvable : le disque ou la clé USB où il se trouve est peut-être débranché. Branchez-le, puis appuyez sur « Réessayer ».</translation>
    </message>
    <message>
        <source>Where the folder of your data should be, there is a file. Move or rename that file (the person who looks after this computer can help), then press « Try again ».</source>
        <translation>À la place du dossier de vos données, il y a un fichier. Déplacez ou renommez ce fichier (la personne qui s&apos;occupe de cet ordinateur peut vous aider), puis appuyez sur « Réessayer ».</translation>
    </message>
    <message>
        <source>The folder where your progress is kept is read-only: the app could save nothing in it. Give your account the right to write in it (the person who looks after this computer can help), or unlock the USB key, then press « Try again ».</source>
        <translation>Le dossier où sont gardés vos progrès est en lecture seule : l&apos;application ne peut rien y enregistrer. Donnez à votre compte le droit d&apos;y écrire (la personne qui s&apos;occupe de cet ordinateur peut vous aider), ou déverrouillez la clé USB, puis appuyez sur « Réessayer ».</translation>
    </message>
    <message>
        <source>Your account is not allowed to open the folder where your progress is kept. Ask the person who looks after this computer to give it back to you, then press « Try again ».</source>
        <translation>Votre compte n&apos;a pas le droit d&apos;ouvrir le dossier où sont gardés vos progrès. Demandez à la personne qui s&apos;occupe de cet ordinateur de vous le rendre, puis appuyez sur « Réessayer ».</translation>
    </message>
    <message>
        <source>The disk of the folder where your progress is kept is full. Free some space (empty the recycle bin, delete files you no longer need), then press « Try again ».</source>
        <translation>Le disque du dossier où sont gardés vos progrès est plein. Libérez de la place (videz la corbeille, supprimez les fichiers dont vous n&apos;avez plus besoin), puis appuyez sur « Réessayer ».</translation>
    </message>
    <message>
        <source>The folder where your progress is kept cannot be used. Check the disk or USB key it is on, then press « Try again ».</source>
        <translation>Le dossier où sont gardés vos progrès ne peut pas être utilisé. Vérifiez le disque ou la clé USB où il se trouve, puis appuyez sur « Réessayer ».</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Dossier : {folder}</translation>
    </message>
    <message>
        <source>Still not possible.</source>
        <translation>Toujours impossible.</translation>
    </message>
</context>
<context>
    <name>StudioController</name>
    <message>
        <source>Improve</source>
        <translation>Améliorer</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>Régler</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Tourner</translation>
    </message>
    <message>
        <source>Straighten</source>
        <translation>Redresser</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>Recadrer</translation>
    </message>
    <message>
        <source>Brighten the background</source>
        <translation>Éclaircir le fond</translation>
    </message>
    <message>
        <source>Text on the photo</source>
        <translation>Texte sur la photo</translation>
    </message>
    <message>
        <source>Move the text</source>
        <translation>Déplacer le texte</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Tout recommencer</translation>
    </message>
    <message>
        <source>The photo could not be saved there: the disk may be full or the USB key removed. Your original photo is not changed: free some space or choose another folder.</source>
        <translation>La photo n&apos;a pas pu être enregistrée à cet endroit : le disque est peut-être plein ou la clé USB retirée. Votre photo d&apos;origine n&apos;est pas modifiée : libérez de la place ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Something went wrong with this photo. Your original photo is not changed: please try again.</source>
        <translation>Un problème est survenu avec cette photo. Votre photo d&apos;origine n&apos;est pas modifiée : réessayez.</translation>
    </message>
</context>
<context>
    <name>StudioPage</name>
    <message>
        <source>No crop</source>
        <translation>Sans recadrage</translation>
    </message>
    <message>
        <source>Square (Instagram)</source>
        <translation>Carré (Instagram)</translation>
    </message>
    <message>
        <source>Portrait 4:5 (Instagram)</source>
        <translation>Portrait 4:5 (Instagram)</translation>
    </message>
    <message>
        <source>Story 9:16</source>
        <translation>Story 9:16</translation>
    </message>
    <message>
        <source>Wide 16:9 (screens, videos)</source>
        <translation>Large 16:9 (écrans, vidéos)</translation>
    </message>
    <message>
        <source>Wide (Facebook)</source>
        <translation>Large (Facebook)</translation>
    </message>
    <message>
        <source>Landscape 4:3 (leboncoin)</source>
        <translation>Paysage 4:3 (leboncoin)</translation>
    </message>
    <message>
        <source>Free: draw the frame</source>
        <translation>Libre&#xa0;: dessinez le cadre</translation>
    </message>
    <message>
        <source>Dark band</source>
        <translation>Bandeau sombre</translation>
    </message>
    <message>
        <source>Light band</source>
        <translation>Bandeau clair</translation>
    </message>
    <message>
        <source>Price sticker</source>
        <translation>Étiquette prix</translation>
    </message>
    <message>
        <source>Instagram (square)</source>
        <translation>Instagram (carré)</translation>
    </message>
    <message>
        <source>Instagram (portrait)</source>
        <translation>Instagram (portrait)</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>Story</translation>
    </message>
    <message>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <source>leboncoin</source>
        <translation>leboncoin</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site internet</translation>
    </message>
    <message>
        <source>Original size</source>
        <translation>Taille d&apos;origine</translation>
    </message>
    <message>
        <source>Save the copy</source>
        <translation>Enregistrer la copie</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <source>Drag the text on the photo, or move it with the arrows (Shift: faster). Return: done.</source>
        <translation>Faites glisser le texte sur la photo, ou déplacez-le avec les flèches (Maj&#xa0;: plus vite). Entrée&#xa0;: terminé.</translation>
    </message>
    <message>
        <source>Left of the line: the photo as it was; right: with your changes. Drag the line or move it with the arrows. Return: done.</source>
        <translation>À gauche de la ligne, la photo d’origine&#xa0;; à droite, avec vos retouches. Faites glisser la ligne ou déplacez-la avec les flèches. Entrée&#xa0;: terminé.</translation>
    </message>
    <message>
        <source>Drag the frame to move it, its corners or edges to resize it. Keyboard: arrows move it (Shift: faster), Ctrl + arrows change its size (right or down: larger), + and − too.</source>
        <translation>Faites glisser le cadre pour le déplacer, ses coins ou ses bords pour le redimensionner. Au clavier&#xa0;: les flèches le déplacent (Maj&#xa0;: plus vite), Ctrl + flèches changent sa taille (droite ou bas&#xa0;: plus grand), + et − aussi.</translation>
    </message>
    <message>
        <source>Return: save the copy. Escape: do not save it.</source>
        <translation>Entrée : enregistrer la copie. Échap : ne pas l&apos;enregistrer.</translation>
    </message>
    <message>
        <source>100 %: every pixel of your photo, one for one screen pixel. Drag the photo or use the arrows to look around; Escape: fit.</source>
        <translation>100&#xa0;%&#xa0;: chaque pixel de votre photo, un pour un pixel de l’écran. Faites glisser la photo ou utilisez les flèches pour la parcourir&#xa0;; Échap&#xa0;: ajuster.</translation>
    </message>
    <message>
        <source>Before: keep it pressed to see the photo as it was</source>
        <translation>Avant : garder appuyé pour voir la photo telle qu&apos;elle était</translation>
    </message>
    <message>
        <source>Before | after</source>
        <translation>Avant | après</translation>
    </message>
    <message>
        <source>Before | after: the photo as it was left of a line, with your changes right</source>
        <translation>Avant | après&#xa0;: la photo d’origine à gauche d’une ligne, retouchée à droite</translation>
    </message>
    <message>
        <source>100 %</source>
        <translation>100&#xa0;%</translation>
    </message>
    <message>
        <source>100 %: see the photo pixel for pixel (Ctrl+1)</source>
        <translation>100&#xa0;%&#xa0;: voir la photo pixel par pixel (Ctrl+1)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>Fit: see the whole photo (Ctrl+0)</source>
        <translation>Ajuster&#xa0;: voir toute la photo (Ctrl+0)</translation>
    </message>
    <message>
        <source>Open a photo…</source>
        <translation>Ouvrir une photo…</translation>
    </message>
    <message>
        <source>Import from my phone…</source>
        <translation>Importer depuis mon téléphone…</translation>
    </message>
    <message>
        <source>Try with a sample photo</source>
        <translation>Essayer avec une photo d&apos;exemple</translation>
    </message>
    <message>
        <source>Tint</source>
        <translation>Teinte</translation>
    </message>
    <message>
        <source>Right: turn a quarter to the right</source>
        <translation>À droite : tourner d&apos;un quart de tour vers la droite</translation>
    </message>
    <message>
        <source>No photo open yet.</source>
        <translation>Aucune photo ouverte pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Open a photo, drop one here, or try with a sample photo.
Your original photo is never changed.</source>
        <translation>Ouvrez une photo, déposez-en une ici, ou essayez avec une photo d&apos;exemple.
Votre photo d&apos;origine n&apos;est jamais modifiée.</translation>
    </message>
    <message>
        <source>The photo</source>
        <translation>La photo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <source>Keep it pressed to see the photo as it was</source>
        <translation>Gardez le bouton appuyé pour voir la photo telle qu&apos;elle était</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Tout recommencer</translation>
    </message>
    <message>
        <source>My photos</source>
        <translation>Mes photos</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Choisir une photo</translation>
    </message>
    <message>
        <source>1. Improve in one click</source>
        <translation>1. Améliorer en un clic</translation>
    </message>
    <message>
        <source>Improve</source>
        <translation>Améliorer</translation>
    </message>
    <message>
        <source>2. Adjust</source>
        <translation>2. Régler</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Lumière</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Couleurs</translation>
    </message>
    <message>
        <source>Warmth</source>
        <translation>Chaleur</translation>
    </message>
    <message>
        <source>Sharpness</source>
        <translation>Netteté</translation>
    </message>
    <message>
        <source>3. Frame</source>
        <translation>3. Cadrer</translation>
    </message>
    <message>
        <source>⟲ Left</source>
        <translation>⟲ À gauche</translation>
    </message>
    <message>
        <source>Left: turn a quarter to the left</source>
        <translation>À gauche : tourner d&apos;un quart de tour vers la gauche</translation>
    </message>
    <message>
        <source>⟳ Right</source>
        <translation>⟳ À droite</translation>
    </message>
    <message>
        <source>Straighten</source>
        <translation>Redresser</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>Recadrer</translation>
    </message>
    <message>
        <source>Move the frame</source>
        <translation>Déplacer le cadre</translation>
    </message>
    <message>
        <source>4. Finish</source>
        <translation>4. Habiller</translation>
    </message>
    <message>
        <source>Brighten a pale background</source>
        <translation>Éclaircir un fond pâle</translation>
    </message>
    <message>
        <source>Text or price on the photo</source>
        <translation>Texte ou prix sur la photo</translation>
    </message>
    <message>
        <source>for example: 29,90 €</source>
        <translation>par exemple&#xa0;: 29,90&#xa0;€</translation>
    </message>
    <message>
        <source>Don&apos;t save</source>
        <translation>Ne pas enregistrer</translation>
    </message>
    <message>
        <source>Don&apos;t save: no copy is written</source>
        <translation>Ne pas enregistrer : aucune copie n&apos;est écrite</translation>
    </message>
    <message>
        <source>Green to the left, pink to the right</source>
        <translation>Vert vers la gauche, rose vers la droite</translation>
    </message>
    <message>
        <source>Text style</source>
        <translation>Style du texte</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <source>Move the text</source>
        <translation>Déplacer le texte</translation>
    </message>
    <message>
        <source>Add my logo…</source>
        <translation>Ajouter mon logo…</translation>
    </message>
    <message>
        <source>Remove the logo</source>
        <translation>Retirer le logo</translation>
    </message>
    <message>
        <source>5. Prepare for…</source>
        <translation>5. Préparer pour…</translation>
    </message>
    <message>
        <source>A ready copy goes into « Mes photos prêtes ».</source>
        <translation>Une copie prête va dans «&#xa0;Mes photos prêtes&#xa0;».</translation>
    </message>
    <message>
        <source>Prepare several photos…</source>
        <translation>Préparer plusieurs photos…</translation>
    </message>
    <message>
        <source>Open « Mes photos prêtes »</source>
        <translation>Ouvrir «&#xa0;Mes photos prêtes&#xa0;»</translation>
    </message>
    <message>
        <source>Photo: {name}</source>
        <translation>Photo&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Open a photo</source>
        <translation>Ouvrir une photo</translation>
    </message>
    <message>
        <source>Return: done.</source>
        <translation>Entrée&#xa0;: terminé.</translation>
    </message>
    <message>
        <source>Done with the frame</source>
        <translation>Cadre terminé</translation>
    </message>
    <message>
        <source>Done with the text</source>
        <translation>Texte terminé</translation>
    </message>
    <message>
        <source>Done comparing</source>
        <translation>Comparaison terminée</translation>
    </message>
    <message>
        <source>Text size: {size} %</source>
        <translation>Taille du texte&#xa0;: {size}&#xa0;%</translation>
    </message>
    <message>
        <source>Choose your logo</source>
        <translation>Choisissez votre logo</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Préparation en cours…</translation>
    </message>
    <message>
        <source>This frame is what will be saved for {target}. Move it or resize it, then save the copy.</source>
        <translation>Ce cadre montre ce qui sera enregistré pour {target}. Déplacez-le ou redimensionnez-le, puis enregistrez la copie.</translation>
    </message>
    <message>
        <source>✓ Your photo is ready: {name}, in « Mes photos prêtes ».</source>
        <translation>✓ Votre photo est prête&#xa0;: {name}, dans «&#xa0;Mes photos prêtes&#xa0;».</translation>
    </message>
    <message>
        <source>The photo was small, so it was enlarged: it may look a little soft.</source>
        <translation>La photo était petite, elle a donc été agrandie&#xa0;: elle peut sembler un peu floue.</translation>
    </message>
</context>
<context>
    <name>TextQuestionDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>TutorialNotesPanel</name>
    <message>
        <source>Notes per tutorial</source>
        <translation>Notes par tutoriel</translation>
    </message>
    <message>
        <source>For you, the animator: what to check at the visit, where merchants often get stuck, and what to do next. The merchant never sees these notes.</source>
        <translation>Pour vous, l&apos;animateur : ce qu&apos;il faut vérifier pendant la visite, là où les commerçants bloquent souvent, et pour aller plus loin. Le commerçant ne voit jamais ces notes.</translation>
    </message>
    <message>
        <source>Tutorial</source>
        <translation>Tutoriel</translation>
    </message>
    <message>
        <source>This tutorial has no notes for the animator yet.</source>
        <translation>Ce tutoriel n&apos;a pas encore de notes pour l&apos;animateur.</translation>
    </message>
    <message>
        <source>Notes for the animator</source>
        <translation>Notes pour l&apos;animateur</translation>
    </message>
</context>
<context>
    <name>TutorialPage</name>
    <message>
        <source>◀ My path</source>
        <translation>◀ Mon parcours</translation>
    </message>
    <message>
        <source>Back to my path</source>
        <translation>Retour à mon parcours</translation>
    </message>
    <message>
        <source>A−</source>
        <translation>A−</translation>
    </message>
    <message>
        <source>A−: smaller text</source>
        <translation>A− : texte plus petit</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>Texte plus petit</translation>
    </message>
    <message>
        <source>A+</source>
        <translation>A+</translation>
    </message>
    <message>
        <source>A+: larger text</source>
        <translation>A+ : texte plus grand</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>Texte plus grand</translation>
    </message>
    <message>
        <source>Progress in this tutorial</source>
        <translation>Avancement dans ce tutoriel</translation>
    </message>
    <message>
        <source>✓ Done</source>
        <translation>✓ Étape faite</translation>
    </message>
    <message>
        <source>Step text</source>
        <translation>Texte de l&apos;étape</translation>
    </message>
    <message>
        <source>Read aloud</source>
        <translation>Lire à voix haute</translation>
    </message>
    <message>
        <source>I need help</source>
        <translation>J&apos;ai besoin d&apos;aide</translation>
    </message>
    <message>
        <source>Print the memo</source>
        <translation>Imprimer l&apos;aide-mémoire</translation>
    </message>
    <message>
        <source>Print the memo: this tutorial on one page</source>
        <translation>Imprimer l&apos;aide-mémoire : ce tutoriel sur une page</translation>
    </message>
    <message>
        <source>Open the memo</source>
        <translation>Ouvrir l&apos;aide-mémoire</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Précédent</translation>
    </message>
    <message>
        <source>Previous: the step before (Alt+Left arrow)</source>
        <translation>Précédent : l&apos;étape d&apos;avant (Alt+flèche gauche)</translation>
    </message>
    <message>
        <source>Next: the step after (Alt+Right arrow)</source>
        <translation>Suivant : l&apos;étape d&apos;après (Alt+flèche droite)</translation>
    </message>
    <message>
        <source>Save the memo</source>
        <translation>Enregistrer l&apos;aide-mémoire</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>Fichier PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the memo…</source>
        <translation>Enregistrement de l&apos;aide-mémoire…</translation>
    </message>
    <message>
        <source>✓ Memo saved: {path}. Print it and put it away where you will find it again.</source>
        <translation>✓ Aide-mémoire enregistré : {path}. Imprimez-le et rangez-le là où vous le retrouverez.</translation>
    </message>
    <message>
        <source>the disk is full. Free some space or choose another place, then try again.</source>
        <translation>le disque est plein. Libérez de la place ou choisissez un autre endroit, puis réessayez.</translation>
    </message>
    <message>
        <source>this place cannot be written to. Choose another folder (for example « Documents »), then try again.</source>
        <translation>impossible d&apos;écrire à cet endroit. Choisissez un autre dossier (par exemple « Documents »), puis réessayez.</translation>
    </message>
    <message>
        <source>choose another place (for example « Documents »), then try again.</source>
        <translation>choisissez un autre endroit (par exemple « Documents »), puis réessayez.</translation>
    </message>
    <message>
        <source>The memo has not been saved: {reason}</source>
        <translation>L&apos;aide-mémoire n&apos;a pas été enregistré : {reason}</translation>
    </message>
    <message>
        <source>The memo is saved in {path}, but no program opened it: open it from that folder.</source>
        <translation>L&apos;aide-mémoire est enregistré dans {path}, mais aucun programme ne l&apos;a ouvert : ouvrez-le depuis ce dossier.</translation>
    </message>
    <message>
        <source>It&apos;s done!</source>
        <translation>C&apos;est fait&#xa0;!</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Suivant ▶</translation>
    </message>
    <message>
        <source>Well done!</source>
        <translation>Bravo&#xa0;!</translation>
    </message>
    <message>
        <source>Next tutorial</source>
        <translation>Tutoriel suivant</translation>
    </message>
    <message>
        <source>Step {number} of {total} · about {minutes} min</source>
        <translation>Étape {number} sur {total} · environ {minutes} min</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v sur %m</translation>
    </message>
    <message>
        <source>It&apos;s done! Finish</source>
        <translation>C&apos;est fait&#xa0;! Terminer</translation>
    </message>
    <message>
        <source>Open the photo studio</source>
        <translation>Ouvrir le studio photo</translation>
    </message>
    <message>
        <source>Make my poster</source>
        <translation>Créer mon affiche</translation>
    </message>
    <message>
        <source>Open the page</source>
        <translation>Ouvrir la page</translation>
    </message>
    <message>
        <source>Opens {address} in your browser.</source>
        <translation>Ouvre {address} dans votre navigateur.</translation>
    </message>
    <message>
        <source>Coming soon: this tool arrives in a next version of the app.</source>
        <translation>Bientôt disponible&#xa0;: cet outil arrivera dans une prochaine version de l&apos;application.</translation>
    </message>
    <message>
        <source>Step done: {title}.</source>
        <translation>Étape faite : {title}.</translation>
    </message>
    <message>
        <source>Now step {number} of {total}: {title}.</source>
        <translation>Maintenant, étape {number} sur {total} : {title}.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Your step « {title} » has not been saved: {reason}</source>
        <translation>Votre étape « {title} » n&apos;a pas été enregistrée : {reason}</translation>
    </message>
    <message>
        <source>The end of « {title} » has not been saved: {reason}</source>
        <translation>La fin de « {title} » n&apos;a pas été enregistrée : {reason}</translation>
    </message>
    <message>
        <source>You have finished “{title}”: {steps} steps, about {minutes} minutes. Be proud of it!</source>
        <translation>Vous avez terminé «&#xa0;{title}&#xa0;»&#xa0;: {steps} étapes, environ {minutes} minutes. C&apos;est une belle réussite&#xa0;!</translation>
    </message>
    <message>
        <source>Saving your help request…</source>
        <translation>Enregistrement de votre demande d&apos;aide…</translation>
    </message>
    <message>
        <source>✓ Help request recorded for this step.</source>
        <translation>✓ Demande d&apos;aide enregistrée pour cette étape.</translation>
    </message>
    <message>
        <source>Your help request has not been saved yet: {reason}</source>
        <translation>Votre demande d&apos;aide n&apos;a pas encore été enregistrée : {reason}</translation>
    </message>
    <message>
        <source>Picture: {description}</source>
        <translation>Image : {description}</translation>
    </message>
    <message>
        <source>Button: {label}</source>
        <translation>Bouton : {label}</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>Arrêter la lecture</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <source>Close the animator space</source>
        <translation>Fermer l&apos;espace animateur</translation>
    </message>
    <message>
        <source>The two hours</source>
        <translation>Les deux heures</translation>
    </message>
    <message>
        <source>Diagnostic</source>
        <translation>Diagnostic</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(pas de réponse)</translation>
    </message>
    <message>
        <source>Place the merchant and suggest a plan</source>
        <translation>Situer le commerçant et proposer un plan</translation>
    </message>
    <message>
        <source>Suggested plan</source>
        <translation>Plan proposé</translation>
    </message>
    <message>
        <source>Keep this plan</source>
        <translation>Garder ce plan</translation>
    </message>
    <message>
        <source>Barriers, opportunities, notes</source>
        <translation>Freins, opportunités, notes</translation>
    </message>
    <message>
        <source>Kind of note</source>
        <translation>Type de note</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>For example: no internet at the shop, the daughter helps on Saturdays</source>
        <translation>Par exemple&#xa0;: pas d&apos;internet à la boutique, sa fille aide le samedi</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Notes of the visit</source>
        <translation>Notes de la visite</translation>
    </message>
    <message>
        <source>Sharing the progress</source>
        <translation>Partage des progrès</translation>
    </message>
    <message>
        <source>The shop&apos;s verification code (confirm it on your own PC):</source>
        <translation>Le code de vérification du commerce (confirmez-le sur votre propre ordinateur)&#xa0;:</translation>
    </message>
    <message>
        <source>Choose the sharing folder with the merchant…</source>
        <translation>Choisir le dossier de partage avec le commerçant…</translation>
    </message>
    <message>
        <source>Visit sheet</source>
        <translation>Fiche de visite</translation>
    </message>
    <message>
        <source>Your name and how to reach you</source>
        <translation>Votre nom et comment vous joindre</translation>
    </message>
    <message>
        <source>Your name, phone or e-mail</source>
        <translation>Votre nom, téléphone ou e-mail</translation>
    </message>
    <message>
        <source>Save the visit sheet (PDF)…</source>
        <translation>Enregistrer la fiche de visite (PDF)…</translation>
    </message>
    <message>
        <source>Profile: {profile}</source>
        <translation>Profil&#xa0;: {profile}</translation>
    </message>
    <message>
        <source>✓ Plan kept: it now leads the merchant&apos;s path</source>
        <translation>✓ Plan gardé&#xa0;: il guide maintenant le parcours du commerçant</translation>
    </message>
    <message>
        <source>Save the visit sheet</source>
        <translation>Enregistrer la fiche de visite</translation>
    </message>
    <message>
        <source>✓ Visit sheet saved: {path}</source>
        <translation>✓ Fiche de visite enregistrée&#xa0;: {path}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome!</source>
        <translation>Bienvenue&#xa0;!</translation>
    </message>
    <message>
        <source>Le Bon Pour Ma Ville: your first steps online, at your own pace.</source>
        <translation>Le Bon Pour Ma Ville : vos premiers pas sur internet, à votre rythme.</translation>
    </message>
    <message>
        <source>Who will use this computer?</source>
        <translation>Qui va utiliser cet ordinateur&#xa0;?</translation>
    </message>
    <message>
        <source>I run a shop</source>
        <translation>Je tiens un commerce</translation>
    </message>
    <message>
        <source>I am an animator of the programme</source>
        <translation>Je suis animateur ou animatrice du programme</translation>
    </message>
    <message>
        <source>This app helps you take your shop online, one small step at a time. You cannot break anything, and everything you do is kept.</source>
        <translation>Cette application vous aide à faire entrer votre commerce sur internet, un petit pas à la fois. Vous ne pouvez rien casser, et tout ce que vous faites est gardé.</translation>
    </message>
    <message>
        <source>Name of your shop</source>
        <translation>Nom de votre commerce</translation>
    </message>
    <message>
        <source>for example: Les Petits Pas</source>
        <translation>par exemple&#xa0;: Les Petits Pas</translation>
    </message>
    <message>
        <source>Your first name</source>
        <translation>Votre prénom</translation>
    </message>
    <message>
        <source>for example: Martine</source>
        <translation>par exemple&#xa0;: Martine</translation>
    </message>
    <message>
        <source>Your animator&apos;s name (optional)</source>
        <translation>Prénom de votre animateur (facultatif)</translation>
    </message>
    <message>
        <source>for example: Léa</source>
        <translation>par exemple&#xa0;: Léa</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Where would you like to start?</source>
        <translation>Par où voulez-vous commencer&#xa0;?</translation>
    </message>
    <message>
        <source>Choose one: you will be able to do the others later.</source>
        <translation>Choisissez-en un&#xa0;: vous pourrez faire les autres plus tard.</translation>
    </message>
    <message>
        <source>Show off my products with good photos</source>
        <translation>Mettre en valeur mes produits en photo</translation>
    </message>
    <message>
        <source>Be found on the internet</source>
        <translation>Être trouvé sur internet</translation>
    </message>
    <message>
        <source>Sell at a distance: click &amp; collect</source>
        <translation>Vendre à distance&#xa0;: click &amp; collect</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Write the name of your shop.</source>
        <translation>Écrivez le nom de votre commerce.</translation>
    </message>
    <message>
        <source>Write your first name.</source>
        <translation>Écrivez votre prénom.</translation>
    </message>
</context>
</TS>
