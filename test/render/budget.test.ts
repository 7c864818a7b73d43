import {describe, expect, it} from 'vitest'
import {allocate, fitting} from '../../src/render/budget.js'

describe('sharing a size limit between sections', () => {
  it.each([
    // needs, weights, available, granted
    [[100, 200], [1, 1], 1000, [100, 200]],
    [[1000, 1000], [1, 1], 1000, [500, 500]],
    [[100, 5000], [3, 1], 1000, [100, 900]],
    [[5000, 5000, 5000], [3, 1, 4], 800, [300, 100, 400]],
    [[0, 5000], [3, 1], 1000, [0, 1000]],
    [[10, 20], [1, 1], -5, [0, 0]],
  ])('needs %j weighted %j within %i get %j', (needs, weights, available, granted) => {
    const result = allocate(needs, weights, available)
    expect(result).toEqual(granted)
    expect(result.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Math.max(0, available))
  })

  it('take items in order, passing over one too large for what is left', () => {
    expect(fitting(['aaaa', 'bb', 'c'], 8)).toEqual([0, 1])
    expect(fitting(['aaaa', 'bbbbbbbb', 'c'], 8)).toEqual([0, 2])
    expect(fitting(['aaaa', 'cc'], 2)).toEqual([])
  })
})
