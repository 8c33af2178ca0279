// Writes a Helm chart that produces the same kinds and numbers of Kubernetes objects as
// stackyard does for the synthetic repository: its values are the repository's manifests
// themselves, and its templates do the work stackyard's stacks and compilers do (labels,
// annotations, the DataOS env, config files through toYaml, probes of optional sections).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadAll } from "js-yaml";

const HELPERS = `{{- define "sy.meta" -}}
name: {{ .objName }}
namespace: {{ .r.workspace }}
annotations:
  stackyard.dev/resource-id: {{ printf "%s:%s:%s:%s" .r.type .r.version .r.name .r.workspace }}
  stackyard.dev/source: {{ .r.source | quote }}
labels:
  app.kubernetes.io/component: {{ .r.type }}
  app.kubernetes.io/instance: {{ .r.name }}
  app.kubernetes.io/managed-by: helm
  app.kubernetes.io/name: {{ .r.name }}
  app.kubernetes.io/part-of: {{ .r.workspace }}
{{- end -}}
{{- define "sy.env" -}}
{{- $r := .r -}}
- name: DATAOS_CONFIG_DIR
  value: /etc/dataos/config
- name: DATAOS_DESCRIPTION
  value: {{ $r.description | default "" | quote }}
- name: DATAOS_FQDN
  value: {{ $.fqdn }}
- name: DATAOS_NAME
  value: {{ $r.name }}
- name: DATAOS_RESOURCE_ID
  value: {{ printf "%s:%s:%s:%s" $r.type $r.version $r.name $r.workspace }}
- name: DATAOS_TAGS
  value: {{ join "," ($r.tags | default list) | quote }}
- name: DATAOS_TYPE
  value: {{ $r.type }}
- name: DATAOS_WORKSPACE
  value: {{ $r.workspace }}
{{- range $k, $v := .envs }}
- name: {{ $k }}
  value: {{ $v | toString | quote }}
{{- end }}
{{- end -}}
{{- define "sy.container" -}}
name: {{ .r.name }}-main
image: {{ .image }}
{{- with .command }}
command: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .args }}
args: {{- toYaml . | nindent 2 }}
{{- end }}
env: {{- include "sy.env" . | nindent 2 }}
{{- with .resources }}
resources: {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  allowPrivilegeEscalation: false
  capabilities: {drop: [ALL]}
  runAsNonRoot: true
  seccompProfile: {type: RuntimeDefault}
volumeMounts:
  - mountPath: /etc/dataos/config
    name: dataos-config-mount
    readOnly: true
{{- end -}}
{{- define "sy.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata: {{- include "sy.meta" (dict "r" .r "objName" (printf "%s-d" .r.name)) | nindent 2 }}
spec:
  replicas: {{ .replicas | default 1 }}
  selector:
    matchLabels:
      app.kubernetes.io/instance: {{ .r.name }}
      app.kubernetes.io/name: {{ .r.name }}
  template:
    metadata:
      labels:
        app.kubernetes.io/instance: {{ .r.name }}
        app.kubernetes.io/name: {{ .r.name }}
    spec:
      automountServiceAccountToken: false
      containers:
        - {{- include "sy.container" . | nindent 10 }}
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      serviceAccountName: {{ .r.name }}-sa
      volumes:
        - configMap:
            name: {{ .r.name }}-{{ .r.type }}
          name: dataos-config-mount
{{- end -}}
{{- define "sy.serviceaccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata: {{- include "sy.meta" (dict "r" .r "objName" (printf "%s-sa" .r.name)) | nindent 2 }}
automountServiceAccountToken: false
{{- end -}}
{{- define "sy.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata: {{- include "sy.meta" (dict "r" .r "objName" .objName) | nindent 2 }}
data:
  {{ .file }}: |
{{ toYaml .spec | indent 4 }}
{{- end -}}
{{- define "sy.scaling" -}}
{{- if .autoScaling }}{{ if .autoScaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {{- include "sy.meta" (dict "r" .r "objName" .r.name) | nindent 2 }}
spec:
  maxReplicas: {{ .autoScaling.maxReplicas }}
  minReplicas: {{ .autoScaling.minReplicas }}
  metrics:
    - resource:
        name: cpu
        target: {averageUtilization: {{ .autoScaling.targetCPUUtilizationPercentage }}, type: Utilization}
      type: Resource
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: {{ .r.name }}-d}
{{- end }}{{ end }}
{{- if gt (int (.replicas | default 1)) 1 }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {{- include "sy.meta" (dict "r" .r "objName" .r.name) | nindent 2 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app.kubernetes.io/instance: {{ .r.name }}}
{{- end }}
{{- end -}}
`;

