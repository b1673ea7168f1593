; Inno Setup 6 script: the Windows installer for the bundle in dist\branchdesk (build.ps1 runs it).
;
; Per-user by default (no administrator rights: branch staff install it themselves); IT can choose
; "install for all users" in the dialog. Start-menu and optional desktop shortcuts, optional start
; at login (the same HKCU Run value the app's Settings → Start at login writes), and an uninstaller
; that removes the program only: profiles stay in each user's %LOCALAPPDATA%\BranchDesk.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C1E2F4A-8B3D-4E59-9A7C-2D5B0F31E8A4}
AppName=BranchDesk
AppVerName=BranchDesk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=BranchDesk
DefaultDirName={autopf}\BranchDesk
DefaultGroupName=BranchDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=BranchDesk-{#AppVersion}-setup
SetupIconFile=branchdesk.ico
UninstallDisplayIcon={app}\branchdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; ChineseSimplified.isl: an Inno Setup translation; if your Inno Setup lacks it, put it in its
; Languages folder (see the README's packaging section).
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
zh_CN.StartAtLogin=登录 Windows 时在系统托盘中启动 BranchDesk
en.StartAtLogin=Start BranchDesk in the system tray when I log in
zh_CN.AppComment=信用卡客户经理的客户、联系记录与回访提醒
en.AppComment=Customers, calls and revisit reminders of a credit-card relationship manager

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; Flags: unchecked

[Files]
Source: "..\dist\branchdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\BranchDesk"; Filename: "{app}\branchdesk.exe"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\BranchDesk"; Filename: "{app}\branchdesk.exe"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "BranchDesk"; \
    ValueData: """{app}\branchdesk.exe"" --minimized"; Flags: uninsdeletevalue; Tasks: startatlogin

[Run]
Filename: "{app}\branchdesk.exe"; Description: "{cm:LaunchProgram,BranchDesk}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
; Take out the start-at-login value even when it was set from the app's Settings, not here.
Filename: "{cmd}"; Parameters: "/C reg delete HKCU\Software\Microsoft\Windows\CurrentVersion\Run /v BranchDesk /f"; \
    Flags: runhidden; RunOnceId: "RemoveAutostart"
