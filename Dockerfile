# syntax=docker/dockerfile:1.7
# The console's image. The build stage installs, builds and lays out the files
# the image needs (scripts/assemble-image.mjs: Next's standalone output plus
# the console's own server entry and what it reads at run time); the final
# stage holds only those, owned by root and run as an unprivileged user, so
# the root filesystem can be read-only (only /tmp is written: mount it).
# scripts/image.int.test.ts starts the same layout the way ENTRYPOINT does.
ARG NODE_IMAGE=node:20-bookworm-slim

# helm, at the version the fleet pins (hack/fleet/addons/helm/go.mod): the
# console runs it for users' app installs (lib/apps/helm.ts).
FROM golang:1.26-bookworm AS helm
WORKDIR /src
COPY hack/fleet/addons/helm/ ./
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$(go list -m -f '{{.Version}}' helm.sh/helm/v4)" -o /helm helm.sh/helm/v4/cmd/helm

FROM ${NODE_IMAGE} AS build
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && node scripts/assemble-image.mjs --out /image

FROM ${NODE_IMAGE}
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 HOME=/tmp PILOTHOUSE_HELM=/usr/local/bin/helm
WORKDIR /app
COPY --from=build /image/ /app/
COPY --from=helm /helm /usr/local/bin/helm
USER 65532:65532
EXPOSE 3000
ENTRYPOINT ["node", "dist/server.mjs"]
