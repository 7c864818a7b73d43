import {symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {codesOf, loadChecked, workspace} from '../helpers.js'

const TEMPLATES = `version: 1
templates:
  base:
    edition: standard
    messages:
      recallLimitMinutes: 5
      syncConversationDeletion: true
    webhook:
      url: https://hooks.example.com/im
      events: [State.StateChange, C2C.CallbackAfterSendMsg]
`

describe('several files and templates', () => {
  it('merges apps from several files and expands templates, the app winning', () => {
    const cwd = workspace({
      'conf/templates.yaml': TEMPLATES,
      'conf/apps.yaml': `version: 1
apps:
  staging:
    extends: base
    name: Staging
    messages: { recallLimitMinutes: 10 }
    webhook:
      events: [State.StateChange]
  production:
    extends: [base]
    name: Production
    edition: premium
`,
    })
    const result = loadChecked(['conf'], {cwd, env: {}})
    expect(result.diagnostics).toEqual([])
    const apps = result.config?.apps ?? {}
    // Maps merge key by key; lists are replaced whole.
    expect(apps.staging.messages).toEqual({recallLimitMinutes: 10, syncConversationDeletion: true})
    expect(apps.staging.webhook).toEqual({url: 'https://hooks.example.com/im', events: ['State.StateChange']})
    expect(apps.staging.edition).toBe('standard')
    expect(apps.production.edition).toBe('premium')
    expect(apps.production.webhook?.events).toEqual(['State.StateChange', 'C2C.CallbackAfterSendMsg'])
  })

  it('reports a problem in an inherited value at the template, once, however many apps extend it', () => {
    const cwd = workspace({
      'conf/templates.yaml': TEMPLATES.replace('recallLimitMinutes: 5', 'recallLimitMinutes: -1'),
      'conf/apps.yaml': 'version: 1\napps:\n  one: { extends: base, name: One }\n  two: { extends: base, name: Two }\n',
    })
    const result = loadChecked(['conf'], {cwd, env: {}})
    expect(result.diagnostics.map((d) => `${d.code} ${d.source?.file}:${d.source?.start.line}:${d.source?.start.column}`)).toEqual([
      'config/invalid-value conf/templates.yaml:6:27',
    ])
  })

  it('reports a rule broken by an inherited value at the template too', () => {
    const cwd = workspace({
      'conf/templates.yaml': 'version: 1\ntemplates:\n  live:\n    messages: { userStatus: true }\n',
      'conf/apps.yaml': 'version: 1\napps:\n  std: { extends: live, name: Std, edition: standard }\n',
    })
    const result = loadChecked(['conf'], {cwd, env: {}})
    expect(result.diagnostics.map((d) => `${d.code} ${d.source?.file}:${d.source?.start.line}`)).toEqual(['config/edition-feature conf/templates.yaml:4'])
  })

  it('warns about a template nobody extends', () => {
    const cwd = workspace({'chatcfg.yaml': `${TEMPLATES}apps:\n  demo: { name: Demo }\n`})
    expect(codesOf(loadChecked(['chatcfg.yaml'], {cwd, env: {}}), 'warning')).toEqual(['config/unused-template'])
  })

  it('accepts the same version or provider in several files, but not different ones', () => {
    const provider = 'provider: { emulator: { path: x.db } }\n'
    const cwd = workspace({'a.yaml': `version: 1\n${provider}apps: { a: { name: A } }\n`, 'b.yaml': `version: 1\n${provider}apps: { b: { name: B } }\n`})
    expect(loadChecked(['a.yaml', 'b.yaml'], {cwd, env: {}}).diagnostics).toEqual([])
    const conflicting = workspace({'a.yaml': 'version: 1\n', 'b.yaml': 'version: 2\n'})
    expect(codesOf(loadChecked(['a.yaml', 'b.yaml'], {cwd: conflicting, env: {}}))).toEqual(['config/provider-conflict'])
  })

  it('reads YAML files that a folder holds through symbolic links to files inside it', () => {
    const cwd = workspace({'conf/shared/apps.txt': 'version: 1\napps: { a: { name: A } }\n', 'conf/own.yaml': 'version: 1\napps: { b: { name: B } }\n'})
    symlinkSync(join(cwd, 'conf', 'shared', 'apps.txt'), join(cwd, 'conf', 'linked.yaml'))
    const result = loadChecked(['conf'], {cwd, env: {}})
    expect(result.diagnostics).toEqual([])
    expect(Object.keys(result.config?.apps ?? {}).sort()).toEqual(['a', 'b'])
  })

  it('refuses a YAML file in a folder that links outside it, without reading it', () => {
    const cwd = workspace({'shared/apps.yaml': 'version: 1\napps: { a: { name: OUTSIDE_VALUE } }\n', 'conf/own.yaml': 'version: 1\n'})
    symlinkSync(join(cwd, 'shared', 'apps.yaml'), join(cwd, 'conf', 'linked.yaml'))
    const result = loadChecked(['conf'], {cwd, env: {}})
    expect(result.diagnostics.map((d) => `${d.source?.file}:${d.source?.start.line}:${d.source?.start.column} ${d.code}`)).toEqual([
      'conf/linked.yaml:1:1 config/outside-folder',
    ])
    expect(JSON.stringify(result)).not.toContain('OUTSIDE_VALUE')
  })

  it('reports a value reached through an alias where the alias is used', () => {
    const yaml =
      'version: 1\napps:\n  a:\n    name: A\n    edition: premium\n    login: &login { multiDevice: multi }\n  b:\n    name: B\n    edition: standard\n    login: *login\n'
    const cwd = workspace({'chatcfg.yaml': yaml})
    const result = loadChecked(['chatcfg.yaml'], {cwd, env: {}})
    expect(result.diagnostics.map((d) => `${d.code} ${d.path} ${d.source?.start.line}`)).toEqual(['config/edition-feature /apps/b/login/multiDevice 6'])
  })

  it('a missing version does not hide the other problems', () => {
    const cwd = workspace({'chatcfg.yaml': 'apps:\n  demo: { name: Demo, edition: standard, messages: { userStatus: true } }\n'})
    expect(codesOf(loadChecked(['chatcfg.yaml'], {cwd, env: {}}))).toEqual(['config/missing-key', 'config/edition-feature'])
  })

  it('reads a file named twice only once', () => {
    const cwd = workspace({'chatcfg.yaml': 'version: 1\napps: { a: { name: A } }\n'})
    expect(loadChecked(['chatcfg.yaml', '.', './chatcfg.yaml'], {cwd, env: {}}).diagnostics).toEqual([])
  })
})
