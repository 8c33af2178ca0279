// picomatch ships no types; this is the one call stackyard makes (the same matcher fast-glob uses).
declare module "picomatch" {
  interface PicomatchOptions {
    dot?: boolean;
  }
  function picomatch(
    patterns: string | readonly string[],
    options?: PicomatchOptions,
  ): (path: string) => boolean;
  export default picomatch;
}
