import {describe, expect, it} from 'vitest'
import type {Plan, PlannedChange} from '../../src/plan/plan.js'
import {MARKDOWN_BUDGET, MARKDOWN_MARKER, renderPlanMarkdown} from '../../src/render/plan-markdown.js'

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
  it('stay under the size budget, saying what was left out', () => {
    const markdown = renderPlanMarkdown(planWith(Array.from({length: 2000}, (_, i) => account(i))))
    expect(markdown.length).toBeLessThan(MARKDOWN_BUDGET)
    expect(markdown).toMatch(/_…and \d+ more changes not shown here: the comment would pass GitHub's size limit\. The job log has the whole plan\._\n$/)
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
