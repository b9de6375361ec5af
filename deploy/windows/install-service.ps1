<#
.SYNOPSIS
Registers psstd-agent and psstd-dashboard as Windows services with NSSM and opens the firewall.

.DESCRIPTION
UNTESTED: written without a Windows machine or PowerShell to run it; read it before use.
Copies nothing: unpack a win-x64 (or win-arm64) release archive to -InstallDir first.
Both services run as LocalService, start automatically, restart on exit (NSSM's default), and log
to <StateDir>\logs. The dashboard service depends on the agent service.

.EXAMPLE
.\install-service.ps1 -AdvertiseHttp "http://10.0.1.25:8080/" -Seeds "10.0.1.26:7947,10.0.1.27:7947"

.EXAMPLE
.\install-service.ps1 -Uninstall
#>
[CmdletBinding()]
param(
    [string]$InstallDir = "$env:ProgramFiles\psstd",
    [string]$StateDir = "$env:ProgramData\psstd",
    [string]$Nssm = "nssm.exe",
    [string]$NodeName = "",
    [string]$Seeds = "",
    [string]$Gossip = ":7947",
    [string]$Http = ":8080",
    [string]$AdvertiseHttp = "",
    [switch]$Uninstall
)

Set-StrictMode -Version Latest
$ErrorActionPreference = "Stop"

$services = @("psstd-dashboard", "psstd-agent")   # stop order: dashboard first
$firewallGroup = "psstd"

function Invoke-Nssm {
    & $Nssm @args
    if ($LASTEXITCODE -ne 0) { throw "nssm $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Get-PortOf([string]$address) {
    # ":7947", "0.0.0.0:7947", "[::]:7947" -> 7947
    return [int]($address.Substring($address.LastIndexOf(':') + 1))
}

if ($Uninstall) {
    foreach ($name in $services) {
        if (Get-Service -Name $name -ErrorAction SilentlyContinue) {
            & $Nssm stop $name | Out-Null   # fails harmlessly when already stopped
            Invoke-Nssm remove $name confirm
        }
    }
    Get-NetFirewallRule -Group $firewallGroup -ErrorAction SilentlyContinue | Remove-NetFirewallRule
    Write-Host "psstd services and firewall rules removed; $InstallDir and $StateDir are kept."
    return
}

if (-not (Get-Command $Nssm -ErrorAction SilentlyContinue)) {
    throw "NSSM not found ('$Nssm'): install it (https://nssm.cc) or pass -Nssm C:\path\to\nssm.exe"
}

# Self-contained archives hold .exe files; framework-dependent ones hold .dll files run by dotnet.
function Get-Program([string]$name) {
    $exe = Join-Path $InstallDir "$name.exe"
    if (Test-Path $exe) { return @($exe) }
    $dll = Join-Path $InstallDir "$name.dll"
    if (Test-Path $dll) {
        $dotnet = (Get-Command dotnet.exe -ErrorAction SilentlyContinue)
        if (-not $dotnet) { throw "$dll needs the ASP.NET Core 10 runtime (dotnet.exe not found)" }
        return @($dotnet.Source, "`"$dll`"")
    }
    throw "neither $exe nor $dll exists: unpack a Windows release archive to $InstallDir"
}

$logs = Join-Path $StateDir "logs"
New-Item -ItemType Directory -Force -Path $StateDir, $logs | Out-Null
# LocalService may write its state and logs, nothing else.
& icacls.exe $StateDir /grant "NT AUTHORITY\LocalService:(OI)(CI)M" | Out-Null

# The same settings for both: the agent publishes the dashboard URL, the dashboard finds the socket.
$environment = @(
    "PSSTD_DB=$StateDir",
    "PSSTD_SOCKET=$(Join-Path $StateDir 'agent.sock')",
    "PSSTD_GOSSIP=$Gossip",
    "PSSTD_HTTP=$Http"
)
if ($NodeName) { $environment += "PSSTD_NODE_NAME=$NodeName" }
if ($Seeds) { $environment += "PSSTD_SEEDS=$Seeds" }
if ($AdvertiseHttp) { $environment += "PSSTD_ADVERTISE_HTTP=$AdvertiseHttp" }

foreach ($name in @("psstd-agent", "psstd-dashboard")) {
    $program = Get-Program $name
    if (Get-Service -Name $name -ErrorAction SilentlyContinue) {
        & $Nssm stop $name | Out-Null   # fails harmlessly when already stopped
        Invoke-Nssm remove $name confirm
    }
    Invoke-Nssm install $name $program[0]
    if ($program.Count -gt 1) { Invoke-Nssm set $name AppParameters $program[1] }
    Invoke-Nssm set $name AppDirectory $InstallDir
    Invoke-Nssm set $name AppEnvironmentExtra @environment
    Invoke-Nssm set $name ObjectName "NT AUTHORITY\LocalService"
    Invoke-Nssm set $name Start SERVICE_AUTO_START
    Invoke-Nssm set $name AppExit Default Restart
    Invoke-Nssm set $name AppRestartDelay 2000
    Invoke-Nssm set $name AppStdout (Join-Path $logs "$name.log")
    Invoke-Nssm set $name AppStderr (Join-Path $logs "$name.log")
    Invoke-Nssm set $name AppRotateFiles 1
    Invoke-Nssm set $name AppRotateBytes 10485760
}
Invoke-Nssm set psstd-dashboard DependOnService psstd-agent

# Gossip is UDP today and TCP as well with the next protocol version: open both.
Get-NetFirewallRule -Group $firewallGroup -ErrorAction SilentlyContinue | Remove-NetFirewallRule
$gossipPort = Get-PortOf $Gossip
$httpPort = Get-PortOf $Http
New-NetFirewallRule -Group $firewallGroup -DisplayName "psstd gossip (UDP $gossipPort)" -Direction Inbound -Protocol UDP -LocalPort $gossipPort -Action Allow | Out-Null
New-NetFirewallRule -Group $firewallGroup -DisplayName "psstd gossip (TCP $gossipPort)" -Direction Inbound -Protocol TCP -LocalPort $gossipPort -Action Allow | Out-Null
New-NetFirewallRule -Group $firewallGroup -DisplayName "psstd dashboard (TCP $httpPort)" -Direction Inbound -Protocol TCP -LocalPort $httpPort -Action Allow | Out-Null

Invoke-Nssm start psstd-agent
Invoke-Nssm start psstd-dashboard
Write-Host "psstd-agent and psstd-dashboard are running; logs in $logs"
