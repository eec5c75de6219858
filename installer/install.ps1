<#
.SYNOPSIS
  phishcheck for Thunderbird on Windows (NOT TESTED on Windows: see docs/install.md).

.DESCRIPTION
  Per user (default):
    %LOCALAPPDATA%\phishcheck\phishcheck.exe and phishcheck.json (the host manifest),
    HKCU\Software\Mozilla\NativeMessagingHosts\phishcheck (default value = manifest path),
    the extension in every profile of %APPDATA%\Thunderbird\profiles.ini as
    extensions\phishcheck@phishcheck.org.xpi, plus a marked user.js block setting
    extensions.autoDisableScopes to 14 (Thunderbird disables side-loaded add-ons otherwise).
  -System (administrator):
    %ProgramFiles%\phishcheck\ (host, manifest, phishcheck.xpi),
    HKLM\SOFTWARE\Mozilla\NativeMessagingHosts\phishcheck,
    the policy merged into <Thunderbird install dir>\distribution\policies.json
    (ExtensionSettings force_installed, file:/// URL; with -Settings FILE also
    3rdparty.Extensions["phishcheck@phishcheck.org"]). Domains using GPO instead: see
    manifests\windows\policies-gpo.reg.in.
  -Uninstall removes everything listed in installed-files.txt (and our policy entries).

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -HostExe phishcheck.exe -Xpi phishcheck.xpi
#>
param(
  [switch]$System,
  [switch]$Uninstall,
  [string]$HostExe = (Join-Path $PSScriptRoot 'phishcheck.exe'),
  [string]$Xpi = (Join-Path $PSScriptRoot 'phishcheck.xpi'),
  [string]$Settings = '',
  [string]$ThunderbirdDir = ''
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ExtId = 'phishcheck@phishcheck.org'
$Name = 'phishcheck'
$Begin = '// >>> phishcheck: added by installer/install.ps1, removed by install.ps1 -Uninstall'
$End = '// <<< phishcheck'

function Say($msg) { Write-Host "phishcheck: $msg" }

if ($System) {
  $LibDir = Join-Path $env:ProgramFiles 'phishcheck'
  $RegKey = 'HKLM:\SOFTWARE\Mozilla\NativeMessagingHosts\phishcheck'
  if (-not $ThunderbirdDir) { $ThunderbirdDir = Join-Path $env:ProgramFiles 'Mozilla Thunderbird' }
  $Policy = Join-Path $ThunderbirdDir 'distribution\policies.json'
} else {
  $LibDir = Join-Path $env:LOCALAPPDATA 'phishcheck'
  $RegKey = 'HKCU:\Software\Mozilla\NativeMessagingHosts\phishcheck'
  $Policy = $null
}
$Record = Join-Path $LibDir 'installed-files.txt'

function Note($kind, $path) {
  $line = "$kind`t$path"
  if (-not (Test-Path $Record) -or -not ((Get-Content $Record) -contains $line)) {
    Add-Content -Path $Record -Value $line -Encoding UTF8
  }
}

function Read-Json($path) {
  if (Test-Path $path) { return (Get-Content -Raw -Encoding UTF8 $path | ConvertFrom-Json) }
  return [pscustomobject]@{}
}
function Set-Prop($obj, $name, $value) {
  if ($obj.PSObject.Properties[$name]) { $obj.$name = $value }
  else { $obj | Add-Member -NotePropertyName $name -NotePropertyValue $value }
}
function Get-Or-Add($obj, $name) {
  if (-not $obj.PSObject.Properties[$name]) { Set-Prop $obj $name ([pscustomobject]@{}) }
  return $obj.$name
}
function Write-Json($obj, $path) {
  $tmp = "$path.phishcheck.tmp"
  $obj | ConvertTo-Json -Depth 32 | Set-Content -Path $tmp -Encoding UTF8
  Move-Item -Force $tmp $path
}

# Profiles from profiles.ini (relative paths use / in the file).
function Get-Profiles {
  $base = Join-Path $env:APPDATA 'Thunderbird'
  $ini = Join-Path $base 'profiles.ini'
  if (-not (Test-Path $ini)) { return @() }
  $out = @(); $path = $null; $rel = $true; $inProfile = $false
  foreach ($line in (Get-Content $ini) + '[end]') {
    if ($line -match '^\[') {
      if ($inProfile -and $path) {
        if ($rel) { $out += (Join-Path $base ($path -replace '/', '\')) } else { $out += $path }
      }
      $inProfile = $line -match '^\[Profile'; $path = $null; $rel = $true
    } elseif ($inProfile -and $line -match '^Path=(.*)$') { $path = $Matches[1] }
    elseif ($inProfile -and $line -match '^IsRelative=(\d)') { $rel = ($Matches[1] -eq '1') }
  }
  return $out | Select-Object -Unique
}

function Remove-Block($file) {
  $keep = @(); $skip = $false
  foreach ($l in Get-Content $file) {
    if ($l -eq $Begin) { $skip = $true }
    if (-not $skip) { $keep += $l }
    if ($l -eq $End) { $skip = $false }
  }
  Set-Content -Path $file -Value $keep -Encoding UTF8
}

function Install-Phishcheck {
  if (-not (Test-Path $HostExe)) { throw "no host at $HostExe" }
  if (-not (Test-Path $Xpi)) { throw "no extension package at $Xpi" }
  if (-not (Test-Path $LibDir)) { New-Item -ItemType Directory $LibDir | Out-Null; $newDir = $true }
  else { $newDir = $false }
  if ($newDir) { Note 'dir' $LibDir }
  $hostPath = Join-Path $LibDir 'phishcheck.exe'
  Copy-Item -Force $HostExe $hostPath; Note 'file' $hostPath
  $manifest = Join-Path $LibDir 'phishcheck.json'
  [ordered]@{ name = $Name; description = 'phishcheck phishing checker (native host)';
              path = $hostPath; type = 'stdio'; allowed_extensions = @($ExtId) } |
    ConvertTo-Json | Set-Content -Path $manifest -Encoding UTF8
  Note 'file' $manifest
  New-Item -Force -Path $RegKey | Out-Null
  Set-ItemProperty -Path $RegKey -Name '(default)' -Value $manifest
  Note 'regkey' $RegKey
  Say "host $hostPath; manifest $manifest; registry $RegKey"
  if ($System) {
    $xpiPath = Join-Path $LibDir 'phishcheck.xpi'
    Copy-Item -Force $Xpi $xpiPath; Note 'file' $xpiPath
    $url = ([System.Uri]$xpiPath).AbsoluteUri
    $dist = Split-Path $Policy
    if (-not (Test-Path $dist)) { New-Item -ItemType Directory $dist | Out-Null; Note 'dir' $dist }
    if (-not (Test-Path $Policy)) { Note 'policy-created' $Policy }
    $doc = Read-Json $Policy
    $pol = Get-Or-Add $doc 'policies'
    $es = Get-Or-Add $pol 'ExtensionSettings'
    Set-Prop $es $ExtId ([pscustomobject]@{ installation_mode = 'force_installed'; install_url = $url })
    if ($Settings) {
      $ext = Get-Or-Add (Get-Or-Add $pol '3rdparty') 'Extensions'
      Set-Prop $ext $ExtId (Get-Content -Raw -Encoding UTF8 $Settings | ConvertFrom-Json)
      Note 'policy-settings' $Policy
    }
    Write-Json $doc $Policy; Note 'policy' $Policy
    Say "policy $Policy (force_installed, $url)"
  } else {
    foreach ($p in Get-Profiles) {
      if (-not (Test-Path $p)) { continue }
      $extDir = Join-Path $p 'extensions'
      if (-not (Test-Path $extDir)) { New-Item -ItemType Directory $extDir | Out-Null; Note 'dir' $extDir }
      $dest = Join-Path $extDir "$ExtId.xpi"
      Copy-Item -Force $Xpi $dest; Note 'file' $dest
      $userJs = Join-Path $p 'user.js'
      if (Test-Path $userJs) { Note 'userjs-edit' $userJs; Remove-Block $userJs } else { Note 'userjs-new' $userJs }
      Add-Content -Path $userJs -Encoding UTF8 -Value @($Begin,
        'user_pref("extensions.autoDisableScopes", 14);', $End)
      Say "extension $dest"
    }
  }
  Say "done; restart Thunderbird. Files: $Record"
}

function Uninstall-Phishcheck {
  if (-not (Test-Path $Record)) { Say "nothing to remove ($Record not found)"; return }
  $entries = Get-Content $Record | ForEach-Object { $k, $v = $_ -split "`t", 2; [pscustomobject]@{ Kind = $k; Path = $v } }
  $kinds = $entries | ForEach-Object Kind
  foreach ($e in $entries) {
    switch ($e.Kind) {
      'file' { Remove-Item -Force -ErrorAction SilentlyContinue $e.Path }
      'regkey' { Remove-Item -Force -ErrorAction SilentlyContinue $e.Path }
      'policy' {
        if (Test-Path $e.Path) {
          $doc = Read-Json $e.Path
          if ($doc.PSObject.Properties['policies'] -and $doc.policies.PSObject.Properties['ExtensionSettings']) {
            $doc.policies.ExtensionSettings.PSObject.Properties.Remove($ExtId)
          }
          if ($kinds -contains 'policy-settings' -and $doc.policies.PSObject.Properties['3rdparty']) {
            $doc.policies.'3rdparty'.Extensions.PSObject.Properties.Remove($ExtId)
          }
          if ($kinds -contains 'policy-created' -and
              @($doc.policies.ExtensionSettings.PSObject.Properties).Count -eq 0 -and
              @($doc.policies.PSObject.Properties).Count -le 2) { Remove-Item -Force $e.Path }
          else { Write-Json $doc $e.Path }
        }
      }
      { $_ -in 'userjs-new', 'userjs-edit' } {
        if (Test-Path $e.Path) {
          Remove-Block $e.Path
          if ($e.Kind -eq 'userjs-new' -and -not (Get-Content $e.Path)) { Remove-Item -Force $e.Path }
        }
      }
    }
  }
  Remove-Item -Force $Record
  $entries | Where-Object Kind -eq 'dir' | Sort-Object { $_.Path.Length } -Descending | ForEach-Object {
    if ((Test-Path $_.Path) -and -not (Get-ChildItem -Force $_.Path)) { Remove-Item -Force $_.Path }
  }
  Say 'uninstalled'
}

if ($Uninstall) { Uninstall-Phishcheck } else { Install-Phishcheck }
