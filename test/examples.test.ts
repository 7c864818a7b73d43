import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {validateConfiguration} from '../src/operations/validate.js'
import {loadChecked, workspace} from './helpers.js'

const EXAMPLES = join(import.meta.dirname, '..', 'examples')
/** The secrets the complete example reads from the environment. */
const EXAMPLE_ENV = {WEBHOOK_TOKEN: 'example-token', HUAWEI_APP_SECRET: 'example-secret', APNS_P12_PASSWORD: 'example-password'}

describe('examples', () => {
  it.each(readdirSync(EXAMPLES).sort())('%s validates with no errors and no warnings', (name) => {
    const result = loadChecked([join('examples', name)], {cwd: join(EXAMPLES, '..'), env: EXAMPLE_ENV})
    expect(result.diagnostics).toEqual([])
    expect(result.config).toBeDefined()
  })

  it('cover a quickstart, a complete premium app, staging plus production, and access policies', () => {
    expect(readdirSync(EXAMPLES).sort()).toEqual(['access-policies', 'premium-complete', 'quickstart', 'staging-production'])
  })

  it('the complete example uses every section of an app', () => {
    const result = loadChecked(['examples/premium-complete'], {cwd: join(EXAMPLES, '..'), env: EXAMPLE_ENV})
    const app = result.config?.apps?.support ?? {}
    const sections = [
      'login',
      'messages',
      'friends',
      'userFields',
      'friendFields',
      'groupFields',
      'groupMemberFields',
      'groupSettings',
      'webhook',
      'push',
      'accounts',
      'groups',
      'tags',
      'trtc',
    ]
    expect(sections.filter((section) => !(section in app))).toEqual([])
  })
})

describe('every example and every configuration in the README validates with no environment variable set', () => {
  const readme = readFileSync(join(EXAMPLES, '..', 'README.md'), 'utf8')
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match, index) => ({name: `README configuration ${index + 1}`, yaml: match[1]}))

  it.each(readdirSync(EXAMPLES).sort())('examples/%s', (name) => {
    const result = validateConfiguration({paths: [join('examples', name)], cwd: join(EXAMPLES, '..'), env: {}, references: 'check'})
    expect(result.diagnostics).toEqual([])
  })

  it('the README shows configurations', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3)
  })

  it.each(blocks)('$name', ({yaml}) => {
    const result = validateConfiguration({paths: ['chatcfg.yaml'], cwd: workspace({'chatcfg.yaml': yaml}), env: {}, references: 'check'})
    expect(result.diagnostics).toEqual([])
  })
})
