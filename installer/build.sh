#!/usr/bin/env bash
# Build the frozen one-folder bundles and their Debian packages (UOS / Kylin / Debian / Ubuntu):
#
#   installer/build.sh            # the app: dist/branchdesk/ and dist/branchdesk_<version>_amd64.deb
#   installer/build.sh server     # the sync server: dist/branchdesk-server/ and
#                                 #   dist/branchdesk-server_<version>_amd64.deb
#   installer/build.sh all        # both
#
# Needs: the project's virtualenv (.venv, or $PYTHON; the server needs its extras: pip install
# -e '.[server]'), binutils (objdump) and dpkg-deb. A bundle runs on systems whose C library is at
# least as new as the build machine's: build on the oldest release you deploy to. Only pyinstaller
# is added to the virtualenv; nothing is downloaded at run time on the target machine.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
what=${1:-desktop}
case $what in
    desktop | server | all) ;;
    *) echo "usage: $0 [desktop|server|all]" >&2; exit 2 ;;
esac

"$python" -m pip install -q 'pyinstaller>=6.10,<7'
version=$("$python" -c 'import desktop; print(desktop.__version__)')  # one version for app and server
package_version="$version-1"  # the first packaging of this release
arch=$(dpkg --print-architecture)
maintainer="BranchDesk <support@branchdesk.example.cn>"

bundle() {  # bundle SPEC: dist/<name>/ from installer/<SPEC>
    echo "== bundle $1 (PyInstaller)"
    "$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
        "installer/$1"
}

changelog() {  # changelog PACKAGE ROOT: the Debian changelog, in the package's doc folder
    local built
    built=$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
    printf '%s (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
        "$1" "$package_version" "$version" "$maintainer" "$built" | gzip -9n > "$2/usr/share/doc/$1/changelog.Debian.gz"
}

normalise_modes() {  # normalise_modes ROOT PROGRAM...: files 0644 and folders 0755, but for the programs
    local root=$1
    shift
    find "$root" -type d -exec chmod 0755 {} +
    find "$root" -type f -exec chmod 0644 {} +
    for program in "$@"; do chmod 0755 "$root/$program"; done
}

glibc_needed() {  # glibc_needed ROOT PROGRAM: the newest C library symbol version the bundle in ROOT/opt uses
    find "$1/opt" -type f \( -name '*.so*' -o -name "$2" \) -exec objdump -T {} + 2>/dev/null |
        grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
}

installed_size() {
    du -sk --exclude=DEBIAN "$1" | cut -f1
}

package() {  # package ROOT NAME: dist/NAME_<version>_<arch>.deb from ROOT
    local deb="dist/${2}_${package_version}_${arch}.deb"
    # Checksums of the files but the conffiles, for dpkg --verify and debsums.
    (cd "$1" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | LC_ALL=C sort -z |
        xargs -0r md5sum) > "$1/DEBIAN/md5sums"
    # xz for what ships; the package tests ask for gzip -1 (BRANCHDESK_DEB_COMPRESSION="gzip 1"):
    # the same package, built in seconds instead of half a minute.
    local compression=(${BRANCHDESK_DEB_COMPRESSION:-xz 6})
    dpkg-deb --root-owner-group -Z"${compression[0]}" -z"${compression[1]}" --build "$1" "$deb" >/dev/null
    echo "$deb"
}

