import {createHmac, timingSafeEqual} from 'node:crypto'
import {deflateSync, inflateSync} from 'node:zlib'

/** The console's default validity for a UserSig: 180 days, in seconds. */
export const DEFAULT_USERSIG_VALIDITY_SECONDS = 180 * 24 * 3600

export interface UserSigFields {
  readonly sdkAppId: number
  readonly identifier: string
  /** Unix seconds at which the signature was made. */
  readonly time: number
  /** Validity in seconds from `time`. */
  readonly expire: number
}

/**
 * How far in the future a UserSig's time may lie, for clocks that differ a little: the same five minutes
 * API 3.0 allows a request's timestamp.
 */
export const USERSIG_CLOCK_SKEW_SECONDS = 300

/** The service's answer to a UserSig it will not take, with the REST error code it returns. */
export interface UserSigRejection {
  readonly code: 70001 | 70002 | 70003 | 70009 | 70013 | 70014
  readonly message: string
}

/** The four lines signed, in the service's exact order, each ending in a newline. */
export function userSigContent(fields: UserSigFields): string {
  return `TLS.identifier:${fields.identifier}\nTLS.sdkappid:${fields.sdkAppId}\nTLS.time:${fields.time}\nTLS.expire:${fields.expire}\n`
}

/** HMAC-SHA256 of the content, keyed by the secret key's text as ASCII (not hex-decoded), in standard base64. */
export function userSigSignature(secretKey: string, fields: UserSigFields): string {
  return createHmac('sha256', secretKey).update(userSigContent(fields)).digest('base64')
}

// Tencent's own base64 variant, not RFC 4648 base64url.
const TO_VARIANT: Record<string, string> = {'+': '*', '/': '-', '=': '_'}
const FROM_VARIANT: Record<string, string> = {'*': '+', '-': '/', _: '='}

export function generateUserSig(secretKey: string, fields: UserSigFields): string {
  const document = {
    'TLS.ver': '2.0',
    'TLS.identifier': fields.identifier,
    'TLS.sdkappid': fields.sdkAppId,
    'TLS.expire': fields.expire,
    'TLS.time': fields.time,
    'TLS.sig': userSigSignature(secretKey, fields),
  }
  return deflateSync(Buffer.from(JSON.stringify(document), 'utf8'))
    .toString('base64')
    .replace(/[+/=]/g, (c) => TO_VARIANT[c] ?? c)
}

/** What a UserSig says about itself, without checking it: undefined when it cannot be read at all. */
export function decodeUserSig(userSig: string): (UserSigFields & {readonly sig: string}) | undefined {
  try {
    if (!/^[A-Za-z0-9*_-]+$/.test(userSig)) return undefined
    const text = inflateSync(
      Buffer.from(
        userSig.replace(/[*\-_]/g, (c) => FROM_VARIANT[c] ?? c),
        'base64',
      ),
      {maxOutputLength: 64 * 1024},
    ).toString('utf8')
    const document = JSON.parse(text) as Record<string, unknown>
    const [identifier, sdkAppId, time, expire, sig] = ['TLS.identifier', 'TLS.sdkappid', 'TLS.time', 'TLS.expire', 'TLS.sig'].map((k) => document[k])
    if (typeof identifier !== 'string' || typeof sig !== 'string') return undefined
    if (![sdkAppId, time, expire].every((n) => typeof n === 'number' && Number.isSafeInteger(n))) return undefined
    return {identifier, sdkAppId: sdkAppId as number, time: time as number, expire: expire as number, sig}
  } catch {
    return undefined
  }
}

export interface VerifyRequest {
  readonly secretKey: string
  readonly sdkAppId: number
  readonly identifier: string
  /** Unix seconds now. */
  readonly now: number
}

/**
 * Checks a UserSig the way the service does, in its order: readable, SDKAppID, identifier, expiry,
 * not made in the future, signature. Returns the decoded fields, or the service's refusal with its code.
 */
export function verifyUserSig(userSig: string, request: VerifyRequest): {ok: true; fields: UserSigFields} | {ok: false; rejection: UserSigRejection} {
  const refuse = (code: UserSigRejection['code'], message: string) => ({ok: false as const, rejection: {code, message}})
  if (userSig === '') return refuse(70002, 'the UserSig is empty')
  const decoded = decodeUserSig(userSig)
  if (!decoded) return refuse(70003, 'the UserSig cannot be decoded')
  if (decoded.sdkAppId !== request.sdkAppId) return refuse(70014, `the UserSig was made for SDKAppID ${decoded.sdkAppId}, not ${request.sdkAppId}`)
  if (decoded.identifier !== request.identifier) return refuse(70013, `the UserSig was made for ${decoded.identifier}, not ${request.identifier}`)
  if (request.now > decoded.time + decoded.expire)
    return refuse(70001, `the UserSig expired at ${new Date((decoded.time + decoded.expire) * 1000).toISOString()}`)
  // The service documents no code of its own for a UserSig made in the future; 70009 (the UserSig failed
  // verification) is the documented refusal that fits, and it is not retried.
  if (decoded.time > request.now + USERSIG_CLOCK_SKEW_SECONDS)
    return refuse(70009, `the UserSig was made at ${new Date(decoded.time * 1000).toISOString()}, in the future; check the clock of the machine that made it`)
  const expected = Buffer.from(userSigSignature(request.secretKey, decoded))
  const given = Buffer.from(decoded.sig)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return refuse(70009, 'the UserSig signature does not match the app key')
  const {sig: _sig, ...fields} = decoded
  return {ok: true, fields}
}
