import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {configSchema} from '../config/schema.js'

/** The workflows `init` copies, shipped with the package (package.json "files"). */
export const WORKFLOW_TEMPLATES = join(import.meta.dirname, '..', '..', 'templates', 'github', 'workflows')
const SCHEMA_FILE = 'chatcfg.schema.json'
const IGNORED = '.chatcfg/'

export interface InitRequest {
  /** The folder to start in. */
  readonly cwd: string
}

export type InitOutcome =
  /** Files that are there already: nothing was written. */
  | {readonly ok: false; readonly existing: readonly string[]}
  /** What was written, relative to `cwd`, in order; `.gitignore` is listed when the line was added to one that was there. */
  | {readonly ok: true; readonly written: readonly string[]; readonly ignoreAppended: boolean}

const STARTING_CONFIGURATION = `# yaml-language-server: $schema=./${SCHEMA_FILE}
# A starting configuration: one developer-edition app. \`chatcfg validate\` checks it offline; \`chatcfg plan\`
# shows what would change, against the local emulator until a provider is named below.
version: 1

# To manage apps on Tencent Cloud, name the account (secrets come from TENCENTCLOUD_SECRET_ID and
# TENCENTCLOUD_SECRET_KEY); console settings are then recorded in chatcfg.state.json, committed beside this file.
# provider:
#   tencentcloud:
#     region: ap-singapore
#     uin: 100000000001

apps:
  chat:
    name: Chat
    edition: developer
    messages:
      recallLimitMinutes: 2
    accounts:
      administrator: { type: admin }
`

/**
 * \`chatcfg init\`: a starting configuration whose modeline points at the schema written beside it, a
 * .gitignore entry for the emulator's local files, and the GitHub Actions workflows. Overwrites nothing:
 * when any of these files is there already, nothing at all is written.
 */
export function initRepository(request: InitRequest): InitOutcome {
  const workflows = readdirSync(WORKFLOW_TEMPLATES)
    .filter((name) => name.endsWith('.yml'))
    .sort()
  const files = new Map<string, string>([
    ['chatcfg.yaml', STARTING_CONFIGURATION],
    [SCHEMA_FILE, `${JSON.stringify(configSchema(), null, 2)}\n`],
    ...workflows.map((name): [string, string] => [join('.github', 'workflows', name), readFileSync(join(WORKFLOW_TEMPLATES, name), 'utf8')]),
  ])
  // A chatcfg/ folder is a configuration too (read when chatcfg.yaml is absent).
  const existing = [...files.keys(), 'chatcfg/'].filter((path) => existsSync(resolve(request.cwd, path)))
  if (existing.length > 0) return {ok: false, existing}

  for (const [path, text] of files) {
    mkdirSync(dirname(resolve(request.cwd, path)), {recursive: true})
    writeFileSync(resolve(request.cwd, path), text, {flag: 'wx'})
  }
  // A .gitignore of the repository's own is added to, never replaced.
  const ignore = resolve(request.cwd, '.gitignore')
  const before = existsSync(ignore) ? readFileSync(ignore, 'utf8') : undefined
  const ignored = before?.split(/\r?\n/).some((line) => line.trim() === IGNORED || line.trim() === '.chatcfg') ?? false
  if (!ignored) {
    const separator = before === undefined || before === '' || before.endsWith('\n') ? '' : '\n'
    writeFileSync(ignore, `${before ?? ''}${separator}# chatcfg's local emulator and apply journal\n${IGNORED}\n`)
  }
  return {ok: true, written: [...files.keys(), ...(ignored ? [] : ['.gitignore'])], ignoreAppended: before !== undefined && !ignored}
}
