#!/usr/bin/env bash
# A container deploy for the sample service, as a caller's deploy command does it on a Docker host: replaces the idle
# color's container (sample-<color>) with the release image, on that color's port, and leaves the live one alone.
#   DEPLOY_COLOR=green DEPLOY_IMAGE=ghcr.io/your-org/sample@sha256:… SAMPLE_DEPLOY_DIR=/srv/sample ./deploy-container.sh
# SAMPLE_DEPLOY_DIR holds <color>.port (written by whoever set the host up). DOCKER_HOST reaches a remote engine.
set -euo pipefail

fail() {
  echo "deploy-container: $1" >&2
  exit 1
}
[[ ${DEPLOY_COLOR:-} == blue || ${DEPLOY_COLOR:-} == green ]] || fail "DEPLOY_COLOR is '${DEPLOY_COLOR:-}': set it to blue or green"
[[ ${DEPLOY_IMAGE:-} =~ @sha256:[0-9a-f]{64}$ ]] || fail "DEPLOY_IMAGE is '${DEPLOY_IMAGE:-}': give the image by digest (name@sha256:…)"
port_file="${SAMPLE_DEPLOY_DIR:-}/$DEPLOY_COLOR.port"
[[ -f $port_file ]] || fail "SAMPLE_DEPLOY_DIR '${SAMPLE_DEPLOY_DIR:-}' has no $DEPLOY_COLOR.port: write the color's port there first"

name="sample-$DEPLOY_COLOR"
docker pull --quiet "$DEPLOY_IMAGE"
if docker container inspect "$name" >/dev/null 2>&1; then docker rm --force "$name"; fi
docker run --detach --name "$name" --network host --restart unless-stopped \
  --label "sample.color=$DEPLOY_COLOR" --label "sample.image=$DEPLOY_IMAGE" \
  --env COLOR="$DEPLOY_COLOR" --env PORT="$(cat "$port_file")" --env HOST=0.0.0.0 "$DEPLOY_IMAGE"
