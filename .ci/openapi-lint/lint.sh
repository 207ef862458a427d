#!/usr/bin/env bash
# Lints the OpenAPI document every app publishes (written at compile time to
# <module>/target/classes/META-INF/swagger/<app>.yml, finished before packaging) with @redocly/cli's
# recommended rules: 0 errors on each, or this fails. Run after a build that packaged the apps.
# Then the merged document the gateway serves at /openapi.yml, as the gateway's MergedApiDocumentTest
# was served it (gateway/target/openapi/grantline.yml): run after the gateway's tests.
set -euo pipefail
cd "$(dirname "$0")"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
npm ci --no-audit --no-fund --loglevel=error >/dev/null
status=0
for app in gateway services/jurisdiction services/grants services/documents services/notifications; do
  name=$(basename "$app")
  doc="../../$app/target/classes/META-INF/swagger/$name.yml"
  if [ ! -f "$doc" ]; then
    echo "missing: $doc (build the apps first)"; status=1; continue
  fi
  if out=$(npx --no-install redocly lint --format=summary "$doc" 2>&1); then
    echo "$name: $(echo "$out" | grep -Eo '[0-9]+ warnings?' | tail -n 1 || echo '0 warnings'), 0 errors"
  else
    echo "$out"; echo "$name: lint errors"; status=1
  fi
done
merged=../../gateway/target/openapi/grantline.yml
if [ ! -f "$merged" ]; then
  echo "missing: $merged (run the gateway's tests first: MergedApiDocumentTest writes it)"; status=1
elif out=$(npx --no-install redocly lint --format=summary "$merged" 2>&1); then
  echo "merged (gateway /openapi.yml): $(echo "$out" | grep -Eo '[0-9]+ warnings?' | tail -n 1 || echo '0 warnings'), 0 errors"
else
  echo "$out"; echo "merged (gateway /openapi.yml): lint errors"; status=1
fi
exit $status
