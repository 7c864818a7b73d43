import {randomUUID} from 'node:crypto'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {setTimeout as sleep} from 'node:timers/promises'
import type {Site} from '../../../wire/rest-v4.js'
import type {Emulator} from '../emulator.js'
import {answerCloudApi, type CloudCredentials} from './cloud-api.js'
import {RateLimiter, ServeStats} from './rate-limit.js'
import {answerRest} from './rest-v4.js'

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

export interface ServeOptions {
  readonly host?: string
  /** 0 picks a free port. */
  readonly port?: number
  /** Listening beyond loopback exposes the emulator to the network; it must be asked for by name. */
  readonly allowRemote?: boolean
  readonly credentials: CloudCredentials
  /** Each app's secret key, which UserSigs are checked against. */
  readonly appSecretKey: (sdkAppId: number) => string | undefined
  readonly maxBodyBytes?: number
  /** Simulated network latency added to every answer, in milliseconds. */
  readonly latencyMs?: number
  /** Multiplies every documented rate limit (default 1), for campaigns that are about something else. */
  readonly rateMultiplier?: number
  /** The site whose documented limits apply where the sites' pages differ (default intl). */
  readonly site?: Site
}

export interface EmulatorServer {
  readonly url: string
  readonly port: number
  readonly stats: ServeStats
  close(): Promise<void>
}

export class ServeRefusedError extends Error {}

/** Reads a request body up to a limit; undefined when it is larger (the rest is not read). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) return undefined
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text)})
  response.end(text)
}

/**
 * Serves the emulator over HTTP in the real wire formats: REST v4 under /v4/ (UserSig of an app admin,
 * v4 envelope) and API 3.0 for CAM and Tag at / (TC3 signature, API 3.0 envelope), each within its
 * documented rate. Loopback only unless `allowRemote`.
 */
export async function serveEmulator(emulator: Emulator, options: ServeOptions): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1'
  if (!LOOPBACK.has(host) && !options.allowRemote)
    throw new ServeRefusedError(`${host} is not a loopback address; the emulator listens on 127.0.0.1 unless --allow-remote is given`)
  const limiter = new RateLimiter(undefined, options.rateMultiplier ?? 1)
  const stats = new ServeStats()
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const nowSeconds = () => Math.floor(emulator.now() / 1000)

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const arrived = performance.now()
    const onCall = (endpoint: string, throttled: boolean) => stats.record(endpoint, throttled, arrived)
    const url = new URL(request.url ?? '/', 'http://emulator')
    const rest = url.pathname.startsWith('/v4/')
    const body = await readBody(request, maxBody)
    if (options.latencyMs) await sleep(options.latencyMs)
    // A request refused before it reaches either API, in the envelope of the API it was meant for.
    const refuse = (restCode: number, cloudCode: string, message: string) => {
      const envelope = rest
        ? {ActionStatus: 'FAIL', ErrorCode: restCode, ErrorInfo: message}
        : {Response: {Error: {Code: cloudCode, Message: message}, RequestId: randomUUID()}}
      send(response, 200, envelope)
    }
    // REST v4 takes POST only; API 3.0 takes GET as well, which the official SDKs can send.
    if (request.method !== 'POST' && (rest || request.method !== 'GET')) return refuse(60002, 'UnsupportedOperation', `${request.method} is not accepted`)
    if (body === undefined) {
      // Nothing more is read: answer, then close the connection on the client's remaining bytes.
      response.setHeader('connection', 'close')
      return refuse(60002, 'InvalidParameter', `the request body is larger than ${maxBody} bytes`)
    }
    if (rest) {
      const answer = await answerRest(emulator, url, body.toString('utf8'), {
        appSecretKey: options.appSecretKey,
        limiter,
        nowSeconds,
        onCall,
        ...(options.site ? {site: options.site} : {}),
      })
      send(response, answer.status, answer.body)
      return
    }
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]))
    const query = url.search.slice(1)
    const answer = await answerCloudApi(
      emulator,
      {method: request.method ?? 'POST', query, headers, body},
      {credentials: options.credentials, limiter, nowSeconds, requestId: randomUUID, onCall},
    )
    send(response, answer.status, answer.body)
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      // An answer lost on purpose (a dropped-connection fault) or an internal failure: the client sees the connection end.
      response.destroy()
    })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
