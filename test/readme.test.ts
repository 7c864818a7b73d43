import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DIAGNOSTIC_CODES} from '../src/diagnostics/codes.js'
import {applyFromFiles, confirmConsoleSteps, planFromFiles} from '../src/index.js'
import {workspace} from './helpers.js'

const ROOT = join(import.meta.dirname, '..')
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const sources = (folder: string): string =>
  readdirSync(join(ROOT, folder), {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.ts'))
    .map((file) => read(join(folder, file)))
    .join('\n')

/** The README's table of the service rules chatcfg checks: per row, chatcfg's codes and the emulator's. */
function rulesTable(): Array<{rule: string; chatcfg: string[]; emulator: string[]}> {
  const readme = read('README.md')
  const start = readme.indexOf('### Service rules chatcfg checks')
  const section = readme.slice(start, readme.indexOf('\n## ', start))
  const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '')
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| service rule'))
    .map((line) => {
      const [rule = '', chatcfg = '', emulator = ''] = line.split(' | ').map((cell) => cell.replace(/^\| |\|$/g, ''))
      return {rule, chatcfg: codes(chatcfg), emulator: codes(emulator)}
    })
}

/** Codes chatcfg's rules report about the configuration itself, not about a rule of the service. */
const OWN_CODES = new Set(['config/secret-in-clear', 'config/unknown-reference', 'config/undeclared-account'])

describe("README's table of the service rules chatcfg checks", () => {
  const table = rulesTable()

  it('lists every service rule code the rules report', () => {
    const reported = new Set([...sources('src/rules').matchAll(/code: '((?:config|plan)\/[a-z-]+)'/g)].map((m) => m[1]))
    const listed = new Set(table.flatMap((row) => row.chatcfg))
    expect([...reported].filter((code) => code !== undefined && !OWN_CODES.has(code) && !listed.has(code))).toEqual([])
  })

  it('names only codes chatcfg has, and emulator codes the emulator answers', () => {
    expect(table.length).toBeGreaterThan(20)
    const emulator = sources('src/providers/emulator')
    for (const row of table) {
      for (const code of row.chatcfg) expect(Object.hasOwn(DIAGNOSTIC_CODES, code), `${row.rule}: ${code}`).toBe(true)
      for (const code of row.emulator) expect(new RegExp(`['(\\s]${code.replace(/\./g, '\\.')}['),]`).test(emulator), `${row.rule}: ${code}`).toBe(true)
    }
  })
})

/** The README's YAML blocks that are whole configurations for the emulator (`version: 1`, no tencentcloud provider), as written. */
function readmeConfigurations(): string[] {
  return [...read('README.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .filter((text) => /^version: 1$/m.test(text) && !/^\s+tencentcloud:/m.test(text))
}

describe("README's configurations", () => {
  const env = {WEBHOOK_TOKEN: 'readme-token', APNS_P12_PASSWORD: 'readme-password'}
  const files = (text: string) => ({
    'chatcfg.yaml': text,
    'certs/prod.p12': readFileSync(join(ROOT, 'examples', 'premium-complete', 'certs', 'apns-production.p12')),
  })
  const hooks = {showPlan: () => {}, confirm: async () => true, starting: () => {}, onResult: () => {}, operator: async () => undefined, warn: () => {}}

  it.each(readmeConfigurations().map((text, index) => [index + 1, text] as const))(
    'configuration %i converges on the default emulator as written',
    async (_, text) => {
      const cwd = workspace(files(text))
      const request = {paths: [], cwd, env, toolVersion: 'readme', interactive: false, autoApprove: true, hooks}
      // A policy naming an app the same plan creates waits for its SDKAppID: the second apply makes it, as the README says.
      for (const round of [1, 2]) {
        const applied = await applyFromFiles(request)
        const failed = applied.ok && 'report' in applied ? applied.report.results.filter((r) => r.status !== 'applied').map((r) => r.error?.message) : []
        expect({round, status: applied.ok && applied.status, failed}).toEqual({
          round,
          status: expect.stringMatching(/^(applied|no-changes)$/),
          failed: [],
        })
      }
      const again = await planFromFiles({paths: [], cwd, env, toolVersion: 'readme'})
      expect(again.ok && again.plan.changes.map((c) => c.address)).toEqual([])
    },
  )

  it('include the main example', () => {
    expect(readmeConfigurations().length).toBeGreaterThan(0)
  })
})

/** The README's configurations written for the real service (a tencentcloud provider block), as written. */
function readmeRealServiceConfigurations(): string[] {
  return [...read('README.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .filter((text) => /^version: 1$/m.test(text) && /^\s+tencentcloud:/m.test(text))
}

describe("README's configurations for the real service", () => {
  const APP_KEY = '7c1e5b0f2d9a4c3b8e6f1a2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3'
  const credentials = {secretId: 'AKIDchatcfgREADME0000000000000000000', secretKey: 'readme-secret-key-0000000000000000'}
  const hooks = {showPlan: () => {}, confirm: async () => true, starting: () => {}, onResult: () => {}, operator: async () => undefined, warn: () => {}}

  it('include one', () => {
    expect(readmeRealServiceConfigurations().length).toBeGreaterThan(0)
  })

  it.each(readmeRealServiceConfigurations().map((text, index) => [index + 1, text] as const))(
    'configuration %i converges against emulator serve as written, with only the endpoint added',
    async (_, text) => {
      const {Emulator} = await import('../src/index.js')
      const {serveEmulator} = await import('../src/providers/emulator/serve/server.js')
      const emulator = Emulator.open({path: ':memory:', account: {uin: 100000000001}})
      // The apps the README names by SDKAppID were made in the console, under those keys; the emulator numbers apps from 1400000000.
      const named = new Map([...text.matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n)*? {4}sdkAppId: (\d+)/gm)].map((m) => [Number(m[2]), m[1] ?? ''] as const))
      const ids = [...named.keys()]
      for (let id = 1_400_000_000; id <= Math.max(...ids); id++) {
        const key = named.get(id) ?? `console-${id}`
        await emulator.apply({action: 'create', kind: 'app', address: `app.${key}`, name: key, after: {name: key}})
      }
      const server = await serveEmulator(emulator, {credentials, appSecretKey: (id) => (ids.includes(id) ? APP_KEY : undefined)})
      try {
        const pointed = text.replace(/^(\s+)tencentcloud:\n/m, (line, indent: string) => `${line}${indent}  endpoint: ${server.url}\n`)
        const cwd = workspace({'chatcfg.yaml': pointed})
        const env = {TENCENTCLOUD_SECRET_ID: credentials.secretId, TENCENTCLOUD_SECRET_KEY: credentials.secretKey, CHATCFG_APP_SECRET_KEY: APP_KEY}
        const request = {paths: [], cwd, env, toolVersion: 'readme'}
        const applied = await applyFromFiles({...request, interactive: false, autoApprove: true, hooks})
        if (applied.ok && applied.status === 'steps-pending') {
          // An operator makes the console steps (in the emulator, its console makes the same change) and records them without a terminal.
          const steps = applied.checklist.items.map((item) => item.change)
          for (const step of steps) await emulator.apply({...step, ...(step.kind === 'app' ? {after: {...step.after, tags: step.before?.tags ?? {}}} : {})})
          const addresses = steps.map((step) => step.address)
          const confirmed = await confirmConsoleSteps({...request, addresses, by: 'readme', sdkAppIds: {}, interactive: false, operator: async () => undefined})
          expect(confirmed.ok && confirmed.status).toBe('confirmed')
          const rest = await applyFromFiles({...request, interactive: false, autoApprove: true, hooks})
          expect(rest.ok && rest.status).toMatch(/^(applied|no-changes)$/)
        } else {
          expect(applied.ok && applied.status).toMatch(/^(applied|no-changes)$/)
        }
        const again = await planFromFiles(request)
        expect(again.ok && again.plan.changes.map((c) => c.address)).toEqual([])
      } finally {
        await server.close()
        emulator.close()
      }
    },
  )
})
