/** What every operation on configuration files is given: the paths (none means the defaults), where it runs, and its environment. */
export interface ConfigRequest {
  /** Files or folders; empty reads chatcfg.yaml, or else the chatcfg/ folder, from `cwd`. */
  readonly paths: readonly string[]
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  /** `check` validates ${…} references by their form without reading them (validate); planning resolves them (the default). */
  readonly references?: 'resolve' | 'check'
}
