{{- define "pilothouse.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "pilothouse.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Cluster-wide and kube-system objects: one per installation, so the namespace is in the name. */}}
{{- define "pilothouse.globalName" -}}
{{- printf "%s-%s" .Release.Namespace (include "pilothouse.fullname" .) }}
{{- end }}

{{- define "pilothouse.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pilothouse.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "pilothouse.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "pilothouse.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: pilothouse
{{- end }}

{{- define "pilothouse.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "pilothouse.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The CRDs the chart ships (crds/<name>.yaml): the only ones the console may read cluster-wide. */}}
{{- define "pilothouse.crdNames" -}}
{{- range $path, $_ := .Files.Glob "crds/*.yaml" }}
- {{ base $path | trimSuffix ".yaml" }}
{{- end }}
{{- end }}

{{- define "pilothouse.hostAccess" -}}
{{- if not (has .Values.hostAccess (list "limited" "full")) }}
{{- fail (printf "hostAccess must be limited or full, not %q" .Values.hostAccess) }}
{{- end }}
{{- .Values.hostAccess }}
{{- end }}
