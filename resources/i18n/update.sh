#!/usr/bin/env bash
# Refresh the translation sources from the code and rebuild the .qm files.
#   resources/i18n/update.sh          # lupdate + lrelease
# Then translate the new entries in branchdesk_zh_CN.ts (Qt Linguist: pyside6-linguist) and run it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(dirname "$(command -v python3)")
[ -x .venv/bin/pyside6-lupdate ] && bin=.venv/bin
"$bin/pyside6-lupdate" $(find ui desktop -name '*.py' | sort) -no-obsolete -ts resources/i18n/branchdesk_zh_CN.ts
"$bin/pyside6-lrelease" resources/i18n/branchdesk_zh_CN.ts -qm resources/i18n/branchdesk_zh_CN.qm
