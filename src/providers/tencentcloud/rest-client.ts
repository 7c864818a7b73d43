import {randomInt} from 'node:crypto'
import {generateUserSig} from '../../auth/usersig.js'
import {REST_DOMAINS, RETRYABLE_REST_CODES, type Region, type RestEnvelope, restRate} from '../../wire/rest-v4.js'
import {ServiceError} from '../errors.js'
import {withRetries} from '../retries.js'
import {EndpointPacers} from './pacing.js'

export interface RestTarget {
  readonly region: Region
  /** A base URL replacing the region's domain (chatcfg emulator serve); https://<domain> otherwise. */
  readonly endpoint?: string
  /** The app admin the calls are made as. */
  readonly admin: string
  readonly appSecretKey: (sdkAppId: number) => string | undefined
  readonly timeoutMs?: number
  readonly retries?: number
  readonly minRetryDelayMs?: number
}

/** UserSigs for the admin are made for a day and remade an hour before they run out. */
const USERSIG_VALIDITY_SECONDS = 24 * 3600
const USERSIG_RENEW_SECONDS = 3600

/**
 * REST API v4: every call POSTs JSON as the app admin with a fresh UserSig, paced within its endpoint's
 * documented rate, and repeated with backoff when the service says it was throttled or hit a transient
 * fault. A call with no answer is repeated only when it reads.
 */
export class RestClient {
  private readonly signatures = new Map<number, {userSig: string; until: number}>()
  /**
   * Each endpoint within its documented rate, which the service counts per app (60011 is the SDKAppID's
   * own limit), with a few calls in flight to hide the network's latency.
   */
  private readonly pacers = new EndpointPacers(
    (key) => restRate(key.slice(key.indexOf(':') + 1)),
    (rate) => Math.max(1, Math.min(32, Math.ceil(rate / 5))),
  )
  /** Calls sent per endpoint, retries included: what the service saw. */
  readonly requests = new Map<string, number>()

  constructor(private readonly target: RestTarget) {}

  private userSig(sdkAppId: number): string {
    const now = Math.floor(Date.now() / 1000)
    const cached = this.signatures.get(sdkAppId)
    if (cached && cached.until - now > USERSIG_RENEW_SECONDS) return cached.userSig
    const key = this.target.appSecretKey(sdkAppId)
    if (!key) {
      throw new ServiceError(
        'chatcfg.AppKeyMissing',
        `no secret key for app ${sdkAppId}: set CHATCFG_APP_SECRET_KEY_${sdkAppId} (or CHATCFG_APP_SECRET_KEY), or add it to the credentials file`,
      )
    }
    const userSig = generateUserSig(key, {sdkAppId, identifier: this.target.admin, time: now, expire: USERSIG_VALIDITY_SECONDS})
    this.signatures.set(sdkAppId, {userSig, until: now + USERSIG_VALIDITY_SECONDS})
    return userSig
  }

  private get base(): string {
    return (this.target.endpoint ?? `https://${REST_DOMAINS[this.target.region]}`).replace(/\/$/, '')
  }

  private url(sdkAppId: number, command: string): string {
    const query = new URLSearchParams({
      sdkappid: String(sdkAppId),
      identifier: this.target.admin,
      usersig: this.userSig(sdkAppId),
      random: String(randomInt(0, 2 ** 32)),
      contenttype: 'json',
    })
    return `${this.base}/v4/${command}?${query}`
  }

  private async send(sdkAppId: number, command: string, body: object): Promise<RestEnvelope> {
    this.requests.set(command, (this.requests.get(command) ?? 0) + 1)
    let response: Response
    try {
      response = await fetch(this.url(sdkAppId, command), {
        method: 'POST',
        headers: {'content-type': 'application/json'},
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.target.timeoutMs ?? 10_000),
      })
    } catch (error) {
      if (error instanceof ServiceError) throw error
      const cause = (error as Error & {cause?: {code?: string}}).cause?.code ?? (error as Error).message
      throw new ServiceError('NetworkError', `${command}: no answer from ${this.base} (${cause})`, true, true)
    }
    let envelope: RestEnvelope
    try {
      envelope = (await response.json()) as RestEnvelope
    } catch {
      throw new ServiceError('NetworkError', `${command}: HTTP ${response.status} without a JSON answer`, true, true)
    }
    if (typeof envelope?.ErrorCode !== 'number') throw new ServiceError('NetworkError', `${command}: the answer has no ErrorCode`, true, true)
    if (envelope.ErrorCode !== 0 || envelope.ActionStatus === 'FAIL') {
      throw new ServiceError(
        envelope.ErrorCode,
        `${command}: ${envelope.ErrorInfo || `error ${envelope.ErrorCode}`}`,
        RETRYABLE_REST_CODES.has(envelope.ErrorCode),
      )
    }
    return envelope
  }

  /**
   * One call. `reads` says it changes nothing, so it may be repeated even after a lost answer. An
   * expired UserSig is remade once.
   */
  async call<T extends object = Record<string, unknown>>(sdkAppId: number, command: string, body: object, reads = false): Promise<RestEnvelope & T> {
    const attempt = async () => {
      try {
        return await this.pacers.for(`${sdkAppId}:${command}`)(() => this.send(sdkAppId, command, body))
      } catch (error) {
        // An expired UserSig is remade, and the call made again with the new one.
        if (error instanceof ServiceError && error.code === 70001) {
          this.signatures.delete(sdkAppId)
          throw new ServiceError(70001, error.message, true)
        }
        throw error
      }
    }
    return (await withRetries(attempt, this.target, reads)) as RestEnvelope & T
  }

  close(): void {
    this.pacers.clear()
  }
}
