import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {stringify} from 'yaml'
import {Emulator} from '../../src/providers/emulator/emulator.js'
import {actions, converge, planFor} from './harness.js'

const letters = fc.stringMatching(/^[A-Z][a-z]{0,6}$/)
const groupTypes = fc.subarray(['Work', 'Public', 'Meeting'], {minLength: 1})

/** Configurations within the service's rules: any edition, settings, fields, accounts and groups. */
const configuration = fc
  .record({
    edition: fc.constantFrom('developer', 'standard', 'premium'),
    recall: fc.integer({min: 1, max: 120}),
    verification: fc.constantFrom('needConfirm', 'allowAny', 'denyAny'),
    userFields: fc.uniqueArray(letters, {maxLength: 5}),
    groupFields: fc.uniqueArray(fc.stringMatching(/^g_[a-z0-9]{1,6}$/), {maxLength: 3}),
    fieldTypes: groupTypes,
    accounts: fc.uniqueArray(fc.stringMatching(/^u[a-z0-9]{1,6}$/), {minLength: 1, maxLength: 6}),
    groups: fc.uniqueArray(fc.stringMatching(/^grp-[a-z0-9]{1,5}$/), {maxLength: 3}),
    premium: fc.boolean(),
    webhook: fc.option(fc.constantFrom('https://a.example.com/im', 'http://10.0.0.1/cb'), {nil: undefined}),
  })
  .map((c) => {
    const premiumAllowed = c.edition !== 'standard' && c.premium
    return {
      version: 1,
      apps: {
        demo: {
          name: 'Demo',
          edition: c.edition,
          messages: {recallLimitMinutes: c.recall, ...(premiumAllowed ? {userStatus: true, conversationsToPull: 200} : {})},
          friends: {verification: c.verification},
          userFields: Object.fromEntries(c.userFields.map((name) => [name, {read: ['app'], write: ['admin']}])),
          groupFields: Object.fromEntries(c.groupFields.map((name) => [name, {groupTypes: Object.fromEntries(c.fieldTypes.map((t) => [t, {read: 'all'}]))}])),
          accounts: Object.fromEntries(c.accounts.map((id) => [id, {nick: id.toUpperCase()}])),
          groups: Object.fromEntries(
            c.groups.map((id, i) => [id, {type: c.fieldTypes[i % c.fieldTypes.length], name: id, owner: c.accounts[0], members: c.accounts.slice(1)}]),
          ),
          ...(c.webhook ? {webhook: {url: c.webhook, events: ['State.StateChange']}} : {}),
        },
      },
    }
  })

describe('convergence', () => {
  it('for any valid configuration, apply and plan again finds nothing to do', async () => {
    await fc.assert(
      fc.asyncProperty(configuration, async (config) => {
        const emulator = Emulator.open({path: ':memory:'})
        const yaml = stringify(config)
        await converge(emulator, yaml)
        expect(actions((await planFor(emulator, yaml)).plan)).toEqual([])
        emulator.close()
      }),
      {numRuns: 40, seed: 20261125},
    )
  })

  it('moving from one valid configuration to another converges too, when no rule blocks it', async () => {
    await fc.assert(
      fc.asyncProperty(configuration, configuration, async (first, second) => {
        const emulator = Emulator.open({path: ':memory:'})
        await converge(emulator, stringify(first))
        // Custom fields never go away: the second configuration keeps the first one's fields.
        const apps = second.apps.demo
        const merged = {...second, apps: {demo: {...apps, userFields: {...first.apps.demo.userFields, ...apps.userFields}}}}
        const yaml = stringify(merged)
        const {plan} = await planFor(emulator, yaml)
        fc.pre(plan.summary.blocked === 0 && !plan.diagnostics.some((d) => d.severity === 'error'))
        await converge(emulator, yaml)
        expect(actions((await planFor(emulator, yaml)).plan)).toEqual([])
        emulator.close()
      }),
      {numRuns: 40, seed: 7},
    )
  })
})
