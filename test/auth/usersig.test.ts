import {createHmac} from 'node:crypto'
import {describe, expect, it} from 'vitest'
import {decodeUserSig, generateUserSig, userSigContent, userSigSignature, verifyUserSig} from '../../src/auth/usersig.js'

// The worked vector: the public demo key of the UserSig libraries, at a fixed time.
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e'
const FIELDS = {sdkAppId: 1400000000, identifier: 'xiaojun', time: 1700000000, expire: 15552000}
const PUBLISHED_USERSIG =
  'eNqrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMikVhRkFqUCxU1NTY3goiWZuSAxc1S1xZnpQJN9yhzNU-Q9y83Tg4vzirPLwqqcXAL8nZ1dkkr9nMtN3D3KQ5wNkjILtJ1MbJVqAa3HMfI_'

describe('UserSig v2', () => {
  it('signs the four lines of the worked vector to its published HMAC and TLS.sig', () => {
    expect(userSigContent(FIELDS)).toBe('TLS.identifier:xiaojun\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:15552000\n')
    expect(createHmac('sha256', KEY).update(userSigContent(FIELDS)).digest('hex')).toBe('2ef03b77f230ee04ac9ec92f5730433ce0820dbb8d0b0e061f04c2d1b8a9f81e')
    expect(userSigSignature(KEY, FIELDS)).toBe('LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=')
  })

  it('decodes the published UserSig to the vector fields and verifies it', () => {
    expect(decodeUserSig(PUBLISHED_USERSIG)).toEqual({...FIELDS, sig: 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4='})
    const result = verifyUserSig(PUBLISHED_USERSIG, {secretKey: KEY, sdkAppId: 1400000000, identifier: 'xiaojun', now: 1700000100})
    expect(result).toEqual({ok: true, fields: FIELDS})
  })

  it('round-trips what it generates, in the service alphabet', () => {
    const userSig = generateUserSig(KEY, FIELDS)
    expect(userSig).toMatch(/^[A-Za-z0-9*_-]+$/)
    expect(decodeUserSig(userSig)).toMatchObject(FIELDS)
  })

  it.each([
    ['empty', '', {}, 70002],
    ['unreadable', 'not-a-usersig!', {}, 70003],
    ['another app', PUBLISHED_USERSIG, {sdkAppId: 1400000001}, 70014],
    ['another identifier', PUBLISHED_USERSIG, {identifier: 'admin'}, 70013],
    ['expired', PUBLISHED_USERSIG, {now: 1700000000 + 15552000 + 1}, 70001],
    ['wrong key', PUBLISHED_USERSIG, {secretKey: `${KEY.slice(0, -1)}f`}, 70009],
    ['made a year in the future', PUBLISHED_USERSIG, {now: 1700000000 - 365 * 24 * 3600}, 70009],
    ['made beyond the clock skew', PUBLISHED_USERSIG, {now: 1700000000 - 301}, 70009],
  ])('refuses a UserSig: %s → %i', (_name, userSig, override, code) => {
    const result = verifyUserSig(userSig, {secretKey: KEY, sdkAppId: 1400000000, identifier: 'xiaojun', now: 1700000100, ...override})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.rejection.code).toBe(code)
  })

  it('takes a UserSig made up to five minutes ahead of the clock', () => {
    const result = verifyUserSig(PUBLISHED_USERSIG, {secretKey: KEY, sdkAppId: 1400000000, identifier: 'xiaojun', now: 1700000000 - 300})
    expect(result.ok).toBe(true)
  })

  it('still verifies at the last second of validity', () => {
    const result = verifyUserSig(PUBLISHED_USERSIG, {secretKey: KEY, sdkAppId: 1400000000, identifier: 'xiaojun', now: 1700000000 + 15552000})
    expect(result.ok).toBe(true)
  })
})
