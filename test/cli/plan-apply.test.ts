import {cpSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chatcfg, workspace} from '../helpers.js'

const ROOT = join(import.meta.dirname, '..', '..')
const EXAMPLE_ENV = {WEBHOOK_TOKEN: 'e2e-token-secret', HUAWEI_APP_SECRET: 'e2e-huawei-secret', APNS_P12_PASSWORD: 'e2e-p12-secret'}

/** A copy of an example in a fresh folder, so the emulator database lands there. */
function example(name: string): string {
  const cwd = workspace({})
  // Not the emulator state a local demo run may have left beside the example.
  cpSync(join(ROOT, 'examples', name), cwd, {recursive: true, filter: (source) => !source.includes('.chatcfg')})
  return cwd
}

describe('chatcfg plan and apply against the emulator', () => {
  it('applies the complete example, then plans nothing, and never prints a secret', () => {
    const cwd = example('premium-complete')
    const apply = chatcfg(['apply', '--auto-approve'], cwd, EXAMPLE_ENV)
    expect(apply.code).toBe(0)
    expect(apply.stdout).toMatch(/Apply complete: \d+ changes applied\.\n$/)
    const plan = chatcfg(['plan', '--detailed-exitcode'], cwd, EXAMPLE_ENV)
    expect(plan).toMatchObject({code: 0, stdout: 'No changes. Live state matches the configuration.\n'})
    const journal = readFileSync(join(cwd, '.chatcfg', 'last-apply.json'), 'utf8')
    for (const secret of Object.values(EXAMPLE_ENV)) expect(`${apply.stdout}${plan.stdout}${journal}`).not.toContain(secret)
  })

  it.each(['quickstart', 'staging-production'])('the %s example round-trips', (name) => {
    const cwd = example(name)
    expect(chatcfg(['apply', '--auto-approve', '.'], cwd).code).toBe(0)
    expect(chatcfg(['plan', '--detailed-exitcode', '.'], cwd).code).toBe(0)
  })

  it('an edit is pending (exit 2), applies, and then nothing is pending', () => {
    const cwd = example('quickstart')
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    const file = join(cwd, 'chatcfg.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('recallLimitMinutes: 5', 'recallLimitMinutes: 10'))
    const plan = chatcfg(['plan', '--detailed-exitcode'], cwd)
    expect(plan.code).toBe(2)
    expect(plan.stdout).toContain('~ app.demo.messages (update)\n    recallLimitMinutes: 5 → 10\n')
    expect(chatcfg(['plan'], cwd).code).toBe(0)
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    expect(chatcfg(['plan', '--detailed-exitcode'], cwd).code).toBe(0)
  })

  it('a blocked change exits 3 with its located message, and changes nothing', () => {
    const cwd = example('quickstart')
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    const before = chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout
    const file = join(cwd, 'chatcfg.yaml')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('Tier: { type: string,', 'Tier: { type: bytes,').replace('recallLimitMinutes: 5', 'recallLimitMinutes: 9'),
    )
    const plan = chatcfg(['plan'], cwd)
    expect(plan.code).toBe(3)
    expect(plan.stdout).toContain('chatcfg.yaml:12:21: error[plan/immutable]: type of app.demo.userField.Tier cannot change once it exists\n')
    const apply = chatcfg(['apply', '--auto-approve'], cwd)
    expect(apply.code).toBe(3)
    expect(apply.stdout).toContain('Nothing applied: the plan is blocked.')
    expect(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout).toBe(before)
  })

  it.each([
    {name: 'a custom field removed', edit: (t: string) => t.replace(/\n {4}userFields:\n.*\n/, '\n'), code: 'plan/undeletable-field'},
    {
      name: 'an edition lowered',
      first: (t: string) => t.replace('edition: developer', 'edition: premium'),
      edit: (t: string) => t.replace('edition: developer', 'edition: standard'),
      code: 'plan/edition-downgrade',
    },
    {name: 'an account type changed', edit: (t: string) => t.replace('alice: { nick: Alice }', 'alice: { nick: Alice, type: admin }'), code: 'plan/immutable'},
    {name: 'a group type changed', edit: (t: string) => t.replace('type: Work', 'type: Public'), code: 'plan/immutable'},
    {
      name: 'a webhook moved to a prefix port',
      edit: (t: string) => t.replace('https://hooks.example.com/im', 'https://hooks.example.com:4433/im'),
      code: 'plan/webhook-port',
    },
  ])('$name: plan and apply exit 3 with the located rule, and nothing changes', ({first, edit, code}) => {
    const cwd = example('quickstart')
    const file = join(cwd, 'chatcfg.yaml')
    const original = readFileSync(file, 'utf8')
    if (first) writeFileSync(file, first(original))
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    const before = chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout
    writeFileSync(file, edit(original))
    const plan = chatcfg(['plan'], cwd)
    expect(plan.code).toBe(3)
    expect(plan.stdout).toMatch(new RegExp(`^chatcfg\\.yaml:\\d+:\\d+: error\\[${code}\\]`, 'm'))
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(3)
    expect(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout).toBe(before)
  })

  it('without a terminal, apply needs --auto-approve and applies nothing', () => {
    const cwd = example('quickstart')
    const apply = chatcfg(['apply'], cwd)
    expect(apply.code).toBe(1)
    expect(apply.stderr).toBe('chatcfg: error: apply needs --auto-approve when there is no terminal to confirm on; nothing applied\n')
    expect(JSON.parse(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout).apps).toEqual([])
  })

  it('a failure part-way is reported as done, failed and not attempted, and the next apply converges', () => {
    const cwd = example('quickstart')
    // With this seed an answer in the second wave is lost after the change was stored: its outcome is unknown.
    const failed = chatcfg(['apply', '--auto-approve'], cwd, {CHATCFG_EMULATOR_FAULTS: 'seed=4,drop=0.25'})
    expect(failed.code).toBe(1)
    expect(failed.stdout).toMatch(
      /failed: NetworkError: connection dropped before the answer arrived \(injected fault\) \(the outcome is unknown; the next plan will read what happened\)/,
    )
    expect(failed.stdout).toContain('Apply failed: 2 applied, 1 failed, 4 not attempted.')
    const journal = JSON.parse(readFileSync(join(cwd, '.chatcfg', 'last-apply.json'), 'utf8'))
    expect(journal.results.map((r: {status: string}) => r.status)).toContain('not-attempted')
    expect(chatcfg(['apply', '--auto-approve'], cwd).code).toBe(0)
    expect(chatcfg(['plan', '--detailed-exitcode'], cwd).code).toBe(0)
  })

  it('a saved plan holds no secret, shows as it was planned, applies once, and is refused once stale', () => {
    const cwd = example('premium-complete')
    const planned = chatcfg(['plan', '--out', 'plan.json'], cwd, EXAMPLE_ENV)
    expect(planned.code).toBe(0)
    const file = readFileSync(join(cwd, 'plan.json'), 'utf8')
    for (const secret of Object.values(EXAMPLE_ENV)) expect(file).not.toContain(secret)
    expect(chatcfg(['show', 'plan.json'], cwd).stdout).toBe(planned.stdout)
    expect(chatcfg(['apply', 'plan.json', '--auto-approve'], cwd, EXAMPLE_ENV).code).toBe(0)
    const again = chatcfg(['apply', 'plan.json', '--auto-approve'], cwd, EXAMPLE_ENV)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(
      /^chatcfg: error: the saved plan plan\.json is stale: live state of app\.support, .* and \d+ more changed since the plan was made\. Nothing applied; plan again\n$/,
    )
  })

  it('a saved plan is refused when the configuration changed, naming that', () => {
    const cwd = example('quickstart')
    expect(chatcfg(['plan', '--out', 'plan.json'], cwd).code).toBe(0)
    const config = join(cwd, 'chatcfg.yaml')
    writeFileSync(config, readFileSync(config, 'utf8').replace('name: Demo Chat', 'name: Demo Chat 2'))
    const apply = chatcfg(['apply', 'plan.json', '--auto-approve'], cwd)
    expect(apply.code).toBe(1)
    expect(apply.stderr).toContain('the configuration files changed since the plan was made')
    expect(JSON.parse(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout).exists).toBe(true)
    expect(JSON.parse(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout).apps).toEqual([])
  })

  it('a saved plan is refused when a secret changed since, or when the file was edited', () => {
    const cwd = example('premium-complete')
    expect(chatcfg(['plan', '--out', 'plan.json'], cwd, EXAMPLE_ENV).code).toBe(0)
    const rotated = chatcfg(['apply', 'plan.json', '--auto-approve'], cwd, {...EXAMPLE_ENV, WEBHOOK_TOKEN: 'another-token'})
    expect(rotated.code).toBe(1)
    expect(rotated.stderr).toContain('secret values of app.support.webhook differ from those the plan was made with')
    const file = join(cwd, 'plan.json')
    writeFileSync(file, readFileSync(file, 'utf8').replace('"name": "Support Chat"', '"name": "Hijacked"'))
    const edited = chatcfg(['apply', 'plan.json', '--auto-approve'], cwd, EXAMPLE_ENV)
    expect(edited).toMatchObject({code: 1, stderr: 'chatcfg: error: plan.json was changed after it was made: its changes no longer match its fingerprint\n'})
    expect(JSON.parse(chatcfg(['emulator', 'status', '--format', 'json'], cwd).stdout).apps).toEqual([])
  })

  it('asking for something that is not there is an error (1), not a blocked plan (3)', () => {
    const cwd = example('quickstart')
    const plan = chatcfg(['plan', '--target', 'app.nope'], cwd)
    expect(plan.code).toBe(1)
    expect(plan.stdout).toContain('error[plan/target-not-found]: --target app.nope matches no resource')
  })

  it('with --format json, a failure is still JSON on standard output, naming the missing folder in one line', () => {
    const cwd = example('quickstart')
    const run = chatcfg(['plan', '--format', 'json', '--out', join('missing-folder', 'plan.json')], cwd)
    expect(run.code).toBe(1)
    const message = 'cannot write missing-folder/plan.json: the folder missing-folder does not exist; create it first'
    expect(JSON.parse(run.stdout)).toEqual({formatVersion: 1, error: {message}})
    expect(run.stderr).toBe(`chatcfg: error: ${message}\n`)
  })

  it('a file that is not a plan is one clear error', () => {
    const cwd = workspace({'plan.json': '{"hello": 1}'})
    expect(chatcfg(['show', 'plan.json'], cwd)).toMatchObject({code: 1, stderr: 'chatcfg: error: plan.json is not a chatcfg plan file\n'})
  })

  it('an invalid configuration exits 1 before anything is opened', () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\napps:\n  demo: { name: Demo, edition: gold }\n'})
    const plan = chatcfg(['plan'], cwd)
    expect(plan.code).toBe(1)
    expect(plan.stdout).toContain('chatcfg.yaml:3:32: error[config/invalid-value]')
    expect(existsSync(join(cwd, '.chatcfg'))).toBe(false)
  })
})
