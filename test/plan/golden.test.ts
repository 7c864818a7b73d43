import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {renderPlanText} from '../../src/render/plan-text.js'
import {converge, planFor} from './harness.js'

const SCENARIOS = join(import.meta.dirname, '..', 'fixtures', 'plans')
/** Secrets the scenarios read; none of them may appear in any output. */
const ENV = {GOLDEN_TOKEN: 'tok-9f8e7d', GOLDEN_P12: 'UDEyY29udGVudA==', GOLDEN_PASSWORD: 'old-pa55', GOLDEN_NEW_PASSWORD: 'new-pa55'}

describe('golden plans', () => {
  it.each(readdirSync(SCENARIOS).sort())('%s renders byte for byte', async (name) => {
    const folder = join(SCENARIOS, name)
    const emulator = Emulator.open({path: ':memory:'})
    emulator.setClock(Date.UTC(2026, 10, 1))
    // Live state: the live configuration applied until nothing is left (a policy waits for its app's SDKAppID).
    if (existsSync(join(folder, 'live.yaml'))) {
      const live = readFileSync(join(folder, 'live.yaml'), 'utf8')
      while ((await converge(emulator, live, {env: ENV})).changes.length > 0);
    }
    const {plan} = await planFor(emulator, readFileSync(join(folder, 'desired.yaml'), 'utf8'), {env: ENV})
    const text = renderPlanText(plan, {color: false})
    const golden = join(folder, 'plan.txt')
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, text)
    expect(text).toBe(readFileSync(golden, 'utf8'))
    for (const secret of Object.values(ENV)) expect(`${text}${JSON.stringify(plan)}`).not.toContain(secret)
  })
})
