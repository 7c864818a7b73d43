import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {sortedCopy} from '../../src/model/attributes.js'

describe('sortedCopy', () => {
  it('sorts as a copy sorted by the default order does, and leaves the list as it was', () => {
    const items = fc.oneof(fc.string({unit: 'binary'}), fc.constantFrom('a', 'B', 'é', '\uffff', '\ud83d\ude00', '10', '9'), fc.integer(), fc.constant(null))
    fc.assert(
      fc.property(fc.array(items, {maxLength: 12}), (list) => {
        const before = [...list]
        const copy = sortedCopy(list)
        expect(copy).toEqual([...list].sort())
        expect(copy).not.toBe(list)
        expect(list).toEqual(before)
      }),
      {numRuns: 2000},
    )
  })

  it('gives a new list for one in order already', () => {
    const members = ['alice', 'bob', 'carol']
    const copy = sortedCopy(members)
    expect(copy).toEqual(members)
    copy.push('dave')
    expect(members).toEqual(['alice', 'bob', 'carol'])
  })
})
