import {describe, expect, it} from 'vitest'
import type {Diagnostic} from '../../src/diagnostics/diagnostic.js'
import {compactKeys, groupDiagnostics} from '../../src/render/plan-digest.js'

describe('compact lists of apps', () => {
  it.each([
    [['a'], 'a'],
    [['app-1', 'app-2'], 'app-1, app-2'],
    [['app-2', 'app-10', 'app-1', 'app-3', 'app-4'], 'app-1 … app-4, app-10'],
    [['web', 'app-0', 'app-1', 'app-2', 'mobile'], 'app-0 … app-2, mobile, web'],
    [['shop-7', 'shop-9', 'shop-8', 'shop-11'], 'shop-7 … shop-9, shop-11'],
  ])('%j reads %s', (keys, expected) => {
    expect(compactKeys(keys)).toBe(expected)
  })

  it('count the keys past the limit rather than list them', () => {
    const keys = Array.from({length: 40}, (_, i) => `team${String.fromCharCode(97 + (i % 26))}${i}x`)
    const text = compactKeys(keys, 60)
    expect(text.length).toBeLessThan(90)
    const listed = text.split(', and ')[0]?.split(', ').length ?? 0
    expect(text).toMatch(new RegExp(`, and ${40 - listed} more$`))
  })
})

describe('grouped diagnostics', () => {
  const immutable = (app: string, line: number): Diagnostic => ({
    severity: 'error',
    code: 'plan/immutable',
    message: `type of app.${app}.userField.Tier cannot change once it exists`,
    address: `app.${app}.userField.Tier`,
    source: {file: 'chatcfg.yaml', start: {line, column: 5, offset: line * 10}, end: {line, column: 9, offset: line * 10 + 4}},
  })

  it('are the same problem in several apps, with every place kept', () => {
    const groups = groupDiagnostics([immutable('web', 3), immutable('mobile', 9), immutable('web-eu', 12)])
    expect(groups).toHaveLength(1)
    expect(groups[0]).toMatchObject({message: 'type of app.*.userField.Tier cannot change once it exists', apps: ['web', 'mobile', 'web-eu']})
    expect(groups[0]?.sources.map((s) => s.start.line)).toEqual([3, 9, 12])
    expect(groups[0]?.members).toHaveLength(3)
  })

  it('keep apart problems that differ beyond their app, and messages that never name their app', () => {
    const other = {...immutable('mobile', 9), message: 'type of app.mobile.userField.Level cannot change once it exists'}
    const unnamed: Diagnostic = {
      severity: 'error',
      code: 'config/invalid-value',
      message: 'must be one of developer, standard, premium',
      path: '/apps/web/edition',
    }
    const groups = groupDiagnostics([immutable('web', 3), other, unnamed, {...unnamed, path: '/apps/mobile/edition'}])
    expect(groups.map((g) => g.message)).toEqual([
      'type of app.web.userField.Tier cannot change once it exists',
      'type of app.mobile.userField.Level cannot change once it exists',
      'must be one of developer, standard, premium',
      'must be one of developer, standard, premium',
    ])
  })

  it('find the app in a pointer when a diagnostic has no address, and never match a longer key', () => {
    const field = (app: string): Diagnostic => ({
      severity: 'error',
      code: 'plan/undeletable-field',
      message: `custom field "Region" exists in app ${app} but not in userFields`,
      path: `/apps/${app}/userFields`,
    })
    const groups = groupDiagnostics([field('shop'), field('shop-eu'), field('shop')])
    expect(groups).toHaveLength(1)
    expect(groups[0]?.apps).toEqual(['shop', 'shop-eu'])
    expect(groups[0]?.message).toBe('custom field "Region" exists in app * but not in userFields')
  })
})
