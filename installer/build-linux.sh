#!/usr/bin/env bash
# Builds, from a clean clone, the Linux bundle dist/lbpmv/ (executable dist/lbpmv/lbpmv) and the
# package dist/lbpmv_<version>_amd64.deb. It makes its own build environment in build/installer.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD="$ROOT/build/installer"
VERSION=$(python3 -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])")

python3 -m venv "$BUILD/venv"
"$BUILD/venv/bin/pip" install -q --upgrade pip
"$BUILD/venv/bin/pip" install -q "$ROOT" "pyinstaller>=6.10"

# The French translation is compiled by the project's own tooling (never committed).
LBPMV_RESOURCES="$ROOT/resources" "$BUILD/venv/bin/python" -m lbpmv_desktop.i18n build >/dev/null
"$BUILD/venv/bin/python" installer/linux/render_icons.py "$BUILD/icons"

rm -rf "$ROOT/dist/lbpmv"
"$BUILD/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$BUILD/work" installer/lbpmv.spec

# The .deb: the bundle under /opt/lbpmv, a launcher on the PATH, the desktop entry and icons.
PKG="$BUILD/deb"
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications"
cp -a "$ROOT/dist/lbpmv" "$PKG/opt/lbpmv"
ln -s /opt/lbpmv/lbpmv "$PKG/usr/bin/lbpmv"
cp installer/linux/lbpmv.desktop "$PKG/usr/share/applications/lbpmv.desktop"
for size in 48 64 128 256; do
    mkdir -p "$PKG/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$BUILD/icons/lbpmv-$size.png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/lbpmv.png"
done
mkdir -p "$PKG/usr/share/icons/hicolor/scalable/apps"
cp resources/icons/lbpmv.svg "$PKG/usr/share/icons/hicolor/scalable/apps/lbpmv.svg"
INSTALLED_KB=$(du -sk "$PKG" | cut -f1)
# Depends: the system libraries the bundle links to and does not carry, as dpkg-shlibdeps finds them.
# The speech-dispatcher plugin is optional (read-aloud is hidden without it): it is only recommended.
mkdir -p "$BUILD/shlibs/debian"
printf 'Source: lbpmv\n\nPackage: lbpmv\nArchitecture: amd64\n' > "$BUILD/shlibs/debian/control"
mapfile -t ELF_FILES < <(find "$ROOT/dist/lbpmv" -type f \( -name '*.so*' -o -name lbpmv \) ! -name '*speechd*' \
    -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
mapfile -t LIB_DIRS < <(printf '%s\n' "${ELF_FILES[@]}" | xargs -n1 dirname | sort -u)
(cd "$BUILD/shlibs" && dpkg-shlibdeps -O --ignore-missing-info $(printf -- '-l%s ' "${LIB_DIRS[@]}") \
    "${ELF_FILES[@]}" >substvars 2>shlibdeps.log) || { cat "$BUILD/shlibs/shlibdeps.log" >&2; exit 1; }
DEPENDS=$(sed -n 's/^shlibs:Depends=//p' "$BUILD/shlibs/substvars")
test -n "$DEPENDS"
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: lbpmv
Version: $VERSION
Section: misc
Priority: optional
Architecture: amd64
Installed-Size: $INSTALLED_KB
Maintainer: Le Bon Pour Ma Ville <contact@lebonpourmaville.fr>
Depends: $DEPENDS
Recommends: libspeechd2, speech-dispatcher, cups
Description: Le Bon Pour Ma Ville — premiers pas en ligne pour les commerçants
 Tutoriels pas à pas, studio photo, affiches pour la vitrine et suivi des
 progrès avec l'animateur du programme.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$ROOT/dist/lbpmv_${VERSION}_amd64.deb" >/dev/null
echo "bundle: $(du -sh "$ROOT/dist/lbpmv" | cut -f1)  package: $(du -sh "$ROOT/dist/lbpmv_${VERSION}_amd64.deb" | cut -f1)"