build_desktop() {
    bundle branchdesk.spec
    echo "== .deb branchdesk"
    local root=build/deb/branchdesk linux=installer/linux
    rm -rf "$root"
    install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
        "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/branchdesk" \
        "$root/usr/share/doc/branchdesk" "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"
    cp -a dist/branchdesk "$root/opt/branchdesk"
    install -m 0755 "$linux/branchdesk.sh" "$root/usr/bin/branchdesk"
    install -m 0644 "$linux/branchdesk.desktop" "$root/usr/share/applications/branchdesk.desktop"
    install -m 0644 resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/branchdesk.svg"
    # Not enabled by the package: each user turns it on in Settings (or IT links it into
    # /etc/xdg/autostart to start BranchDesk at login for everyone).
    install -m 0644 "$linux/branchdesk-autostart.desktop" "$root/usr/share/branchdesk/branchdesk-autostart.desktop"
    install -m 0644 "$linux/copyright" "$root/usr/share/doc/branchdesk/copyright"
    install -m 0644 "$linux/lintian-overrides" "$root/usr/share/lintian/overrides/branchdesk"
    gzip -9n < "$linux/branchdesk.1" > "$root/usr/share/man/man1/branchdesk.1.gz"
    changelog branchdesk "$root"
    normalise_modes "$root" opt/branchdesk/branchdesk usr/bin/branchdesk

    # What the bundle takes from the system: the C library (at least the newest symbol version it
    # uses), OpenGL/EGL, XCB and D-Bus — everything else travels in /opt/branchdesk.
    cat > "$root/DEBIAN/control" <<EOF
Package: branchdesk
Version: $package_version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(installed_size "$root")
Depends: libc6 (>= $(glibc_needed "$root" branchdesk)), libdbus-1-3, libegl1, libgl1, libxcb1
Section: misc
Priority: optional
Homepage: https://branchdesk.example.cn/
Description: customer book and revisit reminders for credit-card managers
 BranchDesk (客户经理工作台) keeps a credit-card relationship manager's customers,
 calls and revisit reminders in an encrypted local database that works offline,
 with a Chinese-first interface, desktop notifications, the supervisor's weekly
 review in Excel and head-office list imports. Users' profiles stay in their
 home folders when the package is removed.
EOF
    package "$root" branchdesk
}

build_server() {
    "$python" -c 'import fastapi, uvicorn, argon2, psycopg, psycopg_binary' ||
        { echo "the server's dependencies are missing: $python -m pip install -e '.[server]'" >&2; exit 1; }
    bundle branchdesk-server.spec
    echo "== .deb branchdesk-server"
    local root=build/deb/branchdesk-server linux=installer/linux/server
    rm -rf "$root"
    install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/lib/systemd/system" \
        "$root/etc/branchdesk-server" "$root/usr/share/doc/branchdesk-server" "$root/usr/share/man/man8" \
        "$root/usr/share/lintian/overrides"
    cp -a dist/branchdesk-server "$root/opt/branchdesk-server"
    install -m 0755 "$linux/branchdesk-server.sh" "$root/usr/bin/branchdesk-server"
    install -m 0644 "$linux/branchdesk-server.service" "$root/lib/systemd/system/branchdesk-server.service"
    # 0644 in the package (the defaults hold no secret); postinst makes it 0640 root:branchdesk-server.
    install -m 0644 "$linux/server.env" "$root/etc/branchdesk-server/server.env"
    install -m 0644 "$linux/copyright" "$root/usr/share/doc/branchdesk-server/copyright"
    install -m 0644 "$linux/lintian-overrides" "$root/usr/share/lintian/overrides/branchdesk-server"
    gzip -9n < "$linux/branchdesk-server.8" > "$root/usr/share/man/man8/branchdesk-server.8.gz"
    changelog branchdesk-server "$root"
    normalise_modes "$root" opt/branchdesk-server/branchdesk-server usr/bin/branchdesk-server
    install -m 0755 "$linux/postinst" "$linux/prerm" "$linux/postrm" "$root/DEBIAN/"
    echo /etc/branchdesk-server/server.env > "$root/DEBIAN/conffiles"

    # Everything but the C library travels in /opt/branchdesk-server (Python, OpenSSL, libpq,
    # SQLite); adduser makes the service's account.
    cat > "$root/DEBIAN/control" <<EOF
Package: branchdesk-server
Version: $package_version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(installed_size "$root")
Depends: libc6 (>= $(glibc_needed "$root" branchdesk-server)), adduser
Suggests: postgresql
Section: net
Priority: optional
Homepage: https://branchdesk.example.cn/
Description: sync server for the BranchDesk customer book
 branchdesk-server keeps the branches, users and devices of BranchDesk
 (客户经理工作台) and the customers, calls and reminders their desktops
 synchronise. It runs as the systemd service branchdesk-server under an account
 of its own, on an embedded SQLite database or on PostgreSQL, with settings in
 /etc/branchdesk-server/server.env. The database is kept when the package is
 removed or purged.
EOF
    package "$root" branchdesk-server
}

case $what in
    desktop) build_desktop ;;
    server) build_server ;;
    all) build_desktop && build_server ;;
esac
