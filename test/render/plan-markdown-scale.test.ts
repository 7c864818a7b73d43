import {describe, expect, it} from 'vitest'
import {stringify} from 'yaml'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {renderPlanMarkdown} from '../../src/render/plan-markdown.js'
import {converge, planFor} from '../plan/harness.js'

/** GitHub refuses a pull-request comment longer than this. */
const GITHUB_COMMENT_LIMIT = 65_536
const APPS = 300
const range = <T>(n: number, f: (i: number) => [string, T]) => Object.fromEntries(Array.from({length: n}, (_, i) => f(i)))
const letters = (i: number) => String.fromCharCode(65 + Math.floor(i / 26), 97 + (i % 26))

/** A configuration of 300 apps, each built by `app(i)`. */
const configuration = (app: (i: number) => object) =>
  stringify({version: 1, apps: range(APPS, (i) => [`app-${i}`, app(i)])}, {lineWidth: 0, aliasDuplicateObjects: false})

/** Every section a plan can create at scale: custom fields, accounts, groups, a webhook, settings. */
const busyApp = (i: number) => ({
  name: `App ${i}`,
  edition: 'premium',
  messages: {userStatus: true, conversationsToPull: 300},
  userFields: range(20, (f) => [`U${letters(f)}`, {read: ['app', 'admin'], write: ['admin']}]),
  groupFields: range(10, (f) => [`g_${f}`, {groupTypes: {Work: {read: 'all', write: 'owner'}}}]),
  webhook: {url: 'https://hooks.example.com/im', events: ['State.StateChange', 'C2C.CallbackBeforeSendMsg']},
  accounts: range(10, (a) => [`user${a}`, {nick: `User ${a} of app ${i}`}]),
  groups: range(5, (g) => [`team${g}`, {type: 'Work', name: `Team ${g}`, owner: `user${g}`, members: ['user5', 'user6']}]),
})

describe('a pull-request comment for 300 apps', () => {
  it('where every app is blocked stays under GitHub’s limit, groups identical problems, names what was cut and where the rest is', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    const field = {read: ['app'], write: ['admin']}
    // Every app has the template's fields and one of its own (Xaa, Xab, …).
    const own = (i: number) => `X${letters(i)}`
    await converge(
      emulator,
      configuration((i) => ({name: `App ${i}`, userFields: {Tier: field, Region: field, [own(i)]: field}})),
    )
    // Each app changes two fields' types (immutable) and leaves out a field (never deletable): three rules per app.
    const bytes = {...field, type: 'bytes'}
    const {plan} = await planFor(
      emulator,
      configuration((i) => ({name: `App ${i}`, userFields: {Tier: bytes, [own(i)]: bytes}})),
    )
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(3 * APPS)

    const markdown = renderPlanMarkdown(plan, {wholePlan: 'the job summary of this run'})
    expect(markdown.length).toBeLessThan(GITHUB_COMMENT_LIMIT)
    expect(markdown).toContain('- `plan/immutable` type of app.*.userField.Tier cannot change once it exists — in 300 apps: app-0 … app-299')
    expect(markdown).toContain(
      '- `plan/undeletable-field` custom field "Region" exists in app * but not in userFields; custom fields can never be deleted, so declare it again — in 300 apps: app-0 … app-299',
    )
    expect(markdown).toContain('<code>! app.*.userField.Tier</code> update — blocked by `plan/immutable` — the same change in 300 apps</summary>')
    // The problems each app has alone do not all fit: both sections are cut, and the note counts both.
    const note =
      /_Shortened to stay within GitHub's size limit: (\d+) problems and (\d+) changes not shown\. The whole plan is in the job summary of this run\._/.exec(
        markdown,
      )
    expect(note).not.toBeNull()
    expect(markdown).toContain(`- _…and ${note?.[1]} more problems, not shown here._`)
    expect(markdown).toContain(`- _…and ${note?.[2]} more changes, not shown here._`)
    // Problems come first and keep a fair share: most of the apps' own problems are shown.
    expect(Number(note?.[1])).toBeLessThan(APPS / 2)
    emulator.close()
  })

  it('where every app changes stays under GitHub’s limit, names what was cut and where the rest is', async () => {
    const emulator = Emulator.open({path: ':memory:'})
    const {plan} = await planFor(emulator, configuration(busyApp))
    expect(plan.changes.length).toBeGreaterThan(40 * APPS)

    const markdown = renderPlanMarkdown(plan, {wholePlan: 'the saved plan `plan.json` (`chatcfg show plan.json`)'})
    expect(markdown.length).toBeLessThan(GITHUB_COMMENT_LIMIT)
    // Identical changes are one block each.
    expect(markdown).toContain('<code>+ app.*.userField.UAa</code> create — the same change in 300 apps</summary>\n\nApps: app-0 … app-299')
    expect(markdown).toContain('<code>~ app.*.messages</code> update — the same change in 300 apps</summary>')
    // Accounts differ by app (their nicknames name it): not all of them fit, and the note says so and where to look.
    const note =
      /_Shortened to stay within GitHub's size limit: (\d+) changes not shown\. The whole plan is in the saved plan `plan\.json` \(`chatcfg show plan\.json`\)\._/.exec(
        markdown,
      )
    expect(note).not.toBeNull()
    const shownBlocks = [...markdown.matchAll(/— the same change in (\d+) apps<\/summary>|<details>/g)].length
    expect(shownBlocks).toBeGreaterThan(50)
    expect(markdown).toContain(`- _…and ${note?.[1]} more changes, not shown here._`)
    emulator.close()
  })
})