const SERVICES = `{{- range .Values.services }}
{{- $s := .service }}
{{- $bento := eq $s.stack "bento:3.0" }}
{{- $ctx := dict "r" . "fqdn" $.Values.fqdn "envs" $s.envs "resources" $s.resources "replicas" $s.replicas "autoScaling" $s.autoScaling }}
{{- if $bento }}
{{- $_ := set $ctx "image" "ghcr.io/warpstreamlabs/bento:1.2.0" }}
{{- $_ := set $ctx "args" (list "-c" "/etc/dataos/config/bento.yaml") }}
{{- else }}
{{- $_ := set $ctx "image" $s.stackSpec.image }}
{{- $_ := set $ctx "command" $s.stackSpec.command }}
{{- $_ := set $ctx "args" $s.stackSpec.arguments }}
{{- end }}
---
{{ include "sy.deployment" $ctx }}
---
{{ include "sy.serviceaccount" $ctx }}
---
apiVersion: v1
kind: Service
metadata: {{- include "sy.meta" (dict "r" . "objName" .name) | nindent 2 }}
spec:
  ports:
    - name: http
      port: {{ $s.servicePort }}
      targetPort: {{ $s.servicePort }}
  selector:
    app.kubernetes.io/instance: {{ .name }}
{{- if $bento }}
---
{{ include "sy.configmap" (dict "r" . "objName" (printf "%s-service" .name) "file" "bento.yaml" "spec" $s.stackSpec) }}
{{- end }}
{{- if $s.ingress.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {{- include "sy.meta" (dict "r" . "objName" .name) | nindent 2 }}
spec:
  ingressClassName: nginx
  rules:
    - host: data.example.internal
      http:
        paths:
          - backend:
              service: {name: {{ .name }}, port: {number: {{ $s.servicePort }}}}
            path: {{ $s.ingress.path }}
            pathType: Prefix
{{- end }}
{{- include "sy.scaling" $ctx }}
{{- end }}
`;

const WORKERS = `{{- range .Values.workers }}
{{- $w := .worker }}
{{- $etl := hasPrefix "python-etl" $w.stack }}
{{- $ctx := dict "r" . "fqdn" $.Values.fqdn "envs" ($w.envs | default dict) "resources" $w.resources "replicas" $w.replicas "autoScaling" $w.autoScaling }}
{{- if $etl }}
{{- $_ := set $ctx "image" "docker.io/library/python:3.12.7-slim-bookworm" }}
{{- $_ := set $ctx "command" (list "python3") }}
{{- $_ := set $ctx "args" (list "-m" "etl" "--configuration" "/etc/dataos/config/jobconfig.yaml") }}
{{- $_ := set $ctx "envs" (dict "PYTHONUNBUFFERED" "1" "ETL_BATCH_SIZE" ($w.stackSpec.batchSize | default 500)) }}
{{- else }}
{{- $_ := set $ctx "image" $w.stackSpec.image }}
{{- $_ := set $ctx "args" $w.stackSpec.arguments }}
{{- end }}
---
{{ include "sy.deployment" $ctx }}
---
{{ include "sy.serviceaccount" $ctx }}
{{- if $etl }}
---
{{ include "sy.configmap" (dict "r" . "objName" (printf "%s-worker" .name) "file" "jobconfig.yaml" "spec" $w.stackSpec) }}
{{- end }}
{{- include "sy.scaling" $ctx }}
{{- end }}
`;

