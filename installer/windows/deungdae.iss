; Deungdae (등대) Windows installer, Inno Setup 6.
;
; Inputs come from the same PyInstaller spec as the Linux bundle: `make bundle` on Windows
; (python installer\build_bundle.py) builds build\bundle\dist\deungdae\ and writes
; layout.iss beside this file (names and paths from installer\layout.py). Then:
;     iscc installer\windows\deungdae.iss
; writes dist\deungdae-<version>-windows-x64-setup.exe. Build steps: README, "Windows".
;
; Installs per user (no administrator, no IT staff) unless the "record even when nobody is
; logged in" task is chosen: that one needs administrator rights (Windows asks), installs
; the headless logger as the Windows service DeungdaeLogger (automatic start, restarts
; on failure) on the machine-wide data dir, and points Deungdae at that data dir for
; every user. The uninstaller keeps the record unless asked to remove it.

#include "layout.iss"

[Setup]
AppId={{6E0C3B52-5D4C-4F0E-9B7A-DE0D6DAE0001}
AppName={#AppName}
AppVerName={#AppName} {#AppVersion}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=deungdae-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#ExeName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=yes
ChangesEnvironment=yes

[Languages]
Name: "ko"; MessagesFile: "compiler:Languages\Korean.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
ko.DesktopIcon=바탕 화면에 바로 가기 만들기
en.DesktopIcon=Create a desktop shortcut
ko.ServiceTask=로그인한 사람이 없어도 기록 (백그라운드 기록기를 Windows 서비스로 설치, 관리자 권한 필요)
en.ServiceTask=Record even when nobody is logged in (installs the headless logger as a Windows service; needs administrator rights)
ko.SelfTest=자체 점검 실행
en.SelfTest=Run the self-test
ko.KeepData=기록(데이터 폴더)을 삭제하시겠습니까?%n%n[아니요]를 누르면 기록은 그대로 남습니다.
en.KeepData=Delete the record (the data dir) as well?%n%nChoose No to keep every record.
ko.CliName=등대 명령줄
en.CliName=Deungdae command line

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"
Name: "service"; Description: "{cm:ServiceTask}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\{#ExeName}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\{#ServiceExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName} ({#AppNameKo})"; Filename: "{app}\{#ExeName}"
Name: "{group}\{cm:CliName}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName} ({#AppNameKo})"; Filename: "{app}\{#ExeName}"; Tasks: desktopicon

[Registry]
; with the service, every user's window and the service share the machine-wide data dir
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: string; ValueName: "DEUNGDAE_HOME"; ValueData: "{commonappdata}\{#AppName}"; Flags: uninsdeletevalue; Tasks: service; Check: IsAdminInstallMode

[Dirs]
Name: "{commonappdata}\{#AppName}"; Permissions: users-modify; Tasks: service; Check: IsAdminInstallMode

[Run]
Filename: "{sys}\sc.exe"; Parameters: "create {#ServiceName} binPath= ""\""{app}\{#ServiceExe}\"" --data-dir \""{commonappdata}\{#AppName}\"""" start= auto DisplayName= ""{#AppName} logger"""; Flags: runhidden; Tasks: service; Check: IsAdminInstallMode
Filename: "{sys}\sc.exe"; Parameters: "failure {#ServiceName} reset= 86400 actions= restart/10000/restart/10000/restart/60000"; Flags: runhidden; Tasks: service; Check: IsAdminInstallMode
Filename: "{sys}\sc.exe"; Parameters: "start {#ServiceName}"; Flags: runhidden; Tasks: service; Check: IsAdminInstallMode
Filename: "{app}\{#CliExe}"; Parameters: "self-test"; Description: "{cm:SelfTest}"; Flags: postinstall skipifsilent waituntilterminated
Filename: "{app}\{#ExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: postinstall skipifsilent nowait

[UninstallRun]
Filename: "{sys}\sc.exe"; Parameters: "stop {#ServiceName}"; Flags: runhidden; RunOnceId: "StopService"
Filename: "{sys}\sc.exe"; Parameters: "delete {#ServiceName}"; Flags: runhidden; RunOnceId: "DeleteService"

[Code]
function DataDirs(): String;
begin
  Result := ExpandConstant('{localappdata}\{#AppName}');
  if IsAdminInstallMode then
    Result := Result + ';' + ExpandConstant('{commonappdata}\{#AppName}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Dirs: String;
  One: String;
  P: Integer;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    { the record stays unless the person says to delete it (never in a silent uninstall) }
    if (not UninstallSilent) and
       (MsgBox(CustomMessage('KeepData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES) then
    begin
      Dirs := DataDirs();
      while Dirs <> '' do
      begin
        P := Pos(';', Dirs);
        if P = 0 then begin One := Dirs; Dirs := ''; end
        else begin One := Copy(Dirs, 1, P - 1); Delete(Dirs, 1, P); end;
        DelTree(One, True, True, True);
      end;
    end;
  end;
end;
