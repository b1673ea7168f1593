#!/usr/bin/env bash
# Build the frozen one-folder bundle and the Debian package (UOS / Kylin / Debian / Ubuntu):
#
#   installer/build.sh            # -> dist/branchdesk/ and dist/branchdesk_<version>_amd64.deb
#
# Needs: the project's virtualenv (.venv, or $PYTHON), binutils (objdump) and dpkg-deb. The bundle
# runs on systems whose C library is at least as new as the build machine's: build on the oldest
# release you deploy to. Only pyinstaller is added to the virtualenv; nothing is downloaded at
# run time on the branch PC.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}

"$python" -m pip install -q 'pyinstaller>=6.10,<7'
version=$("$python" -c 'import desktop; print(desktop.__version__)')
package_version="$version-1"  # the first packaging of this release
arch=$(dpkg --print-architecture)

echo "== bundle (PyInstaller)"
"$python" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    installer/branchdesk.spec

echo "== .deb"
root=build/deb/branchdesk
rm -rf "$root"
install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/branchdesk" \
    "$root/usr/share/doc/branchdesk" "$root/usr/share/man/man1" "$root/usr/share/lintian/overrides"
cp -a dist/branchdesk "$root/opt/branchdesk"
linux=installer/linux
install -m 0755 "$linux/branchdesk.sh" "$root/usr/bin/branchdesk"
install -m 0644 "$linux/branchdesk.desktop" "$root/usr/share/applications/branchdesk.desktop"
install -m 0644 resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/branchdesk.svg"
# Not enabled by the package: each user turns it on in Settings (or IT links it into
# /etc/xdg/autostart to start BranchDesk at login for everyone).
install -m 0644 "$linux/branchdesk-autostart.desktop" "$root/usr/share/branchdesk/branchdesk-autostart.desktop"
install -m 0644 "$linux/copyright" "$root/usr/share/doc/branchdesk/copyright"
install -m 0644 "$linux/lintian-overrides" "$root/usr/share/lintian/overrides/branchdesk"
gzip -9n < "$linux/branchdesk.1" > "$root/usr/share/man/man1/branchdesk.1.gz"
cat > build/deb/changelog <<EOF
branchdesk ($package_version) stable; urgency=medium

  * Release $version.

 -- BranchDesk <support@branchdesk.example.cn>  $(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
EOF
gzip -9n < build/deb/changelog > "$root/usr/share/doc/branchdesk/changelog.Debian.gz"

# Files 0644 and folders 0755, but for the two programs.
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/opt/branchdesk/branchdesk" "$root/usr/bin/branchdesk"

# What the bundle takes from the system: the C library (at least the newest symbol version it
# uses), OpenGL/EGL, XCB and D-Bus — everything else travels in /opt/branchdesk.
glibc=$(find "$root/opt" -type f \( -name '*.so*' -o -name branchdesk \) -exec objdump -T {} + 2>/dev/null |
    grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
cat > "$root/DEBIAN/control" <<EOF
Package: branchdesk
Version: $package_version
Architecture: $arch
Maintainer: BranchDesk <support@branchdesk.example.cn>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6 (>= $glibc), libdbus-1-3, libegl1, libgl1, libxcb1
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
deb="dist/branchdesk_${package_version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
