#!/usr/bin/env bash
# Runs the Bicep CLI pinned in Directory.Packages.props (NuGet package Azure.Bicep.CommandLine.linux-x64),
# so infra/ can be built and linted offline without the Azure CLI or azd. Arguments go to bicep, e.g.
#   scripts/bicep.sh build infra/main.bicep --stdout
#   scripts/bicep.sh lint infra/main.bicep
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_project="$root/tools/bicep/Bicep.Tools.csproj"

# A no-op after the first run; it only downloads when the package is not in the NuGet cache yet.
dotnet restore "$tools_project" --nologo --verbosity quiet >&2
package_dir="$(dotnet msbuild "$tools_project" -nologo -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)"
bicep="$package_dir/tools/bicep"
if [[ ! -x "$bicep" ]]; then
  chmod u+x "$bicep"
fi
exec "$bicep" "$@"
