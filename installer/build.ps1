# Build the Windows bundle and installer (on a Windows PC with Python 3.11 and Inno Setup 6):
#
#   py -3.11 -m venv .venv; .venv\Scripts\pip install -e .[dev]
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1
#
# -> dist\branchdesk\ (the one-folder bundle: branchdesk.exe, branchdesk-cli.exe, _internal\)
#    dist\BranchDesk-<version>-setup.exe (per-user install, no administrator rights needed)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$python = if ($env:PYTHON) { $env:PYTHON } else { ".venv\Scripts\python.exe" }

& $python -m pip install -q "pyinstaller>=6.10,<7"
if ($LASTEXITCODE) { throw "pip failed" }
$version = (& $python -c "import desktop; print(desktop.__version__)").Trim()

Write-Host "== bundle (PyInstaller)"
& $python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller `
    installer\branchdesk.spec
if ($LASTEXITCODE) { throw "PyInstaller failed" }

Write-Host "== self-test of the bundle"
& dist\branchdesk\branchdesk-cli.exe self-test
if ($LASTEXITCODE) { throw "the bundle's self-test failed" }

Write-Host "== installer (Inno Setup)"
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
$iscc = if ($iscc) { $iscc.Source } else { "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" installer\branchdesk.iss
if ($LASTEXITCODE) { throw "Inno Setup failed" }
