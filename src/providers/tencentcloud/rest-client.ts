import {randomInt} from 'node:crypto'
import {Agent as HttpAgent, request as httpRequest, type IncomingMessage} from 'node:http'
import {Agent as HttpsAgent, request as httpsRequest} from 'node:https'
import {text} from 'node:stream/consumers'
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
  /** Connections kept open between calls, one pool per scheme; idle ones never keep the process alive. */
  private readonly agents = {http: new HttpAgent({keepAlive: true}), https: new HttpsAgent({keepAlive: true})}
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

  /**
   * POSTs one call and resolves with the answer as it starts to arrive, or rejects when none came in
   * time. node:http with a kept-alive pool costs a fraction of fetch's CPU per call, which at 200 calls
   * a second is most of what the client does.
   */
  private post(url: string, payload: string): Promise<IncomingMessage> {
    const secure = url.startsWith('https:')
    const timeoutMs = this.target.timeoutMs ?? 10_000
    return new Promise((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: secure ? this.agents.https : this.agents.http,
        headers: {'content-type': 'application/json', 'content-length': Buffer.byteLength(payload)},
      })
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)
      request.once('response', (response) => {
        response.once('end', () => clearTimeout(timer))
        response.once('close', () => clearTimeout(timer))
        resolve(response)
      })
      request.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      request.end(payload)
    })
  }

  private async send(sdkAppId: number, command: string, body: object): Promise<RestEnvelope> {
    this.requests.set(command, (this.requests.get(command) ?? 0) + 1)
    const url = this.url(sdkAppId, command)
    let response: IncomingMessage
    try {
      response = await this.post(url, JSON.stringify(body))
    } catch (error) {
      const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      throw new ServiceError('NetworkError', `${command}: no answer from ${this.base} (${cause})`, true, true)
    }
    let envelope: RestEnvelope
    try {
      envelope = JSON.parse(await text(response)) as RestEnvelope
    } catch {
      throw new ServiceError('NetworkError', `${command}: HTTP ${response.statusCode} without a JSON answer`, true, true)
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
    this.agents.http.destroy()
    this.agents.https.destroy()
  }
}
