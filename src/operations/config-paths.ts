import {existsSync} from 'node:fs'

/** Without paths, chatcfg reads chatcfg.yaml, or else the chatcfg/ folder, from the working directory. */
export function defaultPaths(cwd: string): string[] {
  for (const candidate of ['chatcfg.yaml', 'chatcfg.yml', 'chatcfg']) if (existsSync(`${cwd}/${candidate}`)) return [candidate]
  return ['chatcfg.yaml']
}

/** The configuration paths a command was given, or the default ones. */
export function configPaths(argv: readonly unknown[], cwd: string): string[] {
  return argv.length > 0 ? argv.map(String) : defaultPaths(cwd)
}
