import {cpSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chatcfg, workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')

function quickstart(): string {
  const cwd = workspace({})
  cpSync(join(ROOT, 'examples', 'quickstart'), cwd, {recursive: true, filter: (source) => !source.includes('.chatcfg')})
  return cwd
}

/** A mistake a user makes on the command line, and the one line chatcfg answers with on stderr (exit 1, nothing on stdout). */
interface Habit {
  readonly name: string
  readonly args: readonly string[]
  readonly stderr: string
}

const habits: Habit[] = [
  {name: 'a mistyped command', args: ['pla'], stderr: 'chatcfg: error: chatcfg pla is not a command; did you mean chatcfg plan? (chatcfg --help lists them)\n'},
  {
    name: 'a mistyped command in a topic',
    args: ['emulator', 'stats'],
    stderr: 'chatcfg: error: chatcfg emulator stats is not a command; did you mean chatcfg emulator status? (chatcfg --help lists them)\n',
  },
  {name: 'a command like none', args: ['xyzzy'], stderr: 'chatcfg: error: chatcfg xyzzy is not a command (chatcfg --help lists them)\n'},
  {
    name: "Terraform's spelling of a flag",
    args: ['plan', '--detailed-exit-code'],
    stderr: 'chatcfg: error: unknown flag --detailed-exit-code (did you mean --detailed-exitcode?); chatcfg plan --help lists them\n',
  },
  {
    name: 'a mistyped flag of an emulator command',
    args: ['emulator', 'status', '--bd', 'x.db'],
    stderr: 'chatcfg: error: unknown flag --bd (did you mean --db?); chatcfg emulator status --help lists them\n',
  },
  {
    name: 'an output file in a folder that is not there',
    args: ['export', '--out', 'missing/x.yaml'],
    stderr: 'chatcfg: error: cannot write missing/x.yaml: the folder missing does not exist; create it first\n',
  },
]

describe('command-line habits', () => {
  it.each(habits)('$name: one line naming the fix', ({args, stderr}) => {
    const cwd = quickstart()
    if (args[0] === 'export') expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    const run = chatcfg([...args], cwd)
    expect(run).toEqual({code: 1, stdout: '', stderr})
  })

  it('help describes each topic as what it holds, not as one of its commands', () => {
    const help = chatcfg(['--help'], workspace({}))
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/emulator\s+The embedded emulator of the Chat service: what it holds, emptying\s+it, serving it over HTTP/)
    expect(help.stdout).toMatch(/steps\s+Console steps an operator makes for settings no public API reaches:/)
    expect(help.stdout).toMatch(/usersig\s+UserSigs made and checked offline, as the console's UserSig tools do/)
  })

  it('JSON is asked for one way, --format json, in every command that prints it', () => {
    const cwd = quickstart()
    const env = {CHATCFG_APP_SECRET_KEY: 'habit-key'}
    const signed = chatcfg(['usersig', 'generate', '--sdk-app-id', '1400000000', '--user-id', 'administrator', '--format', 'json'], cwd, env)
    expect(JSON.parse(signed.stdout)).toMatchObject({formatVersion: 1, sdkAppId: 1400000000, userId: 'administrator'})
    for (const args of [['validate'], ['drift'], ['plan'], ['emulator', 'status']]) {
      expect(JSON.parse(chatcfg([...args, '--format', 'json'], cwd).stdout)).toMatchObject({formatVersion: 1})
    }
    const old = chatcfg(['emulator', 'status', '--json'], cwd)
    expect(old.code).toBe(1)
    expect(old.stderr).toMatch(/^chatcfg: error: unknown flag --json; chatcfg emulator status --help lists them\n$/)
  })

  it('with no configuration, the message names every place chatcfg looks, the chatcfg/ folder included', () => {
    const run = chatcfg(['validate'], workspace({}))
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      'chatcfg: error[config/no-input]: no configuration here: chatcfg reads chatcfg.yaml (or chatcfg.yml), or else every .yaml and .yml file below a chatcfg/ folder, from the working directory; or give the files and folders to read\ninvalid: 1 error, 0 warnings in 0 files\n',
    )
  })

  it('a missing better-sqlite3 binding is one line with the command that fixes it', () => {
    const cwd = quickstart()
    const preload = join(workspace({'no-binding.cjs': NO_BINDING}), 'no-binding.cjs')
    const run = chatcfg(['plan'], cwd, {NODE_OPTIONS: `--require ${preload}`})
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^chatcfg: error: better-sqlite3, .* has no native binding that loads on Node\.js v[\d.]+; run npm rebuild better-sqlite3\n$/)
  })
})

/**
 * Makes the addon fail to load as it does when it was built for another Node.js (the file is there, dlopen refuses
 * it), or never built (the bindings package's search lists every path it tried).
 */
const NO_BINDING = `const Module = require('node:module')
const load = Module._load
Module._load = function (request, ...rest) {
  if (request.endsWith('better_sqlite3.node')) throw Object.assign(new Error('The module was compiled against a different Node.js version'), {code: 'ERR_DLOPEN_FAILED'})
  if (request === 'bindings') return () => { throw new Error('Could not locate the bindings file. Tried:\\n → /a/better_sqlite3.node\\n → /b/better_sqlite3.node') }
  return load.call(this, request, ...rest)
}
`