const WORKFLOWS = `{{- range .Values.workflows }}
{{- $r := . }}
{{- $ctx := dict "r" . }}
---
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {{- include "sy.meta" (dict "r" . "objName" .name) | nindent 2 }}
spec:
  concurrencyPolicy: {{ .workflow.schedule.concurrencyPolicy }}
  schedule: {{ .workflow.schedule.cron | quote }}
  workflowSpec:
    entrypoint: main
    serviceAccountName: {{ .name }}-sa
    templates:
      - name: main
        dag:
          tasks:
          {{- range .workflow.dag }}
            - name: {{ .name }}
              template: {{ .name }}
              {{- with .dependencies }}
              dependencies: {{- toYaml . | nindent 16 }}
              {{- end }}
          {{- end }}
      {{- range .workflow.dag }}
      {{- $job := . }}
      - name: {{ .name }}
        {{- with .retry }}
        retryStrategy: {limit: {{ .count }}, retryPolicy: {{ .strategy }}}
        {{- end }}
        {{- if hasPrefix "python-etl" .spec.stack }}
        resource:
          action: create
          successCondition: status.succeeded > 0
          failureCondition: status.failed > 0
          manifest: |
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ $r.name }}-{{ "{{workflow.creationTimestamp.s}}" }}
              namespace: {{ $r.workspace }}
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - {{- include "sy.container" (dict "r" $r "fqdn" $.Values.fqdn "image" "docker.io/library/python:3.12.7-slim-bookworm" "command" (list "python3" "-m" "etl") "resources" .spec.resources) | nindent 22 }}
                  volumes:
                    - configMap: {name: {{ .name }}-workflow}
                      name: dataos-config-mount
        {{- else }}
        container: {{- include "sy.container" (dict "r" $r "fqdn" $.Values.fqdn "envs" (.spec.envs | default dict) "image" .spec.stackSpec.image "args" .spec.stackSpec.arguments "resources" .spec.resources) | nindent 10 }}
        {{- end }}
      {{- end }}
{{- range .workflow.dag }}
{{- if hasPrefix "python-etl" .spec.stack }}
---
{{ include "sy.configmap" (dict "r" $r "objName" (printf "%s-workflow" .name) "file" "jobconfig.yaml" "spec" .spec.stackSpec) }}
{{- end }}
{{- end }}
---
{{ include "sy.serviceaccount" $ctx }}
{{- range list "Role" "RoleBinding" }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: {{ . }}
metadata: {{- include "sy.meta" (dict "r" $r "objName" (printf "%s-sa" $r.name)) | nindent 2 }}
{{- if eq . "Role" }}
rules:
  - apiGroups: [batch]
    resources: [jobs]
    verbs: [create, get, list, watch]
{{- else }}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: {{ $r.name }}-sa}
subjects:
  - {kind: ServiceAccount, name: {{ $r.name }}-sa, namespace: {{ $r.workspace }}}
{{- end }}
{{- end }}
{{- end }}
`;

const NAMESPACES = `{{- range .Values.workspaces }}
{{- $ws := . }}
---
apiVersion: v1
kind: Namespace
metadata:
  name: {{ . }}
  labels: {app.kubernetes.io/managed-by: helm}
{{- range $.Values.secrets }}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: {{ .name }}
  namespace: {{ $ws }}
spec:
  refreshInterval: 1h
  secretStoreRef: {kind: ClusterSecretStore, name: platform-vault}
  target: {name: {{ .name }}}
  dataFrom:
    - extract: {key: {{ .name }}}
{{- end }}
{{- end }}
`;

/** Writes the chart for the repository at `repoDir` (given its manifest files) into `chartDir`. */
export function generateChart(repoDir, files, chartDir) {
  const values = {
    fqdn: "data.example.internal",
    services: [],
    workers: [],
    workflows: [],
    secrets: [],
    workspaces: [],
  };
  const workspaces = new Set();
  for (const rel of files) {
    for (const doc of loadAll(readFileSync(path.join(repoDir, rel), "utf8"))) {
      if (!doc || typeof doc !== "object") continue;
      const r = { ...doc, source: `${rel}:1` };
      if (r.type === "instance-secret") values.secrets.push({ name: r.name });
      const list = { service: values.services, worker: values.workers, workflow: values.workflows }[
        r.type
      ];
      if (!list) continue;
      list.push(r);
      workspaces.add(r.workspace);
    }
  }
  values.workspaces = [...workspaces].sort();
  mkdirSync(path.join(chartDir, "templates"), { recursive: true });
  const put = (rel, text) => writeFileSync(path.join(chartDir, rel), text);
  put("Chart.yaml", "apiVersion: v2\nname: platform\nversion: 0.1.0\n");
  put("values.yaml", JSON.stringify(values));
  put("templates/_helpers.tpl", HELPERS);
  put("templates/services.yaml", SERVICES);
  put("templates/workers.yaml", WORKERS);
  put("templates/workflows.yaml", WORKFLOWS);
  put("templates/namespaces.yaml", NAMESPACES);
}
