import {describe, expect, it} from 'vitest'
import type {Diagnostic} from '../../src/diagnostics/diagnostic.js'
import type {Plan, PlannedChange} from '../../src/plan/plan.js'
import {JOB_SUMMARY_BUDGET, MARKDOWN_BUDGET, MARKDOWN_MARKER, renderInvalidMarkdown, renderPlanMarkdown} from '../../src/render/plan-markdown.js'

function planWith(changes: PlannedChange[], blocked = 0): Plan {
  const count = (action: string) => changes.filter((c) => c.action === action && c.blockedBy.length === 0).length
  return {
    formatVersion: 1,
    provider: 'emulator',
    changes,
    diagnostics: [],
    summary: {create: count('create'), update: count('update'), delete: count('delete'), blocked},
    liveFingerprints: {},
    fingerprint: 'sha256:0',
  }
}

const account = (i: number): PlannedChange => ({
  action: 'create',
  kind: 'account',
  address: `app.big.account.user-${i}`,
  appKey: 'big',
  name: `user-${i}`,
  after: {type: 'general', nick: `User number ${i} with a longish nickname`, selfSignature: 'x'.repeat(200)},
  changedPaths: ['type', 'nick', 'selfSignature'],
  blockedBy: [],
  wave: 2,
})

describe('markdown plans for pull requests', () => {
  it('stay under the size budget, saying what was left out and where the whole plan is', () => {
    const plan = planWith(Array.from({length: 2000}, (_, i) => account(i)))
    const markdown = renderPlanMarkdown(plan, {wholePlan: 'the job summary of this run'})
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_BUDGET)
    const cut = /^_Shortened to stay within GitHub's size limit: (\d+) changes not shown\. The whole plan is in the job summary of this run\._$/m.exec(markdown)
    expect(Number(cut?.[1])).toBeGreaterThan(0)
    expect(markdown).toMatch(new RegExp(`- _…and ${cut?.[1]} more changes, not shown here\\._\n$`))
    // Without a place to point at, the note never claims one: it says how to see the whole plan.
    expect(renderPlanMarkdown(plan)).toContain('Run `chatcfg plan` on this configuration to see the whole plan.')
    // A larger budget (a job summary) shows more, and nothing is cut when everything fits.
    expect(renderPlanMarkdown({...plan, changes: plan.changes.slice(0, 500)}, {budget: JOB_SUMMARY_BUDGET})).not.toContain('Shortened')
  })

  it('budget problems and warnings too, whatever their number', () => {
    const diagnostics: Diagnostic[] = Array.from({length: 3000}, (_, i) => ({
      severity: i % 3 === 0 ? 'warning' : 'error',
      code: 'plan/immutable',
      message: `type of policy.p${i} cannot change once it exists ${'and this message is long '.repeat(4)}`,
    }))
    const markdown = renderPlanMarkdown({...planWith(Array.from({length: 500}, (_, i) => account(i))), diagnostics})
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_BUDGET)
    expect(markdown).toMatch(/Shortened to stay within GitHub's size limit: \d+ problems and \d+ warnings and \d+ changes not shown/)
    // Each section keeps a share: none is crowded out by another.
    for (const title of ['#### Problems', '#### Warnings', '#### Changes']) {
      const section = markdown.split(title)[1]?.split('####')[0] ?? ''
      expect(section.split('\n').filter((line) => line.startsWith('- `') || line.startsWith('<details>')).length).toBeGreaterThan(10)
    }
  })

  it('show what a deletion takes away, with a banner at the top', () => {
    const remove: PlannedChange = {
      action: 'delete',
      kind: 'account',
      address: 'app.big.account.old',
      appKey: 'big',
      name: 'old',
      before: {type: 'general', nick: 'Old Timer'},
      changedPaths: [],
      blockedBy: [],
      wave: 9,
    }
    const emptied: PlannedChange = {
      action: 'update',
      kind: 'group',
      address: 'app.big.group.lobby',
      appKey: 'big',
      name: 'lobby',
      before: {members: ['a', 'b'], name: 'Lobby'},
      after: {members: ['a'], name: 'Hall'},
      changedPaths: ['members', 'name'],
      blockedBy: [],
      wave: 3,
    }
    const markdown = renderPlanMarkdown(planWith([account(1), emptied, remove]))
    const lines = markdown.split('\n')
    expect(lines.slice(3, 7)).toEqual([
      '> [!CAUTION]',
      '> **Deletes 1 resource**: app.big.account.old',
      '>',
      '> **Removes values** from 1 resource: app.big.group.lobby (members)',
    ])
    expect(markdown).toContain('<code>- app.big.account.old</code> delete</summary>\n\n```diff\n- type = "general"\n- nick = "Old Timer"\n```')
    expect(renderPlanMarkdown(planWith([account(1)]))).not.toContain('[!CAUTION]')
  })

  it('show the same change in many apps once, listing the apps compactly', () => {
    const edition = (app: string): PlannedChange => ({
      action: 'update',
      kind: 'app',
      address: `app.${app}`,
      appKey: app,
      name: app,
      before: {edition: 'standard', name: app},
      after: {edition: 'premium', name: app},
      changedPaths: ['edition'],
      blockedBy: [],
      wave: 0,
    })
    const apps = [...Array.from({length: 12}, (_, i) => `shop-${i}`), 'support']
    const markdown = renderPlanMarkdown(planWith([...apps.map(edition), {...edition('odd'), after: {edition: 'developer', name: 'odd'}}]))
    expect(markdown).toContain(
      '<details><summary><code>~ app.*</code> update — the same change in 13 apps</summary>\n\nApps: shop-0 … shop-11, support\n\n```diff\n- edition: "standard"\n+ edition: "premium"\n```',
    )
    expect(markdown).toContain('<code>~ app.odd</code> update</summary>')
  })

  it('for an invalid configuration still carry the marker and list the errors', () => {
    const diagnostics: Diagnostic[] = [
      {
        severity: 'error',
        code: 'config/invalid-value',
        message: '"premum" is not allowed here; did you mean "premium"?',
        source: {file: 'chatcfg.yaml', start: {line: 4, column: 14, offset: 40}, end: {line: 4, column: 20, offset: 46}},
      },
      {severity: 'warning', code: 'config/undeclared-account', message: "host is not declared in this app's accounts and must already be registered"},
    ]
    const markdown = renderInvalidMarkdown({files: ['chatcfg.yaml'], diagnostics})
    expect(markdown).toBe(
      [
        MARKDOWN_MARKER,
        '**chatcfg plan** — the configuration is invalid: 1 error, 1 warning in 1 file; nothing can be planned until the errors are fixed.',
        '',
        '#### Problems',
        '',
        '- `config/invalid-value` "premum" is not allowed here; did you mean "premium"? (`chatcfg.yaml:4:14`)',
        '',
        '#### Warnings',
        '',
        "- `config/undeclared-account` host is not declared in this app's accounts and must already be registered",
        '',
        '',
      ].join('\n'),
    )
  })

  it('start with the marker and a one-line summary, and put blocked and destructive changes first', () => {
    const remove: PlannedChange = {
      action: 'delete',
      kind: 'group',
      address: 'app.big.group.old',
      appKey: 'big',
      name: 'old',
      before: {type: 'Work', name: 'Old'},
      changedPaths: [],
      blockedBy: [],
      wave: 9,
    }
    const blocked: PlannedChange = {
      ...account(2),
      action: 'update',
      address: 'app.big.account.x',
      before: {type: 'general'},
      after: {type: 'admin'},
      changedPaths: ['type'],
      blockedBy: ['plan/immutable'],
    }
    const lines = renderPlanMarkdown(planWith([account(1), remove, blocked], 1)).split('\n')
    expect(lines[0]).toBe(MARKDOWN_MARKER)
    expect(lines[1]).toBe(
      '**chatcfg plan** — 1 to create, 0 to update, 1 to delete, 1 blocked; **blocked**: nothing will be applied until the problems below are fixed.',
    )
    const order = lines.filter((line) => line.startsWith('<details>')).map((line) => /<code>(.*?)<\/code>/.exec(line)?.[1])
    expect(order).toEqual(['! app.big.account.x', '- app.big.group.old', '+ app.big.account.user-1'])
  })
})
