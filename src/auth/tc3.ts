import {createHash, createHmac, timingSafeEqual} from 'node:crypto'

/** Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256), used to verify what clients send. */

export interface Tc3Request {
  readonly method: string
  /** The query string as sent (empty for POST). */
  readonly query: string
  /** Header names in lower case and their values, for the signed headers. */
  readonly headers: Readonly<Record<string, string>>
  readonly signedHeaders: readonly string[]
  readonly payload: string | Buffer
  readonly service: string
  /** Unix seconds (X-TC-Timestamp). */
  readonly timestamp: number
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest()

/** The UTC date of a timestamp, as the credential scope spells it. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10)
}

export function canonicalRequest(request: Tc3Request): string {
  const names = [...request.signedHeaders].map((h) => h.toLowerCase()).sort()
  const headers = names.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`).join('')
  return [request.method.toUpperCase(), '/', request.query, headers, names.join(';'), sha256(request.payload)].join('\n')
}

export function stringToSign(request: Tc3Request): string {
  return ['TC3-HMAC-SHA256', String(request.timestamp), `${tc3Date(request.timestamp)}/${request.service}/tc3_request`, sha256(canonicalRequest(request))].join(
    '\n',
  )
}

export function tc3Signature(secretKey: string, request: Tc3Request): string {
  const kDate = hmac(`TC3${secretKey}`, tc3Date(request.timestamp))
  const kService = hmac(kDate, request.service)
  const kSigning = hmac(kService, 'tc3_request')
  return createHmac('sha256', kSigning).update(stringToSign(request)).digest('hex')
}

/** The parts of an `Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
export interface Tc3Authorization {
  readonly secretId: string
  readonly date: string
  readonly service: string
  readonly signedHeaders: readonly string[]
  readonly signature: string
}

export function parseTc3Authorization(header: string): Tc3Authorization | undefined {
  const match =
    /^TC3-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    )
  if (!match) return undefined
  const [, secretId, date, service, signed, signature] = match as unknown as [string, string, string, string, string, string]
  return {secretId, date, service, signedHeaders: signed.split(';'), signature}
}

export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
