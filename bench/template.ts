// Micro-benchmark of the template engine on a typical stack: a configFileTemplate that dumps a
// ~200-line stackSpec through `toYaml | indent 2`, and a 40-line containerResourceTemplate with
// range and if. Run: npx esbuild bench/template.ts --bundle --platform=node --format=esm \
//   --packages=external --outfile=node_modules/.bench-template.mjs && node node_modules/.bench-template.mjs
import { parseTemplate, executeTemplate, toTemplateValue } from "../src/template/index.js";

function stackSpec(): Record<string, unknown> {
  const jobs: Record<string, unknown>[] = [];
  for (let i = 0; i < 12; i++) {
    jobs.push({
      name: `job-${i}`,
      inputs: [
        { name: `in${i}`, dataset: `dataos://icebase:retail/table_${i}?acl=r`, format: "iceberg" },
      ],
      outputs: [
        {
          name: `out${i}`,
          dataset: `dataos://icebase:mart/out_${i}?acl=rw`,
          options: { saveMode: "overwrite", partitions: ["dt", "region"] },
        },
      ],
      steps: [{ sequence: [{ name: "final", sql: `SELECT * FROM in${i} WHERE amount > ${i}.5` }] }],
    });
  }
  return {
    driver: { coreLimit: "1200m", cores: 1, memory: "1024m" },
    executor: { coreLimit: "1200m", cores: 2, instances: 2, memory: "2048m" },
    job: { explain: true, logLevel: "INFO", jobs },
  };
}

const configTemplate = `jobconfig.yaml: |
{{ toYaml .ApplicationSpec.StackSpec | indent 2 }}
logger:
  level: {{ .ApplicationSpec.LogLevel | default "INFO" }}
`;

const containerTemplate = `initContainers:
  - name: {{ .Name }}{{ .Stamp }}-ic
    image: {{ .Image }}
    command: ["sh", "-c", "echo init"]
container:
  name: {{ .Name }}{{ .Stamp }}-main
  image: {{ .Image }}
  imagePullPolicy: IfNotPresent
  {{- if .ApplicationSpec.Resources }}
  resources:
{{ toYaml .ApplicationSpec.Resources | indent 4 }}
  {{- end }}
  env:
  {{- range $k, $v := .ApplicationSpec.EnvironmentVars }}
    - name: {{ $k }}
      value: {{ $v | quote }}
  {{- end }}
    - name: RUN_ID
      value: {{ \`{{workflow.uid}}\` | quote }}
  envFrom:
  {{- range .EnvironmentVarsFromSecret }}
    - secretRef:
        name: {{ . }}
  {{- end }}
  volumeMounts:
  {{- range .Volumes }}
    - name: {{ .Name }}
      mountPath: {{ .MountPath }}
      {{- if .ReadOnly }}
      readOnly: true
      {{- end }}
  {{- end }}
  {{- with getNested .ApplicationSpec.StackSpec "driver.coreLimit" }}
  args: ["--core-limit", {{ . | quote }}]
  {{- end }}
sidecars: []
`;

const data = toTemplateValue({
  Name: "city-001",
  Stamp: "-c5dq",
  Image: "registry.example.com/flare:7.0",
  EnvironmentVarsFromSecret: ["city-001-workflow-c5dq-env"],
  Volumes: [
    { Name: "dataos-config-mount", MountPath: "/etc/dataos/config", ReadOnly: true },
    { Name: "tmp", MountPath: "/var/dataos/temp_data", ReadOnly: false },
  ],
  ApplicationSpec: {
    LogLevel: "INFO",
    StackSpec: stackSpec(),
    Resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } },
    EnvironmentVars: { A: "1", B: "two", C: "true", D: "x y" },
  },
});

/**
 * Renders per second, best of five rounds, by CPU time on this thread (what one core does,
 * undisturbed by other processes on a shared machine) and by wall-clock time.
 */
function measure(label: string, source: string): void {
  const tpl = parseTemplate(source, label);
  const lines = executeTemplate(tpl, data).split("\n").length;
  for (let i = 0; i < 500; i++) executeTemplate(tpl, data);
  const n = 2000;
  let bestCpu = 0;
  let bestWall = 0;
  for (let round = 0; round < 5; round++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < n; i++) executeTemplate(tpl, data);
    const used = process.cpuUsage(cpu);
    bestCpu = Math.max(bestCpu, n / ((used.user + used.system) / 1e6));
    bestWall = Math.max(bestWall, n / ((performance.now() - wall) / 1000));
  }
  console.log(
    `${label}: ${Math.round(bestCpu)} renders per CPU-second, ${Math.round(bestWall)} renders/s wall (${lines} output lines)`,
  );
}

measure("configFileTemplate (toYaml | indent 2)", configTemplate);
measure("containerResourceTemplate (range, if)", containerTemplate);
