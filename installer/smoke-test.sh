#!/usr/bin/env bash
# Checks the built Linux bundle and package (run after installer/build-linux.sh):
# - the bundle carries Qt's own French (qtbase_fr.qm…) beside ours, so standard buttons and dialogs
#   are French, and its command line answers in French;
# - the bundle's --self-test passes offscreen with no Python on the PATH and an empty home folder,
#   by default and on a 1024×768 screen with text at 200 % (it also checks that a standard dialog
#   button reads « Annuler »);
# - the bundle prepares an iPhone (HEIC) photo and prints a poster PDF the same way;
# - the sizes stay within the budgets (bundle ≤ 200 MB, .deb ≤ 80 MB);
# - the .deb installs under /opt/lbpmv with a launcher, a desktop entry, icons and its Depends.
set -euo pipefail
cd "$(dirname "$0")/.."
BUNDLE=dist/lbpmv
DEB=$(ls dist/lbpmv_*_amd64.deb)
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
# No Python anywhere: an empty PATH, an empty home, nothing inherited from this shell.
run() { env -i HOME="$HOME_DIR" PATH=/nonexistent LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$BUNDLE/lbpmv" "$@"; }

# Qt's own French translations, which the app loads for Qt's standard buttons, dialogs and menus.
for qm in qtbase_fr.qm qtmultimedia_fr.qm; do
    test -n "$(find "$BUNDLE" -name "$qm" -size +1k)" || { echo "missing from the bundle: Qt's $qm" >&2; exit 1; }
done
test -n "$(find "$BUNDLE" -name lbpmv_fr.qm -size +1k)" || { echo "missing from the bundle: lbpmv_fr.qm" >&2; exit 1; }
# The fonts labels and posters are drawn with, and their licence beside them (bundle and .deb).
for font in NotoSans-Regular.ttf NotoSans-Bold.ttf OFL.txt; do
    test -s "$BUNDLE/_internal/resources/fonts/$font" || { echo "missing from the bundle: resources/fonts/$font" >&2; exit 1; }
done

# The command line speaks French, usage errors included (exit 2).
grep -q '^Utilisation : lbpmv ' <<<"$(run --help)"
set +e; USAGE=$(run --text-size 150 2>&1); CODE=$?; set -e
test "$CODE" -eq 2 && grep -q -- '--text-size va avec --self-test' <<<"$USAGE" \
    || { echo "usage error not French or not exit 2: $USAGE" >&2; exit 1; }

run --self-test
run --self-test --screen-size 1024x768 --text-size 200
run --version
PHOTO=$(ls ../shared/corpus/*/iphone_tasse.heic 2>/dev/null | head -1 || true)
if [ -n "$PHOTO" ]; then
    run photo export "$PHOTO" --preset instagram --out "$HOME_DIR/photos" >/dev/null
    test -s "$HOME_DIR/photos/$(basename "${PHOTO%.*}")-instagram.jpg"
fi
# A label with French text, drawn with the shipped font; an emoji is refused in French (exit 2).
run photo export "$BUNDLE/_internal/resources/samples/tasse-de-cafe.jpg" --preset instagram --out "$HOME_DIR/texte" \
    --text "Chaussons bébé 24,90 € — « Soldes »" --text-style prix >/dev/null
test -s "$HOME_DIR/texte/tasse-de-cafe-instagram.jpg"
set +e; REFUSED=$(run photo export x.jpg --preset instagram --out "$HOME_DIR/non" --text "Soldes 😀" 2>&1); CODE=$?; set -e
test "$CODE" -eq 2 && grep -q 'Les émojis ne peuvent pas' <<<"$REFUSED" && test ! -e "$HOME_DIR/non" \
    || { echo "emoji not refused in French with exit 2: $REFUSED" >&2; exit 1; }
run poster --template click-collect --shop "Chez Martine" --out "$HOME_DIR/affiche.pdf" >/dev/null
head -c5 "$HOME_DIR/affiche.pdf" | grep -q '%PDF-'

BUNDLE_MB=$(du -sm "$BUNDLE" | cut -f1)
DEB_MB=$(du -sm "$DEB" | cut -f1)
echo "bundle ${BUNDLE_MB} MB (budget 200), package ${DEB_MB} MB (budget 80)"
test "$BUNDLE_MB" -le 200
test "$DEB_MB" -le 80

INFO=$(dpkg-deb --info "$DEB")
CONTENTS=$(dpkg-deb --contents "$DEB")
grep -q '^ Depends: .*libxcb1' <<<"$INFO"
grep -q '^ Depends: .*libc6' <<<"$INFO"
grep -q ' \./opt/lbpmv/.*/translations/qtbase_fr\.qm$' <<<"$CONTENTS" || { echo "missing from the .deb: qtbase_fr.qm" >&2; exit 1; }
grep -q ' \./opt/lbpmv/.*/resources/fonts/OFL\.txt$' <<<"$CONTENTS" || { echo "missing from the .deb: fonts/OFL.txt" >&2; exit 1; }
grep -q ' \./opt/lbpmv/.*/resources/fonts/NotoSans-Bold\.ttf$' <<<"$CONTENTS" || { echo "missing from the .deb: NotoSans-Bold.ttf" >&2; exit 1; }
for path in ./opt/lbpmv/lbpmv ./usr/bin/lbpmv ./usr/share/applications/lbpmv.desktop \
    ./usr/share/icons/hicolor/256x256/apps/lbpmv.png ./usr/share/icons/hicolor/scalable/apps/lbpmv.svg; do
    grep -q " $path\( \|$\)" <<<"$CONTENTS" || { echo "missing from the .deb: $path" >&2; exit 1; }
done
echo "installer smoke test: OK"
