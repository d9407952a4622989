; Le Bon Pour Ma Ville — installateur Windows (NSIS 3, Unicode).
; Compile : makensis -DPAYLOAD=<dossier du bundle PyInstaller> -DOUTFILE=<setup.exe> [-DVERSION=x.y.z] installer/windows/lbpmv.nsi
; Installe pour l'utilisateur seul, sans droits d'administrateur. La désinstallation garde les
; données du commerçant, sauf s'il coche « Supprimer aussi mes données ».

Unicode true
!ifndef PAYLOAD
  !error "Donnez le dossier du bundle : -DPAYLOAD=dist\lbpmv"
!endif
;  Les polices des textes sur les photos et leur licence (SIL OFL 1.1) sont installées avec l'application.
!if /FileExists "${PAYLOAD}\_internal\resources\fonts\OFL.txt"
!else
  !error "Le bundle n'a pas resources\fonts\OFL.txt : reconstruisez-le avec installer/lbpmv.spec"
!endif
!if /FileExists "${PAYLOAD}\_internal\resources\fonts\NotoSans-Bold.ttf"
!else
  !error "Le bundle n'a pas resources\fonts\NotoSans-Bold.ttf : reconstruisez-le avec installer/lbpmv.spec"
!endif
!ifndef OUTFILE
  !define OUTFILE "lbpmv-setup.exe"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif

!define APPNAME "Le Bon Pour Ma Ville"
!define APPKEY "lbpmv"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Name "${APPNAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "Software\${APPKEY}" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "${APPNAME} ${VERSION}"

!define MUI_ABORTWARNING
!if /FileExists "${__FILEDIR__}\lbpmv.ico"
  !define MUI_ICON "${__FILEDIR__}\lbpmv.ico"
  !define MUI_UNICON "${__FILEDIR__}\lbpmv.ico"
!endif
!define MUI_WELCOMEPAGE_TITLE "Bienvenue dans l'installation de ${APPNAME}"
!define MUI_WELCOMEPAGE_TEXT "Cette application vous accompagne pas à pas pour faire vivre votre commerce sur internet.$\r$\n$\r$\nL'installation prend une minute et ne demande pas de mot de passe administrateur."
!define MUI_FINISHPAGE_RUN "$INSTDIR\lbpmv.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Ouvrir ${APPNAME} maintenant"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.KeepDataPage un.KeepDataLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "French"

Section "${APPNAME} (obligatoire)" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}/*"
  WriteUninstaller "$INSTDIR\Desinstaller.exe"
  WriteRegStr HKCU "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\lbpmv.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\Desinstaller.exe"'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\lbpmv.exe"
SectionEnd

Section /o "Raccourci sur le bureau" SecDesktop
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\lbpmv.exe"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "L'application et ses tutoriels."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "Une icône sur le bureau pour ouvrir l'application en un double clic."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Var DeleteData
Var DeleteDataBox

Function un.KeepDataPage
  !insertmacro MUI_HEADER_TEXT "Vos données" "Vos progrès, vos photos et vos affiches"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "Vos progrès et vos réglages restent sur cet ordinateur : vous les retrouverez si vous réinstallez l'application.$\r$\n$\r$\nVos photos préparées (dossier Images) et vos affiches (dossier Documents) sont toujours gardées."
  Pop $0
  ${NSD_CreateCheckbox} 0 56u 100% 24u "Supprimer aussi mes données : mes progrès et mes réglages (cela ne peut pas être annulé)"
  Pop $DeleteDataBox
  nsDialogs::Show
FunctionEnd

Function un.KeepDataLeave
  ${NSD_GetState} $DeleteDataBox $DeleteData
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APPKEY}"
  ${If} $DeleteData == ${BST_CHECKED}
    RMDir /r "$LOCALAPPDATA\lbpmv"
  ${EndIf}
SectionEnd
