import type { DiagnosticCode } from "../../diagnostics/codes.js";

/**
 * How to fix each diagnostic, in plain words, for docs/troubleshooting.md. Typed by the code
 * set, so a new code in codes.ts does not compile until its fix is written here.
 */
export const FIXES: Record<DiagnosticCode, string> = {
  FILE_UNREADABLE:
    "Check that the file exists and that you may read it. For `--config PATH`, the path is relative to the repository root (`-C`).",
  FILE_TOO_LARGE:
    "Manifests are small; a large file is usually data committed by mistake. Move it out of the roots, add it to `exclude:`, or raise `limits.maxFileBytes` in stackyard.yaml.",
  FILE_NOT_TEXT:
    "Save the file as UTF-8 text. If it is a binary file that happens to end in `.yaml`, rename it or add it to `exclude:`.",
  PATH_OUTSIDE_REPO:
    "Paths in manifests and stackyard.yaml are relative to the file (or to the repository root) and must stay inside the repository: no absolute paths, no `..` above the root. Copy the file into the repository.",
  YAML_SYNTAX:
    "The caret points where the YAML parser gave up; the mistake is often on the line before. Usual causes: a tab used for indentation, a missing space after `:`, an unclosed quote or bracket, or a value with `: ` that needs quoting.",
  YAML_DUPLICATE_KEY:
    "Remove one of the two keys. This also fires when an alias and its canonical spelling are both given (`autoscaling` and `autoScaling`): keep the canonical one.",
  YAML_ALIAS_LIMIT:
    'YAML anchors (`&a`) and aliases (`*a`) expand to more than the allowed size, which is how a "billion laughs" file looks. Write the values out, or use fewer nested aliases.',
  YAML_TOO_DEEP: "Flatten the document: no manifest needs this much nesting.",
  NOT_A_MANIFEST:
    "Each YAML document under the roots must be a mapping with `name`, `version` and `type`. Move other YAML files out of the roots or list them under `exclude:` in stackyard.yaml.",
  MISSING_FIELD:
    "Add the field named in the message at the place the caret points to. `stackyard new` writes every required field; docs/manifests.md lists them per type.",
  UNKNOWN_FIELD:
    "The field is misspelled or at the wrong indentation. Take the did-you-mean suggestion, or check the allowed fields in the hint; docs/manifests.md lists every field and accepted alias.",
  WRONG_TYPE:
    'Give the field a value of the type named in the message. Quote numbers that must be strings (`version: "1.0"`), write `true`/`false` for booleans (not `yes`/`no`), and use a list (`[a, b]`) where a list is expected. A mapping key must be a string: a list or mapping written as a key (`? [a, b]`, `{a: 1}: x`) is refused at the key.',
  INVALID_VALUE: "Use one of the values listed in the hint; matching is case-sensitive.",
  INVALID_NAME:
    "Names are lowercase letters, digits and `-`, start and end with a letter or digit, and have at most 48 characters (depot names: no `-`).",
  UNKNOWN_TYPE:
    "Set `type:` to one of: stack, workflow, worker, service, compute, volume, secret, instance-secret, depot, database.",
  UNSUPPORTED_VERSION:
    "Set `version:` to one listed in the hint for this type (for example `v1` for a service, `v1beta` for a worker).",
  DEPRECATED_SPELLING:
    "A warning only: stackyard read the old spelling as the one named in the message. Rename the key to silence it.",
  DUPLICATE_RESOURCE:
    "Two files define the same type and name in the same workspace (computes, depots and instance-secrets are unique across workspaces). Rename one, or delete the copy.",
  INVALID_STACK_REF:
    "Write the stack as `name`, `name:version`, `name+flavor` or `name+flavor:version`, for example `container:1.0` or `soda+python:1.0`.",
  UNKNOWN_STACK:
    "Take the did-you-mean, or pick from the stacks listed in the hint. A custom stack must be in a file under the roots, with `type: stack`; `stackyard validate` reports why a stack file was not read.",
  UNKNOWN_STACK_FLAVOR:
    "Add or correct the `+flavor` part of the reference using the list in the hint (`soda+python`).",
  UNKNOWN_STACK_VERSION:
    'Use a version from the hint, or leave the version out to get the highest one. Quote versions in stack files (`version: "1.0"`), or YAML reads `1.0` as the number 1.',
  STACK_CONFLICT:
    "Two stack files share name, flavor and version, or a repository stack reuses a built-in one. Give yours a name of its own (`container-acme`). Another version of a built-in stack's name is allowed, but the highest release is the one every reference without a version gets: `container:2.0` of yours would replace the built-in `container:1.0` there. A version with a `-` (`1.0-acme`, `2.0-rc.1`) is a pre-release: below `1.0`, and given to a reference without a version only when the stack has no release.",
  STACK_ORCHESTRATOR_UNSUPPORTED:
    "The stack has no `workflowJobConfig`, `workerConfig` or `serviceConfig` for this kind of resource. Use a stack that supports it (the hint lists where this one runs), or add the block to the stack.",
  STACK_SCHEMA_INVALID:
    "`stackSpecValueSchema.jsonSchema` must be a JSON object that ajv compiles (draft-07, or draft-04 when `$schema` says so). Check the JSON with a linter; the message names the first problem.",
  STACKSPEC_INVALID:
    "The stackSpec breaks the stack's schema; the note points at the schema. Fix the field at the caret. `stackyard new … --stack REF` writes a skeleton with every required field, and `stackyard schemas` gives your editor completion for it.",
  UNKNOWN_COMPUTE:
    "Take the did-you-mean, or define the compute (`type: compute`). `runnable-default` always exists.",
  COMPUTE_NOT_RUNNABLE:
    "A warning: Workflows, Workers and Services normally run on a compute with `purpose: runnable`. Use one, or change the compute's purpose.",
  UNKNOWN_VOLUME:
    "Define the volume (`type: volume`) in the same workspace as the resource, or correct the name using the hint.",
  UNKNOWN_SECRET:
    "Define the secret in the resource's workspace (`type: secret`), or an instance-secret of that name, or correct the name using the hint.",
  UNKNOWN_DEPOT:
    "The dataset address `dataos://depot:collection/dataset` names a depot no file defines. Define it (`type: depot`) or take the did-you-mean.",
  UNKNOWN_DATABASE: "Define the database (`type: database`) in the workspace, or correct the name.",
  INVALID_DATASET_ADDRESS:
    "Write dataset addresses as `dataos://depot:collection/dataset`, optionally with `?acl=r` or `?acl=rw`.",
  JQ_FILTER_FAILED:
    "A `dataOsAddressJqFilters` entry of the stack failed on this stackSpec. Usually the stackSpec lacks the path the filter reads; otherwise the stack's filter needs a `?` (`.inputs[]?.dataset`).",
  INCLUDE_NOT_FOUND:
    "The file named by `dag[].file` or `configs:` does not exist. Paths are relative to the manifest, then to the repository root; check spelling and case.",
  DAG_CYCLE:
    "The jobs named in the message wait for each other. Remove one of the `dependencies` so the jobs form a chain or tree.",
  DAG_SELF_DEPENDENCY: "Remove the job's own name from its `dependencies`.",
  UNKNOWN_DEPENDENCY:
    "`dependencies` must name jobs of the same workflow. Take the did-you-mean, or add the missing job.",
  DUPLICATE_JOB: "Rename one of the jobs: names are unique within a workflow.",
  INVALID_CRON:
    "Write five fields: minute, hour, day of month, month, day of week (`15 2 * * *` is 02:15 every day), in numbers (Argo's CronWorkflow schema refuses `JAN` or `MON`: write 1), or a descriptor such as `@daily` or `@every 1h`. Quote the expression in YAML, with no space before or after it. The time zone goes in `timezone:`, not in the expression.",
  INVALID_TIMEZONE:
    "Use an IANA time zone name such as `UTC`, `Europe/Berlin` or `America/New_York`.",
  FIELD_APPROXIMATED:
    "A warning: the field has no exact Kubernetes equivalent; the message says what stackyard did instead. Remove the field if that is not what you want.",
  PLAINTEXT_SECRET:
    "Secret values never belong in git. Leave the value empty (`key:`) so it comes from your secret store (secrets.mode `external-secrets`), encrypt the file with SOPS (`sops`), or reference an existing Secret (`existing`).",
  TEMPLATE_PARSE:
    "A stack template has a syntax error at the position shown: an unclosed `{{`, an unknown function or an undeclared variable (the hint names the nearest one that exists), or a missing `{{ end }}`. Try it with `stackyard template eval FILE --data JSON`.",
  TEMPLATE_EXEC:
    "A stack template failed while rendering, usually a missing value (`.ApplicationSpec.StackSpec.x` is nil) or a wrong type. Guard it with `{{ with }}` or `default`, or fix the stackSpec.",
  TEMPLATE_OUTPUT_INVALID:
    "The template rendered text that is not the YAML expected there, often because of indentation. Use `nindent`/`indent` with `toYaml`, and render it with `stackyard template eval` to see the output. A template renders one YAML document: `resourceTemplate` exactly one object, `extraResourcesTemplate` one list of objects (`- apiVersion: …` items, not documents after `---`).",
  TEMPLATE_NAMESPACE_REPLACED:
    "A warning: a `resourceTemplate` or `extraResourcesTemplate` rendered a namespaced object with `metadata.namespace` set to another namespace than the workspace of the resource using the stack. Every object a stack makes for a resource is created in that resource's workspace (one workspace, one namespace, one folder of out/ and one sync unit), so the build wrote the workspace instead, as it always does. Remove `namespace:` from the template, or render `namespace: {{ .Workspace }}`. An object meant for another namespace belongs to a resource of that workspace; a cluster-scoped kind has no namespace (see `clusterScopedKinds` in docs/writing-stacks.md).",
  OUTPUT_CONFLICT: [
    "The message says which of five cases it is:",
    "",
    "- **An object made twice** (`… is made twice: by … and by …`): two resources, or one resource twice, compile to one Kubernetes object (API group, kind, namespace and name), so one would overwrite the other in the cluster and kustomize refuses the folder. It is reported at the `name:` of each resource that makes it but the first. The usual case is two workflows of one workspace with a job of the same name: a job's ConfigMap is named after the job (`<job>-workflow`, as in DataOS). Rename one job or resource, or set `stamp: hash` in stackyard.yaml, which suffixes each job's objects with a hash of its workflow (when it is already set, the two stamps are equal: rename).",
    "- **Two objects for one out/ file** (`… would be written to <path>, as would …`): out/ names a file `<kind>-<name>.yaml` in lower case, any character but `a-z`, `0-9`, `.` and `-` written as `-`, so two objects whose names differ only there (`web-Extra` and `web-extra`, `web_a` and `web-a`), or of one kind and name in two API groups, would share a file. Give the objects names that stay apart there (usually in the stack's templates); when they come from two resources, rename one of them.",
    "- **A file or folder stackyard does not own in out/** (`… is a file stackyard does not own, in the way of generated output`): something you put in out/ is at the path of a generated file, or where one of its folders goes. It is reported at the line of the resource that makes that file. A build never overwrites or deletes what it did not write: move or delete the hand-written file or folder, or rename the resource.",
    "- **An out dir that cannot be a folder** (`… is a file, where the build writes its output folder`, a symbolic link to a file or to nothing, or a folder on its path that is a file): reported at `outDir:` in stackyard.yaml, or without a position when outDir is not set (it defaults to `out`). Move or delete what is there, or set `outDir` to another folder.",
    "- **Two sync units of one name** (`the sync units … would both be named …`, with `clusters:`): each unit is an Argo CD Application or Flux Kustomization named `<cluster>-<workspace>`, and a workspace of more than 500 objects is cut into `<cluster>-<workspace>-config-N` and `<cluster>-<workspace>-apps-N` units (the cluster's cluster-scoped objects, if any, are `<cluster>-cluster-scoped`), so a workspace named like such a part of another (`shop-apps-1` beside a split `shop`, or `cluster-scoped`) would be the same unit. Rename that workspace.",
  ].join("\n"),
  POLICY_VIOLATION:
    "Change the resource (or the stack template named in the note) so the object meets the policy, as the hint says; or, when the exception is deliberate, waive it on the resource with the annotation `stackyard.dev/waive.<policy>: <reason>`. docs/policies.md lists every policy.",
  POLICY_WAIVED:
    "Information: the resource waives a policy with the reason shown. An unknown policy id or an empty reason is an error; a waiver that suppresses nothing is a warning and can be removed.",
  OUTPUT_SCHEMA_INVALID:
    "A stack template produced an object that Kubernetes (or the CRD) would reject. Fix the template at the line shown; `stackyard template eval` shows what it renders.",
  OUTPUT_STALE:
    "out/ is not what the repository compiles to: run `stackyard build` and commit out/. In CI this means a pull request changed manifests without rebuilding.",
  OUTPUT_LOCKED:
    "Another build is writing out/. Wait for it; if none is running (a killed build), delete the lock file named in the hint.",
  CACHE_NOT_SAVED:
    "A build records what it read and wrote in `out/.stackyard/cache/`, so that the next build can skip the work (or answer from the record at once). Saving that record failed, for the reason given: a file in place of that folder, a full disk, or permissions. out/ itself was written and is complete; only the shortcut is lost, so every build compiles every resource until the record can be saved again. Remove what is in the way (for a file at `out/.stackyard/cache`, delete it) and build again.",
  OUTPUT_INTERRUPTED:
    "A build was killed (SIGKILL, the OOM killer, a CI job's timeout) or its machine went down while it wrote out/, and left folders named `out.stackyard-<kind>-<id>` next to it; out/ itself may be missing for a while, its files in the `patching` or `ready` one. Do not commit out/ in this state. Run `stackyard build`: it first finishes that write, or undoes it, and removes the leftovers. When the message names a running build instead, wait for it and check again.",
  NAME_TRUNCATED:
    "Information only: a Kubernetes name was longer than allowed and was shortened with a stable hash. Use a shorter resource name to avoid it.",
  MANIFEST_IN_OUT_DIR:
    "A build never reads a file inside `outDir` (by default `out/`): it owns that folder and prunes what it wrote there. A manifest placed there, or in an `outDir` that is inside a root (`outDir: resources/gen` beside `roots: [resources]`), is not built. Move the file under a root outside `outDir`, or set `outDir:` to a folder of its own. A full build looks at every file in `outDir` it does not own; a build answered from the cache, or one that compiled only what changed, looks at the top of `outDir` only.",
  CONFIG_INVALID:
    "Fix stackyard.yaml at the caret; every key is described in docs/configuration.md, and unknown keys get a did-you-mean.",
  NO_MANIFESTS:
    "No `.yaml` or `.yml` file was found. Set `roots:` in stackyard.yaml to the folders that hold your manifests, or create one with `stackyard new`.",
  PATH_NOT_VALIDATED:
    "`stackyard validate PATH` checks the manifests a build reads: `.yaml` and `.yml` files under `roots:`, outside `outDir`, not left out by `exclude:`, with no part of their path below the root starting with a dot. A path that is none of these, or a folder with none of these under it, is not checked at all: the closing line names only the paths that were validated, and says `nothing validated` when none was. Validate a manifest under the roots, add its folder to `roots:`, or change `exclude:` in stackyard.yaml.",
  INTERNAL_ERROR:
    "A bug in stackyard. Run again with `STACKYARD_DEBUG=1` to see the stack trace, and report it with the smallest manifest that triggers it.",
};
