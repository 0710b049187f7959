; Inno Setup 6 script: the Windows installer for Jurnal Desk, around the standalone build.
;
; Build dist\jurnal-desk.exe first (packaging/README.md, "Windows installer"), then from the
; repository root:   iscc packaging\windows\jurnal-desk.iss
; which writes dist\jurnal-desk-<version>-setup.exe.
;
; Per user, no administrator rights: the app goes to %LOCALAPPDATA%\Programs\Jurnal Desk, the
; Start-menu entry to the user's own Programs menu, the uninstaller to the user's "Apps".
; Uninstalling removes all of that. The user's data (%LOCALAPPDATA%\jurnal-desk: companies,
; posting history, logs) is kept unless the user says to remove it, because the posting
; history is what stops a journal from being posted twice after a reinstall. Tokens and
; secrets live in the Windows Credential Manager, never in these folders.
;
; Paths are relative to this file's folder. tests/process/test_packaging.py checks that they exist
; and that AppVersion is the version in pyproject.toml (pass /DAppVersion=x.y.z to override).

#ifndef AppVersion
  #define AppVersion "0.2.0"
#endif
#define AppName "Jurnal Desk"
#define AppExe "jurnal-desk.exe"
#define DataFolder "jurnal-desk"

[Setup]
; The AppId never changes: it is how an upgrade finds the installed copy.
AppId={{3EACD91C-219D-45FA-ACE8-BA1557770DB6}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Jurnal Desk
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\jurnal-desk.ico
UninstallDisplayIcon={app}\jurnal-desk.ico
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=jurnal-desk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\jurnal-desk.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\resources\icons\jurnal-desk.ico"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\..\CHANGELOG.md"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\jurnal-desk.ico"; Comment: "Posting jurnal ke Accurate Online dan Sempoa"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; IconFilename: "{app}\jurnal-desk.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Anything the app left beside itself (nothing is expected; the data folder is elsewhere).
Type: filesandordirs; Name: "{app}"

[Code]
// After the program is gone, offer to remove the user's data too. "No" is the default and
// the answer of a silent uninstall: the posting history prevents double posting.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\{#DataFolder}');
    if DirExists(DataDir) then
      if SuppressibleMsgBox(
          'Hapus juga data Jurnal Desk (perusahaan, riwayat posting, log) di ' + DataDir +
          '?' + #13#10 + 'Remove Jurnal Desk''s data (companies, posting history, logs) too?' +
          #13#10#13#10 + 'Token dan secret di Windows Credential Manager tidak dihapus di sini. ' +
          '/ Tokens and secrets in the Windows Credential Manager are not removed here.',
          mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
