import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {type PlanFormat, renderPlan} from '../../src/render/plan.js'
import {converge, planFor} from './harness.js'

const SCENARIOS = join(import.meta.dirname, '..', 'fixtures', 'plans')
const FORMATS: Array<[PlanFormat, string]> = [
  ['text', 'plan.txt'],
  ['markdown', 'plan.md'],
  ['json', 'plan.json'],
]
const validatePlanJson = new Ajv2020({allErrors: true, strict: true}).compile(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'plan.schema.json'), 'utf8')),
)
/** Secrets the scenarios read; none of them may appear in any output. */
const ENV = {GOLDEN_TOKEN: 'tok-9f8e7d', GOLDEN_P12: 'UDEyY29udGVudA==', GOLDEN_PASSWORD: 'old-pa55', GOLDEN_NEW_PASSWORD: 'new-pa55'}

describe('golden plans', () => {
  it.each(readdirSync(SCENARIOS).sort())('%s renders byte for byte', async (name) => {
    const folder = join(SCENARIOS, name)
    // Fingerprints are keyed per database: a fixed key and clock make the output repeatable.
    const emulator = Emulator.open({path: ':memory:', fingerprintKey: 'golden-scenarios'})
    emulator.setClock(Date.UTC(2026, 10, 1))
    // Live state: the live configuration applied until nothing is left (a policy waits for its app's SDKAppID).
    if (existsSync(join(folder, 'live.yaml'))) {
      const live = readFileSync(join(folder, 'live.yaml'), 'utf8')
      while ((await converge(emulator, live, {env: ENV})).changes.length > 0);
    }
    const {plan} = await planFor(emulator, readFileSync(join(folder, 'desired.yaml'), 'utf8'), {env: ENV})
    for (const [format, file] of FORMATS) {
      const rendered = renderPlan(plan, format, {color: false})
      const golden = join(folder, file)
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, rendered)
      expect(rendered).toBe(readFileSync(golden, 'utf8'))
      for (const secret of Object.values(ENV)) expect(rendered).not.toContain(secret)
    }
    expect(validatePlanJson(JSON.parse(renderPlan(plan, 'json', {color: false})))).toBe(true)
  })
})
