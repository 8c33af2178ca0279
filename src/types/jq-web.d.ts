// jq-web ships no types: it exports a promise of the jq runtime (jq compiled to WebAssembly).
declare module "jq-web" {
  const runtime: Promise<{ raw(json: string, filter: string, flags?: string[]): string }>;
  export default runtime;
}
